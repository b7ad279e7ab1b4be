"""The pages and API lists of one cycle cost the same number of queries whatever the size of
the data: ten times as many municipalities, or a cycle with ten times as many agreements,
targets and figures (issue 13, point 4)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from woonafspraken.agreements.models import Agreement, Cycle, Measurement, Target, Theme
from woonafspraken.national import generator

YEAR = 2025


def _urls(cycle: Cycle) -> list[str]:
    theme = Theme.objects.filter(cycle=cycle).order_by("order", "pk").first()
    assert theme is not None
    return [
        "/",
        f"/cycli/{cycle.pk}/",
        f"/cycli/{cycle.pk}/?year={YEAR}",
        f"/themas/{theme.pk}/?year={YEAR}",
        f"/cycli/{cycle.pk}/vastgoed/?year={YEAR}",
        f"/cycli/{cycle.pk}/proces/",
        f"/api/v1/targets?cycle={cycle.pk}",
        f"/api/v1/targets?cycle={cycle.pk}&pageSize=1&page=2",
        f"/api/v1/agreements?cycle={cycle.pk}",
        "/api/v1/cycles",
        "/api/v1/cycles?pageSize=2&page=2",
        "/api/v1/national/municipalities?year=2025",
    ]


def _counts(cycle: Cycle) -> list[int]:
    client = Client()
    counts = []
    for url in _urls(cycle):
        client.get(url)  # once before, so that nothing of a first visit is counted
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, url
        counts.append(len(ctx.captured_queries))
    return counts


def _cycle() -> Cycle:
    cycle = (
        Cycle.objects.filter(start_year=YEAR, published=True)
        .select_related("municipality")
        .order_by("municipality__cbs_code")
        .first()
    )
    assert cycle is not None
    return cycle


@pytest.mark.django_db(transaction=True)
def test_ten_times_as_many_municipalities_cost_no_extra_queries() -> None:
    generator.generate(municipalities=3, first_year=2024, last_year=2026, seed=2)
    small = _counts(_cycle())
    from django.core.management import call_command

    call_command("flush", "--no-input", verbosity=0)
    generator.generate(municipalities=3, first_year=2024, last_year=2026, seed=2, scale=10)
    assert _counts(_cycle()) == small


def _grow(cycle: Cycle, factor: int) -> None:
    """``factor`` − 1 more agreements beside every agreement of ``cycle``, each with the same
    targets per party and their figures (ten times the cycle, as a large municipality has)."""
    for theme in Theme.objects.filter(cycle=cycle):
        for agreement in list(Agreement.objects.filter(theme=theme)):
            targets = list(Target.objects.filter(agreement=agreement))
            for k in range(1, factor):
                copy = Agreement.objects.create(
                    theme=theme,
                    number=f"{agreement.number}.{k}",
                    title=f"{agreement.title} ({k})",
                    kind=agreement.kind,
                    lead_party=agreement.lead_party,
                    order=agreement.order + k,
                )
                for t in targets:
                    new = Target.objects.create(
                        agreement=copy,
                        indicator=t.indicator,
                        party=t.party,
                        year=t.year,
                        kind=t.kind,
                        value=t.value,
                    )
                    Measurement.objects.create(
                        target=new,
                        year=t.year,
                        value=t.value + Decimal(k),
                        source=generator.SOURCE,
                        recorded_at=timezone.now(),
                    )


@pytest.mark.django_db
def test_a_cycle_ten_times_as_large_costs_no_extra_queries() -> None:
    generator.generate(municipalities=2, first_year=2024, last_year=2026, seed=4)
    cycle = _cycle()
    before = _counts(cycle)
    agreements = Agreement.objects.filter(theme__cycle=cycle).count()
    _grow(cycle, 10)
    assert Agreement.objects.filter(theme__cycle=cycle).count() == 10 * agreements
    assert _counts(cycle) == before
