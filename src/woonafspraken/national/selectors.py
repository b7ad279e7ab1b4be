"""Read every municipality's figures for the national picture in a fixed number of queries.

Each figure is summed by the database (``GROUP BY`` municipality and year) and handed to the
pure :mod:`.rollup` as :class:`~.rollup.MunicipalityYear` rows, so the cost of a page does not
grow with the number of municipalities, cycles or rows.

Only published data counts: cycles (and their figures and dispute points) that are published.
Housing tables (stock, projects) are aggregates without persons and are open data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q, Sum

from woonafspraken.accounts.models import Municipality
from woonafspraken.agreements.models import Cycle, Measurement
from woonafspraken.analysis.new_build import SEGMENTS
from woonafspraken.housing.models import ProjectRow, StockRow
from woonafspraken.pipeline import INDICATOR_NAMES
from woonafspraken.process.models import DisputePoint

from .rollup import MunicipalityYear, Place

FIRST_YEAR = 2016
LAST_YEAR = 2030
YEARS = range(FIRST_YEAR, LAST_YEAR + 1)

SIGNED_PHASES = (
    Cycle.Phase.SIGNED,
    Cycle.Phase.MONITORING,
    Cycle.Phase.EVALUATION,
    Cycle.Phase.CLOSED,
)

#: The indicator whose measurements are realised social rent new build.
SOCIAL_NEW_BUILD_INDICATOR = INDICATOR_NAMES["new_build"]

EFG = ("E", "F", "G")


def places(municipalities: Iterable[int] | None = None) -> dict[int, Place]:
    qs = Municipality.objects.all()
    if municipalities is not None:
        qs = qs.filter(pk__in=list(municipalities))
    return {
        m["id"]: Place(m["id"], m["name"], m["province"], m["housing_region"])
        for m in qs.values("id", "name", "province", "housing_region")
    }


def municipality_years(
    municipality_ids: Iterable[int] | None = None, province: str | None = None
) -> list[MunicipalityYear]:
    """Every municipality's contribution per year (six queries, whatever the data size), for
    all municipalities, the given ones, or those of one province."""
    ids = None if municipality_ids is None else list(municipality_ids)

    def only(qs: Any, path: str) -> Any:
        if province is not None:
            qs = qs.filter(**{path.replace("_id", "__province"): province})
        return qs if ids is None else qs.filter(**{f"{path}__in": ids})

    # One row per municipality and year, a column per segment (summed by the database).
    segment_sums = {segment: Sum("count", filter=Q(segment=segment)) for segment in SEGMENTS}
    planned: dict[tuple[int, int], dict[str, int]] = {}
    for r in (
        only(ProjectRow.objects.filter(kind="new_build"), "dataset__municipality_id")
        .values("dataset__municipality_id", "year")
        .annotate(**segment_sums)
        .order_by()
    ):
        planned[(r["dataset__municipality_id"], r["year"])] = {
            segment: r[segment] for segment in SEGMENTS if r[segment]
        }

    efg: dict[tuple[int, int], int] = {
        (r["dataset__municipality_id"], r["year"]): r["n"] or 0
        for r in only(
            StockRow.objects.filter(ownership="corporation", label__in=EFG),
            "dataset__municipality_id",
        )
        .values("dataset__municipality_id", "year")
        .annotate(n=Sum("count"))
        .order_by()
    }
    # A municipality that reported corporation stock without E/F/G has zero left, not "none".
    for r in (
        only(StockRow.objects.filter(ownership="corporation"), "dataset__municipality_id")
        .values("dataset__municipality_id", "year")
        .distinct()
        .order_by()
    ):
        efg.setdefault((r["dataset__municipality_id"], r["year"]), 0)

    realised: dict[tuple[int, int], int] = {
        (r["target__agreement__theme__cycle__municipality_id"], r["year"]): int(r["n"] or 0)
        for r in only(
            Measurement.objects.filter(
                target__indicator__name=SOCIAL_NEW_BUILD_INDICATOR,
                target__agreement__theme__cycle__published=True,
                value__isnull=False,
            ),
            "target__agreement__theme__cycle__municipality_id",
        )
        .values("target__agreement__theme__cycle__municipality_id", "year")
        .annotate(n=Sum("value"))
        .order_by()
    }

    signed: set[tuple[int, int]] = set()
    for c in only(
        Cycle.objects.filter(published=True, phase__in=SIGNED_PHASES), "municipality_id"
    ).values("municipality_id", "start_year", "end_year"):
        for year in range(c["start_year"], c["end_year"] + 1):
            signed.add((c["municipality_id"], year))

    disputes: dict[tuple[int, int], int] = defaultdict(int)
    for c in (
        only(Cycle.objects.filter(published=True), "municipality_id")
        .exclude(phase__in=SIGNED_PHASES)
        .annotate(points=Count("dispute_points", filter=Q(dispute_points__isnull=False)))
        .filter(points__gt=0)
        .values("municipality_id", "start_year", "end_year", "points")
    ):
        for year in range(c["start_year"], c["end_year"] + 1):
            disputes[(c["municipality_id"], year)] += c["points"]

    keys = set(planned) | set(efg) | set(realised) | signed | set(disputes)
    return [
        MunicipalityYear(
            municipality_id=m,
            year=y,
            planned=planned.get((m, y), {}),
            realised_social=realised.get((m, y)),
            efg_left=efg.get((m, y)),
            signed=(m, y) in signed,
            open_disputes=disputes.get((m, y), 0),
        )
        for (m, y) in sorted(keys)
        if FIRST_YEAR <= y <= LAST_YEAR
    ]


def homes(municipality_ids: Iterable[int] | None = None) -> dict[int, int]:
    """The number of homes per municipality in the latest year its stock table gives."""
    qs = StockRow.objects.all()
    if municipality_ids is not None:
        qs = qs.filter(dataset__municipality_id__in=list(municipality_ids))
    latest: dict[int, tuple[int, int]] = {}
    for r in (
        qs.values("dataset__municipality_id", "year").annotate(n=Sum("count")).order_by("year")
    ):
        latest[r["dataset__municipality_id"]] = (r["year"], r["n"] or 0)
    return {m: n for m, (_, n) in latest.items()}


def dispute_count() -> int:
    """Dispute points in published cycles that are not yet signed."""
    return (
        DisputePoint.objects.filter(cycle__published=True)
        .exclude(cycle__phase__in=SIGNED_PHASES)
        .count()
    )
