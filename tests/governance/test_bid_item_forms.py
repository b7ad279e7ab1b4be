"""Adding, changing and removing the rows of a bid on the bid page, with the same row checks as
the Excel import and the API."""

import pytest

from woonafspraken.audit.models import AuditEntry
from woonafspraken.governance import services
from woonafspraken.governance.models import BidItem

from .conftest import messages_of, refused_with, sent_to_login, woonpunt_bid

ROW = {
    "section": "b",
    "description": "Buurtbeheer Malberg",
    "postcode": "",
    "planned_1": "1",
    "planned_2": "1.000",
    "planned_3": "",
    "planned_4": "",
    "planned_5": "4",
}


@pytest.fixture
def bid(maastricht, user):
    return woonpunt_bid(maastricht, user)


def _rows(bid):
    return list(
        BidItem.objects.filter(bid=bid)
        .order_by("section", "order", "id")
        .values_list("section", "description", "postcode", "planned_1", "planned_2")
    )


def _new_build(bid):
    return bid.items.get(section="a")


def _add(client, bid, **fields):
    return client.post(f"/biedingen/{bid.pk}/regels/", {**ROW, **fields})


def _change(client, item, **fields):
    data = {
        "section": item.section,
        "description": item.description,
        "postcode": item.postcode,
        **{f"planned_{i}": "" if v is None else str(v) for i, v in enumerate(item.planned, 1)},
    }
    data.update(fields)
    return client.post(f"/biedingregels/{item.pk}/", data)


def test_the_corporation_adds_a_row_to_its_draft_bid(bid, user, client):
    client.force_login(user("woonpunt"))
    response = _add(client, bid)
    assert response["Location"] == f"/biedingen/{bid.pk}/"
    assert messages_of(response) == ["Regel toegevoegd."]
    row = bid.items.get(description="Buurtbeheer Malberg")
    assert (row.section, row.planned) == ("b", [1, 1000, None, None, 4])


def test_adding_a_row_is_in_the_audit_history(bid, user, client):
    client.force_login(user("woonpunt"))
    _add(client, bid)
    entry = AuditEntry.objects.get(action="governance.bid_item.created")
    assert entry.actor == user("woonpunt")
    assert entry.cycle_id == bid.cycle_id
    assert entry.new["description"] == "Buurtbeheer Malberg"


def test_the_corporation_changes_a_row_of_its_draft_bid(bid, user, client):
    item = _new_build(bid)
    client.force_login(user("woonpunt"))
    response = _change(client, item, description="Nieuwbouw Mariaberg", planned_2="25")
    assert response["Location"] == f"/biedingen/{bid.pk}/#item-{item.pk}"
    item.refresh_from_db()
    assert (item.description, item.planned) == ("Nieuwbouw Mariaberg", [10, 25, 0, 5, None])


def test_changing_a_row_is_in_the_audit_history_with_old_and_new(bid, user, client):
    item = _new_build(bid)
    client.force_login(user("woonpunt"))
    _change(client, item, planned_2="25")
    entry = AuditEntry.objects.get(action="governance.bid_item.changed")
    assert entry.actor == user("woonpunt")
    assert entry.old["planned"] == [10, 20, 0, 5, None]
    assert entry.new["planned"] == [10, 25, 0, 5, None]


def test_changing_a_row_keeps_its_link_to_an_agreement(bid, user, client, maastricht):
    from woonafspraken.agreements.models import Indicator

    item = _new_build(bid)
    agreement = services.turn_item_into_agreement(
        user("gemeente-maastricht"),
        item,
        theme=maastricht.themes.get(name="Vastgoed"),
        indicator=Indicator.objects.get(name="Nieuwbouw (woningen)"),
        number="6.9",
    )
    client.force_login(user("woonpunt"))
    _change(client, item, planned_2="25")
    item.refresh_from_db()
    assert item.agreement == agreement


def test_the_corporation_removes_a_row_of_its_draft_bid(bid, user, client):
    item = _new_build(bid)
    client.force_login(user("woonpunt"))
    response = client.post(f"/biedingregels/{item.pk}/verwijderen/")
    assert messages_of(response) == ["Regel verwijderd."]
    assert [r[1] for r in _rows(bid)] == ["Verkoop"]


def test_removing_a_row_is_in_the_audit_history(bid, user, client):
    item = _new_build(bid)
    client.force_login(user("woonpunt"))
    client.post(f"/biedingregels/{item.pk}/verwijderen/")
    entry = AuditEntry.objects.get(action="governance.bid_item.deleted")
    assert entry.actor == user("woonpunt")
    assert entry.old["description"] == "Nieuwbouw sociale huur"


def test_a_bad_number_names_the_year_and_adds_nothing(bid, user, client):
    before = _rows(bid)
    client.force_login(user("woonpunt"))
    response = _add(client, bid, planned_3="veel")
    refused_with(response, "‘veel’ is geen aantal. Gebruik een heel getal van 0 of meer.")
    assert response.context["item_form"].errors == {
        "planned_3": ["‘veel’ is geen aantal. Gebruik een heel getal van 0 of meer."]
    }
    assert "Gepland in 2019" in response.context["item_form"]["planned_3"].label
    assert _rows(bid) == before


