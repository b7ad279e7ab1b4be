from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from woonafspraken.operations import backup


class Command(BaseCommand):
    help = (
        "Zet een back-up van 'woonafspraken backup' terug in een lege installatie. "
        "/ Restores a backup made by 'woonafspraken backup' into an empty installation."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup.restore(options["archive"])
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored the backup of {manifest['created']}: database and "
            f"{manifest['media_files']} file(s)."
        )
