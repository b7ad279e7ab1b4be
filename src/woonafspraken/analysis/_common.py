"""What every analysis returns: a table (columns and rows) and chart points, JSON-ready.

Column keys and series keys are stable English identifiers; the pages translate them. Counts
are ``int``, amounts and percentages ``Decimal`` (percentages rounded half up to one decimal
only at the end), a figure that cannot be computed is ``None``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Any, Literal

from woonafspraken.rules._common import to_jsonable

Cell = int | Decimal | str | bool | None
Unit = Literal["year", "count", "percent", "euro", "text", "ratio", "flag"]

HUNDRED = Decimal(100)
ONE_DECIMAL = Decimal("0.1")
CENT = Decimal("0.01")


class AnalysisError(ValueError):
    """Input an analysis cannot work with; the message is plain Dutch."""


@dataclass(frozen=True)
class Column:
    key: str
    unit: Unit


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def as_dicts(self) -> list[dict[str, Cell]]:
        keys = [c.key for c in self.columns]
        return [dict(zip(keys, row, strict=True)) for row in self.rows]


@dataclass(frozen=True)
class Point:
    """One point of a chart: ``x`` on the horizontal axis (a year or a name), one series."""

    x: str
    series: str
    y: Decimal | int


@dataclass(frozen=True)
class Result:
    """The common face of every analysis, for pages, documents and the API."""

    name: str
    table: Table
    points: tuple[Point, ...]
    #: "line" for series over years, "bar" for groups side by side.
    chart: Literal["line", "bar"]
    #: Facts in plain Dutch for the reader (what the figures mean, where they stop).
    notes: tuple[str, ...] = ()
    #: Further tables under a key of their own (e.g. the income gap beside housing costs).
    more: tuple[tuple[str, Table], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "columns": [{"key": c.key, "unit": c.unit} for c in self.table.columns],
            "rows": to_jsonable(self.table.as_dicts()),
            "chart": self.chart,
            "points": [{"x": p.x, "series": p.series, "y": to_jsonable(p.y)} for p in self.points],
            "notes": list(self.notes),
            "more": {
                key: {
                    "columns": [{"key": c.key, "unit": c.unit} for c in table.columns],
                    "rows": to_jsonable(table.as_dicts()),
                }
                for key, table in self.more
            },
        }


def share(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    """``part / whole`` as a percentage with one decimal (half up); ``None`` when whole is 0."""
    if whole == 0:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(ONE_DECIMAL, ROUND_HALF_UP)


def ceil_div(numerator: int, denominator: int) -> int:
    """Smallest whole number ``k`` with ``k * denominator >= numerator`` (denominator > 0)."""
    return -(-numerator // denominator)


def round_int(value: Decimal) -> int:
    """Round half up to a whole number (households and homes are counted whole)."""
    return int(value.quantize(Decimal(1), ROUND_HALF_UP))


def ceil_int(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), ROUND_CEILING))


def check_count(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise AnalysisError(f"{what} moet een heel getal van 0 of meer zijn (ingevoerd: {value}).")
    return value


def years_of(items: Iterable[Any]) -> list[int]:
    return sorted({item.year for item in items})
