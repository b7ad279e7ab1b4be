"""Care homes: demand for and supply of care-suitable homes, and the mismatch.

Per year: ``demand`` households that need a care-suitable home (nultredenwoning or
zorggeschikt), ``supply`` care-suitable homes, and ``matched`` of those homes lived in by a
household that needs one. The seed's "in theorie voldoende aanbod, maar 66 %" reads as:
supply covers demand on paper, yet a share of the suitable homes houses people without the
need (zorgscheefwoners).

- ``surplus`` = supply − demand (on paper);
- ``mismatch`` = (supply − matched) / supply: suitable homes not used by those who need them;
- ``unmet`` = demand − matched: households that need a suitable home and live elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from woonafspraken.analysis._common import (
    AnalysisError,
    Column,
    Point,
    Result,
    Table,
    check_count,
    share,
)


@dataclass(frozen=True)
class CareYear:
    year: int
    demand: int
    supply: int
    matched: int


@dataclass(frozen=True)
class CareRow:
    year: int
    demand: int
    supply: int
    matched: int
    surplus: int
    mismatch: Decimal | None
    unmet: int


@dataclass(frozen=True)
class CareHomes:
    rows: tuple[CareRow, ...]

    def result(self) -> Result:
        columns = (
            Column("year", "year"),
            Column("demand", "count"),
            Column("supply", "count"),
            Column("matched", "count"),
            Column("surplus", "count"),
            Column("mismatch", "percent"),
            Column("unmet", "count"),
        )
        rows = tuple(
            (r.year, r.demand, r.supply, r.matched, r.surplus, r.mismatch, r.unmet)
            for r in self.rows
        )
        points = tuple(
            Point(str(r.year), series, value)
            for r in self.rows
            for series, value in (
                ("demand", r.demand),
                ("supply", r.supply),
                ("matched", r.matched),
            )
        )
        return Result("care-homes", Table(columns, rows), points, "line")


def care_homes(years: Iterable[CareYear]) -> CareHomes:
    rows = []
    for y in sorted(years, key=lambda item: item.year):
        for value, what in (
            (y.demand, "De vraag"),
            (y.supply, "Het aanbod"),
            (y.matched, "Het aantal passend bewoonde woningen"),
        ):
            check_count(value, what)
        if y.matched > min(y.demand, y.supply):
            raise AnalysisError(
                f"{y.year}: er kunnen niet meer passend bewoonde zorggeschikte woningen zijn "
                f"({y.matched}) dan vraag ({y.demand}) of aanbod ({y.supply})."
            )
        rows.append(
            CareRow(
                year=y.year,
                demand=y.demand,
                supply=y.supply,
                matched=y.matched,
                surplus=y.supply - y.demand,
                mismatch=share(y.supply - y.matched, y.supply),
                unmet=y.demand - y.matched,
            )
        )
    return CareHomes(tuple(rows))
