"""Housekeeping in the background worker: expired sessions are cleared every hour.

The task queues its own next run, so one chain keeps going as long as a worker runs;
``woonafspraken worker`` starts the chain if none is waiting (several workers or restarts never
make a second one).
"""

from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.utils import timezone
from django_tasks import default_task_backend, task

INTERVAL = timedelta(hours=1)


@task()
def clear_expired_sessions() -> None:
    schedule_housekeeping()  # first: a failing clean-up does not end the chain
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()


def schedule_housekeeping() -> bool:
    """Queue the next clean-up unless one is waiting; False where the backend cannot defer."""
    if not default_task_backend.supports_defer:
        return False
    from django_tasks_db.models import DBTaskResult

    path = clear_expired_sessions.module_path
    if DBTaskResult.objects.filter(task_path=path, status="READY").exists():
        return True
    clear_expired_sessions.using(run_after=timezone.now() + INTERVAL).enqueue()
    return True
