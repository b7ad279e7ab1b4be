from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from woonafspraken.analysis.housing_costs import CostGroup, housing_costs


def test_net_cost_uses_the_rules_huurtoeslag_in_2026():
    # A = 498.20 − 202.52 = 295.68; B = 65 % × (600 − 498.20) = 66.17; income under the
    # ijkpunt: 361.85 → 361 a month. Net = 600 − 361 + 100 energy = 339.
    result = housing_costs(
        [
            CostGroup(
                2026, "alleenstaand", 2, 1, Decimal(20000), Decimal(600), energy_cost=Decimal(100)
            )
        ]
    )
    (row,) = result.rows
    assert (row.huurtoeslag, row.net_cost) == (Decimal("361.00"), Decimal("339.00"))
    # 12 × 339 / 20 000 = 20.34 %
    assert row.income_share == Decimal("20.3")
    assert row.households == 2


def test_a_given_huurtoeslag_and_the_energy_cost_by_label_are_used():
    result = housing_costs(
        [
            CostGroup(2017, "paar", 1, 2, Decimal(18000), Decimal(500), Decimal(150), label="C"),
            CostGroup(2017, "paar", 3, 2, Decimal(18000), Decimal(500)),
        ],
        {"C": Decimal(120)},
    )
    (row,) = result.rows
    # 500 − 150 + 120 = 470; 12 × 470 / 18 000 = 31.33 %
    assert (row.net_cost, row.income_share, row.households) == (
        Decimal("470.00"),
        Decimal("31.3"),
        1,
    )
    assert result.unknown == 3
    assert "3 huishoudens" in result.result().notes[0]


def test_the_income_gap_is_the_richest_fifth_against_the_poorest():
    groups = [
        CostGroup(2020, "x", 1, 1, Decimal(10000), Decimal(500), Decimal(0)),
        CostGroup(2020, "x", 9, 1, Decimal(20000), Decimal(500), Decimal(0)),
    ]
    (gap,) = housing_costs(groups).gap
    # a fifth is 2 households: poorest 10 000 and 20 000 → 15 000; richest 20 000
    assert (gap.poorest_fifth, gap.richest_fifth, gap.ratio) == (
        Decimal("15000.00"),
        Decimal("20000.00"),
        Decimal("1.33"),
    )


@settings(deadline=None)
@given(st.lists(st.tuples(st.integers(1, 100000), st.integers(1, 50)), min_size=1, max_size=20))
def test_the_richest_fifth_never_earns_less_than_the_poorest(items):
    groups = [
        CostGroup(2020, "x", n, 1, Decimal(income), Decimal(500), Decimal(0)) for income, n in items
    ]
    (gap,) = housing_costs(groups).gap
    assert gap.richest_fifth >= gap.poorest_fifth
    assert min(i for i, _ in items) <= gap.poorest_fifth <= max(i for i, _ in items)
