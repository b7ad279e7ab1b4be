"""Browser: after signing, an amendment approved by every party changes the agreement (or a
target's norm) and both versions stay visible."""

from typing import Any

import pytest

from tests.browser.conftest import assert_accessible, login
from tests.conftest import target_of
from tests.process.conftest import approve_all, to_decision
from woonafspraken.agreements.models import Agreement
from woonafspraken.process.models import Amendment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_amendment_approved_by_all_changes_the_agreement_and_both_versions_show(
    in_browser: Any, live_server: Any, maastricht: Any, user: Any, college: Any
) -> None:
    base = live_server.url
    to_decision(maastricht, user("beheer"))
    approve_all(maastricht)
    agreement = Agreement.objects.filter(theme__cycle=maastricht).order_by("pk").first()
    original = agreement.title

    def propose(page: Any) -> str:
        login(page, base, "gemeente-maastricht")
        page.goto(f"{base}/cycli/{maastricht.pk}/proces/?deel=uitvoering")
        assert "ondertekend" in page.inner_text(".phase")
        assert_accessible(page)
        page.select_option("#am-agreement", str(agreement.pk))
        page.fill("#am-title", "Betaalbare woningen toevoegen, ook tijdelijk")
        page.fill("#am-description", "Tijdelijke woningen tellen mee")
        page.click("text=Voorstel indienen")
        assert "Het wijzigingsvoorstel is ingediend" in page.inner_text(".messages")
        page.context.clear_cookies()
        return page.url

    amendment_url = in_browser(propose)
    approve_all(maastricht, amendment=Amendment.objects.get(), but="woonpunt")

    def last_approval(page: Any) -> None:
        login(page, base, "woonpunt")
        page.goto(amendment_url)
        assert_accessible(page)
        page.fill("input[name=decided_on]", "2019-12-10")
        page.click("button:has-text('Goedkeuren namens Woonpunt')")
        assert "vastgesteld" in page.inner_text(".amendment-status")
        assert original in page.inner_text(".old-version")
        assert "Betaalbare woningen toevoegen, ook tijdelijk" in page.inner_text(".new-version")
        page.goto(f"{base}/afspraken/{agreement.pk}/")
        assert "Betaalbare woningen toevoegen, ook tijdelijk" in page.inner_text("h1")
        page.goto(f"{base}/cycli/{maastricht.pk}/proces/?deel=goedkeuren")
        assert page.locator(".sha256").count() == 2  # the signed version and the amended one

    in_browser(last_approval)


def test_a_new_norm_approved_by_all_changes_the_target_and_both_versions_show(
    in_browser: Any, live_server: Any, maastricht: Any, user: Any, college: Any
) -> None:
    base = live_server.url
    to_decision(maastricht, user("beheer"))
    approve_all(maastricht)
    target = target_of(maastricht, "Nieuwbouw", "woonpunt")

    def propose(page: Any) -> str:
        login(page, base, "gemeente-maastricht")
        page.goto(f"{base}/cycli/{maastricht.pk}/proces/?deel=uitvoering")
        assert_accessible(page)
        page.select_option("#am-target", str(target.pk))
        page.fill("#am-value", "75")
        page.fill("#am-description", "Woonpunt bouwt meer")
        page.click("text=Voorstel indienen")
        assert "Het wijzigingsvoorstel is ingediend" in page.inner_text(".messages")
        assert "minimaal 60" in page.inner_text(".old-version")
        assert "minimaal 75" in page.inner_text(".new-version")
        assert_accessible(page)
        page.context.clear_cookies()
        return page.url

    amendment_url = in_browser(propose)
    approve_all(maastricht, amendment=Amendment.objects.get(), but="woonpunt")

    def last_approval(page: Any) -> None:
        login(page, base, "woonpunt")
        page.goto(amendment_url)
        page.fill("input[name=decided_on]", "2019-12-10")
        page.click("button:has-text('Goedkeuren namens Woonpunt')")
        assert "vastgesteld" in page.inner_text(".amendment-status")
        assert "minimaal 60" in page.inner_text(".old-version")
        assert "minimaal 75" in page.inner_text(".new-version")
        assert_accessible(page)
        page.goto(f"{base}/afspraken/{target.agreement_id}/")
        assert "minimaal 75" in page.inner_text("main")
        page.goto(f"{base}/cycli/{maastricht.pk}/proces/?deel=goedkeuren")
        assert page.locator(".sha256").count() == 2  # the signed version and the amended one

    in_browser(last_approval)
    target.refresh_from_db()
    assert target.value == 75
