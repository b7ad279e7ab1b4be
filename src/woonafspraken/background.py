"""Background work through Django's task interface (``django-tasks``), for every app.

Tasks are enqueued only after the surrounding transaction commits, so a rolled-back change
never sends mail or makes a document. The backend is chosen in settings (``TASKS``; see
docs/adr/0004): inline in development and tests, the database queue in production.
"""

from typing import Any

from django.db import transaction


def enqueue_on_commit(work: Any, *args: Any) -> None:
    """Enqueue ``work`` (a task) with ``args`` once the current transaction has committed."""
    transaction.on_commit(lambda: work.enqueue(*args))
