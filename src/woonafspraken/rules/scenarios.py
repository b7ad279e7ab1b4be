"""Side-by-side comparison of monthly budgets (scenarios), e.g. before and after a move.

Each scenario states its budget inputs. Its huurtoeslag is either stated (``huurtoeslag``)
or computed from a ``Household`` with the huurtoeslag rules (2026 by default); exactly one
of the two must be given, so a missing huurtoeslag is never silently taken as zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from woonafspraken.rules._common import Money, ToDict, euro
from woonafspraken.rules.budget import BUDGET_LINES, TOTAL_LABEL, BudgetResult, disposable_budget
from woonafspraken.rules.errors import InvalidInput
from woonafspraken.rules.huurtoeslag import FIRST_REFORMED_YEAR, HuurtoeslagResult, huurtoeslag


@dataclass(frozen=True)
class Household:
    """What the huurtoeslag of a scenario is computed from (the rent is the scenario's)."""

    household_size: int
    #: Yearly toetsingsinkomen of the household (without children under 23).
    income: Money
    assets: Money = 0
    partner: bool = False
    all_occupants_18_to_20: bool = False
    children_income: Money = 0
    year: int = FIRST_REFORMED_YEAR


@dataclass(frozen=True)
class Scenario:
    """One column of a comparison: a label and the monthly budget inputs."""

    label: str
    net_income_month: Money
    rent: Money
    care_contributions: Money = 0
    other_fixed_costs: Money = 0
    service_costs: Money = 0
    #: The huurtoeslag per month, when stated ...
    huurtoeslag: Money | None = None
    #: ... or the household to compute it from (give exactly one of the two).
    household: Household | None = None
    note: str = ""


@dataclass(frozen=True)
class ScenarioOutcome(ToDict):
    label: str
    note: str
    budget: BudgetResult
    #: The huurtoeslag calculation, when computed from a household.
    huurtoeslag: HuurtoeslagResult | None


@dataclass(frozen=True)
class ComparisonRow(ToDict):
    code: str
    label: str
    #: One signed monthly amount per scenario, in the order of ``Comparison.columns``.
    amounts: tuple[Decimal, ...]


@dataclass(frozen=True)
class Comparison(ToDict):
    """Budgets side by side: rows are the budget items, columns the scenarios."""

    columns: tuple[str, ...]
    rows: tuple[ComparisonRow, ...]
    scenarios: tuple[ScenarioOutcome, ...]

    def row(self, code: str) -> ComparisonRow:
        for item in self.rows:
            if item.code == code:
                return item
        raise KeyError(code)

    def table(self) -> tuple[tuple[str, ...], ...]:
        """The comparison as text cells in Dutch notation, heading row first."""
        heading = ("", *self.columns)
        body = tuple((row.label, *(euro(a) for a in row.amounts)) for row in self.rows)
        return (heading, *body)


def compare(scenarios: Sequence[Scenario]) -> Comparison:
    """Work out every scenario's budget and put them side by side."""
    if not scenarios:
        raise InvalidInput("scenarios", "Geef minstens één scenario om te vergelijken.")
    seen: set[str] = set()
    outcomes = []
    for index, scenario in enumerate(scenarios, start=1):
        label = scenario.label.strip() if isinstance(scenario.label, str) else ""
        if not label:
            raise InvalidInput("label", f"Scenario {index} heeft geen naam.")
        if label in seen:
            raise InvalidInput("label", f"De naam '{label}' komt meer dan één keer voor.")
        seen.add(label)
        outcomes.append(_outcome(label, scenario))
    rows = [
        ComparisonRow(code, name, tuple(o.budget.line(code).amount for o in outcomes))
        for code, name in BUDGET_LINES
    ]
    rows.append(
        ComparisonRow("disposable", TOTAL_LABEL, tuple(o.budget.disposable for o in outcomes))
    )
    return Comparison(
        columns=tuple(o.label for o in outcomes),
        rows=tuple(rows),
        scenarios=tuple(outcomes),
    )


def _outcome(label: str, scenario: Scenario) -> ScenarioOutcome:
    household, stated = scenario.household, scenario.huurtoeslag
    computed: HuurtoeslagResult | None = None
    try:
        benefit: Money
        if household is not None and stated is None:
            computed = huurtoeslag(
                household.year,
                household.household_size,
                scenario.rent,
                household.income,
                assets=household.assets,
                partner=household.partner,
                all_occupants_18_to_20=household.all_occupants_18_to_20,
                children_income=household.children_income,
            )
            benefit = computed.amount
        elif stated is not None and household is None:
            benefit = stated
        else:
            raise InvalidInput(
                "huurtoeslag",
                "geef óf het bedrag aan huurtoeslag óf het huishouden om de huurtoeslag uit "
                "te berekenen (precies één van de twee).",
            )
        budget = disposable_budget(
            net_income_month=scenario.net_income_month,
            rent=scenario.rent,
            huurtoeslag=benefit,
            care_contributions=scenario.care_contributions,
            other_fixed_costs=scenario.other_fixed_costs,
            service_costs=scenario.service_costs,
        )
    except InvalidInput as error:
        raise InvalidInput(error.field, f"Scenario '{label}': {error.message}") from error
    return ScenarioOutcome(label=label, note=scenario.note, budget=budget, huurtoeslag=computed)
