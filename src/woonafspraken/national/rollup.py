"""The national picture: municipalities' figures summed per woningbouwregio, province and
the country, against the national goals. Pure: no Django, no database.

Goals and their sources (``shared/domain/RULES.md``, "National targets"):

- Nationale prestatieafspraken, update of 11 December 2024 (Kamerbrief): 30,000 new social
  rent homes a year, structurally from 2029 at the latest.
- Nationale prestatieafspraken 2022: no homes with energy label E, F or G in corporation
  stock after 2028.
- Wet versterking regie volkshuisvesting: per woningbouwregio two thirds of new build
  affordable and at least 30 % social rent.

The national 30,000 a year is a goal for the country; a region's or province's share of it is
not set by law. Pages show the national goal beside the country's sum only and, per region,
the share of the country's planned social rent that the region plans.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

SOCIAL_RENT_PER_YEAR = 30_000
SOCIAL_RENT_FROM_YEAR = 2029
NO_EFG_AFTER_YEAR = 2028
AFFORDABLE_SHARE = Fraction(2, 3)
SOCIAL_SHARE = Fraction(30, 100)

AFFORDABLE_SEGMENTS = frozenset({"social_rent", "middle_rent", "affordable_owner"})

_ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class MunicipalityYear:
    """What one municipality contributes to the sums in one year."""

    municipality_id: int
    year: int
    #: Planned new build per segment (``social_rent``, ``middle_rent``, ...).
    planned: Mapping[str, int] = field(default_factory=dict)
    #: Realised new social rent homes, as the parties reported them; ``None``: no figure.
    realised_social: int | None = None
    #: Homes with label E, F or G in corporation stock; ``None``: no figure.
    efg_left: int | None = None
    #: Whether the municipality's agreements covering this year are signed.
    signed: bool = False
    #: Dispute points in cycles of this year that are not yet signed.
    open_disputes: int = 0


@dataclass(frozen=True)
class Place:
    """A municipality with the areas it belongs to."""

    municipality_id: int
    name: str
    province: str
    region: str


@dataclass(frozen=True)
class Sum:
    """The sums of a group of municipalities for one year."""

    year: int
    municipalities: int
    planned_total: int
    planned_affordable: int
    planned_social: int
    #: ``None`` when no municipality of the group reported a figure.
    realised_social: int | None
    reported_realised: int
    efg_left: int | None
    reported_efg: int
    signed: int
    open_disputes: int

    @property
    def affordable_share(self) -> Decimal | None:
        return _percent(self.planned_affordable, self.planned_total)

    @property
    def social_share(self) -> Decimal | None:
        return _percent(self.planned_social, self.planned_total)

    @property
    def affordable_met(self) -> bool | None:
        if not self.planned_total:
            return None
        return Fraction(self.planned_affordable, self.planned_total) >= AFFORDABLE_SHARE

    @property
    def social_met(self) -> bool | None:
        if not self.planned_total:
            return None
        return Fraction(self.planned_social, self.planned_total) >= SOCIAL_SHARE


def _percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(_ONE_DECIMAL, ROUND_HALF_UP)


def sum_years(rows: Iterable[MunicipalityYear], years: Iterable[int]) -> dict[int, Sum]:
    """The sums per year over ``rows``; every year of ``years`` gets a row, also empty ones."""
    acc: dict[int, dict[str, int]] = {}
    realised: dict[int, list[int]] = {}
    efg: dict[int, list[int]] = {}
    seen: dict[int, set[int]] = {}
    for row in rows:
        a = acc.setdefault(
            row.year,
            {"total": 0, "affordable": 0, "social": 0, "signed": 0, "disputes": 0},
        )
        seen.setdefault(row.year, set()).add(row.municipality_id)
        for segment, count in row.planned.items():
            if count < 0:
                raise ValueError(f"Negatief aantal geplande woningen: {count}.")
            a["total"] += count
            if segment in AFFORDABLE_SEGMENTS:
                a["affordable"] += count
            if segment == "social_rent":
                a["social"] += count
        a["signed"] += 1 if row.signed else 0
        a["disputes"] += row.open_disputes
        if row.realised_social is not None:
            realised.setdefault(row.year, []).append(row.realised_social)
        if row.efg_left is not None:
            efg.setdefault(row.year, []).append(row.efg_left)
    out: dict[int, Sum] = {}
    for year in sorted(set(years)):
        a = acc.get(year, {"total": 0, "affordable": 0, "social": 0, "signed": 0, "disputes": 0})
        r = realised.get(year, [])
        e = efg.get(year, [])
        out[year] = Sum(
            year=year,
            municipalities=len(seen.get(year, ())),
            planned_total=a["total"],
            planned_affordable=a["affordable"],
            planned_social=a["social"],
            realised_social=sum(r) if r else None,
            reported_realised=len(r),
            efg_left=sum(e) if e else None,
            reported_efg=len(e),
            signed=a["signed"],
            open_disputes=a["disputes"],
        )
    return out


def group_by(
    rows: Iterable[MunicipalityYear], places: Mapping[int, Place], key: str
) -> dict[str, list[MunicipalityYear]]:
    """``rows`` split by the ``province`` or ``region`` of their municipality."""
    if key not in ("province", "region"):
        raise ValueError(key)
    groups: dict[str, list[MunicipalityYear]] = {}
    for row in rows:
        place = places.get(row.municipality_id)
        name = getattr(place, key) if place else ""
        groups.setdefault(name, []).append(row)
    return groups


def social_rent_gap(total: Sum) -> int | None:
    """How many social rent homes the country plans short of 30,000 in a year the goal holds
    (negative: more than the goal); ``None`` before 2029, when the goal is not yet structural."""
    if total.year < SOCIAL_RENT_FROM_YEAR:
        return None
    return SOCIAL_RENT_PER_YEAR - total.planned_social


def efg_pace(efg_left: int | None, year: int) -> Decimal | None:
    """Homes with label E/F/G to improve per year from ``year`` to reach none after 2028.

    ``None`` when there is no figure; 0 when none are left; after 2028 the goal's date has
    passed, so everything left is due at once (the whole number).
    """
    if efg_left is None:
        return None
    if efg_left == 0:
        return Decimal(0)
    years_left = NO_EFG_AFTER_YEAR - year
    if years_left <= 0:
        return Decimal(efg_left)
    return (Decimal(efg_left) / years_left).quantize(_ONE_DECIMAL, ROUND_HALF_UP)


@dataclass(frozen=True)
class Comparison:
    """One municipality beside the average of similar ones on one figure."""

    figure: str
    value: Decimal | None
    peers_average: Decimal | None
    peers: int


def size_class(homes: int) -> str:
    """CBS-like size classes of a municipality by its number of homes."""
    if homes < 10_000:
        return "small"
    if homes < 40_000:
        return "medium"
    if homes < 100_000:
        return "large"
    return "very_large"


def compare(
    own: Mapping[str, Decimal | None], peers: Iterable[Mapping[str, Decimal | None]]
) -> list[Comparison]:
    """``own`` figures beside the average of the same figures of ``peers`` (missing skipped)."""
    peer_list = list(peers)
    out = []
    for figure, value in own.items():
        values = [p[figure] for p in peer_list if p.get(figure) is not None]
        average = (
            (sum(values, Decimal(0)) / len(values)).quantize(_ONE_DECIMAL, ROUND_HALF_UP)  # type: ignore[arg-type]
            if values
            else None
        )
        out.append(Comparison(figure, value, average, len(values)))
    return out
