"""``flush`` empties every table, the guarded history too: the guard steps aside for it."""

from typing import Any

from django.core.management.commands import flush
from django.db import DEFAULT_DB_ALIAS, connections

from woonafspraken.audit import guard


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        guard.remove(connection)
        try:
            super().handle(**options)
        finally:
            guard.install(connection)
