"""Benchmark: huurtoeslag 2026 for a million households, vectorised against the scalar loop.

Run from the repository root:

    python benchmarks/huurtoeslag.py            # 1,000,000 households, CSV included
    python benchmarks/huurtoeslag.py --rows 200000 --no-csv

Prints timings and ratios; asserts nothing about time (machines differ). It does check that
the vectorised answers equal the scalar ones on the scalar sample.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from woonafspraken.rules import huurtoeslag
from woonafspraken.rules.batch import (
    INPUT_COLUMNS,
    huurtoeslag_batch,
    process_csv,
)

YEAR = 2026
GOAL_SECONDS = 5.0


def households(n: int, seed: int = 2026) -> tuple[np.ndarray, ...]:
    """Random households; amounts in cents. Columns in the order of INPUT_COLUMNS."""
    rng = np.random.default_rng(seed)
    size = rng.integers(1, 7, n)
    rent = rng.integers(15_000, 120_001, n)
    income = rng.integers(0, 7_000_001, n)
    assets = np.where(rng.random(n) < 0.7, 0, rng.integers(0, 10_000_001, n))
    partner = (rng.random(n) < 0.5) & (size > 1)
    youth = rng.random(n) < 0.05
    children = np.where(rng.random(n) < 0.8, 0, rng.integers(0, 2_000_001, n))
    return size, rent, income, assets, partner, youth, children


def scalar_loop(columns: tuple[np.ndarray, ...]) -> list[int]:
    def euro(cents: int) -> Decimal:
        return Decimal(cents).scaleb(-2)

    amounts = []
    for size, rent, income, assets, partner, youth, children in zip(
        *(c.tolist() for c in columns), strict=True
    ):
        amounts.append(
            huurtoeslag(
                YEAR,
                size,
                euro(rent),
                euro(income),
                assets=euro(assets),
                partner=partner,
                all_occupants_18_to_20=youth,
                children_income=euro(children),
            ).amount
        )
    return amounts


def write_csv_file(path: Path, columns: tuple[np.ndarray, ...]) -> None:
    def money(cents: int) -> str:
        return f"{cents // 100}.{cents % 100:02d}"

    with open(path, "w", encoding="utf-8") as handle:
        handle.write(",".join(INPUT_COLUMNS) + "\n")
        size, rent, income, assets, partner, youth, children = (c.tolist() for c in columns)
        handle.writelines(
            f"{s},{money(r)},{money(i)},{money(a)},{int(p)},{int(y)},{money(c)}\n"
            for s, r, i, a, p, y, c in zip(
                size, rent, income, assets, partner, youth, children, strict=True
            )
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=20_000, help="scalar sample size")
    parser.add_argument("--no-csv", action="store_true", help="skip the CSV timing")
    args = parser.parse_args()
    n, sample = args.rows, min(args.sample, args.rows)

    print(f"Huurtoeslag {YEAR}: {n:,} households (numpy {np.__version__})")
    columns = households(n)

    huurtoeslag_batch(YEAR, *(c[:1000] for c in columns))  # warm up (parameters, numpy)
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        amount, eligible = huurtoeslag_batch(YEAR, *columns)
        timings.append(time.perf_counter() - start)
    vector_seconds = min(timings)
    vector_rate = n / vector_seconds
    verdict = "within" if vector_seconds < GOAL_SECONDS else "OVER"
    print(
        f"vectorised : {vector_seconds:8.3f} s for {n:,} "
        f"({vector_rate:,.0f} households/s; best of 3; {verdict} the {GOAL_SECONDS:.0f} s goal)"
    )
    print(f"             eligible: {eligible.mean():.1%}, mean amount € {amount.mean():.2f}")

    part = tuple(c[:sample] for c in columns)
    start = time.perf_counter()
    expected = scalar_loop(part)
    scalar_seconds = time.perf_counter() - start
    scalar_rate = sample / scalar_seconds
    print(
        f"scalar     : {scalar_seconds:8.3f} s for {sample:,} "
        f"({scalar_rate:,.0f} households/s; {n / scalar_rate:,.1f} s for {n:,} extrapolated)"
    )
    print(f"ratio      : vectorised is {vector_rate / scalar_rate:,.0f}× the scalar loop")
    mismatches = int((np.array(expected) != amount[:sample]).sum())
    print(f"check      : {mismatches} differences between vectorised and scalar on the sample")

    if args.no_csv:
        return
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "in.csv", Path(folder) / "out.csv"
        start = time.perf_counter()
        write_csv_file(source, columns)
        print(
            f"csv write  : {time.perf_counter() - start:8.3f} s to make the input "
            f"({source.stat().st_size / 1e6:,.0f} MB; not part of the timing below)"
        )
        start = time.perf_counter()
        rows = process_csv(source, target, YEAR)
        csv_seconds = time.perf_counter() - start
        print(
            f"process_csv: {csv_seconds:8.3f} s for {rows:,} rows "
            f"({rows / csv_seconds:,.0f} rows/s; read, check, compute, write)"
        )


if __name__ == "__main__":
    main()
