"""The national pages: open without login, published data only, fixed query counts."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from woonafspraken.accounts.models import Municipality
from woonafspraken.agreements.models import Cycle
from woonafspraken.national import generator, summary


def _get(url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = Client().get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), response.content.decode()


def _urls() -> list[str]:
    m = Municipality.objects.order_by("cbs_code").first()
    assert m is not None
    return [
        reverse("national") + "?jaar=2024",
        reverse("national_area") + f"?provincie={m.province}&jaar=2024",
        reverse("national_area") + f"?regio={m.housing_region}",
        reverse("national_municipality", args=[m.cbs_code]) + "?jaar=2024",
    ]


@pytest.mark.django_db(transaction=True)
def test_query_count_is_the_same_for_a_country_three_times_as_large() -> None:
    generator.generate(municipalities=12, first_year=2022, last_year=2027, seed=1)
    summary.forget()
    small = [_get(url)[0] for url in _urls()]
    call_command("flush", "--no-input", verbosity=0)
    generator.generate(municipalities=36, first_year=2022, last_year=2027, seed=1)
    summary.forget()
    large = [_get(url)[0] for url in _urls()]
    assert small == large
    # The country's sums come from the shared cache once computed.
    assert _get(_urls()[0])[0] == 0


@pytest.mark.django_db
def test_overview_sums_published_data_for_anonymous_visitors() -> None:
    generator.generate(municipalities=6, first_year=2024, last_year=2028, seed=5)
    _, before = _get(reverse("national") + "?jaar=2027")
    assert "Landelijk beeld" in before
    assert "30.000" in before
    # Unpublishing every cycle removes its signed status from the sums (0 signed).
    signed_2025 = Cycle.objects.filter(start_year=2025, phase="evaluation").count()
    assert signed_2025 == 6
    _, page = _get(reverse("national") + "?jaar=2025")
    Cycle.objects.update(published=False)
    # The sums are kept a few minutes; once they are computed again the cycles are gone.
    assert summary.country_sums().country[2025].signed == signed_2025
    summary.forget()
    assert summary.country_sums().country[2025].signed == 0
    _, hidden = _get(reverse("national") + "?jaar=2025")
    assert page != hidden


@pytest.mark.django_db
def test_drill_down_reaches_the_published_cycles() -> None:
    generator.generate(municipalities=4, first_year=2025, last_year=2028, seed=2)
    m = Municipality.objects.order_by("cbs_code").first()
    assert m is not None
    _, overview = _get(reverse("national"))
    assert f'href="{reverse("national")}" aria-current="page"' in overview
    assert f"?provincie={m.province}" in overview
    _, area = _get(reverse("national_area") + f"?provincie={m.province}")
    assert reverse("national_municipality", args=[m.cbs_code]) in area
    _, page = _get(reverse("national_municipality", args=[m.cbs_code]))
    published = Cycle.objects.filter(municipality=m, published=True)
    assert published.exists()
    for cycle in published:
        assert reverse("cycle", args=[cycle.pk]) in page
    for cycle in Cycle.objects.filter(municipality=m, published=False):
        assert reverse("cycle", args=[cycle.pk]) not in page


@pytest.mark.django_db
def test_unknown_areas_are_not_found() -> None:
    client = Client()
    assert client.get(reverse("national_area")).status_code == 404
    assert client.get(reverse("national_area") + "?provincie=atlantis").status_code == 404
    assert client.get(reverse("national_area") + "?regio=Nergens").status_code == 404
    assert client.get(reverse("national_municipality", args=["GM0000"])).status_code == 404
    assert client.get(reverse("national") + "?jaar=abc").status_code == 200


@pytest.mark.django_db
def test_the_start_page_shows_a_page_of_municipalities_and_finds_one_by_name() -> None:
    generator.generate(municipalities=30, first_year=2025, last_year=2026, seed=6)
    names = list(
        Municipality.objects.filter(cycles__published=True)
        .distinct()
        .order_by("name")
        .values_list("name", flat=True)
    )
    assert len(names) == 30
    _, first = _get("/")
    assert reverse("national") in first
    assert names[0] in first and names[24] in first and names[25] not in first
    assert "?gemeente=&amp;pagina=2" in first
    _, second = _get("/?pagina=2")
    assert names[25] in second and names[0] not in second
    wanted = names[17]
    _, found = _get("/?gemeente=" + wanted.split()[0].lower())
    assert wanted in found
    assert names[0] not in found or names[0].split()[0] == wanted.split()[0]
    _, nothing = _get("/?gemeente=atlantis")
    assert "Geen gemeente met gepubliceerde prestatieafspraken gevonden" in nothing
