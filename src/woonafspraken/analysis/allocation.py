"""Allocation figures computed from lettings (toewijzingen), with the rules library.

Per year, for each corporation and for all together:

- ``offer_model`` / ``direct_placement`` / ``urgency``: share of lettings by route
  (aanbodmodel; eigen inplaatsing or directe bemiddeling; urgentie);
- ``passend``: of the lettings that fall under passend toewijzen (income up to the year's
  limit), the share with a fitting rent (:func:`woonafspraken.rules.passend_toewijzen`);
- ``daeb``: of the lettings of DAEB homes (rent up to and including the maximum rent), the
  share to the DAEB target group (:func:`woonafspraken.rules.target_group`);
- ``young_cheap``: lettings to people under 23 of a very cheap home (rent below the
  kwaliteitskortingsgrens), and ``young`` all lettings to people under 23;
- ``caregivers``: lettings to caregivers or care receivers.

Route shares need no limits. The other figures need the year's limits; for a year without
them (before 2023 in the rules) they are ``None`` and the note says why — never guessed.
Each letting row may stand for several lettings (``count``) when a corporation only gives
aggregates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from woonafspraken.analysis._common import Column, Point, Result, Table, check_count, share
from woonafspraken.rules import RulesError, parameters, passend_toewijzen, target_group
from woonafspraken.rules.passend import fitting_aftoppingsgrens, passend_income_limit

Route = Literal["offer_model", "direct_placement", "urgency", "other"]
ROUTES: tuple[Route, ...] = ("offer_model", "direct_placement", "urgency", "other")
ALL = ""
YOUNG_AGE = 23


@dataclass(frozen=True)
class Letting:
    year: int
    corporation: str
    route: Route
    household_size: int
    income: Decimal
    rent: Decimal
    age: int
    pension_age: bool = False
    caregiver: bool = False
    count: int = 1


@dataclass
class Tally:
    lettings: int = 0
    routes: dict[str, int] = field(default_factory=dict)
    passend_base: int = 0
    passend: int = 0
    daeb_base: int = 0
    daeb: int = 0
    young: int = 0
    young_cheap: int = 0
    caregivers: int = 0
    #: Lettings whose year has no limits: passend, DAEB and young_cheap are not computed.
    unknown: int = 0

    def route_share(self, route: str) -> Decimal | None:
        return share(self.routes.get(route, 0), self.lettings)

    @property
    def computable(self) -> bool:
        return self.unknown == 0


@dataclass(frozen=True)
class AllocationRow:
    year: int
    #: "" for all corporations together.
    corporation: str
    tally: Tally

    @property
    def offer_model(self) -> Decimal | None:
        return self.tally.route_share("offer_model")

    @property
    def direct_placement(self) -> Decimal | None:
        return self.tally.route_share("direct_placement")

    @property
    def urgency(self) -> Decimal | None:
        return self.tally.route_share("urgency")

    @property
    def passend(self) -> Decimal | None:
        return share(self.tally.passend, self.tally.passend_base) if self.tally.computable else None

    @property
    def daeb(self) -> Decimal | None:
        return share(self.tally.daeb, self.tally.daeb_base) if self.tally.computable else None

    @property
    def caregivers(self) -> int:
        return self.tally.caregivers

    @property
    def young_cheap(self) -> int | None:
        return self.tally.young_cheap if self.tally.computable else None


@dataclass(frozen=True)
class Allocation:
    rows: tuple[AllocationRow, ...]

    def row(self, year: int, corporation: str = ALL) -> AllocationRow | None:
        for r in self.rows:
            if r.year == year and r.corporation == corporation:
                return r
        return None

    def result(self) -> Result:
        columns = (
            Column("year", "year"),
            Column("corporation", "text"),
            Column("lettings", "count"),
            Column("offer_model", "percent"),
            Column("direct_placement", "percent"),
            Column("urgency", "percent"),
            Column("passend", "percent"),
            Column("daeb", "percent"),
            Column("young", "count"),
            Column("young_cheap", "count"),
            Column("caregivers", "count"),
        )
        rows = tuple(
            (
                r.year,
                r.corporation,
                r.tally.lettings,
                r.offer_model,
                r.direct_placement,
                r.urgency,
                r.passend,
                r.daeb,
                r.tally.young,
                r.young_cheap,
                r.tally.caregivers,
            )
            for r in self.rows
        )
        points = tuple(
            Point(str(r.year), series, value)
            for r in self.rows
            if r.corporation == ALL
            for series, value in (
                ("offer_model", r.offer_model),
                ("direct_placement", r.direct_placement),
            )
            if value is not None
        )
        unknown = sorted({r.year for r in self.rows if not r.tally.computable})
        notes = []
        if unknown:
            years = ", ".join(str(y) for y in unknown)
            notes.append(
                f"Passend toewijzen, DAEB-toewijzing en jongeren in een zeer goedkope woning "
                f"zijn voor {years} niet berekend: de grenzen van dat jaar zijn niet bekend."
            )
        return Result("allocation", Table(columns, rows), points, "line", tuple(notes))


@dataclass(frozen=True)
class _Facts:
    """What the rules say about one letting; ``None`` where the year has no limits."""

    passend: bool | None  # None also when the rule does not apply
    applicable: bool
    daeb_home: bool
    to_target_group: bool
    young_cheap: bool
    known: bool


_UNKNOWN = _Facts(None, False, False, False, False, known=False)


@dataclass(frozen=True)
class _Limits:
    """The year's limits, read once per year and household kind (see :func:`_facts`)."""

    passend_income: Decimal | None  # None: the year has no such limit (UnknownParameter)
    aftopping: Decimal
    daeb_income: Decimal
    max_rent: Decimal
    kwaliteitskortingsgrens: Decimal


