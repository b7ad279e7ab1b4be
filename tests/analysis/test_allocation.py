from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from woonafspraken.analysis.allocation import (
    ROUTES,
    Letting,
    _facts,
    allocation,
    facts_by_the_rules,
)


def test_route_shares_need_no_limits_and_reproduce_the_seed():
    lettings = [
        Letting(2017, "Woonpunt", "offer_model", 1, Decimal(20000), Decimal(500), 40, count=54),
        Letting(
            2017, "Servatius", "direct_placement", 1, Decimal(20000), Decimal(500), 40, count=11
        ),
        Letting(2017, "Servatius", "urgency", 1, Decimal(20000), Decimal(500), 40, count=5),
        Letting(2017, "Maasvallei", "other", 1, Decimal(20000), Decimal(500), 40, count=30),
    ]
    result = allocation(lettings)
    total = result.row(2017)
    assert (total.tally.lettings, total.offer_model, total.direct_placement) == (
        100,
        Decimal("54.0"),
        Decimal("11.0"),
    )
    assert total.passend is None and total.daeb is None and total.young_cheap is None
    assert "2017" in result.result().notes[0]
    assert result.row(2017, "Servatius").direct_placement == Decimal("68.8")


def test_passend_daeb_and_young_by_hand_2026():
    def letting(size, income, rent, age=30):
        return Letting(2026, "W", "offer_model", size, Decimal(income), Decimal(rent), age)

    lettings = [
        letting(1, 25000, "700", age=21),  # passend (≤ 713.02), DAEB to target group
        letting(1, 25000, "713.03"),  # not passend
        letting(3, 45000, "800"),  # above the passend limit: not applicable
        letting(2, 60000, "932.93"),  # DAEB home (on the max rent), above the DAEB limit
        letting(1, 20000, "498.19", age=20),  # young in a very cheap home
        letting(1, 20000, "498.20", age=22),  # on the kwaliteitskortingsgrens: not very cheap
        letting(1, 80000, "1000"),  # not a DAEB home
    ]
    row = allocation(lettings).row(2026)
    t = row.tally
    assert (t.passend_base, t.passend, row.passend) == (4, 3, Decimal("75.0"))
    assert (t.daeb_base, t.daeb, row.daeb) == (6, 5, Decimal("83.3"))
    assert (t.young, row.young_cheap) == (3, 1)


letting = st.builds(
    Letting,
    year=st.sampled_from([2017, 2024, 2026]),
    corporation=st.sampled_from(["A", "B"]),
    route=st.sampled_from(ROUTES),
    household_size=st.integers(1, 5),
    income=st.decimals(0, 90000, places=2),
    rent=st.decimals(0, 1500, places=2),
    age=st.integers(18, 99),
    count=st.integers(0, 10),
)


@settings(deadline=None)
@given(st.lists(letting, max_size=30))
def test_the_corporations_add_up_to_the_total(items):
    result = allocation(items)
    for total in (r for r in result.rows if r.corporation == ""):
        parts = [r for r in result.rows if r.year == total.year and r.corporation]
        assert sum(p.tally.lettings for p in parts) == total.tally.lettings
        assert sum(sum(p.tally.routes.values()) for p in parts) == total.tally.lettings
        assert sum(p.tally.daeb for p in parts) == total.tally.daeb


@settings(deadline=None)
@given(letting, st.booleans())
def test_the_fast_path_says_what_the_rules_say(item, pension_age):
    item = Letting(**{**item.__dict__, "pension_age": pension_age})
    assert _facts(item, {}) == facts_by_the_rules(item)
