"""Disposable budget (vrij te besteden budget) of a household, per month, itemised.

disposable = net income − (kale huur + service costs) + huurtoeslag − care contributions
− other fixed costs. Every item is a line with a Dutch label and a signed amount (income
positive, costs negative); the lines add up exactly to ``disposable``, which may be
negative.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from woonafspraken.rules._common import ZERO, Money, ToDict, euro, to_money

#: Line codes in the order they are shown, with their Dutch labels.
BUDGET_LINES: tuple[tuple[str, str], ...] = (
    ("net_income", "Netto inkomen"),
    ("rent", "Kale huur"),
    ("service_costs", "Servicekosten"),
    ("huurtoeslag", "Huurtoeslag"),
    ("care_contributions", "Eigen bijdrage zorg"),
    ("other_fixed_costs", "Overige vaste lasten"),
)
TOTAL_LABEL = "Vrij te besteden budget"


@dataclass(frozen=True)
class BudgetLine(ToDict):
    code: str
    label: str
    #: Signed monthly amount: positive adds to the budget, negative is a cost.
    amount: Decimal


@dataclass(frozen=True)
class BudgetResult(ToDict):
    """A monthly budget, itemised; ``disposable`` is the sum of the lines."""

    lines: tuple[BudgetLine, ...]
    housing_costs: Decimal
    disposable: Decimal
    explanation: tuple[str, ...]

    def line(self, code: str) -> BudgetLine:
        for item in self.lines:
            if item.code == code:
                return item
        raise KeyError(code)


def disposable_budget(
    net_income_month: Money,
    rent: Money,
    huurtoeslag: Money,
    care_contributions: Money,
    other_fixed_costs: Money,
    service_costs: Money = 0,
) -> BudgetResult:
    """The monthly disposable budget; all inputs are monthly amounts, not negative."""
    values = {
        "net_income": to_money("net_income_month", "het netto inkomen", net_income_month),
        "rent": to_money("rent", "de huur", rent),
        "service_costs": to_money("service_costs", "de servicekosten", service_costs),
        "huurtoeslag": to_money("huurtoeslag", "de huurtoeslag", huurtoeslag),
        "care_contributions": to_money(
            "care_contributions", "de eigen bijdrage zorg", care_contributions
        ),
        "other_fixed_costs": to_money(
            "other_fixed_costs", "de overige vaste lasten", other_fixed_costs
        ),
    }
    incoming = {"net_income", "huurtoeslag"}
    lines = tuple(
        BudgetLine(code, label, values[code] if code in incoming else ZERO - values[code])
        for code, label in BUDGET_LINES
    )
    disposable = sum((line.amount for line in lines), ZERO)
    housing_costs = values["rent"] + values["service_costs"]
    explanation = (
        *(f"{line.label}: {euro(line.amount)}" for line in lines),
        f"Woonlasten (huur en servicekosten): {euro(housing_costs)} per maand.",
        f"{TOTAL_LABEL}: {euro(disposable)} per maand.",
    )
    return BudgetResult(
        lines=lines,
        housing_costs=housing_costs,
        disposable=disposable,
        explanation=explanation,
    )
