from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from woonafspraken.analysis.classes import INCOME_GROUPS, RENT_BANDS, income_group, rent_band
from woonafspraken.analysis.scheefwonen import HouseholdGroup, classify, scheefwonen
from woonafspraken.rules import UnknownParameter, parameters
from woonafspraken.rules import scheefwonen as rules_scheefwonen

CENT = Decimal("0.01")


def group(income, rent, size=1, count=1, tenure="social_rent", year=2024):
    return HouseholdGroup(year, count, income, tenure, rent, size)


def test_it_counts_cheap_and_expensive_by_hand():
    result = scheefwonen(
        [
            group("above_daeb", "cheap", count=10),
            group("above_daeb", "above_limit", count=5),
            group("huurtoeslag", "affordable_high", size=2, count=7),
            group("huurtoeslag", "affordable_high", size=3, count=4),
            group("huurtoeslag", "expensive", size=3, count=3),
            group("daeb", "expensive", count=6),
            group("above_daeb", None, count=100, tenure="owner"),
        ]
    )
    (row,) = result.rows
    assert (row.renters, row.cheap, row.expensive, row.none) == (35, 10, 10, 15)
    assert row.cheap_share == Decimal("28.6")
    assert result.result().table.rows[0][:4] == (2024, 35, 10, Decimal("28.6"))


groups = st.builds(
    HouseholdGroup,
    year=st.integers(2016, 2030),
    count=st.integers(0, 1000),
    income_group=st.sampled_from(INCOME_GROUPS),
    tenure=st.sampled_from(["social_rent", "private_rent", "owner"]),
    rent_class=st.one_of(st.none(), st.sampled_from(RENT_BANDS)),
    size_class=st.integers(1, 3),
)


@settings(deadline=None)
@given(st.lists(groups, max_size=40))
def test_the_categories_add_up_to_the_renters(items):
    result = scheefwonen(items)
    for row in result.rows:
        renters = sum(
            g.count
            for g in items
            if g.year == row.year and g.tenure != "owner" and g.rent_class is not None
        )
        assert row.cheap + row.expensive + row.none == row.renters == renters


@settings(deadline=None)
@given(
    year=st.sampled_from([2024, 2025, 2026]),
    size=st.integers(1, 5),
    pension=st.booleans(),
    income=st.decimals(0, 90000, places=2),
    rent=st.decimals(0, 1500, places=2),
)
def test_classes_agree_with_the_rule_per_household(year, size, pension, income, rent):
    try:
        expected = rules_scheefwonen(year, size, income, rent, pension).code
    except UnknownParameter:
        assume(False)
    assume(rent != parameters(year).huurtoeslag_max_rent)
    g = HouseholdGroup(
        year,
        1,
        income_group(year, income, size, pension),
        "social_rent",
        rent_band(year, rent),
        min(size, 3),
    )
    assert classify(g) == expected


def _both_sides(year, size, income, rent):
    g = HouseholdGroup(
        year,
        1,
        income_group(year, income, size, False),
        "social_rent",
        rent_band(year, rent),
        min(size, 3),
    )
    return classify(g), rules_scheefwonen(year, size, income, rent).code


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_both_sides_of_every_limit(year):
    p = parameters(year)
    # DAEB income limit: on it is inside the target group (no goedkope scheefheid).
    assert _both_sides(year, 1, p.daeb_income_limit_single, Decimal(500)) == ("none", "none")
    over = p.daeb_income_limit_single + CENT
    assert _both_sides(year, 1, over, Decimal(500)) == ("cheap", "cheap")
    over_multi = p.daeb_income_limit_multi + CENT
    assert _both_sides(year, 2, p.daeb_income_limit_multi, Decimal(500)) == ("none", "none")
    assert _both_sides(year, 2, over_multi, Decimal(500)) == ("cheap", "cheap")
    # Maximum rent: just below is cheap; above is not. On it the classes say cheap, the
    # household rule none (documented in the module).
    assert _both_sides(year, 1, over, p.huurtoeslag_max_rent - CENT) == ("cheap", "cheap")
    assert _both_sides(year, 1, over, p.huurtoeslag_max_rent + CENT) == ("none", "none")
    assert _both_sides(year, 1, over, p.huurtoeslag_max_rent) == ("cheap", "none")
    # Low aftoppingsgrens for 1–2 persons: on it is not dure scheefheid, a cent above is.
    low = p.passend_income_limit_single
    assert _both_sides(year, 1, low, p.aftoppingsgrens_low) == ("none", "none")
    assert _both_sides(year, 1, low, p.aftoppingsgrens_low + CENT) == ("expensive", "expensive")
    # ... but for 3+ persons the high aftoppingsgrens counts.
    multi = p.passend_income_limit_multi
    assert _both_sides(year, 3, multi, p.aftoppingsgrens_low + CENT) == ("none", "none")
    assert _both_sides(year, 3, multi, p.aftoppingsgrens_high) == ("none", "none")
    assert _both_sides(year, 3, multi, p.aftoppingsgrens_high + CENT) == ("expensive", "expensive")
    # Huurtoeslag (passend) income limit: on it counts, a cent above does not.
    high_rent = p.aftoppingsgrens_high + CENT
    assert _both_sides(year, 1, low + CENT, high_rent) == ("none", "none")


@pytest.mark.parametrize("year", [2023, 2024, 2025, 2026])
def test_rent_bands_on_each_limit(year):
    p = parameters(year)
    assert rent_band(year, p.kwaliteitskortingsgrens - CENT) == "cheap"
    assert rent_band(year, p.kwaliteitskortingsgrens) == "affordable_low"
    assert rent_band(year, p.aftoppingsgrens_low) == "affordable_low"
    assert rent_band(year, p.aftoppingsgrens_low + CENT) == "affordable_high"
    assert rent_band(year, p.aftoppingsgrens_high) == "affordable_high"
    assert rent_band(year, p.aftoppingsgrens_high + CENT) == "expensive"
    assert rent_band(year, p.huurtoeslag_max_rent) == "expensive"
    assert rent_band(year, p.huurtoeslag_max_rent + CENT) == "above_limit"
