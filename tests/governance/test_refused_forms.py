"""Wrong input in the governance, policy and bid forms: the page comes back (400) with every
problem at once beside its field, in Dutch (English when chosen), and nothing is written."""

import datetime

import pytest

from woonafspraken.audit.models import AuditEntry
from woonafspraken.governance.models import (
    ActionItem,
    BidItem,
    Body,
    Decision,
    Meeting,
    PolicyDocument,
    PolicyGoal,
)

from .conftest import maastricht_municipality, org, refused_with, woonpunt_bid

REQUIRED = "Dit veld is vereist."


def _written():
    """What a refused form must leave as it was: the rows it could add, and the history."""
    models = (Body, Meeting, Decision, ActionItem, PolicyDocument, PolicyGoal, BidItem, AuditEntry)
    return tuple(model.objects.count() for model in models)


@pytest.fixture
def coordinator(governance, user, client):
    client.force_login(user("gemeente-maastricht"))
    return client


def test_a_body_with_every_field_wrong_names_every_problem_beside_its_field(coordinator):
    before = _written()
    response = coordinator.post(
        "/overleg/nieuw/",
        {
            "municipality": maastricht_municipality().pk,
            "kind": "borrel",
            "name": "",
            "theme_name": "x" * 121,
            "theme": "abc",
            "lead_organisation": "999999",
            "member_organisations": ["999999"],
        },
    )
    page = refused_with(response, "Kies een geldige soort overleg.", REQUIRED)
    errors = response.context["form"].errors
    assert set(errors) == {"kind", "name", "theme_name", "theme", "lead_organisation"} | {
        "member_organisations"
    }
    for field in (
        "body-kind",
        "body-name",
        "body-theme_name",
        "body-theme",
        "body-lead_organisation",
        "body-member_organisations",
    ):
        assert f'id="{field}-error"' in page, field
    assert 'aria-invalid="true"' in page
    assert _written() == before


def test_a_refused_body_keeps_what_was_typed(coordinator):
    response = coordinator.post(
        "/overleg/nieuw/",
        {
            "municipality": maastricht_municipality().pk,
            "kind": "working_group",
            "name": "",
            "theme_name": "Studenten",
            "member_organisations": [org("woonpunt").pk],
        },
    )
    page = refused_with(response, REQUIRED)
    assert 'value="Studenten"' in page
    assert f'<option value="{org("woonpunt").pk}" selected>Woonpunt</option>' in page


def test_a_meeting_on_a_date_that_does_not_exist_is_refused(coordinator, governance):
    body = Body.objects.get(name="Werkgroep Betaalbaarheid")
    before = _written()
    response = coordinator.post(
        f"/overleg/{body.pk}/vergadering/",
        {"date": "31-02-2026", "agenda": "1. Opening", "minutes": "x" * 20001},
    )
    page = refused_with(response, "Deze datum bestaat niet.")
    assert set(response.context["meeting_form"].errors) == {"date", "minutes"}
    assert 'id="meeting-date-error"' in page and 'id="meeting-minutes-error"' in page
    assert ">\n1. Opening</textarea>" in page  # the typed agenda stays
    assert _written() == before


def test_a_meeting_date_is_read_as_people_type_it(coordinator, governance):
    body = Body.objects.get(name="Werkgroep Betaalbaarheid")
    response = coordinator.post(
        f"/overleg/{body.pk}/vergadering/", {"date": "10 september 2019", "agenda": ""}
    )
    meeting = body.meetings.get()
    assert response["Location"] == f"/vergaderingen/{meeting.pk}/"
    assert meeting.date == datetime.date(2019, 9, 10)


def test_a_wrong_member_list_shows_the_body_page_again(coordinator, governance):
    body = Body.objects.get(name="Werkgroep Betaalbaarheid")
    before = _written()
    response = coordinator.post(
        f"/overleg/{body.pk}/leden/", {"member_organisations": ["abc"], "version": "1"}
    )
    refused_with(response, "abc")
    assert list(response.context["members_form"].errors) == ["member_organisations"]
    assert [o.slug for o in body.member_organisations.all()] == ["maasvallei"]
    assert _written() == before


def test_an_action_item_with_every_field_wrong_names_every_problem(coordinator, meeting, outsider):
    before = _written()
    response = coordinator.post(
        f"/vergaderingen/{meeting.pk}/actiepunt/",
        {
            "description": "  ",
            "owner_organisation": org("elders").pk,  # not of this municipality
            "due_date": "31-02-2026",
        },
    )
    page = refused_with(response, REQUIRED, "Deze datum bestaat niet.")
    assert set(response.context["item_form"].errors) == {
        "description",
        "owner_organisation",
        "due_date",
    }
    for field in ("item-description", "item-owner_organisation", "item-due_date"):
        assert f'id="{field}-error"' in page, field
    assert _written() == before


