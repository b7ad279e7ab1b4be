"""The national picture through the API: open, bounded, paginated in the database."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from woonafspraken.accounts.models import Municipality
from woonafspraken.national import generator


@pytest.fixture
def country(db: object) -> None:
    generator.generate(municipalities=6, first_year=2024, last_year=2030, seed=9)


def test_the_country_per_year(country: None) -> None:
    response = Client().get("/api/v1/national/years")
    assert response.status_code == 200
    assert response["API-Version"]
    years = response.json()
    assert [y["year"] for y in years] == list(range(2016, 2031))
    by_year = {y["year"]: y for y in years}
    assert by_year[2016]["municipalities"] == 0 and by_year[2016]["efgLeft"] is None
    assert by_year[2028]["socialRentGap"] is None
    assert by_year[2029]["socialRentGap"] == 30_000 - by_year[2029]["plannedSocialRent"]
    assert by_year[2025]["signedMunicipalities"] == 6
    assert by_year[2024]["realisedNewBuild"] > 0


def test_areas_add_up_to_the_country(country: None) -> None:
    client = Client()
    country_2026 = {y["year"]: y for y in client.get("/api/v1/national/years").json()}[2026]
    for kind in ("province", "region"):
        areas = client.get(f"/api/v1/national/areas?kind={kind}&year=2026").json()
        assert areas and all(a["kind"] == kind for a in areas)
        for key in ("plannedTotal", "plannedSocialRent", "signedMunicipalities", "efgLeft"):
            assert sum(a[key] or 0 for a in areas) == (country_2026[key] or 0)


def test_municipalities_are_paginated_in_the_database(country: None) -> None:
    client = Client()
    first = client.get("/api/v1/national/municipalities?year=2026&pageSize=4")
    assert first.status_code == 200
    page = first.json()
    assert page["count"] == 6 and len(page["results"]) == 4
    assert page["next"].startswith("http://testserver/api/v1/national/municipalities?")
    second = client.get(page["next"]).json()
    codes = [m["cbsCode"] for m in page["results"] + second["results"]]
    assert sorted(codes) == sorted(Municipality.objects.values_list("cbs_code", flat=True))
    m = Municipality.objects.first()
    assert m is not None
    only = client.get(f"/api/v1/national/municipalities?year=2026&province={m.province}")
    assert {r["province"] for r in only.json()["results"]} == {m.province}
    with CaptureQueriesContext(connection) as small:
        client.get("/api/v1/national/municipalities?year=2026&pageSize=2")
    with CaptureQueriesContext(connection) as large:
        client.get("/api/v1/national/municipalities?year=2026&pageSize=6")
    assert len(small.captured_queries) == len(large.captured_queries)


@pytest.mark.django_db
def test_bad_input_is_a_problem_not_a_guess() -> None:
    client = Client()
    for url in (
        "/api/v1/national/years?year=2020",
        "/api/v1/national/areas?kind=country&year=2020",
        "/api/v1/national/areas?kind=province&year=2031",
        "/api/v1/national/areas?kind=province",
        "/api/v1/national/municipalities?year=2020&pageSize=101",
        "/api/v1/national/municipalities?year=2020&page=0",
        "/api/v1/national/municipalities?year=2020&province=atlantis",
        "/api/v1/national/municipalities?year=2020&housing_region=x",
    ):
        response = client.get(url)
        assert response.status_code == 400, url
        assert response["Content-Type"].startswith("application/problem+json"), url
    beyond = client.get("/api/v1/national/municipalities?year=2020&page=99")
    assert beyond.status_code == 400
    assert beyond["Content-Type"].startswith("application/problem+json")
    assert beyond.json()["invalidParams"][0]["name"] == "page"
