"""API v1: huurtoeslag, rent-class, rule-parameters (lowerCamelCase query keys)."""

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

BASE = "/api/v1/huurtoeslag?year=2026&householdSize=1&rent=600&income=20000"


def get(url: str) -> Any:
    return Client().get(url)


def test_worked_example_one_person_rent_600_income_20000() -> None:
    # 1 person, 2026: rekenhuur 600.00 (below the maximum rent 932.93); basishuur 202.52.
    # A = 100% × (min(600, 498.20) − 202.52) = 498.20 − 202.52 = 295.68
    # B = 65% × (min(600, 713.02) − 498.20) = 0.65 × 101.80 = 66.17
    # C = 40% × max(0, min(600, 932.93) − 713.02) = 0
    # income 20,000 ≤ ijkpunt 23,425 → no phase-out; 295.68 + 66.17 = 361.85 → floor → 361
    response = get(BASE)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["amount"] == 361
    assert data["eligible"] is True
    assert data["reason"] == "Recht op huurtoeslag: € 361 per maand."
    assert data["parts"] == {"a": "295.68", "b": "66.17", "c": "0.00"}
    assert data["phaseOut"] == "0.00"
    assert data["parameters"]["year"] == 2026
    sources = data["parameters"]["sources"]
    assert sources["huurtoeslag_basishuur_single"]["value"] == "202.52"
    assert sources["huurtoeslag_basishuur_single"]["source"]


def test_worked_example_two_persons_partner_with_phase_out() -> None:
    # 2 persons with partner, rent 800, income 40,000, 2026: rekenhuur 800; basishuur 200.71.
    # A = 498.20 − 200.71 = 297.49
    # B = 0.65 × (713.02 − 498.20) = 0.65 × 214.82 = 139.633
    # C = 0.40 × (800 − 713.02) = 0.40 × 86.98 = 34.792
    # A + B + C = 471.915
    # phase-out: (40,000 − 31,500) × 22% = 1,870 a year = 155.8333… a month
    # 471.915 − 155.8333… = 316.08… → 316
    data = get(
        "/api/v1/huurtoeslag?year=2026&householdSize=2&rent=800&income=40000"
        "&partner=true&assets=50000&allOccupants18To20=false&childrenIncome=0"
    ).json()
    assert data["amount"] == 316
    assert data["parts"] == {"a": "297.49", "b": "139.633", "c": "34.792"}
    assert data["phaseOut"] == "155.83"


def test_assets_above_limit_gives_nothing() -> None:
    # 1 person: asset limit 38,479; 38,479.01 is one cent above it → no huurtoeslag.
    data = get(BASE + "&assets=38479.01").json()
    assert data["amount"] == 0
    assert data["eligible"] is False
    assert "vermogensgrens" in data["reason"]


