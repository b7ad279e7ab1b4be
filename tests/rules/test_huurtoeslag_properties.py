"""Properties of the huurtoeslag 2026 that hold for every household."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from woonafspraken.rules import huurtoeslag

MAX_RENT = Decimal("932.93")
YOUTH_CAP = Decimal("498.20")


def cents(low: int, high: int) -> st.SearchStrategy[Decimal]:
    return st.integers(low, high).map(lambda n: Decimal(n).scaleb(-2))


rents = cents(0, 150_000)  # up to 1,500.00 a month
incomes = cents(0, 8_000_000)  # up to 80,000 a year
assets = cents(0, 10_000_000)


@st.composite
def households(draw: st.DrawFn) -> dict[str, object]:
    size = draw(st.integers(1, 8))
    return {
        "household_size": size,
        "partner": draw(st.booleans()) if size > 1 else False,
        "all_occupants_18_to_20": draw(st.booleans()),
        "assets": draw(st.one_of(st.just(Decimal(0)), assets)),
        "children_income": draw(st.one_of(st.just(Decimal(0)), cents(0, 3_000_000))),
    }


def amount(household: dict[str, object], rent: Decimal, income: Decimal) -> int:
    return huurtoeslag(2026, rent=rent, income=income, **household).amount


@settings(max_examples=300, deadline=None)
@given(households(), rents, incomes)
def test_the_amount_is_never_negative_and_eligible_means_positive(household, rent, income):
    result = huurtoeslag(2026, rent=rent, income=income, **household)
    assert result.amount >= 0
    assert result.eligible == (result.amount > 0)


@settings(max_examples=300, deadline=None)
@given(households(), rents, incomes, incomes)
def test_the_amount_never_rises_with_income(household, rent, income_1, income_2):
    low, high = sorted((income_1, income_2))
    assert amount(household, rent, low) >= amount(household, rent, high)


@settings(max_examples=300, deadline=None)
@given(households(), cents(0, 93_293), cents(0, 93_293), incomes)
def test_the_amount_never_falls_with_rent_up_to_the_maximum_rent(household, r1, r2, income):
    low, high = sorted((r1, r2))
    assert amount(household, low, income) <= amount(household, high, income)


@settings(max_examples=300, deadline=None)
@given(households(), cents(93_293, 500_000), incomes)
def test_the_amount_is_flat_above_the_maximum_rent(household, rent, income):
    assert amount(household, rent, income) == amount(household, MAX_RENT, income)


@settings(max_examples=200, deadline=None)
@given(households(), cents(49_820, 500_000), incomes)
def test_with_the_youth_cap_the_amount_is_flat_above_it(household, rent, income):
    household = {**household, "all_occupants_18_to_20": True}
    assert amount(household, rent, income) == amount(household, YOUTH_CAP, income)


@settings(max_examples=200, deadline=None)
@given(households(), rents, incomes)
def test_the_amount_is_the_floor_of_the_parts_minus_the_phase_out(household, rent, income):
    result = huurtoeslag(2026, rent=rent, income=income, **household)
    total = result.part_a + result.part_b + result.part_c
    assert result.amount_before_phase_out == total
    # the amount never exceeds the parts, and is parts − phase-out rounded down; the shown
    # phase-out is rounded to cents, hence the half-cent margins
    assert result.amount <= total
    if result.eligible:
        assert Decimal("-0.005") <= total - result.phase_out - result.amount < Decimal("1.005")
