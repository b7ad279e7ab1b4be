"""The monthly disposable budget, itemised."""

import json
from decimal import Decimal as D

import pytest

from woonafspraken.rules import InvalidInput, disposable_budget


def test_the_budget_is_income_minus_housing_costs_plus_huurtoeslag_minus_other_costs():
    # 1,500.00 − 550.00 rent − 30.00 service costs + 300 huurtoeslag − 50.00 care
    # − 200.00 other = 970.00; housing costs 550.00 + 30.00 = 580.00
    result = disposable_budget(
        net_income_month=D("1500.00"),
        rent=D("550.00"),
        huurtoeslag=300,
        care_contributions=D("50.00"),
        other_fixed_costs=D("200.00"),
        service_costs=D("30.00"),
    )
    assert result.disposable == D("970.00")
    assert result.housing_costs == D("580.00")
    assert [(line.label, line.amount) for line in result.lines] == [
        ("Netto inkomen", D("1500.00")),
        ("Kale huur", D("-550.00")),
        ("Servicekosten", D("-30.00")),
        ("Huurtoeslag", D("300.00")),
        ("Eigen bijdrage zorg", D("-50.00")),
        ("Overige vaste lasten", D("-200.00")),
    ]
    assert sum(line.amount for line in result.lines) == result.disposable


def test_the_budget_can_be_negative():
    # 500.00 − 700.00 = −200.00
    result = disposable_budget(D("500.00"), D("700.00"), 0, 0, 0)
    assert result.disposable == D("-200.00")
    assert result.explanation[-1] == "Vrij te besteden budget: -€ 200,00 per maand."


def test_a_cost_of_zero_is_a_plain_zero_in_json():
    data = disposable_budget(1000, 0, 0, 0, 0).to_dict()
    json.dumps(data)
    assert [line["amount"] for line in data["lines"]] == [
        "1000.00",
        "0.00",
        "0.00",
        "0.00",
        "0.00",
        "0.00",
    ]


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("care_contributions", -1, "De eigen bijdrage zorg mag niet negatief zijn"),
        ("net_income_month", "veel", "Het netto inkomen is geen geldig bedrag"),
        ("service_costs", D("1.001"), "twee decimalen"),
    ],
)
def test_bad_amounts_are_refused_in_dutch(field, value, fragment):
    arguments = {
        "net_income_month": 1000,
        "rent": 500,
        "huurtoeslag": 0,
        "care_contributions": 0,
        "other_fixed_costs": 0,
        field: value,
    }
    with pytest.raises(InvalidInput, match=fragment):
        disposable_budget(**arguments)