def _limits(year: int, size: int, pension_age: bool) -> _Limits | None:
    try:
        p = parameters(year)
    except RulesError:
        return None
    try:
        passend_income: Decimal | None = passend_income_limit(p, size, pension_age)
    except RulesError:
        passend_income = None
    return _Limits(
        passend_income=passend_income,
        aftopping=fitting_aftoppingsgrens(p, size),
        daeb_income=p.daeb_income_limit_single if size == 1 else p.daeb_income_limit_multi,
        max_rent=p.huurtoeslag_max_rent,
        kwaliteitskortingsgrens=p.kwaliteitskortingsgrens,
    )


def _facts(letting: Letting, cache: dict[tuple[int, int, bool], _Limits | None]) -> _Facts:
    """What :func:`woonafspraken.rules.passend_toewijzen` and
    :func:`woonafspraken.rules.target_group` say about the letting, with the limits read once
    per year and household kind (the rules' own helpers; a test proves both agree)."""
    key = (letting.year, letting.household_size, letting.pension_age)
    if key not in cache:
        cache[key] = _limits(*key)
    limits = cache[key]
    if limits is None or limits.passend_income is None:
        return _UNKNOWN
    applicable = letting.income <= limits.passend_income
    return _Facts(
        passend=(letting.rent <= limits.aftopping) if applicable else None,
        applicable=applicable,
        daeb_home=letting.rent <= limits.max_rent,
        to_target_group=letting.income <= limits.daeb_income,
        young_cheap=letting.age < YOUNG_AGE and letting.rent < limits.kwaliteitskortingsgrens,
        known=True,
    )


def facts_by_the_rules(letting: Letting) -> _Facts:
    """The same facts through the rules' public functions (slow; for tests)."""
    try:
        p = parameters(letting.year)
        fit = passend_toewijzen(
            letting.year, letting.household_size, letting.income, letting.rent, letting.pension_age
        )
        in_group = target_group(letting.year, letting.income, letting.household_size)
    except RulesError:
        return _UNKNOWN
    return _Facts(
        passend=fit.passend,
        applicable=fit.applicable,
        daeb_home=letting.rent <= p.huurtoeslag_max_rent,
        to_target_group=in_group.in_target_group,
        young_cheap=letting.age < YOUNG_AGE and letting.rent < p.kwaliteitskortingsgrens,
        known=True,
    )


@dataclass(frozen=True)
class Group:
    """Lettings that count alike: same year, corporation, route, caregiver flag, age side of
    23 and the same facts by the rules. A database can sum lettings into these groups once it
    knows the year's limits (:func:`limits_of`), so only a few rows leave it."""

    year: int
    corporation: str
    route: Route
    caregiver: bool
    young: bool
    facts: _Facts
    count: int


def facts(
    known: bool,
    applicable: bool,
    passend: bool,
    daeb_home: bool,
    to_target_group: bool,
    young_cheap: bool,
) -> _Facts:
    """Facts decided elsewhere (e.g. by the database with :func:`limits_of`)."""
    if not known:
        return _UNKNOWN
    return _Facts(
        passend=passend if applicable else None,
        applicable=applicable,
        daeb_home=daeb_home,
        to_target_group=to_target_group,
        young_cheap=young_cheap,
        known=True,
    )


def limits_of(year: int, household_size: int, pension_age: bool) -> _Limits | None:
    """The limits a letting is compared with; ``None`` when the year has none (not
    computed). The comparisons are those of :func:`_facts`: income ≤ passend income limit
    (passend applies), rent ≤ aftoppingsgrens (fitting), rent ≤ maximum rent (DAEB home),
    income ≤ DAEB income limit (target group), rent < kwaliteitskortingsgrens (very cheap)."""
    limits = _limits(year, household_size, pension_age)
    return None if limits is None or limits.passend_income is None else limits


def _count(tally: Tally, group: Group) -> None:
    n, facts = group.count, group.facts
    tally.lettings += n
    tally.routes[group.route] = tally.routes.get(group.route, 0) + n
    if group.caregiver:
        tally.caregivers += n
    if group.young:
        tally.young += n
    if not facts.known:
        tally.unknown += n
        return
    if facts.applicable:
        tally.passend_base += n
        if facts.passend:
            tally.passend += n
    if facts.daeb_home:
        tally.daeb_base += n
        if facts.to_target_group:
            tally.daeb += n
    if facts.young_cheap:
        tally.young_cheap += n


def allocation_of_groups(groups: Iterable[Group]) -> Allocation:
    """The allocation figures from lettings already summed into groups."""
    tallies: dict[tuple[int, str], Tally] = {}
    for group in groups:
        check_count(group.count, "Het aantal toewijzingen")
        for key in ((group.year, ALL), (group.year, group.corporation)):
            _count(tallies.setdefault(key, Tally()), group)
    return Allocation(
        tuple(AllocationRow(year, corp, t) for (year, corp), t in sorted(tallies.items()))
    )


def allocation(lettings: Iterable[Letting]) -> Allocation:
    cache: dict[tuple[int, int, bool], _Limits | None] = {}
    return allocation_of_groups(
        Group(
            letting.year,
            letting.corporation,
            letting.route,
            letting.caregiver,
            letting.age < YOUNG_AGE,
            _facts(letting, cache),
            letting.count,
        )
        for letting in lettings
    )
