from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from woonafspraken.operations import backup


class Command(BaseCommand):
    help = (
        "Schrijft een back-up (database en geüploade bestanden) naar één archief. "
        "/ Writes a backup (database and uploaded files) to one archive."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            help="archive file (default: woonafspraken-<date-time>.tar.gz here)",
        )
        parser.add_argument(
            "--pg-dump",
            action="store_true",
            help="PostgreSQL only: the database as pg_dump output instead of Django's JSON dump",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output = options["output"] or Path(
            f"woonafspraken-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
        )
        try:
            manifest = backup.create(output, native=options["pg_dump"])
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{output}: database ({manifest['database']}) and {manifest['media_files']} file(s)."
        )
