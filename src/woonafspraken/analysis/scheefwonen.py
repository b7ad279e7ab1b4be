"""Scheefwonen per year from the household table (CBS concept *Scheefhuurder*).

Only renting households count (owner-occupiers have no rent). A group is:

- ``cheap`` (goedkope scheefheid): income group ``above_daeb`` in any rent class below
  ``above_limit``;
- ``expensive`` (dure scheefheid): income group ``huurtoeslag`` in a home above the
  aftoppingsgrens that fits it: class ``expensive`` or ``above_limit``, and for households of
  1–2 persons also ``affordable_high``;
- ``none`` otherwise.

This is the per-household rule of :func:`woonafspraken.rules.scheefwonen` read on classes,
with one difference the classes cannot avoid: a rent exactly on the maximum rent is in class
``expensive`` (the rules' classes put it there), so it counts as goedkope scheefheid here,
while per household it does not (it is not *below* the limit). The tests prove the two agree
on every other rent.

The three categories add up to the renting households of the year, always.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from woonafspraken.analysis._common import Column, Point, Result, Table, check_count, share
from woonafspraken.analysis.classes import IncomeGroup, RentBand, Tenure


@dataclass(frozen=True)
class HouseholdGroup:
    """A row of the household table: how many households of one kind in one year."""

    year: int
    count: int
    income_group: IncomeGroup
    tenure: Tenure
    #: None for owner-occupiers.
    rent_class: RentBand | None
    #: 1, 2 or 3 (3 = three or more persons).
    size_class: int
    household_type: str = ""
    age_band: str = ""


def classify(group: HouseholdGroup) -> str:
    """``cheap``, ``expensive``, ``none`` or ``owner`` (not a renter)."""
    if group.tenure == "owner" or group.rent_class is None:
        return "owner"
    if group.income_group == "above_daeb" and group.rent_class != "above_limit":
        return "cheap"
    if group.income_group == "huurtoeslag":
        above = {"expensive", "above_limit"}
        if group.size_class <= 2:
            above.add("affordable_high")
        if group.rent_class in above:
            return "expensive"
    return "none"


@dataclass(frozen=True)
class YearRow:
    year: int
    renters: int
    cheap: int
    expensive: int
    none: int

    @property
    def cheap_share(self) -> Decimal | None:
        return share(self.cheap, self.renters)

    @property
    def expensive_share(self) -> Decimal | None:
        return share(self.expensive, self.renters)


@dataclass(frozen=True)
class Scheefwonen:
    rows: tuple[YearRow, ...]

    def result(self) -> Result:
        columns = (
            Column("year", "year"),
            Column("renters", "count"),
            Column("cheap", "count"),
            Column("cheap_share", "percent"),
            Column("expensive", "count"),
            Column("expensive_share", "percent"),
            Column("none", "count"),
        )
        rows = tuple(
            (r.year, r.renters, r.cheap, r.cheap_share, r.expensive, r.expensive_share, r.none)
            for r in self.rows
        )
        points = tuple(
            Point(str(r.year), series, value)
            for r in self.rows
            for series, value in (("cheap", r.cheap), ("expensive", r.expensive))
        )
        return Result("scheefwonen", Table(columns, rows), points, "line")


def scheefwonen(groups: Iterable[HouseholdGroup]) -> Scheefwonen:
    """Counts and shares of goedkope and dure scheefheid per year."""
    totals: dict[int, dict[str, int]] = {}
    for group in groups:
        check_count(group.count, "Het aantal huishoudens")
        kind = classify(group)
        if kind == "owner":
            continue
        year = totals.setdefault(group.year, {"cheap": 0, "expensive": 0, "none": 0})
        year[kind] += group.count
    rows = tuple(
        YearRow(year, sum(t.values()), t["cheap"], t["expensive"], t["none"])
        for year, t in sorted(totals.items())
    )
    return Scheefwonen(rows)
