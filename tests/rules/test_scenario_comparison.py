"""Budgets side by side: rows are items, columns are scenarios."""

import json
from decimal import Decimal as D

import pytest

from woonafspraken.rules import (
    Household,
    InvalidInput,
    Scenario,
    UnknownParameter,
    compare,
)

AT_HOME = Scenario(
    label="Thuis",
    net_income_month=D("1600.00"),
    rent=D("600.00"),
    care_contributions=D("40.00"),
    household=Household(household_size=1, income=D("20000")),
)
CARE_HOME = Scenario(
    label="Verpleeghuis",
    net_income_month=D("1600.00"),
    rent=0,
    huurtoeslag=0,
    care_contributions=D("900.00"),
)


def test_each_scenario_gets_a_column_and_each_item_a_row():
    comparison = compare([AT_HOME, CARE_HOME])
    assert comparison.columns == ("Thuis", "Verpleeghuis")
    assert [row.label for row in comparison.rows] == [
        "Netto inkomen",
        "Kale huur",
        "Servicekosten",
        "Huurtoeslag",
        "Eigen bijdrage zorg",
        "Overige vaste lasten",
        "Vrij te besteden budget",
    ]
    # Thuis: huurtoeslag 2026 for 1 person, rent 600.00, income 20,000:
    #   A 295.68 + B 0.65 × 101.80 = 66.17 → 361.85 → 361
    #   budget 1,600.00 − 600.00 + 361 − 40.00 = 1,321.00
    # Verpleeghuis: 1,600.00 − 0 + 0 − 900.00 = 700.00
    assert comparison.row("huurtoeslag").amounts == (D("361"), D("0"))
    assert comparison.row("disposable").amounts == (D("1321.00"), D("700.00"))
    assert comparison.scenarios[0].huurtoeslag is not None
    assert comparison.scenarios[0].huurtoeslag.amount == 361
    assert comparison.scenarios[1].huurtoeslag is None


def test_the_table_is_in_dutch_notation():
    table = compare([AT_HOME, CARE_HOME]).table()
    assert table[0] == ("", "Thuis", "Verpleeghuis")
    assert table[-1] == ("Vrij te besteden budget", "€ 1.321,00", "€ 700,00")
    assert table[2] == ("Kale huur", "-€ 600,00", "€ 0,00")


def test_the_comparison_converts_to_json():
    data = compare([AT_HOME, CARE_HOME]).to_dict()
    json.dumps(data)
    assert data["rows"][-1]["amounts"] == ["1321.00", "700.00"]
    assert data["scenarios"][0]["huurtoeslag"]["amount"] == 361


def test_a_scenario_needs_exactly_one_of_a_huurtoeslag_and_a_household():
    both = Scenario("Beide", 1000, 500, huurtoeslag=100, household=Household(1, 15000))
    neither = Scenario("Geen", 1000, 500)
    for scenario in (both, neither):
        with pytest.raises(InvalidInput, match=f"Scenario '{scenario.label}': geef óf"):
            compare([scenario])


def test_scenarios_need_distinct_names_and_there_must_be_one():
    with pytest.raises(InvalidInput, match="minstens één scenario"):
        compare([])
    with pytest.raises(InvalidInput, match="meer dan één keer"):
        compare([CARE_HOME, CARE_HOME])
    with pytest.raises(InvalidInput, match="geen naam"):
        compare([Scenario(" ", 1000, 0, huurtoeslag=0)])


def test_bad_input_names_the_scenario():
    bad = Scenario("Krap", -5, 500, huurtoeslag=0)
    with pytest.raises(InvalidInput, match="Scenario 'Krap': Het netto inkomen mag niet negatief"):
        compare([bad])


def test_a_household_in_a_year_without_huurtoeslag_rules_is_refused():
    old = Scenario("2025", 1000, 500, household=Household(1, 15000, year=2025))
    with pytest.raises(UnknownParameter, match="alleen te berekenen voor 2026"):
        compare([old])
