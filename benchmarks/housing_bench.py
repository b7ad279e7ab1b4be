"""Benchmark: every housing analysis from the database, and importing 100,000 lettings.

Run from the repository root:

    python benchmarks/housing_bench.py [--lettings 100000]

It builds its own SQLite database in a temporary folder (the Maastricht demo with its housing
data), then prints timings and ratios; it asserts nothing about time.

- Each analysis for one municipality, read from the database and computed (median of three
  runs), against the goal of 200 ms (ratio ≤ 1).
- Importing a lettings file of 100,000 rows (upload gate, checked, then written in one
  transaction) against parsing the same file alone — reading and checking every row without
  the database (goal ≤ 2×). For scale it also shows the bare read with the csv module.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

GOAL_MS = 200


def setup(folder: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["WOONAFSPRAKEN_DATA_DIR"] = str(folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "woonafspraken.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def lettings_csv(rows: int) -> bytes:
    from woonafspraken.housing import demo, tables

    sample = demo.letting_rows()
    many = [{**sample[i % len(sample)], "year": 2026} for i in range(rows)]
    return tables.to_csv(tables.export_values("lettings", "GM0935", many))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lettings", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup(Path(folder))
        from django.contrib.auth import get_user_model

        from woonafspraken import demo as full_demo
        from woonafspraken.agreements import demo as agreements_demo
        from woonafspraken.agreements.models import Cycle
        from woonafspraken.analysis import NAMES
        from woonafspraken.housing import demo, selectors, services, tables

        full_demo.load_core()
        admin = get_user_model().objects.get(username="beheer")
        cycle = Cycle.objects.get(title=agreements_demo.CYCLE_TITLE)
        demo.load(admin, cycle)
        print("Analyses for Maastricht (demo data: 11 years, 4,800 lettings):")
        for name in NAMES:
            runs = []
            for _ in range(3):
                start = time.perf_counter()
                selectors.run(cycle, name)
                runs.append((time.perf_counter() - start) * 1000)
            ms = statistics.median(runs)
            print(f"  {name:<28} {ms:8.1f} ms   ratio to {GOAL_MS} ms: {ms / GOAL_MS:5.2f}")

        data = lettings_csv(args.lettings)
        start = time.perf_counter()
        for _ in csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"):
            pass
        bare = time.perf_counter() - start
        start = time.perf_counter()
        tables.parse_file("lettings", "bench.csv", data, cycle.municipality.cbs_code)
        parse = time.perf_counter() - start
        start = time.perf_counter()
        services.import_table(
            admin,
            cycle.municipality,
            "lettings",
            filename="bench.csv",
            data=data,
            source="benchmark",
            source_date=datetime.date(2026, 1, 1),
            fictional=True,
        )
        whole = time.perf_counter() - start
        print(f"Import of {args.lettings:,} lettings rows:")
        print(f"  reading the CSV alone (csv module)    {bare:8.2f} s")
        print(f"  parsing the file alone (read, check)  {parse:8.2f} s")
        print(f"  importing (gate, check, write)        {whole:8.2f} s")
        print(f"  ratio import / parse (goal ≤ 2)       {whole / parse:8.1f}")
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            selectors.run(cycle, "allocation")
            runs.append((time.perf_counter() - start) * 1000)
        ms = statistics.median(runs)
        print(f"Allocation with these {args.lettings:,} lettings added (summed in the database):")
        print(f"  allocation {ms:24.1f} ms   ratio to {GOAL_MS} ms: {ms / GOAL_MS:5.2f}")


if __name__ == "__main__":
    main()
