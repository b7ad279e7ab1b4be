"""``woonafspraken openapi``: write the generated OpenAPI document to ``docs/openapi.json``.

The file is committed so that a change to the API shows up in review as a change to this
file; a test fails when the code and the committed file disagree.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from woonafspraken.api.schema import rendered

DEFAULT = Path(__file__).resolve().parents[5] / "docs" / "openapi.json"


class Command(BaseCommand):
    help = "Schrijf het OpenAPI-document naar docs/openapi.json (of --output)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--output", type=Path, default=DEFAULT)

    def handle(self, *args: Any, output: Path, **options: Any) -> None:
        output.write_text(rendered(), encoding="utf-8")
        self.stdout.write(f"{output}")
