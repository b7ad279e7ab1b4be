"""Analyses of the housing stock: the cheapest homes and the energy labels.

``cheapest_stock``: rented homes below the kwaliteitskortingsgrens (rent class ``cheap``) per
year, their share of the rented stock and the change since the year before and since the
first year. The classes are the year's own (the table says which limits were used).

``energy_labels``: per owner, the homes with label E, F or G in the latest year against the
Nationale prestatieafspraken: no E/F/G in corporation stock after 2028. Stock figures are at
1 January (as CBS 82900NED), so homes counted on 1 January of year ``y`` have until
31 December 2028, ``2029 - y`` years, to go. The pace needed is the smallest whole number a
year that gets there; the pace so far is the average fall a year since the first year given.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from woonafspraken.analysis._common import (
    ONE_DECIMAL,
    Column,
    Point,
    Result,
    Table,
    ceil_div,
    check_count,
    share,
)

EFG = frozenset({"E", "F", "G"})
#: "Geen E-, F- en G-labels meer na 2028" (Nationale prestatieafspraken, 30-06-2022).
EFG_DEADLINE = 2028


@dataclass(frozen=True)
class StockGroup:
    """A row of the stock table (only the fields these analyses need)."""

    year: int
    owner: str
    count: int
    rent_class: str | None = None
    label: str = ""
    tenure: str = "social_rent"


@dataclass(frozen=True)
class CheapRow:
    year: int
    cheap: int
    rented: int
    share: Decimal | None
    change: int | None
    change_since_first: int


@dataclass(frozen=True)
class CheapestStock:
    rows: tuple[CheapRow, ...]

    def result(self) -> Result:
        columns = (
            Column("year", "year"),
            Column("cheap", "count"),
            Column("rented", "count"),
            Column("cheap_share", "percent"),
            Column("change", "count"),
            Column("change_since_first", "count"),
        )
        rows = tuple(
            (r.year, r.cheap, r.rented, r.share, r.change, r.change_since_first) for r in self.rows
        )
        points = tuple(Point(str(r.year), "cheap", r.cheap) for r in self.rows)
        notes: tuple[str, ...] = ()
        if len(self.rows) > 1:
            first, last = self.rows[0], self.rows[-1]
            notes = (
                f"Van {first.year} tot {last.year}: {last.change_since_first:+d} woningen "
                "onder de kwaliteitskortingsgrens.",
            )
        return Result("cheapest-stock", Table(columns, rows), points, "line", notes)


def cheapest_stock(groups: Iterable[StockGroup]) -> CheapestStock:
    cheap: dict[int, int] = {}
    rented: dict[int, int] = {}
    for g in groups:
        check_count(g.count, "Het aantal woningen")
        if g.tenure == "owner" or g.rent_class is None:
            continue
        rented[g.year] = rented.get(g.year, 0) + g.count
        cheap.setdefault(g.year, 0)
        if g.rent_class == "cheap":
            cheap[g.year] += g.count
    rows: list[CheapRow] = []
    for year in sorted(rented):
        before = rows[-1].cheap if rows else None
        first = rows[0].cheap if rows else cheap[year]
        rows.append(
            CheapRow(
                year=year,
                cheap=cheap[year],
                rented=rented[year],
                share=share(cheap[year], rented[year]),
                change=None if before is None else cheap[year] - before,
                change_since_first=cheap[year] - first,
            )
        )
    return CheapestStock(tuple(rows))


@dataclass(frozen=True)
class LabelRow:
    owner: str
    first_year: int
    year: int
    homes: int
    efg_first: int
    efg: int
    years_left: int
    pace_needed: int | None
    pace_so_far: Decimal | None
    on_track: bool | None


@dataclass(frozen=True)
class EnergyLabels:
    rows: tuple[LabelRow, ...]

    def result(self) -> Result:
        columns = (
            Column("owner", "text"),
            Column("year", "year"),
            Column("homes", "count"),
            Column("efg", "count"),
            Column("efg_share", "percent"),
            Column("years_left", "count"),
            Column("pace_needed", "count"),
            Column("pace_so_far", "count"),
            Column("on_track", "flag"),
        )
        rows = tuple(
            (
                r.owner,
                r.year,
                r.homes,
                r.efg,
                share(r.efg, r.homes),
                r.years_left,
                r.pace_needed,
                r.pace_so_far,
                r.on_track,
            )
            for r in self.rows
        )
        points = tuple(Point(r.owner, "efg", r.efg) for r in self.rows)
        return Result(
            "energy-labels",
            Table(columns, rows),
            points,
            "bar",
            (
                "Norm: geen woningen met label E, F of G meer na 2028 (Nationale "
                "prestatieafspraken 2022).",
            ),
        )


def energy_labels(groups: Iterable[StockGroup], deadline: int = EFG_DEADLINE) -> EnergyLabels:
    homes: dict[str, dict[int, int]] = {}
    efg: dict[str, dict[int, int]] = {}
    for g in groups:
        check_count(g.count, "Het aantal woningen")
        homes.setdefault(g.owner, {}).setdefault(g.year, 0)
        efg.setdefault(g.owner, {}).setdefault(g.year, 0)
        homes[g.owner][g.year] += g.count
        if g.label in EFG:
            efg[g.owner][g.year] += g.count
    rows = []
    for owner in sorted(homes):
        years = sorted(homes[owner])
        first, last = years[0], years[-1]
        left = efg[owner][last]
        years_left = deadline + 1 - last
        needed: int | None
        if left == 0:
            needed = 0
        elif years_left <= 0:
            needed = None
        else:
            needed = ceil_div(left, years_left)
        so_far = None
        if last > first:
            so_far = (Decimal(efg[owner][first] - left) / (last - first)).quantize(
                ONE_DECIMAL, ROUND_HALF_UP
            )
        on_track: bool | None
        if left == 0:
            on_track = True
        elif needed is None:  # E/F/G homes left after the deadline
            on_track = False
        else:
            on_track = None if so_far is None else so_far >= needed
        rows.append(
            LabelRow(
                owner=owner,
                first_year=first,
                year=last,
                homes=homes[owner][last],
                efg_first=efg[owner][first],
                efg=left,
                years_left=max(years_left, 0),
                pace_needed=needed,
                pace_so_far=so_far,
                on_track=on_track,
            )
        )
    return EnergyLabels(tuple(rows))


#: Order of the kinds of owner in the overview: corporations first, then the rest.
OWNERSHIP_ORDER = ("corporation", "other_landlord", "owner_occupied")


@dataclass(frozen=True)
class OwnerCount:
    """Homes of one owner in one year (a sum of rows of the stock table)."""

    year: int
    ownership: str  # corporation, other_landlord or owner_occupied
    owner: str  # a corporation's short name; empty for the others
    count: int


@dataclass(frozen=True)
class OwnerShare:
    ownership: str
    owner: str
    count: int
    share: Decimal | None  # of all homes in the municipality that year, in %


@dataclass(frozen=True)
class StockByOwner:
    year: int
    rows: tuple[OwnerShare, ...]
    total: int


def stock_year(years: Iterable[int], wanted: int) -> int | None:
    """The stock year to show beside ``wanted``: that year, else the latest before it, else the
    first after it (stock is counted on 1 January, so a cycle year may not be there yet)."""
    known = sorted(set(years))
    if not known:
        return None
    before = [y for y in known if y <= wanted]
    return before[-1] if before else known[0]


def stock_by_owner(counts: Iterable[OwnerCount], wanted: int) -> StockByOwner | None:
    """The homes per owner in the stock year nearest ``wanted`` (see :func:`stock_year`), with
    each owner's share of all homes: corporations largest first, then the other landlords and
    the owner-occupiers. ``None`` when there is no stock at all."""
    counts = list(counts)
    year = stock_year((c.year for c in counts), wanted)
    if year is None:
        return None
    summed: dict[tuple[str, str], int] = {}
    for c in counts:
        check_count(c.count, "Het aantal woningen")
        if c.year == year:
            owner = c.owner if c.ownership == "corporation" else ""
            summed[(c.ownership, owner)] = summed.get((c.ownership, owner), 0) + c.count
    total = sum(summed.values())

    def order(item: tuple[tuple[str, str], int]) -> tuple[int, int, str]:
        (ownership, owner), count = item
        rank = OWNERSHIP_ORDER.index(ownership) if ownership in OWNERSHIP_ORDER else 3
        return (rank, -count, owner)

    rows = tuple(
        OwnerShare(ownership, owner, count, share(count, total))
        for (ownership, owner), count in sorted(summed.items(), key=order)
    )
    return StockByOwner(year, rows, total)