def test_an_action_item_is_added_with_a_typed_due_date(coordinator, meeting):
    coordinator.post(
        f"/vergaderingen/{meeting.pk}/actiepunt/",
        {
            "description": "Notitie splitsen",
            "owner_organisation": org("maasvallei").pk,
            "due_date": "1-10-2019",
        },
    )
    item = meeting.action_items.get()
    assert (item.owner_organisation, item.due_date) == (
        org("maasvallei"),
        datetime.date(2019, 10, 1),
    )


def test_a_decision_without_text_and_with_an_unknown_agreement_is_refused(coordinator, meeting):
    before = _written()
    response = coordinator.post(
        f"/vergaderingen/{meeting.pk}/besluit/", {"text": "", "agreements": ["999999"]}
    )
    refused_with(response, REQUIRED)
    assert set(response.context["decision_form"].errors) == {"text", "agreements"}
    assert _written() == before


def test_a_policy_document_with_every_field_wrong_names_every_problem(coordinator):
    before = _written()
    response = coordinator.post(
        "/beleid/nieuw/",
        {"municipality": "abc", "kind": "nota", "title": "", "year": "twintig"},
    )
    refused_with(
        response,
        "Kies woonvisie of volkshuisvestingsprogramma.",
        "Vul een geldig jaar in (bijvoorbeeld 2018).",
        REQUIRED,
    )
    errors = response.context["document_form"].errors
    assert set(errors) == {"municipality", "kind", "title", "year"}
    assert _written() == before


def test_a_wrong_goal_measure_shows_the_goal_page_again(coordinator, governance):
    goal = PolicyGoal.objects.get(title="Woonmilieus")
    before = _written()
    response = coordinator.post(
        f"/beleid/doelen/{goal.pk}/toets/", {"measure": "alles", "minimum_share": "120"}
    )
    refused_with(response)
    assert set(response.context["measure_form"].errors) == {"measure", "minimum_share"}
    assert _written() == before


def test_linking_an_agreement_that_does_not_exist_is_refused(coordinator, governance):
    goal = PolicyGoal.objects.get(title="Woonmilieus")
    response = coordinator.post(f"/beleid/doelen/{goal.pk}/koppelen/", {"agreement": "999999"})
    refused_with(response)
    assert list(response.context["link_form"].errors) == ["agreement"]
    assert not goal.links.exists()


def test_a_bid_row_with_every_field_wrong_names_every_problem(maastricht, user, client):
    bid = woonpunt_bid(maastricht, user)
    before = _written()
    client.force_login(user("woonpunt"))
    response = client.post(
        f"/biedingen/{bid.pk}/regels/",
        {
            "section": "z",
            "description": "",
            "postcode": "12",
            "planned_1": "veel",
            "planned_5": "-1",
            "goal": "999999",
        },
    )
    page = refused_with(
        response,
        "Kies een onderdeel a tot en met f.",
        "Vul een omschrijving in.",
        "‘12’ is geen postcode van 4 cijfers (bijvoorbeeld 6211).",
        "‘veel’ is geen aantal. Gebruik een heel getal van 0 of meer.",
        "‘-1’ is geen aantal.",
        "Kies een beleidsdoel van de gemeente van dit bod.",
    )
    assert set(response.context["item_form"].errors) == {
        "section",
        "description",
        "postcode",
        "planned_1",
        "planned_5",
        "goal",
    }
    for field in ("section", "description", "postcode", "planned-1", "planned-5", "goal"):
        assert f'id="new-item-{field}-error"' in page, field
    assert 'value="veel"' in page  # what was typed stays
    assert _written() == before


def test_a_too_long_bid_text_is_refused_beside_its_part(maastricht, user, client):
    bid = woonpunt_bid(maastricht, user)
    before = _written()
    client.force_login(user("woonpunt"))
    response = client.post(
        f"/biedingen/{bid.pk}/teksten/", {"section-a": "x" * 20001, "section-b": "Leefbaarheid"}
    )
    page = refused_with(response)
    assert list(response.context["texts_form"].errors) == ["section-a"]
    assert 'id="text-a-error"' in page
    assert ">\nLeefbaarheid</textarea>" in page
    assert bid.sections.get(section="a").text == "Nieuwbouw in Maastricht-West."
    assert _written() == before


def test_the_problems_are_in_english_in_the_english_interface(coordinator, meeting):
    coordinator.post("/i18n/setlang/", {"language": "en"})
    response = coordinator.post(
        f"/vergaderingen/{meeting.pk}/actiepunt/", {"description": "", "due_date": "31-02-2026"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing has been saved" in page
    assert "This field is required." in page
    assert "This date does not exist." in page
    assert "Deze datum" not in page
