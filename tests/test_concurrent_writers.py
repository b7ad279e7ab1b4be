"""20 people save the same record at the same moment, each from the version they saw
(issue 15, point 5): on PostgreSQL exactly one change is written, the other 19 are refused as
conflicts (never a server error, never silently overwritten), and the history holds exactly
that one change with its full old and new value. One case per kind of editable object.

Each writer is a thread with its own database connection, as in a threaded app server.
Runs on PostgreSQL only (``DATABASE_URL=postgres://…``); SQLite's writers are covered by
``tests/operations/test_sqlite_concurrency.py``.
"""

import datetime
import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections

from tests.conftest import target_of
from woonafspraken import demo as full_demo
from woonafspraken import versions
from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements import services as agreement_services
from woonafspraken.agreements.models import Cycle
from woonafspraken.audit.models import AuditEntry
from woonafspraken.governance import demo as governance_demo
from woonafspraken.governance import services as governance_services
from woonafspraken.governance.models import Body
from woonafspraken.process import services as process_services

WRITERS = 20


def user(name: str) -> Any:
    return get_user_model().objects.get(username=name)


def race(write: Callable[[int], Any]) -> Counter[str]:
    """Run ``write(n)`` in WRITERS threads released at once; count how each one ended."""
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()
    start = threading.Barrier(WRITERS)

    def writer(n: int) -> None:
        start.wait()
        try:
            write(n)
            outcome = "saved"
        except agreement_services.Conflict:
            outcome = "conflict"
        except Exception as exc:  # any other ending is what this test looks for
            outcome = f"error: {type(exc).__name__}: {exc}"
        finally:
            connections.close_all()
        with lock:
            outcomes[outcome] += 1

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def _theme(cycle: Cycle) -> tuple[Callable[[int], Any], str]:
    theme = cycle.themes.order_by("order").first()
    seen = agreement_services.theme_version(theme)
    coordinator = user("gemeente-maastricht")
    return (
        lambda n: agreement_services.update_theme(
            coordinator,
            theme,
            name=f"Thema {n}",
            description=f"Schrijver {n}",
            expected_version=seen,
        ),
        "agreements.theme.changed",
    )


def _target(cycle: Cycle) -> tuple[Callable[[int], Any], str]:
    target = target_of(cycle, "Nieuwbouw", "woonpunt")
    coordinator = user("gemeente-maastricht")
    return (
        lambda n: agreement_services.update_target(
            coordinator, target, changes={"value": 100 + n}, expected_version=target.version
        ),
        "agreements.target.changed",
    )


def _measurement(cycle: Cycle) -> tuple[Callable[[int], Any], str]:
    target = target_of(cycle, "Nieuwbouw", "woonpunt")
    woonpunt = user("woonpunt")
    first = agreement_services.record_measurement(woonpunt, target, value=1, year=2017)
    return (
        lambda n: agreement_services.record_measurement(
            woonpunt, target, value=10 + n, year=2017, expected_version=first.version
        ),
        "agreements.measurement.changed",
    )


def _bid_text(cycle: Cycle) -> tuple[Callable[[int], Any], str]:
    woonpunt = user("woonpunt")
    corporation = Organisation.objects.get(slug="woonpunt")
    bid = governance_services.start_bid(woonpunt, cycle, corporation, year=2016)
    seen = governance_services.bid_section_versions(bid)
    return (
        lambda n: governance_services.save_bid_content(
            woonpunt, bid, sections={"a": f"Tekst {n}"}, items=None, expected_versions=seen
        ),
        "governance.bid.changed",
    )


def _bid_item(cycle: Cycle) -> tuple[Callable[[int], Any], str]:
    woonpunt = user("woonpunt")
    corporation = Organisation.objects.get(slug="woonpunt")
    bid = governance_services.start_bid(woonpunt, cycle, corporation, year=2016)
    item = governance_services.add_bid_item(
        woonpunt, bid, item={"section": "a", "description": "Nieuwbouw", "planned": [1]}
    )
    seen = governance_services.bid_item_version(item)
    return (
        lambda n: governance_services.update_bid_item(
            woonpunt,
            item,
            changes={"section": "a", "description": f"Regel {n}", "planned": [n]},
            expected_version=seen,
        ),
        "governance.bid_item.changed",
    )


def _action_item(cycle: Cycle) -> tuple[Callable[[int], Any], str]:
    governance_demo.load(user("beheer"))
    coordinator = user("gemeente-maastricht")
    body = Body.objects.get(name="Werkgroep Betaalbaarheid")
    meeting = governance_services.add_meeting(coordinator, body, date=datetime.date(2019, 9, 10))
    item = governance_services.add_action_item(coordinator, meeting, description="Nagaan")
    seen = governance_services.action_item_version(item)
    statuses = ["done", "dropped"]
    return (
        lambda n: governance_services.update_action_item(
            coordinator, item, status=statuses[n % 2], expected_version=seen
        ),
        "governance.action_item.changed",
    )


def _members(cycle: Cycle) -> tuple[Callable[[int], Any], str]:
    governance_demo.load(user("beheer"))
    coordinator = user("gemeente-maastricht")
    body = Body.objects.get(name="Werkgroep Betaalbaarheid")
    seen = governance_services.body_members_version(body)
    parties = list(cycle.parties.order_by("pk"))
    return (
        lambda n: governance_services.update_body_members(
            coordinator,
            body,
            member_organisations=[parties[n % len(parties)]],
            expected_version=seen,
        ),
        "governance.body.members_changed",
    )


def _position(cycle: Cycle) -> tuple[Callable[[int], Any], str]:
    coordinator = user("gemeente-maastricht")
    gemeente = cycle.parties.get(slug="gemeente-maastricht")
    point = process_services.add_dispute_point(
        coordinator, cycle, subject="Aantal", description="", positions={gemeente: "200"}
    )
    seen = versions.text_version("200")
    return (
        lambda n: process_services.set_dispute_position(
            coordinator, point, gemeente, f"Standpunt {n}", expected_version=seen
        ),
        "process.dispute_position.changed",
    )


KINDS = {
    "theme": _theme,
    "target": _target,
    "measurement": _measurement,
    "bid_text": _bid_text,
    "bid_item": _bid_item,
    "action_item": _action_item,
    "body_members": _members,
    "dispute_position": _position,
}


@pytest.mark.parametrize("kind", KINDS)
def test_twenty_writers_at_once_lose_nothing(transactional_db: Any, kind: str) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (DATABASE_URL=postgres://…)")
    full_demo.load_core()
    cycle = Cycle.objects.get(title="Prestatieafspraken 2017")
    write, action = KINDS[kind](cycle)
    before = AuditEntry.objects.filter(action=action).count()
    outcomes = race(write)
    assert outcomes == {"saved": 1, "conflict": WRITERS - 1}, outcomes
    entries = list(AuditEntry.objects.filter(action=action).order_by("seq"))[before:]
    assert len(entries) == 1
    assert entries[0].old and entries[0].new and entries[0].old != entries[0].new
