"""A municipal administrator adds and keeps the municipality's organisations on the web."""

from typing import Any

from woonafspraken.accounts import services
from woonafspraken.accounts.models import Municipality, Organisation
from woonafspraken.audit.models import AuditEntry

from .conftest import admin_of, login


def _add(client: Any, municipality: Municipality, **fields: Any) -> Any:
    data = {f"new-{k}": v for k, v in fields.items()}
    return client.post(f"/beheer/gemeenten/{municipality.pk}/organisaties/nieuw/", data)


def test_an_administrator_adds_corporations_and_a_tenant_organisation(
    maastricht: Municipality,
) -> None:
    anna = login("anna")
    assert anna.get(f"/beheer/gemeenten/{maastricht.pk}/").status_code == 200
    response = _add(anna, maastricht, kind="corporation", name="Woonpunt", aw_number="l1930")
    assert response.status_code == 302
    _add(anna, maastricht, kind="corporation", name="Servatius", aw_number="L1878")
    woonpunt = Organisation.objects.get(name="Woonpunt")
    servatius = Organisation.objects.get(name="Servatius")
    assert woonpunt.aw_number == "L1930"
    response = _add(
        anna,
        maastricht,
        kind="tenant_organisation",
        name="Huurdersraad Zuid",
        corporations=[woonpunt.pk, servatius.pk],
    )
    assert response.status_code == 302
    tenants = Organisation.objects.get(name="Huurdersraad Zuid")
    assert set(tenants.corporations.all()) == {woonpunt, servatius}
    assert tenants.corporation in {woonpunt, servatius}
    assert AuditEntry.objects.filter(action="accounts.organisation.created").count() == 3
    page = anna.get(f"/beheer/gemeenten/{maastricht.pk}/").content.decode()
    assert "Huurdersraad Zuid" in page and "L1878" in page


def test_every_error_is_shown_beside_its_field_and_nothing_is_written(
    maastricht: Municipality,
) -> None:
    response = _add(login("anna"), maastricht, kind="corporation", name="", aw_number="1930")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Er is niets opgeslagen" in page
    assert 'id="id_new-name-error"' in page
    assert 'id="id_new-aw_number-error"' in page
    assert "Een L-nummer van de Autoriteit woningcorporaties" in page
    assert 'aria-invalid="true"' in page
    assert Organisation.objects.filter(kind="corporation").count() == 0


def test_the_errors_are_in_english_in_the_english_interface(maastricht: Municipality) -> None:
    anna = login("anna")
    anna.post("/i18n/setlang/", {"language": "en"})
    page = _add(anna, maastricht, kind="tenant_organisation", name="").content.decode()
    assert "Nothing has been saved" in page
    assert "This field is required." in page


def test_a_duplicate_name_in_the_municipality_is_refused(
    maastricht: Municipality, woonpunt: Organisation
) -> None:
    response = _add(login("anna"), maastricht, kind="other", name="woonpunt")
    assert response.status_code == 400
    assert "al een organisatie met deze naam" in response.content.decode()
    assert Organisation.objects.filter(name__iexact="woonpunt").count() == 1


def test_a_corporation_working_in_two_municipalities_is_one_organisation(
    maastricht: Municipality, heerlen: Municipality, woonpunt: Organisation
) -> None:
    bert = login("bert")
    again = _add(bert, heerlen, kind="corporation", name="Woonpunt", aw_number="L1930")
    assert again.status_code == 400
    assert "Bestaande corporatie toevoegen" in again.content.decode()
    joined = bert.post(
        f"/beheer/gemeenten/{heerlen.pk}/organisaties/toevoegen/", {"join-aw_number": "L1930"}
    )
    assert joined.status_code == 302
    assert set(woonpunt.municipalities.all()) == {maastricht, heerlen}
    assert Organisation.objects.filter(aw_number="L1930").count() == 1
    # Heerlen's tenant organisation may now represent Woonpunt's tenants there.
    tenants = services.create_organisation(
        admin_of(heerlen),
        heerlen,
        kind="tenant_organisation",
        name="Huurders Parkstad",
        corporations=[woonpunt],
    )
    assert list(tenants.corporations.all()) == [woonpunt]


def test_the_profile_of_the_municipality_is_edited(maastricht: Municipality) -> None:
    anna = login("anna")
    url = f"/beheer/gemeenten/{maastricht.pk}/"
    response = anna.post(
        url,
        {
            "name": "Maastricht",
            "cbs_code": "GM0935",
            "housing_region": "Zuid-Limburg",
            "province": "limburg",
        },
    )
    assert response.status_code == 302
    maastricht.refresh_from_db()
    assert maastricht.housing_region == "Zuid-Limburg"
    bad = anna.post(url, {"name": "", "cbs_code": "X", "province": "atlantis"})
    assert bad.status_code == 400
    assert bad.content.decode().count("utrecht-form-field--invalid") == 3
    maastricht.refresh_from_db()
    assert maastricht.name == "Maastricht"


