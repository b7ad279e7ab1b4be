from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from woonafspraken.analysis import AnalysisError
from woonafspraken.analysis.care import CareYear, care_homes
from woonafspraken.analysis.new_build import SEGMENTS, Planned, new_build_affordability


def test_new_build_against_two_thirds_and_thirty_percent():
    planned = [
        Planned(2025, "social_rent", 30),
        Planned(2025, "middle_rent", 20),
        Planned(2025, "affordable_owner", 17),
        Planned(2025, "expensive_owner", 33),
        Planned(2026, "social_rent", 29),
        Planned(2026, "middle_rent", 20),
        Planned(2026, "affordable_owner", 17),
        Planned(2026, "expensive_owner", 34),
    ]
    y2025, y2026, total = new_build_affordability(planned).rows
    assert (y2025.affordable, y2025.affordable_met, y2025.social_met) == (67, True, True)
    assert (y2026.affordable, y2026.affordable_met, y2026.social_met) == (66, False, False)
    assert (total.period, total.total, total.affordable) == ("totaal", 200, 133)
    assert total.affordable_share == Decimal("66.5")
    assert total.affordable_met is False


def test_exactly_two_thirds_meets_the_norm():
    planned = [
        Planned(2025, "social_rent", 1),
        Planned(2025, "middle_rent", 1),
        Planned(2025, "expensive_rent", 1),
    ]
    row = new_build_affordability(planned).rows[0]
    assert (row.affordable_met, row.social_met, row.affordable_share) == (
        True,
        True,
        Decimal("66.7"),
    )


@settings(deadline=None)
@given(st.lists(st.tuples(st.sampled_from(SEGMENTS), st.integers(0, 500)), max_size=20))
def test_affordable_is_never_more_than_all_and_social_never_more_than_affordable(items):
    rows = new_build_affordability([Planned(2025, s, n) for s, n in items]).rows
    for row in rows:
        assert row.social <= row.affordable <= row.total


def test_care_homes_mismatch_by_hand():
    (row,) = care_homes([CareYear(2016, demand=800, supply=1000, matched=340)]).rows
    assert (row.surplus, row.mismatch, row.unmet) == (200, Decimal("66.0"), 460)


def test_care_homes_refuse_more_matched_than_supply():
    with pytest.raises(AnalysisError, match="niet meer"):
        care_homes([CareYear(2016, demand=800, supply=100, matched=101)])
