"""Expired sessions are cleared by the background worker (issue 15, point 8)."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from woonafspraken.operations.tasks import clear_expired_sessions

DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def session(expires_in: timedelta) -> str:
    store = SessionStore()
    store["who"] = "someone"
    store.create()
    Session.objects.filter(pk=store.session_key).update(expire_date=timezone.now() + expires_in)
    return store.session_key or ""


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_QUEUE)
def test_the_worker_clears_expired_sessions_and_keeps_one_hourly_run_queued() -> None:
    expired = session(-timedelta(days=1))
    alive = session(timedelta(days=1))

    call_command("worker", "--batch", verbosity=0)

    assert not Session.objects.filter(pk=expired).exists()
    assert Session.objects.filter(pk=alive).exists()
    waiting = DBTaskResult.objects.filter(
        task_path=clear_expired_sessions.module_path, status="READY"
    )
    assert waiting.count() == 1
    assert waiting.get().run_after > timezone.now() + timedelta(minutes=50)

    call_command("worker", "--batch", verbosity=0)  # a restart, or a second worker
    assert waiting.count() == 1
