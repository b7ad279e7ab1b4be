"""A programme goal for the planned new build, checked exactly on both sides of its bound."""

from decimal import Decimal

import pytest

from woonafspraken.analysis import AnalysisError
from woonafspraken.analysis.new_build import Planned, check_goal, new_build_affordability


def _plan(*items):
    return new_build_affordability(Planned(year, segment, n) for year, segment, n in items)


def test_two_of_three_reach_66_6_but_not_66_7_percent():
    plan = _plan((2025, "social_rent", 1), (2025, "middle_rent", 1), (2025, "expensive_owner", 1))
    assert check_goal(plan, "affordable", Decimal("66.6")).total.met is True
    assert check_goal(plan, "affordable", Decimal("66.7")).total.met is False
    social = check_goal(plan, "social", Decimal("30"))
    assert (social.total.planned, social.total.counted, social.total.share) == (
        3,
        1,
        Decimal("33.3"),
    )
    assert social.total.met is True
    assert check_goal(plan, "social", Decimal("33.4")).total.met is False


def test_per_year_and_a_year_without_plans():
    plan = _plan((2024, "social_rent", 3), (2024, "expensive_rent", 7), (2025, "social_rent", 0))
    periods = check_goal(plan, "social", Decimal(30)).periods
    assert [(p.period, p.met) for p in periods] == [
        ("2024", True),
        ("2025", None),
        ("totaal", True),
    ]
    assert check_goal(plan, "social", Decimal("30.1")).periods[0].met is False


@pytest.mark.parametrize("minimum", [Decimal("-0.1"), Decimal("100.1")])
def test_a_percentage_outside_0_to_100_is_refused(minimum):
    with pytest.raises(AnalysisError):
        check_goal(_plan((2025, "social_rent", 1)), "social", minimum)
