"""The Vastgoed page: new build, renovation and demolition per corporation, as the seed has it."""

import re

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import target_of
from tests.governance.conftest import woonpunt_bid
from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements import services
from woonafspraken.governance import services as bid_services


def _url(cycle, year=None):
    return f"/cycli/{cycle.pk}/vastgoed/" + (f"?year={year}" if year else "")


def _text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _row(html, kind, slug):
    """The cells of one corporation's row in the table of ``kind``, as text by data-cell."""
    pk = Organisation.objects.get(slug=slug).pk
    match = re.search(rf'<tbody[^>]*id="{kind}-{pk}"[^>]*>(.*?)</tbody>', html, re.S)
    assert match, f"no row for {slug} in {kind}"
    body = match.group(1)
    cells = {
        name: _text(content)
        for name, content in re.findall(r'data-cell="(\w+)"[^>]*>(.*?)</td>', body, re.S)
    }
    planned = re.search(r'<tr[^>]*data-cell="planned"[^>]*>(.*?)</tr>', body, re.S)
    cells["planned"] = _text(planned.group(1)) if planned else ""
    return cells


def _page(client, cycle, year=None):
    response = client.get(_url(cycle, year))
    assert response.status_code == 200
    return response.content.decode()


def test_the_cycle_page_links_to_the_vastgoed_page(client, maastricht):
    assert _url(maastricht) in client.get(f"/cycli/{maastricht.pk}/").content.decode()


def test_the_demo_page_shows_the_seeds_norms_per_corporation(client, maastricht):
    html = _page(client, maastricht)
    expected = {
        "new_build": {
            "woonpunt": "minimaal 60",
            "servatius": "minimaal 476",
            "maasvallei": "minimaal 306",
        },
        "renovation": {
            "woonpunt": "minimaal 600",
            "servatius": "minimaal 1.572",
            "maasvallei": "minimaal 330",
        },
        "demolition": {"woonpunt": "195", "servatius": "377–497", "maasvallei": "168"},
    }
    for kind, norms in expected.items():
        for slug, norm in norms.items():
            row = _row(html, kind, slug)
            assert row["norm"] == norm
            assert row["cumulative"] == row["remaining"] == "—"
            assert row["verdict"] == "geen gegevens"
    assert "<figure" in html and 'src="data:image/svg+xml;base64,' in html


def test_a_recorded_measurement_changes_the_cumulative_and_the_remaining(client, maastricht, user):
    woonpunt = target_of(maastricht, "Nieuwbouw", "woonpunt")
    services.record_measurement(user("woonpunt"), woonpunt, value=25, year=2017)
    services.record_measurement(user("woonpunt"), woonpunt, value=10, year=2018)
    servatius = target_of(maastricht, "Sloop", "servatius")
    services.record_measurement(user("servatius"), servatius, value=100, year=2017)
    renovation = target_of(maastricht, "Renovatie", "servatius")
    services.record_measurement(user("servatius"), renovation, value=1600, year=2019)

    html = _page(client, maastricht, 2021)
    assert _row(html, "new_build", "woonpunt") == {
        "norm": "minimaal 60",
        "cumulative": "35",
        "remaining": "25",
        "verdict": "niet gehaald",
        "planned": "",
    }
    assert _row(html, "demolition", "servatius")["remaining"] == "277–397"
    assert _row(html, "renovation", "servatius")["cumulative"] == "1.600"
    assert _row(html, "renovation", "servatius")["remaining"] == "0"
    assert _row(html, "renovation", "servatius")["verdict"] == "gehaald"

    during = _page(client, maastricht, 2017)
    assert _row(during, "new_build", "woonpunt")["cumulative"] == "25"
    assert _row(during, "new_build", "woonpunt")["verdict"] == "op koers"  # 25 >= 60 / 5


def test_a_submitted_bid_shows_its_planned_new_build_to_the_municipality(client, maastricht, user):
    woonpunt_bid(maastricht, user, submit=True)  # 2016: new build 10, 20, 0, 5 in 2017–2020
    client.force_login(user("gemeente-maastricht"))
    html = _page(client, maastricht)
    assert _row(html, "new_build", "woonpunt")["planned"] == "gepland (bod 2016) 10 20 0 5 —"
    assert _row(html, "new_build", "servatius")["planned"] == ""
    assert _row(html, "renovation", "woonpunt")["planned"] == ""  # bids plan no renovation


def test_a_draft_bid_is_no_plan_for_anyone(client, maastricht, user):
    woonpunt_bid(maastricht, user)
    for username in ("servatius", "gemeente-maastricht", "woonpunt"):
        client.force_login(user(username))
        html = _page(client, maastricht)
        assert _row(html, "new_build", "woonpunt")["planned"] == "", username
        assert "gepland (bod" not in html


def test_a_submitted_bid_follows_the_bid_rule_of_who_may_see_it(client, maastricht, user):
    woonpunt_bid(maastricht, user, submit=True)  # the cycle is still in preparation
    client.force_login(user("servatius"))
    assert "gepland (bod" not in _page(client, maastricht)
    client.logout()
    assert "gepland (bod" not in _page(client, maastricht)


def _count(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_with_more_measurements_and_bids(client, maastricht, user):
    services.record_measurement(
        user("woonpunt"), target_of(maastricht, "Nieuwbouw", "woonpunt"), value=5, year=2017
    )
    woonpunt_bid(maastricht, user, submit=True)
    client.force_login(user("gemeente-maastricht"))
    before = _count(client, _url(maastricht))
    for slug in ("woonpunt", "servatius", "maasvallei"):
        for indicator in ("Nieuwbouw", "Renovatie", "Sloop"):
            target = target_of(maastricht, indicator, slug)
            for year in (2018, 2019, 2020):
                services.record_measurement(user(slug), target, value=3, year=year)
    for year in (2017, 2018):
        bid = woonpunt_bid(maastricht, user, year=year)
        bid_services.add_bid_item(
            user("woonpunt"), bid, item={"section": "a", "description": "Meer", "planned": [1, 2]}
        )
        bid_services.submit_bid(user("woonpunt"), bid)
    assert _count(client, _url(maastricht)) == before


def test_an_unpublished_cycle_is_hidden_from_outsiders(client, maastricht, user):
    maastricht.published = False
    maastricht.save()
    assert client.get(_url(maastricht)).status_code == 404
    client.force_login(get_user_model().objects.create_user("buitenstaander", password="x"))
    assert client.get(_url(maastricht)).status_code == 403
    client.force_login(user("woonbelang"))
    assert client.get(_url(maastricht)).status_code == 200
