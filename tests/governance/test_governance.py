"""Bodies, meetings, decisions and action items; the demo bodies with their theme leads."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from woonafspraken.agreements.models import Agreement, Cycle
from woonafspraken.audit.models import AuditEntry
from woonafspraken.governance import demo, selectors, services
from woonafspraken.governance.models import ActionItem, Body, PolicyGoal

from .conftest import org

LEADS = {
    "Werkgroep Betaalbaarheid": "Maasvallei",
    "Werkgroep Veiligheid & Leefbaarheid": "Gemeente Maastricht",
    "Werkgroep Wonen & Zorg": "Gemeente Maastricht",
    "Werkgroep Duurzaamheid": "Gemeente Maastricht",
    "Werkgroep Beschikbaarstelling": "Woonpunt",
    "Werkgroep Vastgoed": "Servatius",
}


def _working_group(name="Werkgroep Betaalbaarheid"):
    return Body.objects.get(name=name)


def test_the_demo_has_boww_aoww_and_a_working_group_per_theme_with_its_lead(governance):
    kinds = dict(Body.objects.values_list("name", "kind"))
    assert kinds["Bestuurlijk Overleg Wonen (BOWW)"] == "board"
    assert kinds["Projectleidersoverleg (AOWW)"] == "project_leaders"
    leads = {
        b.name: b.lead_organisation.name
        for b in Body.objects.filter(kind="working_group").select_related("lead_organisation")
    }
    assert leads == LEADS
    boww = Body.objects.get(kind="board")
    assert boww.member_organisations.count() == 7
    assert not Body.objects.get(kind="project_leaders").meetings.exists()


def test_loading_the_demo_twice_changes_nothing(governance, user):
    count = AuditEntry.objects.count()
    assert demo.load(user("beheer")) is False
    assert AuditEntry.objects.count() == count


def test_the_bodies_page_and_api_show_the_demo_bodies_with_their_theme_leads(governance, client):
    page = client.get("/overleg/").content.decode()
    for name, lead in LEADS.items():
        assert name.replace("&", "&amp;") in page
        assert lead in page
    data = client.get("/api/v1/bodies").json()
    assert data["count"] == 8
    api_leads = {
        b["name"]: b["leadOrganisation"]["name"] for b in data["results"] if b["leadOrganisation"]
    }
    assert api_leads == LEADS
    wonen_zorg = next(b for b in data["results"] if b["name"] == "Werkgroep Wonen & Zorg")
    assert wonen_zorg["theme"] == "Wonen & Zorg"
    assert wonen_zorg["themeId"] is not None


def test_governance_of_a_municipality_without_a_published_cycle_is_not_public(
    governance, client, user, outsider
):
    Cycle.objects.update(published=False)
    assert client.get("/api/v1/bodies").json()["count"] == 0
    assert client.get(f"/overleg/{_working_group().pk}/").status_code == 404
    client.force_login(outsider)
    assert client.get(f"/overleg/{_working_group().pk}/").status_code == 403
    client.force_login(user("woonvallei"))
    assert client.get(f"/overleg/{_working_group().pk}/").status_code == 200


def test_the_lead_coordinator_records_a_meeting_with_a_decision_and_an_action_item(
    governance, user
):
    body = _working_group()
    agreement = Agreement.objects.get(title="Splitsen")
    meeting = services.add_meeting(
        user("gemeente-maastricht"), body, date=datetime.date(2019, 9, 10), agenda="Dip"
    )
    decision = services.add_decision(
        user("gemeente-maastricht"), meeting, text="Splitsen onderzoeken", agreements=[agreement]
    )
    item = services.add_action_item(
        user("gemeente-maastricht"),
        meeting,
        description="Notitie splitsen",
        owner_organisation=org("maasvallei"),
        due_date=datetime.date(2019, 10, 1),
    )
    assert list(decision.agreements.all()) == [agreement]
    assert item.status == "open"
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"governance.meeting.created", "governance.decision.created"} <= actions


@pytest.mark.parametrize(
    "username, allowed",
    [
        ("gemeente-maastricht", True),  # coordinator of the municipality
        ("beheer", True),  # admin
        ("maasvallei", False),  # lead organisation, but not its coordinator
        ("woonbelang", False),
    ],
)
def test_who_may_record_meetings(governance, user, username, allowed):
    body = _working_group()
    if allowed:
        services.add_meeting(user(username), body, date=datetime.date(2019, 9, 10))
    else:
        with pytest.raises(PermissionDenied):
            services.add_meeting(user(username), body, date=datetime.date(2019, 9, 10))


def test_a_coordinator_of_the_lead_organisation_may_record_meetings(governance, user):
    from woonafspraken.accounts.services import ensure_membership

    ensure_membership(user("beheer"), user("maasvallei"), org("maasvallei"), "coordinator")
    meeting = services.add_meeting(
        user("maasvallei"), _working_group(), date=datetime.date(2019, 9, 10)
    )
    with pytest.raises(PermissionDenied):
        services.add_meeting(
            user("maasvallei"), _working_group("Werkgroep Vastgoed"), date=meeting.date
        )


def _items(user):
    body = _working_group()
    meeting = services.add_meeting(
        user("gemeente-maastricht"), body, date=datetime.date(2019, 9, 10)
    )
    today = timezone.localdate()

    def add(text, due, status="open"):
        item = services.add_action_item(
            user("gemeente-maastricht"),
            meeting,
            description=text,
            owner_organisation=org("maasvallei"),
            due_date=due,
        )
        if status != "open":
            services.update_action_item(user("gemeente-maastricht"), item, status=status)
        return item

    return {
        "late": add("Te laat", today - datetime.timedelta(days=1)),
        "today": add("Vandaag", today),
        "undated": add("Zonder datum", None),
        "done_late": add("Klaar", today - datetime.timedelta(days=9), "done"),
        "dropped": add("Vervallen", today - datetime.timedelta(days=9), "dropped"),
    }


def test_an_action_item_is_overdue_when_open_and_its_due_date_has_passed(governance, user):
    items = _items(user)
    overdue, upcoming = selectors.open_action_items(user("woonpunt"), timezone.localdate())
    assert [i.description for i in overdue] == ["Te laat"]
    assert sorted(i.description for i in upcoming) == ["Vandaag", "Zonder datum"]
    assert items["done_late"].pk not in {i.pk for i in overdue + upcoming}


def test_the_overview_page_and_the_api_show_overdue_items(governance, user, client):
    items = _items(user)
    client.force_login(user("woonpunt"))  # action items are for the parties, not visitors
    page = client.get("/actiepunten/")
    overdue = page.context["overdue"]
    assert [r["item"].pk for r in overdue] == [items["late"].pk]
    meetings = client.get("/api/v1/meetings").json()["results"]
    flags = {i["description"]: i["overdue"] for i in meetings[0]["actionItems"]}
    assert flags == {
        "Te laat": True,
        "Vandaag": False,
        "Zonder datum": False,
        "Klaar": False,
        "Vervallen": False,
    }


def test_the_owner_updates_an_action_items_status_in_place(governance, user, client):
    item = _items(user)["late"]
    client.force_login(user("maasvallei"))  # contributor of the owning organisation
    response = client.post(
        f"/actiepunten/{item.pk}/status/", {"status": "done"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith("<tr") and 'data-status="done"' in html
    assert ActionItem.objects.get(pk=item.pk).status == "done"


def test_others_cannot_update_an_action_item(governance, user, client):
    item = _items(user)["late"]
    client.force_login(user("woonbelang"))
    response = client.post(f"/actiepunten/{item.pk}/status/", {"status": "done"})
    assert response.status_code == 403
    assert ActionItem.objects.get(pk=item.pk).status == "open"


def test_meeting_and_body_pages_show_decisions_and_items(governance, user, client):
    items = _items(user)
    meeting = items["late"].meeting
    services.add_decision(user("gemeente-maastricht"), meeting, text="Besluit over de dip")
    body_page = client.get(f"/overleg/{meeting.body_id}/").content.decode()
    assert f"/vergaderingen/{meeting.pk}/" in body_page
    client.force_login(user("woonpunt"))  # action items are for the parties, not visitors
    page = client.get(f"/vergaderingen/{meeting.pk}/").content.decode()
    assert "Besluit over de dip" in page
    assert "verlopen" in page


def test_the_woonvisie_goals_link_to_the_matching_2017_agreements(governance, client):
    goals = {g.title: g for g in PolicyGoal.objects.all()}
    assert list(goals) == [
        "Wonen & zorg & eigen kracht",
        "Doe-democratie & duurzaamheid",
        "Betaalbaarheid & beschikbaarstelling & woonruimteverdeling",
        "Woonmilieus",
    ]
    assert all(g.text == "" for g in goals.values())
    duurzaamheid = goals["Doe-democratie & duurzaamheid"]
    themes = set(duurzaamheid.links.values_list("agreement__theme__name", flat=True))
    assert themes == {"Duurzaamheid"}
    policy = client.get("/beleid/")
    assert [g.title for g in policy.context["unserved"]] == ["Woonmilieus"]
    page = client.get(f"/beleid/doelen/{duurzaamheid.pk}/").content.decode()
    assert "Kennisteam" in page


def test_a_coordinator_links_and_unlinks_an_agreement_to_a_goal(governance, user, client):
    goal = PolicyGoal.objects.get(title="Woonmilieus")
    agreement = Agreement.objects.get(title="Preventie")
    with pytest.raises(PermissionDenied):
        services.link_goal(user("woonpunt"), goal, agreement)
    client.force_login(user("gemeente-maastricht"))
    client.post(f"/beleid/doelen/{goal.pk}/koppelen/", {"agreement": agreement.pk})
    assert list(goal.links.values_list("agreement__title", flat=True)) == ["Preventie"]
    assert client.get("/beleid/").context["unserved"] == []
    client.post(
        f"/beleid/doelen/{goal.pk}/koppelen/", {"agreement": agreement.pk, "action": "unlink"}
    )
    assert not goal.links.exists()


def test_the_openapi_document_describes_the_governance_and_bid_paths(db, client):
    document = client.get("/api/v1/openapi.json").json()
    for path in ["/bodies", "/meetings", "/cycles/{id}/bids", "/bids"]:
        assert path in document["paths"]
    assert {"Body", "Meeting", "Bid", "BidInput"} <= set(document["components"]["schemas"])


def test_the_meetings_api_gives_visitors_agenda_and_decisions_but_no_minutes_or_items(
    governance, user, client
):
    body = _working_group()
    coordinator = user("gemeente-maastricht")
    meeting = services.add_meeting(
        coordinator,
        body,
        date=datetime.date(2019, 9, 10),
        agenda="Dip in de nieuwbouw",
        minutes="Verslag: de wethouder zegt toe te bellen",
    )
    services.add_decision(coordinator, meeting, text="Besluit over de dip")
    services.add_action_item(
        coordinator,
        meeting,
        description="Bel de corporatie",
        owner_organisation=org("maasvallei"),
        owner_person=user("maasvallei"),
    )

    def ours(response):
        assert response.status_code == 200
        return next(m for m in response.json()["results"] if m["id"] == meeting.pk)

    visitor = ours(client.get("/api/v1/meetings"))
    assert visitor["agenda"] == "Dip in de nieuwbouw"
    assert [d["text"] for d in visitor["decisions"]] == ["Besluit over de dip"]
    assert visitor["minutes"] == "" and visitor["actionItems"] == []
    assert "maasvallei" not in str(visitor) and "Verslag" not in str(visitor)

    client.force_login(user("woonpunt"))
    party = ours(client.get("/api/v1/meetings"))
    assert party["minutes"].startswith("Verslag")
    assert [(i["description"], i["ownerOrganisation"]["name"]) for i in party["actionItems"]] == [
        ("Bel de corporatie", org("maasvallei").name)
    ]
    assert party["actionItems"][0]["ownerPerson"]
