"""Background work through Django's task interface (``django-tasks``).

Tasks are enqueued only after the surrounding transaction commits, so a rolled-back change
never sends mail. The backend is chosen in settings (``TASKS``): the immediate backend runs the
task inline (development, tests, a single server); a queue backend can take over in production
without touching this code.
"""

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django_tasks import task


@task()
def send_reminder_mail(subject: str, body: str, to: list[str]) -> None:
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)


def enqueue_on_commit(work: Any, *args: Any) -> None:
    """Enqueue ``work`` (a task) with ``args`` once the current transaction has committed."""
    transaction.on_commit(lambda: work.enqueue(*args))
