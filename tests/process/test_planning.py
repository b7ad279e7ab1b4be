"""A municipality keeps its own planning on the process page: it adds and removes the
milestones of its practice and puts the law's dates in; the reminders follow that planning."""

import datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.agreements.cast import Cast, build, new_cycle
from woonafspraken.accounts.services import ensure_membership
from woonafspraken.audit.models import AuditEntry
from woonafspraken.process import services
from woonafspraken.process.models import Milestone


@pytest.fixture
def cast(db: Any) -> Cast:
    return build()


def _client(person: Any) -> Client:
    client = Client()
    client.force_login(person)
    return client


def test_a_coordinator_adds_practice_dates_and_the_laws_dates_on_the_web(cast: Cast) -> None:
    m = cast.maastricht
    cycle = new_cycle(m, cast.corporation, start=2020, end=2020)
    coordinator = _client(m.coordinator)
    planning = coordinator.get(reverse("cycle_process", args=[cycle.pk]) + "?deel=planning")
    page = planning.content.decode()
    assert "Mijlpaal toevoegen" in page and "Wettelijke termijnen invullen" in page
    assert 'value="2019"' in page  # the agreements for 2020 are made in 2019

    added = coordinator.post(
        reverse("add_milestone", args=[cycle.pk]),
        {"kind": "decision", "title": "", "starts_on": "1-11-2019", "ends_on": "30 november 2019"},
        follow=True,
    )
    assert "Planning bijgewerkt." in added.content.decode()
    decision = Milestone.objects.get(cycle=cycle, kind="decision")
    assert (decision.title, decision.starts_on, decision.ends_on) == (
        "besluitvorming",
        datetime.date(2019, 11, 1),
        datetime.date(2019, 11, 30),
    )

    for _ in range(2):  # twice: the same dates, nothing doubled
        coordinator.post(reverse("legal_milestones", args=[cycle.pk]), {"year": "2019"})
    legal = Milestone.objects.filter(cycle=cycle, legal=True).order_by("starts_on", "kind")
    assert [(x.kind, x.starts_on) for x in legal] == [
        ("bids_due", datetime.date(2019, 7, 1)),
        ("dispute_window", datetime.date(2019, 7, 1)),
    ]
    created = AuditEntry.objects.filter(cycle_id=cycle.pk, action="process.milestone.created")
    assert created.count() == 3

    # A legal date stays; a practice date can go, and the history says so.
    refused = coordinator.post(
        reverse("remove_milestone", args=[legal[0].pk]), follow=True
    ).content.decode()
    assert "Een wettelijke datum blijft in de planning staan." in refused
    assert Milestone.objects.filter(pk=legal[0].pk).exists()
    coordinator.post(reverse("remove_milestone", args=[decision.pk]))
    assert not Milestone.objects.filter(pk=decision.pk).exists()
    assert AuditEntry.objects.filter(action="process.milestone.removed").count() == 1


def test_wrong_planning_input_tells_everything_and_writes_nothing(cast: Cast) -> None:
    m = cast.maastricht
    cycle = new_cycle(m, cast.corporation)
    coordinator = _client(m.coordinator)
    page = coordinator.post(
        reverse("add_milestone", args=[cycle.pk]),
        {"kind": "bids_due", "starts_on": "31-02-2019", "ends_on": "gisteren"},
        follow=True,
    ).content.decode()
    assert page.count("Niet gelukt") == 1
    assert "Kies een soort mijlpaal uit de lijst; de wettelijke data vult" in page
    assert "Van: Deze datum bestaat niet." in page
    assert "Tot en met: Vul een datum in als dag-maand-jaar" in page
    assert "bids_due" not in page
    far = coordinator.post(
        reverse("legal_milestones", args=[cycle.pk]), {"year": "1999"}, follow=True
    ).content.decode()
    assert "Kies een jaar van 2014 tot en met 2019." in far
    assert not Milestone.objects.filter(cycle=cycle).exists()


def test_only_the_municipality_plans(cast: Cast) -> None:
    m = cast.maastricht
    cycle = new_cycle(m, cast.corporation)
    services.add_milestone(
        m.coordinator, cycle, kind="signing", title="", starts_on=datetime.date(2019, 12, 1)
    )
    signing = Milestone.objects.get(cycle=cycle)
    for person in (cast.corporation_staff, m.leader, cast.heerlen.coordinator):
        client = _client(person)
        page = client.get(reverse("cycle_process", args=[cycle.pk]) + "?deel=planning")
        assert "Mijlpaal toevoegen" not in page.content.decode()
        assert (
            client.post(
                reverse("add_milestone", args=[cycle.pk]),
                {"kind": "decision", "starts_on": "1-11-2019"},
            ).status_code
            == 403
        )
        assert client.post(reverse("remove_milestone", args=[signing.pk])).status_code == 403
        assert (
            client.post(reverse("legal_milestones", args=[cycle.pk]), {"year": "2019"}).status_code
            == 403
        )
    assert list(Milestone.objects.filter(cycle=cycle)) == [signing]


def test_a_date_planned_on_the_web_brings_the_reminder(
    cast: Cast, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    m = cast.maastricht
    cycle = new_cycle(m, cast.corporation)
    ensure_membership(m.admin, cast.corporation_staff, cast.corporation, "signatory")
    for to in ("bids", "negotiation", "decision"):
        services.change_phase(m.coordinator, cycle, to, "")
    _client(m.coordinator).post(
        reverse("add_milestone", args=[cycle.pk]),
        {"kind": "signing", "starts_on": "1 december 2019"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--today=2019-11-17")
    assert [mail.to for mail in mailoutbox] == [[cast.corporation_staff.email]]