def test_an_empty_description_names_the_field_and_adds_nothing(bid, user, client):
    before = _rows(bid)
    client.force_login(user("woonpunt"))
    response = _add(client, bid, description="  ")
    refused_with(response, "Vul een omschrijving in.")
    assert response.context["item_form"].errors == {"description": ["Vul een omschrijving in."]}
    assert _rows(bid) == before


def test_every_problem_of_a_row_is_named_at_once(bid, user, client):
    client.force_login(user("woonpunt"))
    response = _add(client, bid, section="c", postcode="", planned_1="-3")
    refused_with(
        response,
        "Onderdeel c (verkoop en liberalisatie) vraagt een postcode.",
        "‘-3’ is geen aantal.",
    )
    assert set(response.context["item_form"].errors) == {"postcode", "planned_1"}


def test_the_web_form_checks_a_row_exactly_as_the_import_does(bid, user, client):
    raw = {"section": "a", "description": "X", "postcode": "12", "planned": ["", "", "2,5"]}
    _clean, problems = services.check_item(0, raw)
    client.force_login(user("woonpunt"))
    response = _add(client, bid, postcode="12", section="a", planned_3="2,5")
    refused_with(response, *(p.message for p in problems))
    errors = response.context["item_form"].errors
    assert {field: errors[field] for field in errors} == {p.field: [p.message] for p in problems}


def test_a_bad_change_names_the_field_and_changes_nothing(bid, user, client):
    item = _new_build(bid)
    client.force_login(user("woonpunt"))
    response = _change(client, item, postcode="62170")
    page = refused_with(response, "‘62170’ is geen postcode van 4 cijfers (bijvoorbeeld 6211).")
    assert f'id="item-{item.pk}-postcode-error"' in page  # beside the row's own field
    assert "<details open>" in page
    item.refresh_from_db()
    assert item.postcode == ""
    assert not AuditEntry.objects.filter(action="governance.bid_item.changed").exists()


def test_the_bid_page_shows_labelled_row_forms_to_the_corporation(bid, user, client):
    item = _new_build(bid)
    client.force_login(user("woonpunt"))
    page = client.get(f"/biedingen/{bid.pk}/").content.decode()
    assert '<label class="utrecht-form-label" for="new-item-planned-1">Gepland in 2017</label>' in (
        page
    )
    assert f'<label class="utrecht-form-label" for="item-{item.pk}-description">' in page
    assert f'action="/biedingregels/{item.pk}/verwijderen/"' in page


def test_the_bid_page_shows_no_row_forms_once_the_bid_is_submitted(bid, user, client):
    services.submit_bid(user("woonpunt"), bid)
    client.force_login(user("woonpunt"))
    page = client.get(f"/biedingen/{bid.pk}/").content.decode()
    assert f'action="/biedingen/{bid.pk}/regels/"' not in page
    assert "/verwijderen/" not in page


def test_another_corporation_may_not_add_a_row(bid, user, client):
    before = _rows(bid)
    client.force_login(user("servatius"))
    assert _add(client, bid).status_code == 403
    assert _rows(bid) == before


def test_another_corporation_may_not_change_or_remove_a_row(bid, user, client):
    item = _new_build(bid)
    before = _rows(bid)
    client.force_login(user("servatius"))
    assert _change(client, item, description="Weg").status_code == 403
    assert client.post(f"/biedingregels/{item.pk}/verwijderen/").status_code == 403
    assert _rows(bid) == before


def test_the_corporation_may_not_change_rows_once_the_bid_is_submitted(bid, user, client):
    item = _new_build(bid)
    services.submit_bid(user("woonpunt"), bid)
    before = _rows(bid)
    client.force_login(user("woonpunt"))
    assert _add(client, bid).status_code == 403
    assert _change(client, item, description="Later").status_code == 403
    assert client.post(f"/biedingregels/{item.pk}/verwijderen/").status_code == 403
    assert _rows(bid) == before


@pytest.mark.parametrize("username", ["woonbelang", "gemeente-maastricht"])
def test_who_may_read_a_submitted_bid_may_still_not_change_its_rows(bid, user, client, username):
    item = _new_build(bid)
    services.submit_bid(user("woonpunt"), bid)
    before = _rows(bid)
    client.force_login(user(username))
    assert client.get(f"/biedingen/{bid.pk}/").status_code == 200
    assert _add(client, bid).status_code == 403
    assert _change(client, item, description="Anders").status_code == 403
    assert _rows(bid) == before


def test_the_own_tenant_organisation_may_not_add_a_row_to_a_draft(bid, user, client):
    before = _rows(bid)
    client.force_login(user("woonbelang"))
    assert _add(client, bid).status_code == 403
    assert _rows(bid) == before


def test_an_anonymous_visitor_may_not_change_a_bid(bid, client):
    item = _new_build(bid)
    before = _rows(bid)
    assert sent_to_login(_add(client, bid))
    assert sent_to_login(_change(client, item, description="Anoniem"))
    assert sent_to_login(client.post(f"/biedingregels/{item.pk}/verwijderen/"))
    assert _rows(bid) == before
