import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from woonafspraken.process.reminders import send_reminders


class Command(BaseCommand):
    help = "Verstuurt de herinneringen van vandaag (dagelijks draaien)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--today", help="datum als jjjj-mm-dd (standaard: vandaag)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options.get("today"):
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError("Gebruik --today jjjj-mm-dd.") from None
        sent = send_reminders(today)
        self.stdout.write(f"{len(sent)} herinnering(en) verstuurd.")
