"""The set-up through the API: a theme, and phase changes with a reason when reopening."""

import json
from typing import Any

import pytest
from django.test import Client

from tests.agreements.cast import Cast, build, new_cycle
from woonafspraken.accounts.services import create_token
from woonafspraken.agreements.models import Cycle, Theme
from woonafspraken.process.models import PhaseChange


@pytest.fixture
def cast(db: Any) -> Cast:
    return build()


def _client(user: Any) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {create_token(user)}")


def _post(client: Client, url: str, payload: dict[str, Any]) -> Any:
    return client.post(url, data=json.dumps(payload), content_type="application/json")


def _cycle(cast: Cast) -> Cycle:
    m = cast.maastricht
    return new_cycle(m, cast.corporation, title="Prestatieafspraken 2020", start=2020, end=2020)


def test_a_coordinator_adds_a_theme_with_a_project_leader(cast: Cast) -> None:
    cycle = _cycle(cast)
    m = cast.maastricht
    response = _post(
        _client(m.coordinator),
        f"/api/v1/cycles/{cycle.pk}/themes",
        {"name": "Betaalbaarheid", "leadOrganisation": m.gemeente.pk, "projectLeader": m.leader.pk},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["name"], body["order"], body["projectLeader"]) == (
        "Betaalbaarheid",
        1,
        "Lea Leider Maastricht",
    )
    again = _post(
        _client(m.coordinator), f"/api/v1/cycles/{cycle.pk}/themes", {"name": "betaalbaarheid"}
    )
    assert again.status_code == 400
    assert again["Content-Type"].startswith("application/problem+json")
    assert Theme.objects.count() == 1


def test_another_municipality_cannot_add_a_theme(cast: Cast) -> None:
    cycle = _cycle(cast)
    response = _post(
        _client(cast.heerlen.coordinator), f"/api/v1/cycles/{cycle.pk}/themes", {"name": "X"}
    )
    assert response.status_code in (403, 404)
    assert not Theme.objects.exists()


def test_phase_changes_and_reopening_needs_a_reason(cast: Cast) -> None:
    cycle = _cycle(cast)
    m = cast.maastricht
    url = f"/api/v1/cycles/{cycle.pk}/phase"
    ok = _post(_client(m.coordinator), url, {"to": "bids"})
    assert ok.status_code == 201, ok.content
    assert (ok.json()["fromPhase"], ok.json()["toPhase"]) == ("preparation", "bids")
    wrong = _post(_client(m.coordinator), url, {"to": "closed"})
    assert wrong.status_code == 409
    Cycle.objects.filter(pk=cycle.pk).update(phase="closed")
    locked = _post(_client(m.coordinator), f"/api/v1/cycles/{cycle.pk}/themes", {"name": "Laat"})
    assert locked.status_code == 409
    assert "afgesloten" in locked.json()["detail"]
    no_reason = _post(_client(m.admin), url, {"to": "evaluation"})
    assert no_reason.status_code == 400
    not_admin = _post(_client(m.coordinator), url, {"to": "evaluation", "reason": "Fout"})
    assert not_admin.status_code == 403
    reopened = _post(_client(m.admin), url, {"to": "evaluation", "reason": "Cijfer was fout"})
    assert reopened.status_code == 201
    assert reopened.json()["reason"] == "Cijfer was fout"
    assert (
        PhaseChange.objects.filter(cycle=cycle, to_phase="evaluation").get().changed_by == m.admin
    )
