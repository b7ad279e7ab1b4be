"""With the production task backend, reminder mail waits in the database until the worker
sends it: once, and only after the reminder run has committed."""

import datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from woonafspraken.process import services, workflow
from woonafspraken.process.models import ReminderSent

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The worker takes its own (exclusive) transactions, so these tests commit for real.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("deciding")]


@pytest.fixture
def deciding(maastricht: Any, user: Any) -> Any:
    servatius = maastricht.parties.get(slug="servatius")
    for membership in servatius.memberships.select_related("user"):
        membership.user.email = "servatius@example.org"
        membership.user.save()
    for to in (workflow.BIDS, workflow.NEGOTIATION, workflow.DECISION):
        services.change_phase(user("beheer"), maastricht, to, "test")
    services.add_milestone(
        user("gemeente-maastricht"),
        maastricht,
        kind="decision",
        title="Besluitvorming",
        starts_on=datetime.date(2019, 11, 1),
        ends_on=datetime.date(2019, 11, 30),
    )
    return maastricht


def _remind(today: str) -> None:
    call_command("send_reminders", f"--today={today}", verbosity=0)


def _work() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@override_settings(TASKS=DATABASE_QUEUE)
def test_queued_reminders_are_sent_by_the_worker_once(mailoutbox: Any) -> None:
    _remind("2019-11-16")
    queued = DBTaskResult.objects.count()
    assert queued == ReminderSent.objects.count() > 0
    assert mailoutbox == []

    _work()
    to_servatius = [m for m in mailoutbox if m.to == ["servatius@example.org"]]
    assert len(to_servatius) == 1
    assert len(mailoutbox) == queued
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}

    _remind("2019-11-17")
    _work()
    assert len(mailoutbox) == queued


@override_settings(TASKS=DATABASE_QUEUE)
def test_a_reminder_run_that_rolls_back_queues_nothing(mailoutbox: Any) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        _remind("2019-11-16")
        assert ReminderSent.objects.exists()
        raise RuntimeError("the run fails after deciding whom to remind")
    assert DBTaskResult.objects.count() == ReminderSent.objects.count() == 0
    _work()
    assert mailoutbox == []
