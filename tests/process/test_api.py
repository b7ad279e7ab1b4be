"""API: milestones, approvals (201, 401, 403, 409) and the OpenAPI document."""

from typing import Any

import pytest

from tests.process.conftest import to_decision
from woonafspraken.process import services


def _approve(client: Any, cycle: Any, organisation: Any) -> Any:
    return client.post(
        f"/api/v1/cycles/{cycle.pk}/approvals",
        {
            "organisation": organisation.pk,
            "decisionBody": "raad_van_bestuur",
            "decidedOn": "2019-11-20",
        },
        content_type="application/json",
    )


def test_a_signatory_approves_for_its_own_organisation(
    maastricht: Any, user: Any, token_client: Any
) -> None:
    to_decision(maastricht, user("beheer"))
    woonpunt = maastricht.parties.get(slug="woonpunt")
    response = _approve(token_client("woonpunt"), maastricht, woonpunt)
    assert response.status_code == 201
    assert response.json()["organisation"]["name"] == "Woonpunt"
    listed = token_client("woonpunt").get(f"/api/v1/cycles/{maastricht.pk}/approvals").json()
    assert [a["organisation"]["id"] for a in listed["results"]] == [woonpunt.pk]
    assert woonpunt.pk not in [o["id"] for o in listed["missing"]]
    assert listed["results"][0]["signatory"]


def test_a_visitor_sees_which_organisation_approved_but_not_who_signed(
    maastricht: Any, user: Any, token_client: Any, client: Any
) -> None:
    to_decision(maastricht, user("beheer"))
    woonpunt = maastricht.parties.get(slug="woonpunt")
    assert _approve(token_client("woonpunt"), maastricht, woonpunt).status_code == 201
    maastricht.published = True
    maastricht.save(update_fields=["published"])
    listed = client.get(f"/api/v1/cycles/{maastricht.pk}/approvals").json()
    assert [(a["organisation"]["name"], a["signatory"]) for a in listed["results"]] == [
        ("Woonpunt", None)
    ]


@pytest.mark.parametrize("username", ["servatius", "gemeente-maastricht", "woonbelang", "beheer"])
def test_anyone_else_gets_403_problem_json(
    maastricht: Any, user: Any, token_client: Any, username: str
) -> None:
    to_decision(maastricht, user("beheer"))
    response = _approve(token_client(username), maastricht, maastricht.parties.get(slug="woonpunt"))
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert "ondertekenaar van Woonpunt" in response.json()["detail"]


def test_without_a_token_it_is_401(client: Any, maastricht: Any, user: Any) -> None:
    to_decision(maastricht, user("beheer"))
    assert _approve(client, maastricht, maastricht.parties.get(slug="woonpunt")).status_code == 401


def test_outside_the_decision_phase_it_is_409(maastricht: Any, token_client: Any) -> None:
    response = _approve(
        token_client("woonpunt"), maastricht, maastricht.parties.get(slug="woonpunt")
    )
    assert response.status_code == 409
    assert "besluitvorming" in response.json()["detail"]


def test_milestones_are_listed(client: Any, maastricht: Any) -> None:
    services.fill_legal_milestones(maastricht, 2019)
    data = client.get(f"/api/v1/cycles/{maastricht.pk}/milestones").json()
    assert [m["kind"] for m in data["results"]] == ["bids_due", "dispute_window"]
    assert data["results"][1]["end"] == "2020-01-29"


def test_the_openapi_document_describes_the_process_paths(client: Any, db: Any) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"get", "post"} <= set(paths["/cycles/{id}/approvals"])
    assert "/cycles/{id}/milestones" in paths and "/cycles/{id}/calendar.ics" in paths


def test_snake_case_keys_are_refused(maastricht: Any, user: Any, token_client: Any) -> None:
    to_decision(maastricht, user("beheer"))
    woonpunt = maastricht.parties.get(slug="woonpunt")
    response = token_client("woonpunt").post(
        f"/api/v1/cycles/{maastricht.pk}/approvals",
        {"organisation": woonpunt.pk, "decision_body": "other", "decided_on": "2019-11-20"},
        content_type="application/json",
    )
    assert response.status_code == 400
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert {"decision_body", "decided_on"} <= names
