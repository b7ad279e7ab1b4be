"""The governance and bid pages cost a fixed number of queries, whatever the amount of data."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from woonafspraken.accounts.models import Municipality, Organisation
from woonafspraken.agreements import services as agreement_services
from woonafspraken.governance import services
from woonafspraken.governance.models import Body, PolicyDocument, PolicyGoal

from .conftest import org, woonpunt_bid

SLUGS = ["gemeente-maastricht", "woonpunt", "servatius", "maasvallei", "woonbelang"]


def _count(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def _meeting_with_items(user, body, n):
    meeting = services.add_meeting(
        user("gemeente-maastricht"), body, date=datetime.date(2019, 9, 10)
    )
    for i in range(n):
        services.add_action_item(
            user("gemeente-maastricht"),
            meeting,
            description=f"Actie {i}",
            owner_organisation=org("maasvallei"),
            due_date=datetime.date(2019, 10, 1),
        )
        services.add_decision(user("gemeente-maastricht"), meeting, text=f"Besluit {i}")
    return meeting


def test_governance_pages_cost_the_same_queries_for_more_meetings_and_items(
    governance, user, client
):
    client.force_login(user("maasvallei"))
    first = _meeting_with_items(user, Body.objects.get(name="Werkgroep Betaalbaarheid"), 1)
    paths = ["/overleg/", "/actiepunten/", f"/vergaderingen/{first.pk}/", "/api/v1/meetings"]
    paths += ["/api/v1/bodies", "/beleid/"]
    before = {p: _count(client, p) for p in paths}
    _meeting_with_items(user, Body.objects.get(name="Werkgroep Vastgoed"), 5)
    for i in range(4):
        services.add_action_item(user("gemeente-maastricht"), first, description=f"Extra {i}")
    assert {p: _count(client, p) for p in paths} == before


def test_the_bid_list_costs_the_same_queries_for_more_bids(maastricht, user, client, token_client):
    woonpunt_bid(maastricht, user, submit=True)
    client.force_login(user("gemeente-maastricht"))
    paths = [f"/cycli/{maastricht.pk}/biedingen/", f"/api/v1/cycles/{maastricht.pk}/bids"]
    before = {p: _count(client, p) for p in paths}
    for year in (2017, 2018, 2019):
        woonpunt_bid(maastricht, user, submit=True, year=year)
    assert {p: _count(client, p) for p in paths} == before


def test_the_body_page_costs_the_same_queries_for_more_meetings_and_members(
    governance, user, client
):
    body = Body.objects.get(name="Werkgroep Betaalbaarheid")
    client.force_login(user("gemeente-maastricht"))  # sees the members and meeting forms
    path = f"/overleg/{body.pk}/"
    before = _count(client, path)
    for day in range(1, 5):
        services.add_meeting(user("gemeente-maastricht"), body, date=datetime.date(2019, 9, day))
    services.update_body_members(
        user("gemeente-maastricht"),
        body,
        member_organisations=list(Organisation.objects.filter(slug__in=SLUGS)),
    )
    assert _count(client, path) == before


def _cycle_with_agreement(user, year):
    """An unpublished cycle (so reading it asks who its parties are) with one agreement."""
    parties = list(Organisation.objects.filter(slug__in=SLUGS))
    cycle = agreement_services.create_cycle(
        user("beheer"),
        municipality=Municipality.objects.get(cbs_code="GM0935"),
        title=f"Prestatieafspraken {year}",
        start_year=year,
        end_year=year + 4,
        parties=parties,
    )
    theme = agreement_services.add_theme(user("beheer"), cycle, name="Betaalbaarheid", order=1)
    return agreement_services.add_agreement(
        user("beheer"), theme, number="1.1", title=f"Huren {year}"
    )


def test_the_goal_page_costs_the_same_queries_for_more_linked_agreements_and_cycles(
    governance, user, client
):
    goal = PolicyGoal.objects.get(title="Woonmilieus")
    services.link_goal(user("beheer"), goal, _cycle_with_agreement(user, 2021))
    client.force_login(user("gemeente-maastricht"))
    path = f"/beleid/doelen/{goal.pk}/"
    before = _count(client, path)
    for year in (2022, 2023, 2024):
        services.link_goal(user("beheer"), goal, _cycle_with_agreement(user, year))
    assert _count(client, path) == before


def test_the_policy_page_costs_the_same_queries_for_more_documents_and_goals(
    governance, user, client
):
    client.force_login(user("gemeente-maastricht"))  # sees the document and goal forms
    before = _count(client, "/beleid/")
    for year in (2021, 2022, 2023):
        document = services.create_policy_document(
            user("gemeente-maastricht"),
            Municipality.objects.get(cbs_code="GM0935"),
            kind=PolicyDocument.Kind.VOLKSHUISVESTINGSPROGRAMMA,
            title=f"Volkshuisvestingsprogramma {year}",
            year=year,
        )
        for n in range(3):
            services.add_goal(
                user("gemeente-maastricht"), document, theme_name="Betaalbaarheid", title=f"{n}"
            )
    assert _count(client, "/beleid/") == before


def test_the_bid_page_costs_the_same_queries_for_more_items(maastricht, user, client):
    bid = woonpunt_bid(maastricht, user)
    path = f"/biedingen/{bid.pk}/"
    client.force_login(user("woonpunt"))  # sees the row forms
    before_own = _count(client, path)
    for n in range(6):
        services.add_bid_item(
            user("woonpunt"),
            bid,
            item={"section": "d", "description": f"Isoleren {n}", "planned": [n, n]},
        )
    assert _count(client, path) == before_own


def test_the_submitted_bid_page_costs_the_same_queries_for_more_items(maastricht, user, client):
    bid = woonpunt_bid(maastricht, user)
    path = f"/biedingen/{bid.pk}/"
    services.submit_bid(user("woonpunt"), bid)
    client.force_login(user("gemeente-maastricht"))  # may turn rows into agreements
    before = _count(client, path)
    more = woonpunt_bid(maastricht, user, year=2017)
    for n in range(6):
        services.add_bid_item(
            user("woonpunt"), more, item={"section": "d", "description": f"Isoleren {n}"}
        )
    services.submit_bid(user("woonpunt"), more)
    assert _count(client, f"/biedingen/{more.pk}/") == before


def test_the_bodies_page_with_its_form_costs_the_same_queries_for_more_bodies(
    governance, user, client
):
    client.force_login(user("gemeente-maastricht"))  # sees the form to set up a body
    before = _count(client, "/overleg/")
    for n in range(3):
        services.create_body(
            user("gemeente-maastricht"),
            Municipality.objects.get(cbs_code="GM0935"),
            kind=Body.Kind.WORKING_GROUP,
            name=f"Werkgroep {n}",
            lead_organisation=org("woonpunt"),
            member_organisations=list(Organisation.objects.filter(slug__in=SLUGS)),
        )
    assert _count(client, "/overleg/") == before
