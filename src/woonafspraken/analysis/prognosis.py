"""Prognosis: the social target group (households) against the social rental stock per year.

Demand in year ``y`` (``t = y - base_year``)::

    households(y)   = households × (1 + household_growth / 100) ** t
    target_share(y) = target_share + income_shift / 100 × t        (kept within 0 … 100 %)
    demand(y)       = households(y) × target_share(y) × reliance / 100, rounded half up

``income_shift`` is the change of the target group's share in percentage points a year:
negative when incomes rise faster than the limits. ``reliance`` is the share of the target
group that needs a social rental home (100 % unless the researcher knows better).

Supply: the stock of the base year, then each year plus new build, minus sale, demolition and
liberalisation. The yearly amounts of the scenario come on top of the pipeline's own figures
for that year (the pipeline holds the projects; the scenario what is not a project yet).

A *dip* year is a year in which demand exceeds supply. ``extra_per_year`` is the smallest
whole number of affordable homes that, added every year from the year after the base year,
closes every dip: for each dip year ``y > base_year`` it must be at least
``shortage(y) / (y - base_year)``. A shortage in the base year itself cannot be closed by
adding homes later; it is reported as ``base_shortage``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from woonafspraken.analysis._common import (
    HUNDRED,
    AnalysisError,
    Column,
    Point,
    Result,
    Table,
    ceil_div,
    check_count,
    round_int,
)


@dataclass(frozen=True)
class Scenario:
    """Scenario parameters, saved with the cycle. Percentages are numbers like ``0.5``."""

    household_growth: Decimal = Decimal(0)
    income_shift: Decimal = Decimal(0)
    reliance: Decimal = HUNDRED
    new_build_per_year: int = 0
    sales_per_year: int = 0
    demolition_per_year: int = 0
    liberalisation_per_year: int = 0


@dataclass(frozen=True)
class PipelineYear:
    """The pipeline's changes to the social rental stock in one year."""

    new_build: int = 0
    sale: int = 0
    demolition: int = 0
    liberalisation: int = 0


@dataclass(frozen=True)
class Start:
    """The base year's figures."""

    year: int
    households: int
    #: Share of all households in the social target group, in percent (0–100).
    target_share: Decimal
    social_stock: int


@dataclass(frozen=True)
class YearRow:
    year: int
    households: int
    demand: int
    supply: int
    new_build: int
    removed: int
    #: demand − supply: positive is a shortage (a dip year), negative a surplus.
    gap: int
    dip: bool


@dataclass(frozen=True)
class Prognosis:
    rows: tuple[YearRow, ...]
    dip_years: tuple[int, ...]
    base_shortage: int
    extra_per_year: int
    scenario: Scenario = field(default_factory=Scenario)

    def result(self) -> Result:
        columns = (
            Column("year", "year"),
            Column("households", "count"),
            Column("demand", "count"),
            Column("supply", "count"),
            Column("new_build", "count"),
            Column("removed", "count"),
            Column("gap", "count"),
            Column("dip", "flag"),
        )
        rows = tuple(
            (r.year, r.households, r.demand, r.supply, r.new_build, r.removed, r.gap, r.dip)
            for r in self.rows
        )
        points = tuple(
            Point(str(r.year), series, value)
            for r in self.rows
            for series, value in (("demand", r.demand), ("supply", r.supply))
        )
        notes = []
        if self.dip_years:
            years = ", ".join(str(y) for y in self.dip_years)
            notes.append(f"De vraag is groter dan het aanbod in {years}.")
            notes.append(
                f"Om dat te sluiten zijn elk jaar {self.extra_per_year} extra betaalbare "
                "woningen nodig."
            )
        else:
            notes.append("Het aanbod is in elk jaar ten minste even groot als de vraag.")
        if self.base_shortage:
            notes.append(f"In het basisjaar is er al een tekort van {self.base_shortage} woningen.")
        return Result("prognosis", Table(columns, rows), points, "line", tuple(notes))


def prognosis(
    start: Start,
    end_year: int,
    scenario: Scenario | None = None,
    pipeline: Mapping[int, PipelineYear] | None = None,
) -> Prognosis:
    """Demand and supply from ``start.year`` to ``end_year``; see the module docstring."""
    scenario = scenario or Scenario()
    pipeline = pipeline or {}
    if end_year < start.year:
        raise AnalysisError(
            f"Het eindjaar {end_year} ligt vóór het basisjaar {start.year} van de prognose."
        )
    check_count(start.households, "Het aantal huishoudens")
    check_count(start.social_stock, "De sociale huurvoorraad")
    if not Decimal(0) <= start.target_share <= HUNDRED:
        raise AnalysisError("Het aandeel doelgroep moet tussen 0 en 100 procent liggen.")
    if not Decimal(0) <= scenario.reliance <= HUNDRED:
        raise AnalysisError(
            "Het aandeel van de doelgroep dat een sociale huurwoning nodig heeft moet tussen "
            "0 en 100 procent liggen."
        )
    if scenario.household_growth <= -HUNDRED:
        raise AnalysisError("De huishoudensgroei moet groter zijn dan −100 procent per jaar.")
    growth = 1 + scenario.household_growth / HUNDRED
    rows: list[YearRow] = []
    supply = start.social_stock
    for year in range(start.year, end_year + 1):
        t = year - start.year
        households = Decimal(start.households) * growth**t
        target = min(max(start.target_share + scenario.income_shift * t, Decimal(0)), HUNDRED)
        demand = round_int(households * target / HUNDRED * scenario.reliance / HUNDRED)
        added = removed = 0
        if t > 0:
            step = pipeline.get(year, PipelineYear())
            added = step.new_build + scenario.new_build_per_year
            removed = (
                step.sale
                + step.demolition
                + step.liberalisation
                + scenario.sales_per_year
                + scenario.demolition_per_year
                + scenario.liberalisation_per_year
            )
            supply = max(supply + added - removed, 0)
        gap = demand - supply
        rows.append(
            YearRow(year, round_int(households), demand, supply, added, removed, gap, gap > 0)
        )
    base_shortage = max(rows[0].gap, 0)
    extra = 0
    for row in rows[1:]:
        if row.gap > 0:
            extra = max(extra, ceil_div(row.gap, row.year - start.year))
    return Prognosis(
        rows=tuple(rows),
        dip_years=tuple(r.year for r in rows if r.dip),
        base_shortage=base_shortage,
        extra_per_year=extra,
        scenario=scenario,
    )
