"""New-build affordability against the Wet versterking regie volkshuisvesting.

Of the planned new build at least two thirds must be affordable (social rent, middle rent
and affordable owner-occupied homes) and at least 30 % social rent. Shares are compared
exactly (as fractions), so 2 of 3 homes is exactly two thirds and meets the norm; the shown
percentages are rounded to one decimal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from woonafspraken.analysis._common import (
    AnalysisError,
    Column,
    Point,
    Result,
    Table,
    check_count,
    share,
)

Segment = Literal[
    "social_rent", "middle_rent", "affordable_owner", "expensive_rent", "expensive_owner"
]
SEGMENTS: tuple[Segment, ...] = (
    "social_rent",
    "middle_rent",
    "affordable_owner",
    "expensive_rent",
    "expensive_owner",
)
AFFORDABLE: frozenset[str] = frozenset({"social_rent", "middle_rent", "affordable_owner"})
AFFORDABLE_NORM = Fraction(2, 3)
SOCIAL_NORM = Fraction(30, 100)


@dataclass(frozen=True)
class Planned:
    year: int
    segment: Segment
    count: int


@dataclass(frozen=True)
class NewBuildRow:
    #: A year, or "totaal" for all years together.
    period: str
    total: int
    affordable: int
    social: int
    affordable_share: Decimal | None
    social_share: Decimal | None
    affordable_met: bool | None
    social_met: bool | None


@dataclass(frozen=True)
class NewBuild:
    rows: tuple[NewBuildRow, ...]

    def result(self) -> Result:
        columns = (
            Column("period", "text"),
            Column("total", "count"),
            Column("affordable", "count"),
            Column("affordable_share", "percent"),
            Column("affordable_met", "flag"),
            Column("social", "count"),
            Column("social_share", "percent"),
            Column("social_met", "flag"),
        )
        rows = tuple(
            (
                r.period,
                r.total,
                r.affordable,
                r.affordable_share,
                r.affordable_met,
                r.social,
                r.social_share,
                r.social_met,
            )
            for r in self.rows
        )
        points = tuple(
            Point(r.period, series, value)
            for r in self.rows
            if r.period != "totaal"
            for series, value in (("affordable", r.affordable), ("other", r.total - r.affordable))
        )
        return Result(
            "new-build-affordability",
            Table(columns, rows),
            points,
            "bar",
            (
                "Norm: ten minste twee derde betaalbaar en ten minste 30% sociale huur "
                "(Wet versterking regie volkshuisvesting).",
            ),
        )


def _row(period: str, counts: dict[str, int]) -> NewBuildRow:
    total = sum(counts.values())
    affordable = sum(v for k, v in counts.items() if k in AFFORDABLE)
    social = counts.get("social_rent", 0)
    return NewBuildRow(
        period=period,
        total=total,
        affordable=affordable,
        social=social,
        affordable_share=share(affordable, total),
        social_share=share(social, total),
        affordable_met=None if total == 0 else Fraction(affordable, total) >= AFFORDABLE_NORM,
        social_met=None if total == 0 else Fraction(social, total) >= SOCIAL_NORM,
    )


def new_build_affordability(planned: Iterable[Planned]) -> NewBuild:
    per_year: dict[int, dict[str, int]] = {}
    total: dict[str, int] = {}
    for p in planned:
        check_count(p.count, "Het aantal woningen")
        year = per_year.setdefault(p.year, {})
        year[p.segment] = year.get(p.segment, 0) + p.count
        total[p.segment] = total.get(p.segment, 0) + p.count
    rows = [_row(str(year), counts) for year, counts in sorted(per_year.items())]
    rows.append(_row("totaal", total))
    return NewBuild(tuple(rows))


@dataclass(frozen=True)
class GoalPeriod:
    #: A year, or "totaal" for all planned years together.
    period: str
    planned: int
    counted: int
    share: Decimal | None
    #: ``None`` when nothing is planned in the period.
    met: bool | None


@dataclass(frozen=True)
class GoalCheck:
    """A policy goal of the municipality (e.g. "ten minste 70 % betaalbaar") against the
    planned new build: per year and for all years together (the last period)."""

    measure: Literal["affordable", "social"]
    minimum: Decimal
    periods: tuple[GoalPeriod, ...]

    @property
    def total(self) -> GoalPeriod:
        return self.periods[-1]


def check_goal(
    new_build: NewBuild, measure: Literal["affordable", "social"], minimum: Decimal
) -> GoalCheck:
    """Whether the planned new build reaches ``minimum`` percent affordable or social rent.

    Compared exactly, not on the rounded share: 2 of 3 homes reach 66,6 % but not 66,7 %.
    """
    if not Decimal(0) <= minimum <= Decimal(100):
        raise AnalysisError(f"Het percentage moet tussen 0 en 100 liggen (ingevoerd: {minimum}).")
    bound = Fraction(minimum) / 100
    periods = []
    for row in new_build.rows:
        counted = row.affordable if measure == "affordable" else row.social
        periods.append(
            GoalPeriod(
                row.period,
                row.total,
                counted,
                share(counted, row.total),
                None if row.total == 0 else Fraction(counted, row.total) >= bound,
            )
        )
    return GoalCheck(measure, minimum, tuple(periods))
