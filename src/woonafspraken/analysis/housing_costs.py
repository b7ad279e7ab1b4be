"""Housing costs: net housing cost and its share of income, per household type and year.

Net housing cost a month = rent − huurtoeslag + energy cost. Huurtoeslag is taken from the
row when the source gives it (CBS 85950NED does); otherwise it is computed with
:func:`woonafspraken.rules.huurtoeslag` from the row's household size, rent and income. Where
the rules have no figures for the year the row cannot be computed and is left out (and
counted in ``unknown``), never guessed. Energy cost comes from the row, else from the cost per
energy label given by the researcher, else it is 0 and the note says so.

Per group: the averages weighted by households, and the housing-cost share (woonquote) =
Σ 12 × net cost × households / Σ income × households.

Income gap (kloof arm/rijk), per year: the average income of the poorest fifth of households
against the richest fifth (S80/S20). Groups are taken at their average income; a group on
the edge of a fifth is split by its households.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from woonafspraken.analysis._common import (
    CENT,
    Column,
    Point,
    Result,
    Table,
    check_count,
    share,
)
from woonafspraken.rules import RulesError, huurtoeslag


@dataclass(frozen=True)
class CostGroup:
    year: int
    household_type: str
    count: int
    household_size: int
    #: Yearly toetsingsinkomen (average of the group).
    income: Decimal
    #: Monthly kale huur.
    rent: Decimal
    huurtoeslag: Decimal | None = None
    energy_cost: Decimal | None = None
    label: str = ""


@dataclass(frozen=True)
class CostRow:
    year: int
    household_type: str
    households: int
    rent: Decimal
    huurtoeslag: Decimal
    energy_cost: Decimal
    net_cost: Decimal
    income_share: Decimal | None


@dataclass(frozen=True)
class GapRow:
    year: int
    poorest_fifth: Decimal
    richest_fifth: Decimal
    ratio: Decimal | None


@dataclass(frozen=True)
class HousingCosts:
    rows: tuple[CostRow, ...]
    gap: tuple[GapRow, ...]
    unknown: int
    energy_estimated: bool

    def result(self) -> Result:
        columns = (
            Column("year", "year"),
            Column("household_type", "text"),
            Column("households", "count"),
            Column("rent", "euro"),
            Column("huurtoeslag", "euro"),
            Column("energy_cost", "euro"),
            Column("net_cost", "euro"),
            Column("income_share", "percent"),
        )
        rows = tuple(
            (
                r.year,
                r.household_type,
                r.households,
                r.rent,
                r.huurtoeslag,
                r.energy_cost,
                r.net_cost,
                r.income_share,
            )
            for r in self.rows
        )
        points = tuple(Point(str(r.year), r.household_type, r.net_cost) for r in self.rows)
        gap = Table(
            (
                Column("year", "year"),
                Column("poorest_fifth", "euro"),
                Column("richest_fifth", "euro"),
                Column("ratio", "ratio"),
            ),
            tuple((g.year, g.poorest_fifth, g.richest_fifth, g.ratio) for g in self.gap),
        )
        notes = []
        if self.unknown:
            notes.append(
                f"{self.unknown} huishoudens zijn niet meegeteld: voor hun jaar is de "
                "huurtoeslag niet gegeven en niet te berekenen."
            )
        if not self.energy_estimated:
            notes.append("Energiekosten zijn niet bekend en tellen als € 0.")
        return Result(
            "housing-costs", Table(columns, rows), points, "line", tuple(notes), (("gap", gap),)
        )


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, ROUND_HALF_UP)


def housing_costs(
    groups: Iterable[CostGroup], energy_by_label: Mapping[str, Decimal] | None = None
) -> HousingCosts:
    energy_by_label = energy_by_label or {}
    sums: dict[tuple[int, str], list[Decimal]] = {}
    unknown = 0
    energy_known = False
    by_year: dict[int, list[tuple[Decimal, int]]] = {}
    for g in groups:
        check_count(g.count, "Het aantal huishoudens")
        by_year.setdefault(g.year, []).append((g.income, g.count))
        allowance = g.huurtoeslag
        if allowance is None:
            try:
                allowance = Decimal(huurtoeslag(g.year, g.household_size, g.rent, g.income).amount)
            except RulesError:
                unknown += g.count
                continue
        energy = g.energy_cost
        if energy is None and g.label in energy_by_label:
            energy = energy_by_label[g.label]
        if energy is not None:
            energy_known = True
        energy = energy or Decimal(0)
        net = g.rent - allowance + energy
        n = Decimal(g.count)
        s = sums.setdefault((g.year, g.household_type), [Decimal(0)] * 6)
        for i, value in enumerate((n, g.rent * n, allowance * n, energy * n, net * n)):
            s[i] += value
        s[5] += g.income * n
    rows = []
    for (year, kind), (n, rent, allowance, energy, net, income) in sorted(sums.items()):
        if n == 0:
            continue
        rows.append(
            CostRow(
                year=year,
                household_type=kind,
                households=int(n),
                rent=_money(rent / n),
                huurtoeslag=_money(allowance / n),
                energy_cost=_money(energy / n),
                net_cost=_money(net / n),
                income_share=share(12 * net, income),
            )
        )
    return HousingCosts(
        rows=tuple(rows),
        gap=tuple(_gap(year, items) for year, items in sorted(by_year.items())),
        unknown=unknown,
        energy_estimated=energy_known,
    )


def _fifth_mean(items: list[tuple[Decimal, int]], fifth: Decimal) -> Decimal:
    """Average income of the first ``fifth`` households of ``items`` (in order)."""
    left, total = fifth, Decimal(0)
    for income, count in items:
        take = min(Decimal(count), left)
        total += income * take
        left -= take
        if left <= 0:
            break
    return _money(total / fifth)


def _gap(year: int, items: list[tuple[Decimal, int]]) -> GapRow:
    items = sorted((i for i in items if i[1] > 0), key=lambda item: item[0])
    households = sum(count for _, count in items)
    if households == 0:
        return GapRow(year, Decimal(0), Decimal(0), None)
    fifth = Decimal(households) / 5
    poor = _fifth_mean(items, fifth)
    rich = _fifth_mean(list(reversed(items)), fifth)
    ratio = (rich / poor).quantize(CENT, ROUND_HALF_UP) if poor else None
    return GapRow(year, poor, rich, ratio)
