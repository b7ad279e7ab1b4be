"""``woonafspraken worker``: the database task worker, with housekeeping scheduled.

Runs django-tasks-db's ``db_worker`` (same options) after making sure the hourly clean-up of
expired sessions is queued. Run one or more next to the web server (docs/deploy.md).
"""

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorker

from woonafspraken.operations.tasks import clear_expired_sessions, schedule_housekeeping


class Command(DbWorker):
    help = "Voert achtergrondtaken uit en ruimt elk uur verlopen sessies op."

    def handle(self, *args: Any, **options: Any) -> None:
        if schedule_housekeeping():
            # Clear once at start as well: a server that was down for a week starts clean.
            clear_expired_sessions.enqueue()
        super().handle(*args, **options)
