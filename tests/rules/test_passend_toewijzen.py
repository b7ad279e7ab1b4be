"""Passend toewijzen just below, exactly on and just above its limits, where figures exist."""

import pytest

from woonafspraken.rules import UnknownParameter, passend_toewijzen

from .rules_md import CENT, fitting_aftoppingsgrens, passend_limit

KINDS = [(1, False), (2, False), (4, False), (1, True), (2, True), (3, True)]


def known_kinds():
    for year in (2024, 2025, 2026):
        for size, pension in KINDS:
            if passend_limit(year, size, pension) is not None:
                yield year, size, pension


def income_cases():
    for year, size, pension in known_kinds():
        limit = passend_limit(year, size, pension)
        yield year, size, pension, limit - CENT, True
        yield year, size, pension, limit, True  # on the income limit: the rule applies
        yield year, size, pension, limit + CENT, False


@pytest.mark.parametrize(("year", "size", "pension", "income", "applies"), list(income_cases()))
def test_the_rule_applies_up_to_and_including_the_income_limit(
    year, size, pension, income, applies
):
    result = passend_toewijzen(year, size, income, 300, pension_age=pension)
    assert result.applicable is applies
    assert result.income_limit == passend_limit(year, size, pension)
    if applies:
        assert result.outcome == "fits"
    else:
        assert result.outcome == "not_applicable"
        assert result.passend is None
        assert result.label == "niet van toepassing"
        assert result.reason.startswith("Niet van toepassing")


def rent_cases():
    for year, size, pension in known_kinds():
        aftopping = fitting_aftoppingsgrens(year, size)
        yield year, size, pension, aftopping - CENT, "fits"
        yield year, size, pension, aftopping, "fits"  # on the aftoppingsgrens: passend
        yield year, size, pension, aftopping + CENT, "does_not_fit"


@pytest.mark.parametrize(("year", "size", "pension", "rent", "outcome"), list(rent_cases()))
def test_the_rent_must_not_exceed_the_aftoppingsgrens_of_the_household_size(
    year, size, pension, rent, outcome
):
    income = passend_limit(year, size, pension)
    result = passend_toewijzen(year, size, income, rent, pension_age=pension)
    assert result.outcome == outcome
    assert result.passend is (outcome == "fits")
    assert result.aftoppingsgrens == fitting_aftoppingsgrens(year, size)


def test_the_reason_says_why_in_dutch():
    # 2026, 3 persons, income 30,000 (≤ 39,925), rent 780.00 (> high aftoppingsgrens 764.14)
    result = passend_toewijzen(2026, 3, 30000, "780.00")
    assert result.label == "niet passend"
    assert result.reason == (
        "Niet passend: het inkomen valt onder de inkomensgrens (€ 39.925,00), maar de huur "
        "€ 780,00 is hoger dan de aftoppingsgrens € 764,14 voor 3 of meer personen."
    )


def test_2023_is_refused_because_its_income_limits_are_unknown():
    with pytest.raises(UnknownParameter) as caught:
        passend_toewijzen(2023, 1, 20000, 500)
    assert "inkomensgrens passend toewijzen" in str(caught.value)
    assert "2023" in str(caught.value)


def test_2024_multi_person_at_pension_age_is_refused_but_single_is_known():
    with pytest.raises(UnknownParameter, match="meerpersoonshuishouden op AOW-leeftijd"):
        passend_toewijzen(2024, 2, 20000, 500, pension_age=True)
    # single at pension age 2024: limit 27,225
    assert passend_toewijzen(2024, 1, 27225, 500, pension_age=True).applicable is True
