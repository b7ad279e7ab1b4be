"""A municipality's first hour and first year, from an empty installation, in real Chromium:
``woonafspraken setup``, then only the web pages. Every page of the journey is checked with axe.

First administrator → profile → three corporations and two tenant organisations → people
invited with roles → cycle 2019 with its parties → theme with lead and project leader →
indicator → agreement with a norm → the corporation enters a figure and sees the verdict →
phases → every party approves → made public, seen by a visitor → close → a write is refused →
reopen with a reason → the history shows it → next year copied from last year, with its report.
"""

import re
from typing import Any

import pytest
from django.core import mail

from tests.accounts.conftest import PASSWORD, set_up
from tests.browser.conftest import assert_accessible
from woonafspraken.agreements.models import Agreement, Cycle, Target, Theme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit] >> text=Inloggen")
    page.wait_for_url(f"{base}/")


def _person(browser: Any, base: str, username: str) -> Any:
    """A second person at their own computer: a separate browser context, logged in."""
    page = browser.new_context(locale="nl-NL").new_page()
    _log_in(page, base, username)
    return page


def _add_organisation(
    page: Any, base: str, municipality: int, kind: str, name: str, **extra: Any
) -> None:
    page.goto(f"{base}/beheer/gemeenten/{municipality}/")
    page.select_option("#id_new-kind", kind)
    page.fill("#id_new-name", name)
    if "aw_number" in extra:
        page.fill("#id_new-aw_number", extra["aw_number"])
    for corporation in extra.get("corporations", ()):
        page.get_by_label(corporation, exact=True).check()
    page.click("text=Organisatie toevoegen >> nth=-1")
    page.wait_for_url(re.compile(r".*/beheer/organisaties/\d+/$"))


def _invite(page: Any, browser: Any, base: str, first: str, email: str, roles: list[str]) -> None:
    """Invite on the organisation's page; the person opens the link and sets a password."""
    page.fill("#id_invite-first_name", first)
    page.fill("#id_invite-last_name", "Jansen")
    page.fill("#id_invite-email", email)
    for role in roles:
        page.check(f"label:has-text('{role}')")
    page.click("text=Uitnodiging versturen")
    page.wait_for_selector("text=Uitnodiging verstuurd")
    link = re.search(r"http://[^/\s]+(/uitnodiging/[^/\s]+/)", mail.outbox[-1].body)
    assert link and mail.outbox[-1].to == [email]
    visitor = browser.new_context(locale="nl-NL").new_page()
    visitor.goto(base + link.group(1))
    assert_accessible(visitor)
    visitor.fill("#id_password1", "kort")
    visitor.fill("#id_password2", "kort")
    visitor.click("text=Wachtwoord instellen")
    assert "Dit wachtwoord is te kort" in visitor.inner_text("main")  # in Dutch
    visitor.fill("#id_password1", PASSWORD)
    visitor.fill("#id_password2", PASSWORD)
    visitor.click("text=Wachtwoord instellen")
    visitor.wait_for_url(f"{base}/")
    visitor.context.close()


def _to_phase(page: Any, base: str, cycle: int, label: str, reason: str = "") -> None:
    page.goto(f"{base}/cycli/{cycle}/proces/")
    if reason:
        page.fill("#phase-note", reason)
    page.click(f"#phase-form button:has-text('Naar fase {label}')")
    page.wait_for_selector(f"strong.phase:has-text('{label}')")


def _approve(page: Any, base: str, cycle: int, organisation: str) -> None:
    page.goto(f"{base}/cycli/{cycle}/proces/")
    form = page.locator("form.approve-form", has_text=f"Goedkeuren namens {organisation}")
    form.locator("input[type=date]").fill("2019-06-01")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("text=Uw goedkeuring is vastgelegd.")


