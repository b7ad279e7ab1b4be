"""Another municipality joins the installation on the web: the system administrator adds it
and invites its first administrator, who then sets it up."""

import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.agreements.cast import PASSWORD, Cast, build
from woonafspraken.accounts import access
from woonafspraken.accounts.models import Municipality, Organisation
from woonafspraken.audit.models import AuditEntry

URL = "/beheer/gemeenten/nieuw/"


@pytest.fixture
def cast(db: Any) -> Cast:
    return build()


def _as(person: Any) -> Client:
    client = Client()
    client.force_login(person)
    return client


def _form(**changes: str) -> dict[str, str]:
    data = {
        "name": "Sittard-Geleen",
        "cbs_code": "gm 1883",  # as people type it
        "housing_region": "Zuid-Limburg",
        "province": "limburg",
        "first_name": "Sanne",
        "last_name": "de Vries",
        "email": "Sanne@Sittard-Geleen.nl",
    }
    data.update(changes)
    return {f"add-{key}": value for key, value in data.items()}


def test_the_system_administrator_adds_a_municipality_and_its_administrator_sets_it_up(
    cast: Cast, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    root = _as(cast.root)
    assert "Gemeente toevoegen" in root.get("/beheer/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the mail goes out on commit
        response = root.post(URL, _form(), follow=True)
    page = response.content.decode()
    assert "Sittard-Geleen is toegevoegd" in page
    municipality = Municipality.objects.get(cbs_code="GM1883")
    assert (municipality.housing_region, municipality.province) == ("Zuid-Limburg", "limburg")
    gemeente = Organisation.objects.get(municipality=municipality, kind="municipality")
    assert gemeente.name == "Gemeente Sittard-Geleen"
    assert AuditEntry.objects.filter(action="accounts.municipality.created").count() == 1

    # The invitation: a one-time link; with it Sanne sets a password and runs the municipality.
    assert [m.to for m in mailoutbox] == [["sanne@sittard-geleen.nl"]]
    link = re.search(r"http://testserver(/uitnodiging/[^\s/]+/)", mailoutbox[0].body)
    assert link
    sanne = Client()
    accepted = sanne.post(
        link.group(1), {"password1": PASSWORD, "password2": PASSWORD}, follow=True
    )
    assert accepted.status_code == 200
    person = get_user_model().objects.get(email="sanne@sittard-geleen.nl")
    assert access.is_municipal_admin(person, municipality.pk)
    assert access.is_municipal_coordinator(person, municipality.pk)
    assert not access.is_municipal_admin(person, cast.maastricht.municipality.pk)
    assert sanne.get(f"/beheer/gemeenten/{municipality.pk}/").status_code == 200


def test_every_error_at_once_and_nothing_is_added(cast: Cast, mailoutbox: Any) -> None:
    before = (Municipality.objects.count(), Organisation.objects.count())
    response = _as(cast.root).post(
        URL, _form(cbs_code="GM0935", province="atlantis", first_name="", email="geen-adres")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Er is al een gemeente met deze CBS-code." in page
    assert "Provincie</a>: Selecteer een geldige keuze." in page
    assert "Voornaam van de eerste beheerder</a>: Dit veld is vereist." in page
    assert "E-mailadres van de eerste beheerder</a>: Voer een geldig e-mailadres in." in page
    assert (Municipality.objects.count(), Organisation.objects.count()) == before
    assert mailoutbox == []


def test_only_the_system_administrator_adds_a_municipality(cast: Cast) -> None:
    for person in (cast.maastricht.admin, cast.maastricht.coordinator, cast.corporation_staff):
        client = _as(person)
        assert "Gemeente toevoegen" not in client.get("/beheer/").content.decode()
        assert client.post(URL, _form()).status_code == 403
    assert Client().post(URL, _form()).status_code == 302  # to the login page
    assert not Municipality.objects.filter(cbs_code="GM1883").exists()


def test_the_list_of_municipalities_is_paged(
    cast: Cast, django_assert_max_num_queries: Any
) -> None:
    root = _as(cast.root)
    for number in range(55):
        root.post(
            URL,
            _form(
                name=f"Gemeente {number:02d}",
                cbs_code=f"GM{5000 + number}",
                email=f"beheer{number}@example.org",
            ),
        )
    assert Municipality.objects.count() == 57
    first = root.get("/beheer/").content.decode()
    assert "57 gemeenten op deze installatie." in first
    assert "Pagina 1 van 2" in first and "Gemeente 00" in first and "Sittard" not in first
    second = root.get("/beheer/?pagina=2").content.decode()
    assert "Pagina 2 van 2" in second and "Maastricht" in second
    with django_assert_max_num_queries(15):
        root.get("/beheer/")
