"""Bad input and unknown years get a Dutch reason and no answer."""

from decimal import Decimal

import pytest

from woonafspraken.rules import InvalidInput, RulesError, UnknownParameter, UnknownYear, huurtoeslag


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_years_before_the_2026_reform_are_refused_with_the_reason(year):
    with pytest.raises(UnknownParameter) as caught:
        huurtoeslag(year, 1, 600, 20000)
    message = str(caught.value)
    assert str(year) in message
    assert "alleen te berekenen voor 2026" in message
    assert "basishuur" in message


def test_a_year_without_any_figures_is_refused():
    with pytest.raises(UnknownYear):
        huurtoeslag(2027, 1, 600, 20000)


@pytest.mark.parametrize(
    ("kwargs", "field", "fragment"),
    [
        ({"household_size": 0}, "household_size", "minstens 1 persoon"),
        ({"household_size": -2}, "household_size", "minstens 1 persoon"),
        ({"household_size": 2.5}, "household_size", "heel aantal"),
        ({"household_size": True}, "household_size", "heel aantal"),
        ({"household_size": 100}, "household_size", "onrealistisch groot"),
        ({"rent": -1}, "rent", "De huur mag niet negatief zijn"),
        ({"rent": "550,25"}, "rent", "geen geldig bedrag"),
        ({"rent": "abc"}, "rent", "geen geldig bedrag"),
        ({"rent": Decimal("550.255")}, "rent", "twee decimalen"),
        ({"rent": float("nan")}, "rent", "gewoon getal"),
        ({"rent": None}, "rent", "moet een bedrag zijn"),
        ({"rent": True}, "rent", "geen ja/nee"),
        ({"rent": Decimal("1e12")}, "rent", "onrealistisch groot"),
        ({"income": -0.01}, "income", "Het inkomen mag niet negatief zijn"),
        ({"assets": -5}, "assets", "Het vermogen mag niet negatief zijn"),
        ({"children_income": -1}, "children_income", "niet negatief"),
        ({"partner": "nee"}, "partner", "ja of nee"),
        ({"household_size": 1, "partner": True}, "partner", "minstens 2 personen"),
    ],
)
def test_bad_input_is_refused_naming_the_field_in_dutch(kwargs, field, fragment):
    arguments = {"year": 2026, "household_size": 2, "rent": 600, "income": 20000, **kwargs}
    with pytest.raises(InvalidInput) as caught:
        huurtoeslag(**arguments)
    assert caught.value.field == field
    assert fragment in str(caught.value)
    assert isinstance(caught.value, RulesError)


def test_amounts_may_be_given_as_text_int_or_float_meaning_the_same():
    # 1 person, rent 600.00, income 20,000 → 361 (worked example)
    as_text = huurtoeslag(2026, 1, "600.00", "20000")
    as_number = huurtoeslag(2026, 1, 600, 20000)
    as_float = huurtoeslag(2026, 1, 600.0, 20000.0)
    assert as_text.amount == as_number.amount == as_float.amount == 361
