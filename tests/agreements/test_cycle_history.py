"""The cycle's change history: every change a reader may see, newest first, in words; bids
keep their own history and dispute points are for the parties only."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import target_of
from tests.governance.conftest import woonpunt_bid
from woonafspraken.agreements import services
from woonafspraken.governance import services as governance_services
from woonafspraken.governance.models import Body
from woonafspraken.process import services as process_services


def _url(cycle, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"/cycli/{cycle.pk}/wijzigingen/" + (f"?{query}" if query else "")


def _renorm(cycle, user, value="12"):
    target = target_of(cycle, "Eigen inplaatsing")
    target.refresh_from_db()
    services.update_target(
        user("gemeente-maastricht"),
        target,
        changes={"value": value},
        expected_version=target.version,
    )
    return target


def test_a_changed_norm_is_in_the_cycle_history_in_words(client, maastricht, user):
    _renorm(maastricht, user)
    client.force_login(user("woonpunt"))
    html = client.get(_url(maastricht)).content.decode()
    assert "Norm gewijzigd" in html
    assert "waarde: 10,00" in html and "waarde: 12,00" in html


def test_the_history_narrows_to_one_kind_of_change(client, maastricht, user):
    _renorm(maastricht, user)
    client.force_login(user("woonpunt"))
    assert "Norm gewijzigd" in client.get(_url(maastricht, soort="afspraken")).content.decode()
    assert "Norm gewijzigd" not in client.get(_url(maastricht, soort="evaluaties")).content.decode()


def test_bids_never_appear_in_the_cycle_history(client, maastricht, user):
    woonpunt_bid(maastricht, user, submit=True)
    client.force_login(user("gemeente-maastricht"))
    html = client.get(_url(maastricht)).content.decode()
    assert "Bod begonnen" not in html and "Nieuwbouw sociale huur" not in html


def test_dispute_points_show_to_parties_and_not_to_the_public(client, maastricht, user):
    process_services.add_dispute_point(
        user("gemeente-maastricht"), maastricht, subject="Aantal sloopwoningen"
    )
    assert maastricht.published
    assert "Aantal sloopwoningen" not in client.get(_url(maastricht)).content.decode()
    client.force_login(user("servatius"))
    assert "Aantal sloopwoningen" in client.get(_url(maastricht)).content.decode()


def test_an_unpublished_cycle_has_no_history_for_outsiders(client, maastricht):
    type(maastricht).objects.filter(pk=maastricht.pk).update(published=False)
    assert client.get(_url(maastricht)).status_code == 404
    outsider = get_user_model().objects.create_user("buiten", "buiten@example.org", "demo")
    client.force_login(outsider)
    assert client.get(_url(maastricht)).status_code == 403


def test_the_history_comes_in_pages_of_fifty(client, maastricht, user):
    client.force_login(user("woonpunt"))
    for i in range(60):
        _renorm(maastricht, user, value=str(20 + i))
    first = client.get(_url(maastricht))
    assert len(first.context["history"]) == 50
    assert first.context["history"][0].new["value"] == "79.00"  # newest first
    assert 'rel="next"' in first.content.decode()
    last_page = first.context["page"].paginator.num_pages
    last = client.get(_url(maastricht, pagina=last_page))
    assert last.status_code == 200 and 'rel="prev"' in last.content.decode()


def test_the_history_costs_the_same_queries_for_more_changes(client, maastricht, user):
    client.force_login(user("woonpunt"))
    _renorm(maastricht, user)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(maastricht)).status_code == 200
        return len(queries)

    before = count()
    for i in range(10):
        _renorm(maastricht, user, value=str(30 + i))
    assert count() == before


@pytest.fixture
def meeting(maastricht, user):
    body = Body.objects.get(name="Werkgroep Betaalbaarheid")
    meeting = governance_services.add_meeting(
        user("gemeente-maastricht"), body, date=datetime.date(2019, 9, 10), agenda="1. Opening"
    )
    governance_services.update_meeting(
        user("gemeente-maastricht"), meeting, changes={"minutes": "Afgesproken: notitie."}
    )
    return meeting


def test_a_meeting_page_shows_the_meetings_history(client, meeting, user):
    client.force_login(user("maasvallei"))
    html = client.get(f"/vergaderingen/{meeting.pk}/").content.decode()
    history = html[html.index('id="meeting-history-heading"') :]
    assert "Vergadering gewijzigd" in history and "verslag: Afgesproken: notitie." in history
    assert "Vergadering vastgelegd" in history


def test_a_body_page_shows_how_the_body_was_set_up(client, maastricht, user):
    client.force_login(user("maasvallei"))
    body = Body.objects.get(name="Werkgroep Betaalbaarheid")
    html = client.get(f"/overleg/{body.pk}/").content.decode()
    assert "Overleg ingesteld" in html[html.index('id="body-history-heading"') :]


def test_a_bid_page_shows_its_history_with_removed_rows(client, maastricht, user):
    bid = woonpunt_bid(maastricht, user)
    row = governance_services.add_bid_item(
        user("woonpunt"),
        bid,
        item={"section": "b", "description": "Buurtbeheer Caberg", "planned": [1, 1, 1, 1, 1]},
    )
    governance_services.remove_bid_item(user("woonpunt"), row)
    client.force_login(user("woonpunt"))
    html = client.get(f"/biedingen/{bid.pk}/").content.decode()
    history = html[html.index('id="bid-history-heading"') :]
    assert "Regel van het bod toegevoegd" in history
    assert "Regel van het bod verwijderd" in history
    assert "omschrijving: Buurtbeheer Caberg" in history
    assert "bid_id" not in history