def test_an_organisation_with_history_is_archived_not_deleted(
    maastricht: Municipality, woonpunt: Organisation
) -> None:
    anna = login("anna")
    services.invite_person(
        admin_of(maastricht),
        woonpunt,
        email="piet@woonpunt.nl",
        first_name="Piet",
        last_name="",
        roles=["contributor"],
        accept_url=lambda key: key,
    )
    page = anna.get(f"/beheer/organisaties/{woonpunt.pk}/").content.decode()
    assert "Archiveer haar in plaats daarvan" in page
    refused = anna.post(f"/beheer/organisaties/{woonpunt.pk}/verwijderen/", follow=True)
    assert "kan daarom niet worden verwijderd" in refused.content.decode()
    assert Organisation.objects.filter(pk=woonpunt.pk).exists()
    anna.post(f"/beheer/organisaties/{woonpunt.pk}/archiveren/")
    woonpunt.refresh_from_db()
    assert woonpunt.archived
    assert woonpunt.memberships.exists()


def test_an_organisation_without_history_can_be_deleted(
    maastricht: Municipality, woonpunt: Organisation
) -> None:
    response = login("anna").post(f"/beheer/organisaties/{woonpunt.pk}/verwijderen/")
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=woonpunt.pk).exists()
    assert AuditEntry.objects.filter(action="accounts.organisation.deleted").exists()


def test_one_municipality_neither_sees_nor_changes_another_ones_set_up(
    maastricht: Municipality, heerlen: Municipality, woonpunt: Organisation
) -> None:
    bert = login("bert")
    forbidden = [
        bert.get(f"/beheer/gemeenten/{maastricht.pk}/"),
        bert.post(f"/beheer/gemeenten/{maastricht.pk}/", {"name": "X", "cbs_code": "GM0001"}),
        _add(bert, maastricht, kind="other", name="Indringer"),
        bert.get(f"/beheer/organisaties/{woonpunt.pk}/"),
        bert.post(f"/beheer/organisaties/{woonpunt.pk}/", {"name": "X", "aw_number": "L1930"}),
        bert.post(f"/beheer/organisaties/{woonpunt.pk}/archiveren/"),
        bert.post(f"/beheer/organisaties/{woonpunt.pk}/verwijderen/"),
        bert.post(
            f"/beheer/organisaties/{woonpunt.pk}/uitnodigen/",
            {"invite-email": "x@y.nl", "invite-first_name": "X", "invite-roles": ["admin"]},
        ),
    ]
    assert [r.status_code for r in forbidden] == [403] * len(forbidden)
    maastricht.refresh_from_db()
    woonpunt.refresh_from_db()
    assert (maastricht.name, woonpunt.name, woonpunt.archived) == ("Maastricht", "Woonpunt", False)
    assert not Organisation.objects.filter(name="Indringer").exists()
    assert woonpunt.memberships.count() == 0
    # Anonymous visitors are sent to the login page.
    from django.test import Client

    assert Client().get(f"/beheer/gemeenten/{maastricht.pk}/").status_code == 302


def test_a_tenant_organisation_and_its_corporation_link_to_each_other(
    maastricht: Municipality,
) -> None:
    anna = login("anna")
    _add(anna, maastricht, kind="corporation", name="Woonpunt", aw_number="L1930")
    woonpunt = Organisation.objects.get(name="Woonpunt")
    _add(
        anna,
        maastricht,
        kind="tenant_organisation",
        name="Huurdersraad Zuid",
        corporations=[woonpunt.pk],
    )
    tenants = Organisation.objects.get(name="Huurdersraad Zuid")
    to_woonpunt = f'href="/beheer/organisaties/{woonpunt.pk}/">Woonpunt</a>'
    to_tenants = f'href="/beheer/organisaties/{tenants.pk}/">Huurdersraad Zuid</a>'
    page = anna.get(f"/beheer/organisaties/{tenants.pk}/").content.decode()
    assert "Vertegenwoordigt de huurders van" in page and to_woonpunt in page
    page = anna.get(f"/beheer/organisaties/{woonpunt.pk}/").content.decode()
    assert "Huurdersorganisaties" in page and to_tenants in page
    # in the municipality's list, the tenants' corporation is a link too
    page = anna.get(f"/beheer/gemeenten/{maastricht.pk}/").content.decode()
    row = page[page.index(f'id="organisation-{tenants.pk}"') :]
    assert to_woonpunt in row[: row.index("</tr>")]