def test_a_municipality_runs_its_first_year_and_copies_it_to_the_next(
    page: Any, browser: Any, live_server: Any
) -> None:
    base = live_server.url
    municipality = set_up("Maastricht", "GM0935", "anna").pk
    _log_in(page, base, "anna")

    # The municipality's profile.
    page.goto(f"{base}/beheer/gemeenten/{municipality}/")
    assert_accessible(page)
    page.fill("#id_housing_region", "Zuid-Limburg")
    page.select_option("#id_province", label="Limburg")
    page.click("text=Gegevens opslaan")
    page.wait_for_selector("text=De gegevens van de gemeente zijn opgeslagen.")

    # Three corporations and two tenant organisations, each tied to what it represents.
    for name, number in (("Woonpunt", "L1930"), ("Servatius", "L1878"), ("Maasvallei", "L0307")):
        _add_organisation(page, base, municipality, "corporation", name, aw_number=number)
    _add_organisation(
        page,
        base,
        municipality,
        "tenant_organisation",
        "Huurdersraad Zuid",
        corporations=["Woonpunt"],
    )
    _add_organisation(
        page,
        base,
        municipality,
        "tenant_organisation",
        "Bewonersbelang",
        corporations=["Servatius", "Maasvallei"],
    )
    assert_accessible(page)
    page.goto(f"{base}/beheer/gemeenten/{municipality}/")
    assert "Servatius, Maasvallei" in page.inner_text("#organisations") or (
        "Maasvallei, Servatius" in page.inner_text("#organisations")
    )

    # People: invited with roles, each sets a password through the one-time link.
    page.click("#organisations >> text=Woonpunt")
    _invite(
        page,
        browser,
        base,
        "Piet",
        "piet@woonpunt.nl",
        ["invoer", "projectleider", "ondertekenaar"],
    )
    page.goto(f"{base}/beheer/gemeenten/{municipality}/")
    page.click("#organisations >> text=Huurdersraad Zuid")
    _invite(page, browser, base, "Els", "els@huurdersraad.nl", ["ondertekenaar"])
    # The administrator gives herself a role too: she signs for the municipality.
    page.goto(f"{base}/beheer/gemeenten/{municipality}/")
    page.click("#organisations >> text=Gemeente Maastricht")
    page.click("#people >> text=Anna")
    assert_accessible(page)
    page.check("label:has-text('ondertekenaar')")
    page.click("text=Rollen opslaan")
    page.wait_for_load_state()

    # Cycle 2019 with its parties.
    page.goto(f"{base}/gemeenten/{municipality}/cycli/nieuw/")
    assert_accessible(page)
    page.fill("#id_title", "Prestatieafspraken 2019")
    page.fill("#id_start_year", "2019")
    page.fill("#id_end_year", "2019")
    for party in ("Gemeente Maastricht", "Woonpunt", "Huurdersraad Zuid"):
        page.get_by_label(party, exact=True).check()
    page.click("text=Cyclus aanmaken")
    page.wait_for_url(re.compile(r".*/cycli/\d+/inrichten/$"))
    cycle = Cycle.objects.get(title="Prestatieafspraken 2019").pk

    # A theme with its lead party and a named project leader of that party.
    page.fill("#id_theme-name", "Nieuwbouw")
    page.select_option("#id_theme-lead_organisation", label="Woonpunt")
    page.select_option("#id_theme-project_leader", label="Piet Jansen")
    page.click("button:has-text('Thema toevoegen')")
    page.wait_for_selector("#themes >> text=Piet Jansen")
    assert_accessible(page)

    # The municipality's own indicator.
    page.goto(f"{base}/gemeenten/{municipality}/indicatoren/")
    page.fill("#id_name", "Opgeleverde sociale huurwoningen")
    page.select_option("#id_unit", "count")
    page.select_option("#id_direction", "higher")
    page.fill("#id_source", "Jaarverslag corporatie")
    page.click("text=Indicator toevoegen")
    page.wait_for_selector("text=De indicator is toegevoegd.")
    assert_accessible(page)

    # An agreement that runs on after this cycle, with a norm for the corporation.
    theme = Theme.objects.get(cycle_id=cycle).pk
    page.goto(f"{base}/cycli/{cycle}/afspraken/nieuw/?thema={theme}")
    assert_accessible(page)
    page.fill("#id_title", "Sociale huurwoningen bouwen")
    page.check("input[name=kind][value=result]")
    page.fill("#id_end_year", "2021")
    page.select_option("#id_lead_party", label="Woonpunt")
    page.get_by_label("Woonpunt", exact=True).check()
    page.click("text=Afspraak toevoegen")
    page.wait_for_url(re.compile(r".*/afspraken/\d+/$"))
    agreement = Agreement.objects.get(theme_id=theme).pk
    page.click("text=Norm toevoegen")
    assert_accessible(page)
    page.select_option("#id_indicator", label="Opgeleverde sociale huurwoningen")
    page.select_option("#id_party", label="Woonpunt")
    page.select_option("#id_year", "2019")
    page.select_option("#id_kind", "min")
    page.fill("#id_value", "40")
    page.click("button:has-text('Norm toevoegen')")
    page.wait_for_url(re.compile(rf".*/afspraken/{agreement}/$"))
    target = Target.objects.get(agreement_id=agreement).pk
    assert_accessible(page)

    # The corporation enters its figure and sees the verdict.
    piet = _person(browser, base, "piet@woonpunt.nl")
    piet.goto(f"{base}/afspraken/{agreement}/?year=2019")
    row = f"#target-{target}-2019"
    piet.click(f"{row} summary")
    piet.fill(f"#value-{target}-2019", "45")
    piet.click(f"{row} button:has-text('Opslaan')")
    piet.wait_for_selector(f"{row} >> text=gehaald")
    assert_accessible(piet)

    # The phases, then every party approves and the cycle is signed.
    for label in ("biedingen", "onderhandeling", "besluitvorming"):
        _to_phase(page, base, cycle, label)
    assert_accessible(page)
    # The planning: the law's dates for agreements made in 2018, then the signing date.
    page.goto(f"{base}/cycli/{cycle}/proces/?deel=planning")
    page.fill("#id_year", "2018")
    page.click("button:has-text('Wettelijke termijnen invullen')")
    page.wait_for_selector("text=De wettelijke termijnen staan in de planning.")
    page.select_option("#id_kind", label="ondertekening")
    page.fill("#id_starts_on", "2018-12-13")  # the browser's date picker
    page.click("button:has-text('Mijlpaal toevoegen')")
    page.wait_for_selector("td:has-text('13 december 2018')")
    assert "Bod van de corporaties uiterlijk 1 juli 2018" in page.inner_text("#planning")
    assert_accessible(page)
    _approve(page, base, cycle, "Gemeente Maastricht")
    _approve(piet, base, cycle, "Woonpunt")
    els = _person(browser, base, "els@huurdersraad.nl")
    _approve(els, base, cycle, "Huurdersraad Zuid")
    els.context.close()
    page.goto(f"{base}/cycli/{cycle}/proces/")
    page.wait_for_selector("strong.phase:has-text('ondertekend')")

    # Signed: the municipality makes the cycle public; only then does a visitor without an
    # account see it, with the organisations' names and no one's name.
    visitor = browser.new_context(locale="nl-NL").new_page()
    visitor.goto(f"{base}/cycli/{cycle}/")
    assert "Nieuwbouw" not in visitor.inner_text("main")
    page.goto(f"{base}/cycli/{cycle}/inrichten/")
    page.click("button:has-text('Openbaar maken')")
    page.wait_for_selector("text=De cyclus is nu openbaar.")
    assert_accessible(page)
    visitor.goto(f"{base}/cycli/{cycle}/")
    public = visitor.inner_text("main")
    assert "Nieuwbouw" in public and "Woonpunt" in public
    assert "Piet" not in public
    assert_accessible(visitor)
    visitor.context.close()
    for label in ("monitoring", "evaluatie", "afgesloten"):
        _to_phase(page, base, cycle, label)

    # Closed: a write is refused with a clear Dutch message, and nothing changes.
    page.goto(f"{base}/normen/{target}/bewerken/")
    page.fill("#id_value", "10")
    page.click("button:has-text('Norm opslaan')")
    assert "Deze cyclus is afgesloten: de normen liggen vast" in page.inner_text("main")
    assert_accessible(page)
    piet.goto(f"{base}/afspraken/{agreement}/?year=2019")
    piet.click(f"#target-{target}-2019 summary")
    piet.fill(f"#value-{target}-2019", "50")
    piet.click(f"#target-{target}-2019 button:has-text('Opslaan')")
    piet.wait_for_selector("text=Deze cyclus is afgesloten")
    piet.context.close()
    assert Target.objects.get(pk=target).value == 40
    assert Target.objects.get(pk=target).measurements.get().value == 45

    # Reopening needs a reason, and the history shows who, when and why.
    page.goto(f"{base}/cycli/{cycle}/proces/")
    page.click("#phase-form button:has-text('Naar fase evaluatie')")
    assert page.locator("#phase-note-error").is_visible()
    _to_phase(page, base, cycle, "evaluatie", reason="Cijfer 2019 van Woonpunt gecorrigeerd")
    page.goto(f"{base}/cycli/{cycle}/proces/?deel=geschiedenis")
    history = page.inner_text("#geschiedenis")
    assert "afgesloten → evaluatie (Anna) — Cijfer 2019 van Woonpunt gecorrigeerd" in history
    assert_accessible(page)

    # Next year: copied from last year, and the copy says what it brought.
    page.goto(f"{base}/gemeenten/{municipality}/cycli/kopie/")
    assert_accessible(page)
    assert page.input_value("#id_title") == "Prestatieafspraken 2020"
    page.click("button:has-text('Kopiëren')")
    page.wait_for_url(re.compile(r".*/cycli/\d+/inrichten/$"))
    report = page.inner_text(".messages")
    assert "Gekopieerd van Prestatieafspraken 2019: 3 partijen, 1 thema's (1 met een" in report
    assert "1 lopende afspraken" in report
    assert "Piet Jansen" in page.inner_text("#themes")
    assert_accessible(page)
