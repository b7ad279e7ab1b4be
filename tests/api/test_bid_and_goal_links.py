"""A bid line becomes a concept agreement, and an agreement is linked to a policy goal, through
the API as on the web: the bid is made through the API by the corporation, the step is taken
by the municipality's coordinator."""

from typing import Any

from woonafspraken.agreements.models import Agreement, Indicator
from woonafspraken.audit.models import AuditEntry
from woonafspraken.governance.models import BidItem, GoalLink, PolicyGoal

JSON = "application/json"


def _bid_line(cycle: Any, token_client: Any) -> BidItem:
    payload = {
        "cycle": cycle.pk,
        "year": 2016,
        "submit": True,
        "items": [{"section": "a", "description": "Nieuwbouw sociale huur", "planned": [4, 6]}],
    }
    answer = token_client("woonpunt").post("/api/v1/bids", payload, content_type=JSON)
    assert answer.status_code == 201, answer.json()
    return BidItem.objects.get(pk=answer.json()["items"][0]["id"])


def test_the_coordinator_turns_a_bid_line_into_a_concept_agreement(maastricht, token_client):
    item = _bid_line(maastricht, token_client)
    theme = maastricht.themes.get(name="Vastgoed")
    indicator = Indicator.objects.get(name="Nieuwbouw (woningen)")
    url = f"/api/v1/bid-items/{item.pk}/agreement"
    body = {"theme": theme.pk, "indicator": indicator.pk, "number": "6.9"}

    refused = token_client("woonpunt").post(url, body, content_type=JSON)
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"

    made = token_client("gemeente-maastricht").post(url, body, content_type=JSON)
    assert made.status_code == 201, made.json()
    record = made.json()
    assert record["title"] == "Nieuwbouw sociale huur"
    assert record["theme"]["name"] == "Vastgoed"
    assert record["leadParty"]["name"] == "Woonpunt"
    item.refresh_from_db()
    assert item.agreement_id == record["id"]
    targets = Agreement.objects.get(pk=record["id"]).targets.order_by("year")
    assert [(t.year, int(t.value)) for t in targets] == [(2017, 4), (2018, 6)]

    again = token_client("gemeente-maastricht").post(url, body, content_type=JSON)
    assert again.status_code == 400
    assert Agreement.objects.filter(bid_items=item).count() == 1


def test_bad_input_is_refused_all_at_once_and_changes_nothing(maastricht, token_client):
    item = _bid_line(maastricht, token_client)
    client = token_client("gemeente-maastricht")
    before = (Agreement.objects.count(), AuditEntry.objects.count())
    answer = client.post(
        f"/api/v1/bid-items/{item.pk}/agreement",
        {"theme": 999_999, "indicator": 999_998},
        content_type=JSON,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert answer.status_code == 400
    names = {p["name"] for p in answer.json()["invalidParams"]}
    assert names == {"theme", "indicator"}
    assert "theme" in answer.json()["invalidParams"][0]["reason"].lower()
    assert (Agreement.objects.count(), AuditEntry.objects.count()) == before
    assert (
        client.post("/api/v1/bid-items/999999/agreement", {}, content_type=JSON).status_code == 404
    )


def test_an_agreement_is_linked_to_a_goal_once_and_only_in_its_municipality(
    maastricht, token_client
):
    goal = PolicyGoal.objects.filter(document__municipality=maastricht.municipality).first()
    agreement = Agreement.objects.filter(theme__cycle=maastricht).exclude(goal_links__goal=goal)[0]
    url = f"/api/v1/policy-goals/{goal.pk}/links"
    client = token_client("gemeente-maastricht")

    assert (
        token_client("woonpunt")
        .post(url, {"agreement": agreement.pk}, content_type=JSON)
        .status_code
        == 403
    )
    made = client.post(url, {"agreement": agreement.pk}, content_type=JSON)
    assert made.status_code == 201, made.json()
    assert made.json() == {"goal": goal.pk, "agreement": agreement.pk}
    assert GoalLink.objects.filter(goal=goal, agreement=agreement).count() == 1
    assert client.post(url, {"agreement": agreement.pk}, content_type=JSON).status_code == 200
    assert GoalLink.objects.filter(goal=goal, agreement=agreement).count() == 1

    unknown = client.post(url, {"agreement": 999_999}, content_type=JSON)
    assert unknown.status_code == 400
    assert unknown.json()["invalidParams"][0]["name"] == "agreement"
    assert (
        client.post(
            "/api/v1/policy-goals/999999/links", {"agreement": agreement.pk}, content_type=JSON
        ).status_code
        == 404
    )
