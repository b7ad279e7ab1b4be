"""The process pages and API cost a fixed number of queries, whatever the amount of data."""

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import target_of
from tests.process.conftest import BODY, DAY, approve_all, signatory_of, to_decision
from woonafspraken.process import services
from woonafspraken.process.models import Amendment, Milestone


@pytest.fixture
def signed(maastricht: Any, user: Any, college: Any) -> Any:
    services.fill_legal_milestones(maastricht, 2017)
    to_decision(maastricht, user("beheer"))
    approve_all(maastricht)
    return maastricht


def _count(client: Any, path: str) -> int:
    client.get(path)  # the first view of a signed version makes its PDF once; not counted
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def _amendment(cycle: Any, user: Any, n: int, *, approvals: int) -> Amendment:
    """An amendment changing ``n`` target norms, approved by the first ``approvals`` parties."""
    targets = [
        target_of(cycle, indicator, party)
        for indicator in ("Nieuwbouw", "Renovatie")
        for party in ("woonpunt", "servatius", "maasvallei")
    ][:n]
    amendment = services.propose_amendment(
        user("gemeente-maastricht"),
        cycle,
        f"Nieuwe prognose ({n})",
        [
            {"object": "target", "id": t.pk, "field": "value", "new": str(t.value + 1)}
            for t in targets
        ],
    )
    for party in list(cycle.parties.order_by("kind", "name"))[:approvals]:
        services.approve_amendment(signatory_of(party), amendment, party, BODY[party.kind], DAY)
    return amendment


def _more(cycle: Any, user: Any, n: int) -> None:
    """Add ``n`` practice milestones and ``n`` dispute points, each with positions."""
    coordinator = user("gemeente-maastricht")
    parties = {p.slug: p for p in cycle.parties.all()}
    for i in range(n):
        services.add_milestone(
            coordinator,
            cycle,
            kind=Milestone.Kind.EVALUATION,
            title=f"Evaluatie {i}",
            starts_on=datetime.date(2018, 3, 1 + i),
        )
        point = services.add_dispute_point(
            coordinator,
            cycle,
            subject=f"Geschilpunt {i}",
            positions={parties["gemeente-maastricht"]: f"Standpunt gemeente {i}"},
        )
        for slug in ("woonpunt", "servatius", "woonbelang"):
            services.set_dispute_position(user(slug), point, parties[slug], f"Standpunt {slug} {i}")


def _costs(web: Any, api: Any, cycle: Any, amendment: Amendment) -> dict[str, int]:
    return {
        "process page": _count(web, f"/cycli/{cycle.pk}/proces/"),
        "amendment page": _count(web, f"/amendementen/{amendment.pk}/"),
        "dispute points": _count(web, f"/cycli/{cycle.pk}/geschilpunten/"),
        "milestones API": _count(api, f"/api/v1/cycles/{cycle.pk}/milestones"),
        "approvals API": _count(api, f"/api/v1/cycles/{cycle.pk}/approvals"),
    }


@pytest.mark.parametrize("username", ["gemeente-maastricht", "woonpunt", "beheer"])
def test_process_pages_and_api_cost_the_same_queries_for_more_data(
    client: Any, token_client: Any, signed: Any, user: Any, username: str
) -> None:
    client.force_login(user(username))
    api = token_client(username)
    _more(signed, user, 1)
    small = _amendment(signed, user, 1, approvals=1)
    before = _costs(client, api, signed, small)

    _more(signed, user, 5)
    approve_all(signed, amendment=_amendment(signed, user, 2, approvals=0))  # a signed version
    for n in (3, 4):
        _amendment(signed, user, n, approvals=n)
    large = _amendment(signed, user, 6, approvals=5)

    assert _costs(client, api, signed, large) == before
