"""Nobody sees another corporation's bid before the rules allow it; checked per role."""

import pytest
from django.contrib.auth.models import AnonymousUser

from woonafspraken.agreements.models import Cycle
from woonafspraken.governance.access import can_view_bid

from .conftest import woonpunt_bid

OWN = {"woonpunt"}
AFTER_SUBMIT = OWN | {"woonbelang", "gemeente-maastricht", "beheer"}
ALL_PARTIES = AFTER_SUBMIT | {"servatius", "maasvallei", "servaassleutel", "woonvallei"}
EVERYONE = sorted(ALL_PARTIES)
BEFORE_NEGOTIATION = ["preparation", "bids"]
FROM_NEGOTIATION = ["negotiation", "decision", "signed", "monitoring", "evaluation", "closed"]


def _bid_in_phase(cycle, user, phase, *, submit=False):
    """The bid is written while the cycle is open; then the cycle moves to ``phase`` (a closed
    cycle refuses bid writes)."""
    bid = woonpunt_bid(cycle, user, submit=submit)
    Cycle.objects.filter(pk=cycle.pk).update(phase=phase)
    bid.cycle.refresh_from_db()
    return bid


@pytest.mark.parametrize("phase", BEFORE_NEGOTIATION + FROM_NEGOTIATION)
@pytest.mark.parametrize("username", EVERYONE)
def test_a_draft_bid_is_seen_only_by_the_corporation_itself(maastricht, user, phase, username):
    bid = _bid_in_phase(maastricht, user, phase)
    assert can_view_bid(user(username), bid) is (username in OWN)


@pytest.mark.parametrize("phase", BEFORE_NEGOTIATION)
@pytest.mark.parametrize("username", EVERYONE)
def test_a_submitted_bid_is_seen_by_the_municipality_and_own_tenants_before_negotiation(
    maastricht, user, phase, username
):
    bid = _bid_in_phase(maastricht, user, phase, submit=True)
    assert can_view_bid(user(username), bid) is (username in AFTER_SUBMIT)


@pytest.mark.parametrize("phase", FROM_NEGOTIATION)
@pytest.mark.parametrize("username", EVERYONE)
def test_a_submitted_bid_is_seen_by_every_party_from_negotiation_on(
    maastricht, user, phase, username
):
    bid = _bid_in_phase(maastricht, user, phase, submit=True)
    assert can_view_bid(user(username), bid) is True


@pytest.mark.parametrize("phase", ["bids", "closed"])
def test_outsiders_and_anonymous_visitors_never_see_a_bid(maastricht, user, outsider, phase):
    bid = _bid_in_phase(maastricht, user, phase, submit=True)
    assert can_view_bid(outsider, bid) is False
    assert can_view_bid(AnonymousUser(), bid) is False


def test_the_bid_page_and_the_api_apply_the_same_rule(maastricht, user, client, token_client):
    bid = woonpunt_bid(maastricht, user)
    client.force_login(user("servatius"))
    assert client.get(f"/biedingen/{bid.pk}/").status_code == 403
    assert client.get(f"/cycli/{maastricht.pk}/biedingen/").context["bids"] == []
    listed = token_client("servatius").get(f"/api/v1/cycles/{maastricht.pk}/bids").json()
    assert listed["count"] == 0
    own = token_client("woonpunt").get(f"/api/v1/cycles/{maastricht.pk}/bids").json()
    assert [b["id"] for b in own["results"]] == [bid.pk]
    assert client.get(f"/api/v1/cycles/{maastricht.pk}/bids").json()["count"] == 0


def test_anonymous_visitors_get_no_bids_from_the_api(maastricht, user, client):
    woonpunt_bid(maastricht, user, submit=True)
    response = client.get(f"/api/v1/cycles/{maastricht.pk}/bids")
    assert response.status_code == 200
    assert response.json()["count"] == 0


@pytest.mark.parametrize("phase", ["bids", "negotiation"])
def test_the_database_filter_of_a_bid_list_is_the_same_rule(maastricht, user, outsider, phase):
    """The API pages bids in the database; the filter it uses gives exactly the bids that
    ``can_view_bid`` allows, for every person of the cast, a draft and a submitted bid."""
    from woonafspraken.governance.selectors import visible_bids_queryset

    bids = [woonpunt_bid(maastricht, user, year=2016)]
    bids.append(woonpunt_bid(maastricht, user, submit=True, year=2017))
    Cycle.objects.filter(pk=maastricht.pk).update(phase=phase)
    cycle = Cycle.objects.get(pk=maastricht.pk)
    for bid in bids:
        bid.cycle = cycle
    for person in [*(user(name) for name in EVERYONE), outsider, AnonymousUser()]:
        allowed = {b.pk for b in bids if can_view_bid(person, b)}
        assert set(visible_bids_queryset(person, cycle).values_list("pk", flat=True)) == allowed


def test_the_api_pages_bids_in_the_database_in_a_stable_order(maastricht, user, token_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    made = [woonpunt_bid(maastricht, user, submit=True, year=y) for y in (2016, 2017, 2018)]
    client = token_client("gemeente-maastricht")
    url = f"/api/v1/cycles/{maastricht.pk}/bids?pageSize=1&page=2"
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).json()
    assert (page["count"], [b["year"] for b in page["results"]]) == (3, [2017])
    assert page["next"].startswith("http://testserver/api/v1/") and "page=3" in page["next"]
    bid_selects = [q["sql"] for q in queries if 'FROM "governance_bid"' in q["sql"]]
    assert any("LIMIT 1" in sql for sql in bid_selects), bid_selects
    assert not any("LIMIT" not in sql and "COUNT" not in sql for sql in bid_selects)
    assert {b.pk for b in made} >= {page["results"][0]["id"]}
