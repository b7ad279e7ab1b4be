"""The language switch in the header: a link (no form, no CSRF token) that stores the choice in
the language cookie and goes back to the page the visitor was on."""

import re
from typing import Any

import pytest
from django.test import Client

from woonafspraken.agreements.models import Cycle

pytestmark = pytest.mark.django_db


def switch_link(html: str) -> tuple[str, str]:
    """The header's switch: its address and the language it leads to."""
    found = re.search(r'<a [^>]*href="(/taal/[^"]+)" lang="(\w+)" hreflang="(\w+)"', html)
    assert found, "no language switch in the header"
    assert found.group(2) == found.group(3)
    return found.group(1).replace("&amp;", "&"), found.group(2)


def walk(client: Client, path: str) -> None:
    dutch = client.get(path).content.decode()
    assert '<html lang="nl"' in dutch
    link, language = switch_link(dutch)
    assert language == "en"
    response = client.get(link)
    assert response.status_code == 302 and response["Location"] == path
    english = client.get(path).content.decode()
    assert '<html lang="en"' in english
    link, language = switch_link(english)
    assert language == "nl"
    assert client.get(link)["Location"] == path
    assert '<html lang="nl"' in client.get(path).content.decode()


def test_a_visitor_switches_to_english_and_back(maastricht: Cycle) -> None:
    walk(Client(), f"/cycli/{maastricht.pk}/?year=2017&tab=x")


def test_a_visitors_page_holds_no_csrf_token(maastricht: Cycle) -> None:
    response = Client().get(f"/cycli/{maastricht.pk}/")
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies


def test_a_logged_in_person_switches_to_english_and_back(maastricht: Cycle, user: Any) -> None:
    person = Client()
    person.force_login(user("gemeente-maastricht"))
    walk(person, f"/cycli/{maastricht.pk}/")


def test_the_switch_goes_back_only_to_this_site(maastricht: Cycle) -> None:
    for elsewhere in ("https://example.org/", "//example.org/", "javascript:alert(1)", ""):
        response = Client().get("/taal/en/", {"next": elsewhere})
        assert response.status_code == 302 and response["Location"] == "/"
        assert response.cookies["woonafspraken_language"].value == "en"


def test_an_unknown_language_is_refused(maastricht: Cycle) -> None:
    response = Client().get("/taal/fr/?next=/")
    assert response.status_code == 404
    assert "woonafspraken_language" not in response.cookies
    assert Client().post("/taal/en/?next=/").status_code == 405
