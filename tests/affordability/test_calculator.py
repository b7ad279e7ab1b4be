"""The calculator page /rekenhulp/."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

WORKED = {"year": "2026", "household_size": "1", "rent": "600", "income": "20000"}


def page(**query: str) -> str:
    response = Client().get(reverse("calculator"), query)
    assert response.status_code == 200
    return response.content.decode()


def test_empty_form_shows_the_comparison() -> None:
    html = page()
    assert '<label class="utrecht-form-label" for="id_rent">' in html
    assert "Situatie 1" in html and "Situatie 5" in html
    assert "verloren gegaan" in html  # the seed's note: the headings were lost
    assert "Aanname" in html and "Cijfer met bron" in html
    assert "Alleenstaande, AOW + pensioen" in html
    assert "Uitkomst" not in html


def test_result_with_explanation_per_part() -> None:
    # 1 person, rent 600, income 20,000 → A 295.68 + B 66.17 + C 0 = 361.85 → € 361
    html = page(**WORKED)
    assert "Huurtoeslag: € 361 per maand" in html
    assert "Deel A: 100%" in html and "€ 295,68" in html
    assert "Deel B: 65%" in html and "€ 66,17" in html
    assert "betaalbaar" in html
    assert "Hoort bij de doelgroep" in html
    assert "Passend:" in html


def test_decimal_comma_is_accepted() -> None:
    assert "Huurtoeslag: € 361 per maand" in page(**{**WORKED, "rent": "600,00"})


def test_bad_input_shows_dutch_error_next_to_the_field() -> None:
    html = page(**{**WORKED, "rent": "-5"})
    assert 'id="error-rent"' in html
    assert "De huur mag niet negatief zijn" in html
    assert 'aria-invalid="true"' in html
    assert "Uitkomst" not in html
    assert 'value="20000"' in html  # the other input stays as entered
    assert "Situatie 1" in html


def test_household_size_zero_and_missing_income() -> None:
    assert "minstens 1 persoon" in page(**{**WORKED, "household_size": "0"})
    assert "Vul het inkomen in" in page(**{**WORKED, "income": ""})


def test_year_without_huurtoeslag_rules() -> None:
    html = page(**{**WORKED, "year": "2025"})
    assert 'id="error-year"' in html
    assert "alleen te berekenen voor 2026" in html
