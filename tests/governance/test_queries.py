"""The governance and bid pages cost a fixed number of queries, whatever the amount of data."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from woonafspraken.governance import services
from woonafspraken.governance.models import Body

from .conftest import org, woonpunt_bid


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
