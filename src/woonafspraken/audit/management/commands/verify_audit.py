from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from woonafspraken.audit import guard
from woonafspraken.audit.models import ChainHead
from woonafspraken.audit.services import verify


class Command(BaseCommand):
    help = (
        "Controleer of de historie onaangetast is: de keten van hashes en de "
        "beveiliging in de database. Eindigt met een fout bij elke breuk."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        problems = [
            f"tabel {table}: de database weigert wijzigen en verwijderen niet (meer)"
            for table in guard.missing(connection)
        ]
        for found in verify():
            where = f"wijziging {found.seq}" + (f" (id {found.entry_id})" if found.entry_id else "")
            problems.append(f"{where}: {found.reason}")
        head = ChainHead.objects.filter(pk=1).first()
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(f"De historie is aangetast: {len(problems)} breuk(en).")
        seq, digest = (head.seq, head.hash) if head else (0, "-")
        self.stdout.write(
            f"De historie is onaangetast: {seq} wijzigingen, laatste hash {digest}. "
            "Bewaar deze regel buiten de database om later te vergelijken."
        )
