"""Submitting a bid, the 1 July deadline, the API, and turning an item into an agreement."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from woonafspraken.agreements.models import Indicator, Target
from woonafspraken.audit.models import AuditEntry
from woonafspraken.governance import services
from woonafspraken.governance.models import Bid

from .conftest import org, refused_with, woonpunt_bid

AMS = ZoneInfo("Europe/Amsterdam")


def test_submitting_stamps_the_time_and_closes_the_draft(maastricht, user):
    bid = woonpunt_bid(maastricht, user, submit=True)
    assert bid.status == "submitted"
    assert bid.submitted_at is not None
    assert AuditEntry.objects.filter(action="governance.bid.submitted").count() == 1
    with pytest.raises(PermissionDenied):
        services.save_bid_content(user("woonpunt"), bid, sections={"a": "later"}, items=None)


def test_a_bid_submitted_on_or_after_1_july_is_accepted_but_flagged_late(maastricht, user):
    bid = woonpunt_bid(maastricht, user)
    bid.submitted_at = datetime.datetime(2016, 6, 30, 23, 59, tzinfo=AMS)
    assert bid.late is False
    bid.submitted_at = datetime.datetime(2016, 7, 1, 0, 1, tzinfo=AMS)
    assert bid.late is True
    assert bid.due == datetime.date(2016, 7, 1)


def test_only_the_corporation_starts_its_own_bid(maastricht, user):
    with pytest.raises(PermissionDenied):
        services.start_bid(user("servatius"), maastricht, org("woonpunt"), year=2016)
    with pytest.raises(PermissionDenied):
        services.start_bid(user("gemeente-maastricht"), maastricht, org("woonpunt"), year=2016)


def test_a_bid_item_becomes_a_draft_agreement_with_targets_linked_back(maastricht, user):
    bid = woonpunt_bid(maastricht, user)
    item = bid.items.get(section="a")
    theme = maastricht.themes.get(name="Vastgoed")
    indicator = Indicator.objects.get(name="Nieuwbouw (woningen)")
    agreement = services.turn_item_into_agreement(
        user("gemeente-maastricht"), item, theme=theme, indicator=indicator, number="6.9"
    )
    item.refresh_from_db()
    assert item.agreement == agreement
    assert agreement.title == "Nieuwbouw sociale huur"
    assert agreement.lead_party.slug == "woonpunt"
    targets = list(agreement.targets.order_by("year").values_list("year", "kind", "value"))
    # bid 2016 plans 2017–2021: 10, 20, 0, 5 and nothing for 2021
    assert [(y, k, int(v)) for y, k, v in targets] == [
        (2017, "min", 10),
        (2018, "min", 20),
        (2019, "min", 0),
        (2020, "min", 5),
    ]
    assert all(t.party.slug == "woonpunt" for t in Target.objects.filter(agreement=agreement))
    with pytest.raises(ValidationError):
        services.turn_item_into_agreement(
            user("gemeente-maastricht"), item, theme=theme, indicator=indicator, number="6.10"
        )


def test_a_corporation_cannot_turn_its_bid_into_agreements(maastricht, user):
    bid = woonpunt_bid(maastricht, user)
    with pytest.raises(PermissionDenied):
        services.turn_item_into_agreement(
            user("woonpunt"),
            bid.items.first(),
            theme=maastricht.themes.first(),
            indicator=Indicator.objects.get(name="Nieuwbouw (woningen)"),
            number="9.9",
        )
    assert bid.items.first().agreement is None


def test_the_api_saves_and_submits_the_own_bid(maastricht, token_client):
    payload = {
        "cycle": maastricht.pk,
        "year": 2016,
        "sections": {"a": "Nieuwbouw", "f": "Studenten"},
        "items": [{"section": "c", "description": "Verkoop", "postcode": "6211", "planned": [1]}],
    }
    client = token_client("woonpunt")
    created = client.post("/api/v1/bids", payload, content_type="application/json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["corporation"]["name"] == "Woonpunt"
    assert body["items"][0]["planned"] == [1, None, None, None, None]
    assert body["plannedYears"] == [2017, 2018, 2019, 2020, 2021]
    submitted = client.post(
        "/api/v1/bids", {**payload, "submit": True}, content_type="application/json"
    )
    assert submitted.status_code == 200
    assert submitted.json()["status"] == "submitted"
    again = client.post("/api/v1/bids", payload, content_type="application/json")
    assert again.status_code == 409
    assert again["Content-Type"] == "application/problem+json"


def test_the_api_refuses_a_bad_item_and_saves_nothing(maastricht, token_client):
    payload = {
        "cycle": maastricht.pk,
        "year": 2016,
        "items": [
            {"section": "a", "description": "Goed", "planned": [1]},
            {"section": "c", "description": "Verkoop", "postcode": "62", "planned": [1]},
        ],
    }
    response = token_client("woonpunt").post(
        "/api/v1/bids", payload, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "items[1].postcode"
    assert not Bid.objects.exists()


def test_the_api_refuses_bids_from_others(maastricht, token_client, client):
    payload = {"cycle": maastricht.pk, "year": 2016}
    tenant = token_client("woonbelang").post(
        "/api/v1/bids", payload, content_type="application/json"
    )
    assert tenant.status_code == 403
    other = token_client("servatius").post(
        "/api/v1/bids",
        {**payload, "corporation": org("woonpunt").pk},
        content_type="application/json",
    )
    assert other.status_code == 403
    anonymous = client.post("/api/v1/bids", payload, content_type="application/json")
    assert anonymous.status_code == 401
    assert not Bid.objects.exists()


def test_the_bid_pages_let_the_corporation_write_and_submit(maastricht, user, client):
    client.force_login(user("woonpunt"))
    response = client.post(
        f"/cycli/{maastricht.pk}/biedingen/nieuw/",
        {"corporation": org("woonpunt").pk, "year": "2016"},
    )
    bid = Bid.objects.get()
    assert response.url == f"/biedingen/{bid.pk}/"
    client.post(f"/biedingen/{bid.pk}/teksten/", {"section-b": "Leefbaarheid in Noord"})
    assert bid.sections.get(section="b").text == "Leefbaarheid in Noord"
    client.post(f"/biedingen/{bid.pk}/indienen/")
    bid.refresh_from_db()
    assert bid.status == "submitted"
    page = client.get(f"/biedingen/{bid.pk}/").content.decode()
    assert "Leefbaarheid in Noord" in page


def test_a_wrong_new_bid_form_says_every_problem_and_writes_nothing(maastricht, user, client):
    client.force_login(user("woonpunt"))
    response = client.post(
        f"/cycli/{maastricht.pk}/biedingen/nieuw/", {"corporation": "", "year": "1850"}
    )
    refused_with(response, "Dit veld is vereist.", "Zorg ervoor dat deze waarde minstens 2000 is.")
    assert set(response.context["form"].errors) == {"corporation", "year"}
    assert not Bid.objects.exists()
