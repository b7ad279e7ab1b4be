"""Read the housing tables of a municipality into the pure analyses.

Every analysis costs a fixed number of queries whatever the amount of data: the rows are
summed by the database (``GROUP BY``) and handed to :mod:`woonafspraken.analysis` as plain
dataclasses. Which sets fed an analysis (source, date, fictional) comes along, so every page,
chart and document can say where the figures come from and whether they are made up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import BooleanField, Case, Q, Sum, Value, When

from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Cycle
from woonafspraken.analysis import AnalysisError, Result
from woonafspraken.analysis import allocation as allocation_
from woonafspraken.analysis import care as care_
from woonafspraken.analysis import housing_costs as costs_
from woonafspraken.analysis import new_build as new_build_
from woonafspraken.analysis import prognosis as prognosis_
from woonafspraken.analysis import scheefwonen as scheefwonen_
from woonafspraken.analysis import stock as stock_

from .models import (
    CareRow,
    CostRow,
    Dataset,
    HouseholdRow,
    LettingRow,
    ProjectRow,
    Scenario,
    StockRow,
)

#: The tables each analysis reads.
SOURCES: dict[str, tuple[str, ...]] = {
    "prognosis": ("households", "stock", "projects"),
    "scheefwonen": ("households",),
    "housing-costs": ("costs",),
    "cheapest-stock": ("stock",),
    "energy-labels": ("stock",),
    "new-build-affordability": ("projects",),
    "care-homes": ("care",),
    "allocation": ("lettings",),
}

#: The allocation figure that measures each indicator (by its unique name, as in the demo).
ALLOCATION_INDICATORS: dict[str, str] = {
    "Eigen inplaatsing (aandeel van de verhuringen)": "direct_placement",
    "Aanbodmodel (aandeel van de verhuringen)": "offer_model",
    "Jongeren < 23 jaar met een zeer goedkope woning": "young_cheap",
    "Verhuringen aan mantelzorgers en -ontvangers": "caregivers",
}

DEFAULT_FIRST_YEAR = 2016
DEFAULT_LAST_YEAR = 2030


@dataclass(frozen=True)
class Outcome:
    name: str
    result: Result | None
    #: Why there is no result (plain Dutch), when ``result`` is None.
    missing: str
    datasets: tuple[Dataset, ...]
    detail: Any = None

    @property
    def fictional(self) -> bool:
        return any(d.fictional for d in self.datasets)


def _sets(
    municipality_id: int, tables: tuple[str, ...], cache: dict[str, list[Dataset]]
) -> tuple[Dataset, ...]:
    if "all" not in cache:
        cache["all"] = list(Dataset.objects.filter(municipality_id=municipality_id))
    return tuple(d for d in cache["all"] if d.table in tables)


def _rows(model: Any, municipality_id: int, *fields: str) -> list[dict[str, Any]]:
    return list(
        model.objects.filter(dataset__municipality_id=municipality_id)
        .values(*fields)
        .annotate(n=Sum("count"))
        .order_by(*fields)
    )


def scheefwonen(municipality_id: int) -> Any:
    rows = _rows(
        HouseholdRow, municipality_id, "year", "income_group", "tenure", "rent_class", "size_class"
    )
    return scheefwonen_.scheefwonen(
        scheefwonen_.HouseholdGroup(
            r["year"],
            r["n"],
            r["income_group"],
            r["tenure"],
            r["rent_class"] or None,
            r["size_class"],
        )
        for r in rows
    )


def _stock_groups(municipality_id: int) -> list[stock_.StockGroup]:
    rows = _rows(StockRow, municipality_id, "year", "owner", "ownership", "rent_class", "label")
    return [
        stock_.StockGroup(
            r["year"],
            r["owner"],
            r["n"],
            r["rent_class"] or None,
            r["label"],
            "owner" if r["ownership"] == "owner_occupied" else "rent",
        )
        for r in rows
    ]


def cheapest_stock(municipality_id: int) -> Any:
    return stock_.cheapest_stock(_stock_groups(municipality_id))


def energy_labels(municipality_id: int) -> Any:
    rows = (
        StockRow.objects.filter(dataset__municipality_id=municipality_id, ownership="corporation")
        .values("year", "owner", "label")
        .annotate(n=Sum("count"))
        .order_by("year", "owner", "label")
    )
    return stock_.energy_labels(
        stock_.StockGroup(r["year"], r["owner"], r["n"], label=r["label"]) for r in rows
    )


def housing_costs(municipality_id: int) -> Any:
    rows = CostRow.objects.filter(dataset__municipality_id=municipality_id).values_list(
        "year",
        "household_type",
        "count",
        "household_size",
        "income",
        "rent",
        "huurtoeslag",
        "energy_cost",
        "label",
    )
    return costs_.housing_costs(costs_.CostGroup(*r) for r in rows)


def care_homes(municipality_id: int) -> Any:
    rows = (
        CareRow.objects.filter(dataset__municipality_id=municipality_id)
        .values("year")
        .annotate(d=Sum("count"), s=Sum("supply"), m=Sum("matched"))
        .order_by("year")
    )
    return care_.care_homes(care_.CareYear(r["year"], r["d"], r["s"], r["m"]) for r in rows)


def new_build(municipality_id: int) -> Any:
    rows = (
        ProjectRow.objects.filter(dataset__municipality_id=municipality_id, kind="new_build")
        .values("year", "segment")
        .annotate(n=Sum("count"))
        .order_by("year", "segment")
    )
    return new_build_.new_build_affordability(
        new_build_.Planned(r["year"], r["segment"], r["n"]) for r in rows
    )


def _flag(conditions: list[Q]) -> Any:
    if not conditions:
        return Value(False, output_field=BooleanField())
    return Case(
        *(When(c, then=Value(True)) for c in conditions),
        default=Value(False),
        output_field=BooleanField(),
    )


def allocation(municipality_id: int) -> Any:
    """The allocation figures, with the lettings summed in the database.

    Each letting is compared with the limits of its year and household kind (read once per
    kind from the rules, :func:`woonafspraken.analysis.allocation.limits_of`) inside the
    query, so only one row per year, corporation, route and outcome leaves the database
    instead of one per letting. ``tests/housing`` proves it equals the per-letting analysis.
    """
    lettings = LettingRow.objects.filter(dataset__municipality_id=municipality_id)
    kinds = lettings.values_list("year", "household_size", "pension_age").distinct().order_by()
    known, applicable, passend, daeb_home, target, young_cheap = [], [], [], [], [], []
    young = Q(age__lt=allocation_.YOUNG_AGE)
    for year, size, pension_age in kinds:
        limits = allocation_.limits_of(year, size, pension_age)
        if limits is None:
            continue
        kind = Q(year=year, household_size=size, pension_age=pension_age)
        known.append(kind)
        applicable.append(kind & Q(income__lte=limits.passend_income))
        passend.append(kind & Q(rent__lte=limits.aftopping))
        daeb_home.append(kind & Q(rent__lte=limits.max_rent))
        target.append(kind & Q(income__lte=limits.daeb_income))
        young_cheap.append(kind & young & Q(rent__lt=limits.kwaliteitskortingsgrens))
    rows = (
        lettings.annotate(
            is_young=_flag([young]),
            known=_flag(known),
            applicable=_flag(applicable),
            fitting=_flag(passend),
            daeb_home=_flag(daeb_home),
            target=_flag(target),
            young_cheap=_flag(young_cheap),
        )
        .values(
            "year",
            "corporation",
            "route",
            "caregiver",
            "is_young",
            "known",
            "applicable",
            "fitting",
            "daeb_home",
            "target",
            "young_cheap",
        )
        .annotate(n=Sum("count"))
        .order_by()
    )
    return allocation_.allocation_of_groups(
        allocation_.Group(
            r["year"],
            r["corporation"],
            r["route"],
            bool(r["caregiver"]),
            bool(r["is_young"]),
            allocation_.facts(
                bool(r["known"]),
                bool(r["applicable"]),
                bool(r["fitting"]),
                bool(r["daeb_home"]),
                bool(r["target"]),
                bool(r["young_cheap"]),
            ),
            r["n"],
        )
        for r in rows
    )


def letting_rows(municipality_id: int) -> list[Any]:
    """Every letting as the pure analysis reads it one by one (for checks and tests)."""
    rows = (
        LettingRow.objects.filter(dataset__municipality_id=municipality_id)
        .values_list(
            "year",
            "corporation",
            "route",
            "household_size",
            "income",
            "rent",
            "age",
            "pension_age",
            "caregiver",
        )
        .annotate(n=Sum("count"))
        .order_by()
    )
    return [allocation_.Letting(*r) for r in rows]


def scenario_of(cycle: Cycle) -> Scenario:
    """The saved scenario, or the default: 2016 (or the cycle's start) to 2030 (or its end)."""
    saved = Scenario.objects.filter(cycle=cycle).first()
    if saved is not None:
        return saved
    return Scenario(
        cycle=cycle,
        base_year=min(DEFAULT_FIRST_YEAR, cycle.start_year),
        end_year=max(DEFAULT_LAST_YEAR, cycle.end_year),
    )


def prognosis(cycle: Cycle) -> tuple[Any, str]:
    """The prognosis and, when it cannot be made, why not."""
    scenario = scenario_of(cycle)
    m = cycle.municipality_id
    base = scenario.base_year
    households = (
        HouseholdRow.objects.filter(dataset__municipality_id=m, year=base)
        .values("income_group")
        .annotate(n=Sum("count"))
        .order_by()
    )
    totals = {r["income_group"]: r["n"] for r in households}
    stock = (
        StockRow.objects.filter(dataset__municipality_id=m, year=base, ownership="corporation")
        .exclude(rent_class="above_limit")
        .aggregate(n=Sum("count"))["n"]
    )
    total = sum(totals.values())
    if not total or not stock:
        return None, f"Voor het basisjaar {base} ontbreken huishoudens of de sociale huurvoorraad."
    target = totals.get("huurtoeslag", 0) + totals.get("daeb", 0)
    projects = (
        ProjectRow.objects.filter(dataset__municipality_id=m)
        .values("year", "kind", "segment")
        .annotate(n=Sum("count"))
        .order_by()
    )
    steps: dict[int, dict[str, int]] = {}
    for r in projects:
        step = steps.setdefault(
            r["year"], {"new_build": 0, "sale": 0, "demolition": 0, "liberalisation": 0}
        )
        if r["kind"] == "new_build" and r["segment"] == "social_rent":
            step["new_build"] += r["n"]
        elif r["kind"] in {"sale", "demolition", "liberalisation"}:
            step[r["kind"]] += r["n"]
    start = prognosis_.Start(base, total, Decimal(target) * 100 / Decimal(total), stock)
    params = prognosis_.Scenario(
        household_growth=scenario.household_growth,
        income_shift=scenario.income_shift,
        reliance=scenario.reliance,
        new_build_per_year=scenario.new_build_per_year,
        sales_per_year=scenario.sales_per_year,
        demolition_per_year=scenario.demolition_per_year,
        liberalisation_per_year=scenario.liberalisation_per_year,
    )
    pipeline = {year: prognosis_.PipelineYear(**step) for year, step in steps.items()}
    return prognosis_.prognosis(start, scenario.end_year, params, pipeline), ""


_BY_MUNICIPALITY: dict[str, Callable[[int], Any]] = {
    "scheefwonen": scheefwonen,
    "housing-costs": housing_costs,
    "cheapest-stock": cheapest_stock,
    "energy-labels": energy_labels,
    "new-build-affordability": new_build,
    "care-homes": care_homes,
    "allocation": allocation,
}


def run(cycle: Cycle, name: str, cache: dict[str, list[Dataset]] | None = None) -> Outcome:
    """One analysis for the cycle's municipality."""
    cache = {} if cache is None else cache
    datasets = _sets(cycle.municipality_id, SOURCES[name], cache)
    if not datasets:
        return Outcome(name, None, "Er zijn nog geen gegevens voor deze analyse ingelezen.", ())
    try:
        if name == "prognosis":
            detail, missing = prognosis(cycle)
        else:
            detail, missing = _BY_MUNICIPALITY[name](cycle.municipality_id), ""
    except AnalysisError as error:
        return Outcome(name, None, str(error), datasets)
    if detail is None:
        return Outcome(name, None, missing, datasets)
    result = detail.result()
    if not result.table.rows:
        return Outcome(
            name, None, "De ingelezen gegevens bevatten niets voor deze analyse.", datasets
        )
    return Outcome(name, result, "", datasets, detail)


def run_all(cycle: Cycle) -> list[Outcome]:
    from woonafspraken.analysis import NAMES

    cache: dict[str, list[Dataset]] = {}
    return [run(cycle, name, cache) for name in NAMES]


#: A policy goal's measure (``governance.PolicyGoal.Measure``) → what the check counts.
GOAL_MEASURES: dict[str, Any] = {
    "affordable_new_build": "affordable",
    "social_new_build": "social",
}


@dataclass(frozen=True)
class GoalOutcome:
    """A policy goal checked against the planned new build, with the sets it read."""

    check: Any
    datasets: tuple[Dataset, ...]

    @property
    def fictional(self) -> bool:
        return any(d.fictional for d in self.datasets)


def goal_check(municipality_id: int, measure: str, minimum: Decimal) -> GoalOutcome | None:
    """The goal against the municipality's projects; ``None`` when none are imported."""
    datasets = _sets(municipality_id, SOURCES["new-build-affordability"], {})
    if measure not in GOAL_MEASURES or not datasets:
        return None
    planned = new_build(municipality_id)
    return GoalOutcome(new_build_.check_goal(planned, GOAL_MEASURES[measure], minimum), datasets)


@dataclass(frozen=True)
class StockOverview:
    """The stock per owner beside a cycle: the figures, the corporations by short name, and
    the sets they come from."""

    stock: stock_.StockByOwner
    organisations: dict[str, Any]
    datasets: tuple[Dataset, ...]


def stock_overview(municipality_id: int, year: int) -> StockOverview | None:
    """Homes per owner in the municipality, in the stock year nearest ``year`` (three queries
    whatever the amount of data); ``None`` when no stock has been imported."""
    rows = list(
        StockRow.objects.filter(dataset__municipality_id=municipality_id)
        .values("year", "ownership", "owner", "dataset_id")
        .annotate(n=Sum("count"))
        .order_by()
    )
    shown = stock_.stock_by_owner(
        (stock_.OwnerCount(r["year"], r["ownership"], r["owner"], r["n"]) for r in rows), year
    )
    if shown is None:
        return None
    slugs = {r.owner for r in shown.rows if r.owner}
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in=slugs)}
    used = {r["dataset_id"] for r in rows if r["year"] == shown.year}
    datasets = tuple(Dataset.objects.filter(pk__in=used).order_by("source_date", "id"))
    return StockOverview(shown, organisations, datasets)
