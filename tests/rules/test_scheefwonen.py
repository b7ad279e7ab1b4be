"""Scheefwonen (CBS) just below, exactly on and just above its limits, where figures exist."""

import importlib
from decimal import Decimal

import pytest

from woonafspraken.rules import RulesError, UnknownParameter, scheefwonen
from woonafspraken.rules.params import parse_parameters

from .rules_md import CENT, LIMITS, fitting_aftoppingsgrens, passend_limit


def daeb_limit(year, size):
    return LIMITS[year]["daeb_income_limit_single" if size == 1 else "daeb_income_limit_multi"]


def cheap_cases():
    # cheap: income above the DAEB limit AND rent strictly below the maximum rent
    for year in (2024, 2025, 2026):
        top = LIMITS[year]["huurtoeslag_max_rent"]
        for size in (1, 2, 3):
            limit = daeb_limit(year, size)
            yield year, size, limit + CENT, top - CENT, "cheap"
            yield year, size, limit, top - CENT, "none"  # income on the limit: not above
            yield year, size, limit - CENT, top - CENT, "none"
            yield year, size, limit + CENT, top, "none"  # rent on the maximum: not below
            yield year, size, limit + CENT, top + CENT, "none"


def expensive_cases():
    # expensive: income up to the huurtoeslag (passend) limit AND rent above the aftoppingsgrens
    for year in (2024, 2025, 2026):
        for size in (1, 2, 3):
            limit = passend_limit(year, size, False)
            aftopping = fitting_aftoppingsgrens(year, size)
            yield year, size, limit, aftopping + CENT, "expensive"  # income on the limit
            yield year, size, limit - CENT, aftopping + CENT, "expensive"
            yield year, size, limit + CENT, aftopping + CENT, "none"
            yield year, size, limit, aftopping, "none"  # rent on the aftoppingsgrens
            yield year, size, limit, aftopping - CENT, "none"


@pytest.mark.parametrize(
    ("year", "size", "income", "rent", "code"), list(cheap_cases()) + list(expensive_cases())
)
def test_a_household_is_classified_by_its_side_of_each_limit(year, size, income, rent, code):
    assert scheefwonen(year, size, income, rent).code == code


def test_pension_age_uses_the_pension_age_income_limit():
    # 2026 single at pension age: limit 28,775 (29,400 below pension age)
    # income 29,000 in a rent of 720.00 (> 713.02):
    assert scheefwonen(2026, 1, 29000, 720, pension_age=True).code == "none"
    assert scheefwonen(2026, 1, 29000, 720, pension_age=False).code == "expensive"
    assert scheefwonen(2026, 1, 28775, 720, pension_age=True).code == "expensive"


def test_the_result_explains_itself_in_dutch():
    result = scheefwonen(2026, 1, 60000, 500)
    assert result.label == "goedkope scheefheid"
    assert result.reason.startswith("Goedkope scheefheid: het inkomen € 60.000,00")
    assert result.daeb_income_limit == Decimal("51537")
    assert result.to_dict()["code"] == "cheap"
    assert scheefwonen(2026, 2, 20000, 800).label == "dure scheefheid"
    assert scheefwonen(2026, 2, 45000, 800).label == "geen scheefheid"


def test_2023_is_refused_because_the_huurtoeslag_income_limit_is_unknown():
    with pytest.raises(UnknownParameter, match="passend toewijzen"):
        scheefwonen(2023, 1, 60000, 500)


def test_2024_multi_person_at_pension_age_is_refused():
    with pytest.raises(UnknownParameter, match="AOW-leeftijd"):
        scheefwonen(2024, 2, 20000, 800, pension_age=True)


def test_figures_that_would_make_both_classes_possible_are_refused(monkeypatch):
    source = 'tag = "SECTOR"\ntag_basis = "t"\nsource = "t"\n'
    text = "year = 2026\n" + "".join(
        f"[{name}]\nvalue = {value}\n{source}"
        for name, value in {
            "daeb_income_limit_single": 20000,  # below the passend limit: inconsistent
            "daeb_income_limit_multi": 20000,
            "passend_income_limit_single": 30000,
            "passend_income_limit_multi": 30000,
            "huurtoeslag_max_rent": 900,
            "aftoppingsgrens_low": 700,
            "aftoppingsgrens_high": 750,
        }.items()
    )
    broken = parse_parameters(text, 2026)
    # the package exports the function under the module's name, so fetch the module itself
    module = importlib.import_module("woonafspraken.rules.scheefwonen")
    monkeypatch.setattr(module, "parameters", lambda year: broken)
    with pytest.raises(RulesError, match="tegelijk"):
        scheefwonen(2026, 1, 25000, 800)
