"""Benchmark: evaluation PDF and Word of a large cycle, and importing a 50,000-row monitor.

Run from the repository root:

    python benchmarks/documents_bench.py
    python benchmarks/documents_bench.py --agreements 300 --targets-per-agreement 10 \
        --monitor-rows 50000 --changed 1000

It builds its own SQLite database in a temporary folder (the Maastricht demo for the cast,
plus generated cycles), then prints timings and ratios; it asserts nothing about time.

- Evaluation PDF: the whole document against WeasyPrint rendering the same HTML alone
  (goal ≤ 1.5×: reading the data and building the HTML may cost at most half again).
- Evaluation Word: the whole document (python-docx), time only.
- Monitor import: checking a 50,000-row file (and writing nothing, as nothing changed)
  against openpyxl's own read-only parse of the same file (goal ≤ 2×); then the same file
  with some changed rows, checked and written through ``record_measurement``.

Generated data is written with ``bulk_create``: it is test data, not a use case.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


def setup(folder: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["WOONAFSPRAKEN_DATA_DIR"] = str(folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "woonafspraken.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def timed(label: str, work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - start
    print(f"  {label:<58} {seconds:8.2f} s")
    return seconds, result


def big_cycle(agreements: int, per_agreement: int) -> Any:
    from django.utils import timezone

    from woonafspraken.accounts.models import Organisation
    from woonafspraken.agreements.models import (
        Agreement,
        Assessment,
        Cycle,
        Indicator,
        Measurement,
        Target,
        Theme,
    )

    orgs = list(Organisation.objects.order_by("pk"))
    corporations = [o for o in orgs if o.kind == "corporation"]
    cycle = Cycle.objects.create(
        municipality=orgs[0].municipality,
        title="Benchmark: grote cyclus",
        start_year=2017,
        end_year=2021,
        published=True,
    )
    cycle.parties.set(orgs)
    indicators = [
        Indicator.objects.get_or_create(
            name=f"Benchmark {unit} {n}", defaults={"unit": unit, "aggregation": "sum"}
        )[0]
        for n in range(5)
        for unit in ("percentage", "count", "euro", "energy_label")
    ]
    themes = Theme.objects.bulk_create(
        Theme(cycle=cycle, name=f"Thema {n + 1}", order=n, lead_organisation=orgs[0])
        for n in range(6)
    )
    rows = Agreement.objects.bulk_create(
        Agreement(
            theme=themes[n % len(themes)],
            number=f"{n % len(themes) + 1}.{n // len(themes) + 1}",
            title=f"Afspraak {n + 1} over betaalbaarheid ën duurzaamheid",
            text="Partijen spannen zich in om de doelen te halen (≥ € 550).",
            order=n,
        )
        for n in range(agreements)
    )
    statuses = [s for s, _label in Assessment.Status.choices]
    now = timezone.now()
    Assessment.objects.bulk_create(
        Assessment(
            agreement=a,
            year=2018,
            status=statuses[n % len(statuses)],
            explanation="Toelichting van de projectleider.",
            updated_at=now,
        )
        for n, a in enumerate(rows)
    )
    targets = []
    for n, agreement in enumerate(rows):
        for k in range(per_agreement):
            indicator = indicators[(n + k) % len(indicators)]
            label = indicator.unit == "energy_label"
            targets.append(
                Target(
                    agreement=agreement,
                    indicator=indicator,
                    party=corporations[k % len(corporations)] if k % 4 else None,
                    year=None if label or k % 3 == 0 else 2018,
                    kind="label_at_least" if label else ("min", "max")[k % 2],
                    value=None if label else Decimal(40 + k),
                    label="B" if label else "",
                    order=k,
                )
            )
    targets = Target.objects.bulk_create(targets)
    Measurement.objects.bulk_create(
        Measurement(
            target=t,
            year=2018,
            value=None if t.kind == "label_at_least" else Decimal(35 + n % 20),
            label="A" if t.kind == "label_at_least" else "",
            recorded_at=now,
        )
        for n, t in enumerate(targets)
        if n % 3
    )
    return cycle


def monitor_cycle(rows: int) -> tuple[Any, Any]:
    from django.utils import timezone

    from woonafspraken.accounts.models import Organisation
    from woonafspraken.agreements.models import (
        Agreement,
        Cycle,
        Indicator,
        Measurement,
        Target,
        Theme,
    )

    woonpunt = Organisation.objects.get(slug="woonpunt")
    cycle = Cycle.objects.create(
        municipality=woonpunt.municipality,
        title="Benchmark: monitor",
        start_year=2017,
        end_year=2021,
        published=True,
    )
    cycle.parties.set(Organisation.objects.all())
    count, percentage = (
        Indicator.objects.get_or_create(
            name=f"Benchmark monitor {unit}", defaults={"unit": unit, "aggregation": "sum"}
        )[0]
        for unit in ("count", "percentage")
    )
    theme = Theme.objects.create(cycle=cycle, name="Monitor", order=1)
    agreements = Agreement.objects.bulk_create(
        Agreement(theme=theme, number=f"1.{n + 1}", title=f"Afspraak {n + 1}", order=n)
        for n in range(max(1, rows // 100))
    )
    targets = Target.objects.bulk_create(
        Target(
            agreement=agreements[n % len(agreements)],
            indicator=count if n % 2 else percentage,
            party=woonpunt,
            year=2018,
            kind="min",
            value=Decimal(10),
            order=n,
        )
        for n in range(rows)
    )
    now = timezone.now()
    Measurement.objects.bulk_create(
        Measurement(
            target=t, year=2018, value=Decimal(n % 90), source="Jaarverslag", recorded_at=now
        )
        for n, t in enumerate(targets)
        if n % 2 == 0
    )
    return cycle, woonpunt


def bench_documents(cycle: Any, year: int) -> None:
    from weasyprint import HTML

    from woonafspraken.documents import reports

    print(f"Evaluation {year} of a cycle with {cycle.themes.count()} themes:")
    html = reports.html_of(reports.evaluation(cycle, year))
    HTML(string="<p>warm-up</p>").write_pdf()
    alone, _ = timed(
        "WeasyPrint alone, same HTML",
        lambda: HTML(string=html, url_fetcher=reports._fetcher()).write_pdf(),
    )
    whole, pdf = timed(
        "evaluation PDF (data + HTML + WeasyPrint)", lambda: reports.evaluation_pdf(cycle, year)
    )
    _word, docx = timed(
        "evaluation Word (data + python-docx)", lambda: reports.evaluation_docx(cycle, year)
    )
    print(f"  PDF: {len(pdf) / 1024:.0f} KiB; Word: {len(docx) / 1024:.0f} KiB")
    print(f"  ratio PDF / WeasyPrint alone: {whole / alone:.2f}× (goal ≤ 1.5×)")


def bench_monitor(cycle: Any, organisation: Any, changed: int) -> None:
    from django.contrib.auth import get_user_model
    from openpyxl import load_workbook

    from woonafspraken.audit.models import AuditEntry
    from woonafspraken.documents import monitor

    user = get_user_model().objects.get(username="woonpunt")
    scope = monitor.scope_for(cycle, 2018, organisation.pk)
    print(f"Monitor of {len(monitor.scope_targets(scope)):,} rows:")
    _, data = timed("export (xlsx)", lambda: monitor.export_monitor(scope))
    print(f"  file: {len(data) / 1024 / 1024:.1f} MB")

    def openpyxl_parse() -> int:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        n = sum(1 for _ in wb[monitor.SHEET].iter_rows(values_only=True))
        wb.close()
        return n

    parse, _ = timed("openpyxl read-only parse alone", openpyxl_parse)
    before = AuditEntry.objects.count()
    check, plan = timed(
        "import unchanged file (check every row, write nothing)",
        lambda: monitor.import_monitor(user, cycle, data, "bench.xlsx"),
    )
    assert not plan.changes and AuditEntry.objects.count() == before
    print(f"  ratio import / openpyxl parse: {check / parse:.2f}× (goal ≤ 2×)")

    wb = load_workbook(io.BytesIO(data))
    ws = wb[monitor.SHEET]
    column = monitor.INDEX["value"] + 1
    for row in range(2, 2 + changed):
        ws.cell(row, column).value = 50
    out = io.BytesIO()
    wb.save(out)
    edited = out.getvalue()
    write, plan = timed(
        f"import with {changed:,} changed rows (check + write)",
        lambda: monitor.import_monitor(user, cycle, edited, "bench-changed.xlsx"),
    )
    per_row = write / max(1, len(plan.changes)) * 1000
    print(f"  written: {len(plan.changes):,} rows, {per_row:.2f} ms per row")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agreements", type=int, default=300)
    parser.add_argument("--targets-per-agreement", type=int, default=10)
    parser.add_argument("--monitor-rows", type=int, default=50_000)
    parser.add_argument("--changed", type=int, default=1_000)
    parser.add_argument("--only", choices=("documents", "monitor"), help="run one part")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup(Path(folder))
        from woonafspraken.agreements import demo

        demo.load()
        if args.only != "monitor":
            cycle = big_cycle(args.agreements, args.targets_per_agreement)
            bench_documents(cycle, 2018)
        if args.only != "documents":
            monitor_cycle_, woonpunt = monitor_cycle(args.monitor_rows)
            bench_monitor(monitor_cycle_, woonpunt, min(args.changed, args.monitor_rows))


if __name__ == "__main__":
    main()
