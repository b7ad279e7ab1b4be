"""The first hour of a municipality in real Chromium, every page checked with axe: set up on
the command line, then organisations, a form with errors, an invitation, roles and tokens."""

import re
from typing import Any

import pytest
from django.core import mail

from tests.browser.conftest import assert_accessible

from .conftest import PASSWORD, set_up

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_municipal_administrator_sets_up_on_the_web(page: Any, live_server: Any) -> None:
    base = live_server.url
    maastricht = set_up("Maastricht", "GM0935", "anna")
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "anna")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit] >> text=Inloggen")
    page.wait_for_url(f"{base}/")

    page.click("nav >> text=Beheer")
    page.wait_for_url(f"{base}/beheer/gemeenten/{maastricht.pk}/")
    assert_accessible(page)

    # A form with every error at once, beside its field.
    page.select_option("#id_new-kind", "corporation")
    page.fill("#id_new-aw_number", "1930")
    page.click("text=Organisatie toevoegen >> nth=-1")
    assert page.locator("#id_new-name-error").is_visible()
    assert page.locator("#id_new-aw_number-error").is_visible()
    assert_accessible(page)

    for name, number in (("Woonpunt", "L1930"), ("Servatius", "L1878")):
        page.goto(f"{base}/beheer/gemeenten/{maastricht.pk}/")
        page.select_option("#id_new-kind", "corporation")
        page.fill("#id_new-name", name)
        page.fill("#id_new-aw_number", number)
        page.click("text=Organisatie toevoegen >> nth=-1")
        page.wait_for_url(re.compile(r".*/beheer/organisaties/\d+/$"))
    assert_accessible(page)

    page.goto(f"{base}/beheer/gemeenten/{maastricht.pk}/")
    page.select_option("#id_new-kind", "tenant_organisation")
    page.fill("#id_new-name", "Huurdersraad Zuid")
    page.check("label:has-text('Woonpunt')")
    page.check("label:has-text('Servatius')")
    page.click("text=Organisatie toevoegen >> nth=-1")
    page.wait_for_url(re.compile(r".*/beheer/organisaties/\d+/$"))

    page.fill("#id_invite-first_name", "Piet")
    page.fill("#id_invite-email", "piet@huurdersraad.nl")
    page.check("label:has-text('lezer')")
    page.click("text=Uitnodiging versturen")
    page.wait_for_selector("text=Uitnodiging verstuurd")
    assert mail.outbox and "piet@huurdersraad.nl" in mail.outbox[-1].to
    page.click("#people >> text=Piet")
    assert_accessible(page)

    page.goto(f"{base}/mijn-account/api-tokens/")
    page.fill("#id_token-name", "Koppeling")
    page.click("text=Token maken")
    assert page.locator("#new-token").inner_text().strip()
    assert_accessible(page)

    link = re.search(r"http://[^/\s]+(/uitnodiging/[^/\s]+/)", mail.outbox[-1].body)
    assert link
    visitor = page.context.browser.new_context(locale="nl-NL").new_page()
    visitor.goto(base + link.group(1))
    assert_accessible(visitor)
    visitor.context.close()
