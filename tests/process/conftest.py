"""The Maastricht cast, plus helpers to put a cycle in a phase and approve it."""

import datetime
from typing import Any

import pytest

from woonafspraken.accounts.services import ensure_membership
from woonafspraken.agreements.models import Cycle
from woonafspraken.process import services, workflow
from woonafspraken.process.models import Approval

DAY = datetime.date(2019, 11, 15)
BODY = {
    "municipality": Approval.DecisionBody.COLLEGE_BW,
    "corporation": Approval.DecisionBody.RAAD_VAN_BESTUUR,
    "tenant_organisation": Approval.DecisionBody.BESTUUR_HUURDERSORGANISATIE,
}


@pytest.fixture
def college(maastricht: Cycle, user: Any) -> Any:
    """A signatory for the Gemeente (the demo cast has none)."""
    from django.contrib.auth import get_user_model

    person = get_user_model().objects.create_user("college", "college@example.org", "demo")
    gemeente = maastricht.parties.get(slug="gemeente-maastricht")
    ensure_membership(user("beheer"), person, gemeente, "signatory")
    return person


def walk(cycle: Cycle, admin: Any, *phases: str, at: datetime.datetime | None = None) -> None:
    for to in phases:
        services.change_phase(admin, cycle, to, "test", at=at)
    cycle.refresh_from_db()


def to_decision(cycle: Cycle, admin: Any) -> None:
    walk(cycle, admin, workflow.BIDS, workflow.NEGOTIATION, workflow.DECISION)


def signatory_of(party: Any) -> Any:
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(memberships__organisation=party, memberships__role="signatory")
        .order_by("id")
        .first()
    )


def approve_all(cycle: Cycle, *, amendment: Any = None, but: str | None = None) -> None:
    for party in cycle.parties.order_by("kind", "name"):
        if party.slug == but:
            continue
        who = signatory_of(party)
        if amendment is None:
            services.approve_cycle(who, cycle, party, BODY[party.kind], DAY)
        else:
            services.approve_amendment(who, amendment, party, BODY[party.kind], DAY)
    cycle.refresh_from_db()


@pytest.fixture
def in_browser() -> Any:
    """Run steps on one Chromium page in a worker thread of its own.

    ``tests/browser`` keeps its session browser open in the main thread, and Playwright's sync
    API allows one instance per thread; so this browser lives in a thread of its own.
    """
    from concurrent.futures import ThreadPoolExecutor

    from tests.browser.conftest import ARGS, CHROMIUM

    executor = ThreadPoolExecutor(max_workers=1)

    def start() -> Any:
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_context(bypass_csp=True, locale="nl-NL").new_page()
        return playwright, browser, page

    playwright, browser, page = executor.submit(start).result()

    def run(step: Any) -> Any:
        return executor.submit(step, page).result()

    yield run
    executor.submit(lambda: (browser.close(), playwright.stop())).result()
    executor.shutdown()
