"""``woonafspraken generate_national``: a fictional national data set (see ``generator``)."""

import re
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from woonafspraken.national import generator


def _years(value: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{4})-(\d{4})", value.strip())
    if not match:
        raise CommandError("Geef de jaren als ‘2016-2030’.")
    return int(match[1]), int(match[2])


class Command(BaseCommand):
    help = "Bouwt een fictieve landelijke gegevensset: alle gemeenten op één installatie."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipalities", type=int, default=342)
        parser.add_argument("--years", default="2016-2030")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--scale", type=int, default=1, help="Vermenigvuldigt het aantal gemeenten (10 = 10×)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if getattr(settings, "PRODUCTION", False):
            raise CommandError("Fictieve gegevens horen niet in een productie-installatie.")
        first, last = _years(options["years"])
        started = time.monotonic()
        try:
            counts = generator.generate(
                municipalities=options["municipalities"],
                first_year=first,
                last_year=last,
                seed=options["seed"],
                scale=options["scale"],
                progress=lambda text: self.stdout.write(f"  {text}"),
            )
        except (ValueError, generator.AlreadyGenerated) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Klaar in {time.monotonic() - started:.0f} s: {counts.municipalities} gemeenten, "
            f"{counts.cycles} cycli, {counts.targets} normen, {counts.measurements} realisaties."
        )
