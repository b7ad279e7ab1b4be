"""Browser: a party adds a dispute point and writes its position, the municipality records how
it was settled; the page stays accessible."""

from typing import Any

import pytest

from tests.browser.conftest import assert_accessible, login
from woonafspraken.process.models import DisputePoint, DisputePosition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_party_adds_a_point_and_then_changes_its_position_on_an_accessible_page(
    in_browser: Any, live_server: Any, maastricht: Any
) -> None:
    base = live_server.url

    def steps(page: Any) -> None:
        login(page, base, "woonpunt")
        page.goto(f"{base}/cycli/{maastricht.pk}/proces/?deel=geschil")
        page.click("text=Geschilpunten en standpunten")
        assert_accessible(page)
        page.fill("#dp-subject", "Aantal nieuwe sociale huurwoningen")
        page.fill("textarea[name^=position-]", "Hoogstens 60 per jaar.")
        page.click("text=Geschilpunt vastleggen")
        assert "Het geschilpunt is vastgelegd" in page.inner_text(".messages")
        row = page.locator("td.position[data-party=woonpunt]")
        assert "Hoogstens 60 per jaar." in row.inner_text()
        row.locator("summary").click()
        row.locator("textarea").fill("Hoogstens 80 per jaar.")
        assert_accessible(page)
        row.locator("button").click()
        assert "Het standpunt van Woonpunt is opgeslagen" in page.inner_text(".messages")
        assert "Hoogstens 80 per jaar." in page.inner_text("td.position[data-party=woonpunt]")
        assert "(geen standpunt opgegeven)" in page.inner_text("td.position[data-party=servatius]")

    def resolve(page: Any) -> None:
        page.context.clear_cookies()
        login(page, base, "gemeente-maastricht")
        page.goto(f"{base}/cycli/{maastricht.pk}/geschilpunten/")
        page.fill("textarea[name=resolution]", "Afgesproken: 70 per jaar.")
        assert_accessible(page)
        page.click("text=Vastleggen als opgelost")
        assert "is opgelost" in page.inner_text(".messages")
        assert "Afgesproken: 70 per jaar." in page.inner_text(".dispute-point")
        assert page.locator("textarea[name=resolution]").count() == 0
        assert_accessible(page)

    in_browser(steps)
    assert DisputePosition.objects.get().position == "Hoogstens 80 per jaar."
    in_browser(resolve)
    assert DisputePoint.objects.get().resolution == "Afgesproken: 70 per jaar."