@pytest.mark.parametrize(
    ("query", "name", "expected"),
    [
        ("year=2026&householdSize=1&income=20000", "rent", "Dit veld is vereist"),
        ("year=2026&householdSize=1&rent=600", "income", "Dit veld is vereist"),
        ("householdSize=1&rent=600&income=20000", "year", "Dit veld is vereist"),
        ("year=2026&rent=600&income=20000", "householdSize", "Dit veld is vereist"),
        ("year=2026&householdSize=1&rent=-1&income=20000", "rent", "groter is dan of gelijk"),
        ("year=2026&householdSize=1&rent=600&income=-5", "income", "groter is dan of gelijk"),
        ("year=2026&householdSize=1&rent=600&income=20000&assets=-1", "assets", "groter"),
        ("year=2026&householdSize=1&rent=zeshonderd&income=20000", "rent", "geldig nummer"),
        ("year=2026&householdSize=1&rent=600.001&income=20000", "rent", "achter de komma"),
        ("year=twee&householdSize=1&rent=600&income=20000", "year", "geldig getal"),
        ("year=2026&householdSize=een&rent=600&income=20000", "householdSize", "geldig getal"),
        ("year=2026&householdSize=0&rent=600&income=20000", "householdSize", "groter"),
        ("year=1999&householdSize=1&rent=600&income=20000", "year", "groter"),
        (
            "year=2025&householdSize=1&rent=600&income=20000",
            "year",
            "alleen te berekenen voor 2026",
        ),
        ("year=2026&householdSize=2&rent=600&income=1&partner=ja", "partner", "true of false"),
        (
            "year=2026&householdSize=1&rent=6&income=1&allOccupants18To20=1",
            "allOccupants18To20",
            "true",
        ),
        ("year=2026&householdSize=1&rent=600&income=20000&partner=true", "partner", "minstens 2"),
        (
            "year=2026&household_size=1&householdSize=1&rent=600&income=2",
            "household_size",
            "Onbekend",
        ),
    ],
)
def test_bad_input_is_a_dutch_problem_naming_the_parameter(
    query: str, name: str, expected: str
) -> None:
    response = get(f"/api/v1/huurtoeslag?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400
    assert body["title"] == "Ongeldige invoer"
    assert expected in body["detail"]
    assert name in [p["name"] for p in body["invalidParams"]]


def test_snake_case_query_keys_are_refused() -> None:
    response = get("/api/v1/huurtoeslag?year=2026&household_size=1&rent=600&income=20000")
    assert response.status_code == 400
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert names == {"household_size"}


def test_rent_class() -> None:
    # 2026: kwaliteitskortingsgrens 498.20 ≤ 600 ≤ aftoppingsgrens (hoog) 764.14 → betaalbaar
    data = get("/api/v1/rent-class?year=2026&rent=600").json()
    assert data["rentClass"] == "affordable"
    assert data["label"] == "betaalbaar"
    assert data["aftoppingsgrensHigh"] == "764.14"
    assert get("/api/v1/rent-class?year=2026&rent=498.19").json()["rentClass"] == "cheap"
    assert get("/api/v1/rent-class?year=2026&rent=932.94").json()["rentClass"] == "above_limit"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year=2026", "‘rent’"),
        ("rent=600", "‘year’"),
        ("year=2026&rent=-1", "groter is dan of gelijk is aan 0"),
        ("year=2026&rent=veel", "geldig nummer"),
        ("year=1990&rent=600", "groter is dan of gelijk is aan 2023"),
    ],
)
def test_rent_class_bad_input(query: str, expected: str) -> None:
    response = get(f"/api/v1/rent-class?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert expected in response.json()["detail"]


def test_rule_parameters() -> None:
    data = get("/api/v1/rule-parameters?year=2026").json()
    assert data["year"] == 2026
    assert data["figures"]["kwaliteitskortingsgrens"]["value"] == "498.20"
    assert all(figure["source"] for figure in data["figures"].values())
    assert all("tagBasis" in figure for figure in data["figures"].values())
    assert "missing" in data


@pytest.mark.parametrize(
    ("query", "expected"),
    [("", "‘year’"), ("year=abc", "geldig getal"), ("year=1990", "2023")],
)
def test_rule_parameters_bad_input(query: str, expected: str) -> None:
    response = get(f"/api/v1/rule-parameters?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert expected in response.json()["detail"]


def test_an_english_client_gets_english_problems() -> None:
    response = Client().get(
        "/api/v1/rent-class?year=2026&rent=veel", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9"
    )
    body = response.json()
    assert response["Content-Language"] == "en"
    assert body["title"] == "Invalid input"
    assert "A valid number is required" in body["detail"]


def test_paths_in_openapi_document() -> None:
    document = get("/api/v1/openapi.json").json()
    for path in ("/huurtoeslag", "/rent-class", "/rule-parameters"):
        assert "get" in document["paths"][path]
    assert "Huurtoeslag" in document["components"]["schemas"]
    parameters = {p["name"]: p for p in document["paths"]["/huurtoeslag"]["get"]["parameters"]}
    assert {"year", "householdSize", "rent", "income", "allOccupants18To20"} <= set(parameters)
    assert parameters["year"]["schema"]["minimum"] == 2023
    assert parameters["householdSize"]["schema"]["minimum"] == 1
