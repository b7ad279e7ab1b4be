"""``woonafspraken huurtoeslag_batch IN.csv OUT.csv --year 2026``."""

import sys
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from woonafspraken.rules import RulesError
from woonafspraken.rules.batch import process_csv

BAR_WIDTH = 30


def count_rows(path: str) -> int:
    """Data rows of a CSV (lines minus the header); only for the progress bar."""
    try:
        with open(path, "rb") as handle:
            lines = sum(1 for line in handle if line.strip())
    except OSError:
        return 0
    return max(lines - 1, 0)


class ProgressBar:
    def __init__(self, total: int, stream: TextIO) -> None:
        self.total, self.stream = total, stream

    def __call__(self, done: int) -> None:
        if self.total:
            share = min(done / self.total, 1.0)
            filled = round(share * BAR_WIDTH)
            bar = "#" * filled + "-" * (BAR_WIDTH - filled)
            self.stream.write(f"\r[{bar}] {share:4.0%} {done}/{self.total} huishoudens")
        else:
            self.stream.write(f"\r{done} huishoudens")
        self.stream.flush()


class Command(BaseCommand):
    help = "Bereken de huurtoeslag voor elk huishouden in een CSV-bestand en schrijf een CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", help="CSV met huishoudens")
        parser.add_argument("output", help="CSV met de uitkomsten (amount, eligible)")
        parser.add_argument("--year", type=int, default=2026, help="jaar van de regels")

    def handle(self, *args: Any, **options: Any) -> None:
        stream = getattr(self.stderr, "_out", sys.stderr)
        bar = ProgressBar(count_rows(options["input"]), stream)
        try:
            rows = process_csv(options["input"], options["output"], options["year"], progress=bar)
        except RulesError as exc:
            raise CommandError(exc.message) from None
        except FileNotFoundError as exc:
            raise CommandError(f"Het bestand {exc.filename} bestaat niet.") from None
        except OSError as exc:
            raise CommandError(
                f"Het bestand kan niet worden gelezen of geschreven: {exc}"
            ) from None
        finally:
            stream.write("\n")
        self.stdout.write(f"{rows} huishoudens berekend; uitkomst in {options['output']}.")
