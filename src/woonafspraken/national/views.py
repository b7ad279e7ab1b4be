"""The national picture on the web: open data without login, published data only."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from woonafspraken.accounts.models import Municipality, Province
from woonafspraken.agreements.models import Cycle

from . import charts, rollup, selectors, summary


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("jaar", "")
    this_year = timezone.localdate().year
    if raw.isdigit() and selectors.FIRST_YEAR <= int(raw) <= selectors.LAST_YEAR:
        return int(raw)
    return min(max(this_year, selectors.FIRST_YEAR), selectors.LAST_YEAR)


def _groups(sums: dict[str, dict[int, rollup.Sum]], key: str, year: int) -> list[dict[str, Any]]:
    out = []
    for name, per_year in sorted(sums.items()):
        label = Province(name).label if key == "province" and name in Province.values else name
        out.append({"key": name, "name": label, "sum": per_year[year]})
    return out


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    sums = summary.country_sums()
    country = sums.country
    table = [
        {
            "sum": s,
            "gap": rollup.social_rent_gap(s),
            "pace": rollup.efg_pace(s.efg_left, s.year),
        }
        for s in country.values()
    ]
    context = {
        "year": year,
        "years": list(selectors.YEARS),
        "municipalities": sums.municipalities,
        "computed_at": sums.computed_at,
        "country": country[year],
        "table": table,
        "provinces": _groups(sums.provinces, "province", year),
        "regions": _groups(sums.regions, "region", year),
        "goal": rollup.SOCIAL_RENT_PER_YEAR,
        "goal_from": rollup.SOCIAL_RENT_FROM_YEAR,
        "efg_after": rollup.NO_EFG_AFTER_YEAR,
        "chart": charts.social_rent(list(country.values())),
    }
    return render(request, "national/overview.html", context)


@require_GET
def area(request: HttpRequest) -> HttpResponse:
    """A province or woningbouwregio: its municipalities side by side, with drill-down."""
    year = _year(request)
    province = request.GET.get("provincie", "")
    region = request.GET.get("regio", "")
    qs = Municipality.objects.all()
    if province:
        if province not in Province.values:
            raise Http404
        qs = qs.filter(province=province)
        title = Province(province).label
    elif region:
        qs = qs.filter(housing_region=region)
        title = region
    else:
        raise Http404
    ids = list(qs.values_list("pk", flat=True))
    if not ids:
        raise Http404
    places = selectors.places(ids)
    rows = selectors.municipality_years(ids)
    per_municipality: dict[int, list[rollup.MunicipalityYear]] = {}
    for row in rows:
        per_municipality.setdefault(row.municipality_id, []).append(row)
    members = [
        {
            "place": place,
            "code": code,
            "sum": rollup.sum_years(per_municipality.get(pk, []), [year])[year],
        }
        for pk, place, code in sorted(
            ((pk, places[pk], c) for pk, c in qs.values_list("pk", "cbs_code")),
            key=lambda t: t[1].name,
        )
    ]
    context = {
        "year": year,
        "years": list(selectors.YEARS),
        "title": title,
        "is_province": bool(province),
        "total": rollup.sum_years(rows, [year])[year],
        "members": members,
        "query": {"provincie": province} if province else {"regio": region},
    }
    return render(request, "national/area.html", context)


@require_GET
def municipality(request: HttpRequest, cbs_code: str) -> HttpResponse:
    """One municipality: its figures over the years, its published cycles, and how it compares
    with municipalities of the same size class in its province."""
    m = get_object_or_404(Municipality, cbs_code=cbs_code.upper())
    rows = selectors.municipality_years([m.pk])
    sums = rollup.sum_years(rows, selectors.YEARS)
    year = _year(request)
    homes = summary.country_sums().homes
    size = rollup.size_class(homes.get(m.pk, 0))
    peer_ids = [
        pk
        for pk, province in Municipality.objects.filter(province=m.province)
        .exclude(pk=m.pk)
        .values_list("pk", "province")
        if province and rollup.size_class(homes.get(pk, 0)) == size
    ]
    peer_set = set(peer_ids)
    peer_rows = [
        row
        for row in selectors.municipality_years(province=m.province)
        if row.municipality_id in peer_set
    ]  # one province: a bounded number of municipalities
    by_peer: dict[int, list[rollup.MunicipalityYear]] = {}
    for row in peer_rows:
        by_peer.setdefault(row.municipality_id, []).append(row)

    def figures(s: rollup.Sum, n_homes: int) -> dict[str, Decimal | None]:
        per_thousand = (
            (Decimal(s.planned_social * 1000) / n_homes).quantize(Decimal("0.1"), ROUND_HALF_UP)
            if n_homes
            else None
        )
        return {
            "social_share": s.social_share,
            "affordable_share": s.affordable_share,
            "social_per_1000": per_thousand,
            "efg_left": None if s.efg_left is None else Decimal(s.efg_left),
        }

    own = figures(sums[year], homes.get(m.pk, 0))
    peers = [
        figures(rollup.sum_years(by_peer.get(pk, []), [year])[year], homes.get(pk, 0))
        for pk in peer_ids
    ]
    context = {
        "municipality": m,
        "province": Province(m.province).label if m.province in Province.values else "",
        "year": year,
        "years": list(selectors.YEARS),
        "sums": list(sums.values()),
        "homes": homes.get(m.pk),
        "size": size,
        "comparison": rollup.compare(own, peers),
        "cycles": list(
            Cycle.objects.filter(municipality=m, published=True).order_by("-start_year")[:20]
        ),
    }
    return render(request, "national/municipality.html", context)
