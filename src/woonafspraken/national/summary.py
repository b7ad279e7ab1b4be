"""The country's sums, computed once and kept a few minutes in the shared cache.

Summing every municipality's figures costs a few database aggregates over all cycles, targets
and housing rows, and a pass over one row per municipality and year: cheap for one request,
but it grows with the country and every visitor of the national pages would pay it. The sums
change only when published figures change, and a national picture that is a few minutes
behind is what statistics pages are everywhere, so the result is kept in Django's cache for
``NATIONAL_CACHE_SECONDS`` (default 300 s; the page says when it was computed).

The cache is the database (``CACHES`` in the settings), so every application server shares
one copy and computing it once serves them all.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from . import rollup, selectors

#: Bump when the shape of :class:`CountrySums` changes (old cache entries are then ignored).
VERSION = 1


@dataclass(frozen=True)
class CountrySums:
    """The sums per year for the country, every province and every woningbouwregio."""

    computed_at: datetime.datetime
    municipalities: int
    country: dict[int, rollup.Sum]
    provinces: dict[str, dict[int, rollup.Sum]]
    regions: dict[str, dict[int, rollup.Sum]]
    #: Homes per municipality (latest stock year), for size classes.
    homes: dict[int, int]


def _compute() -> CountrySums:
    places = selectors.places()
    rows = selectors.municipality_years()
    years = list(selectors.YEARS)

    def per_group(key: str) -> dict[str, dict[int, rollup.Sum]]:
        """Every province or region a municipality lies in, also one without figures."""
        groups = rollup.group_by(rows, places, key)
        names = {getattr(place, key) for place in places.values()}
        return {name: rollup.sum_years(groups.get(name, []), years) for name in names if name}

    return CountrySums(
        computed_at=timezone.now(),
        municipalities=len(places),
        country=rollup.sum_years(rows, years),
        provinces=per_group("province"),
        regions=per_group("region"),
        homes=selectors.homes(),
    )


def country_sums() -> CountrySums:
    """The sums from the cache, or computed now (and stored) when they are missing or old."""
    key = f"woonafspraken:national:sums:{VERSION}"
    sums = cache.get(key)
    if not isinstance(sums, CountrySums):
        sums = _compute()
        cache.set(key, sums, getattr(settings, "NATIONAL_CACHE_SECONDS", 300))
    return sums


def forget() -> None:
    """Drop the cached sums (the next request computes them again)."""
    cache.delete(f"woonafspraken:national:sums:{VERSION}")
