"""Affordability rules as code: pure Python, no Django.

Figures per year live in ``parameters/<year>.toml`` with their sources. Every function
returns an itemised frozen dataclass with ``to_dict()``; bad input raises ``InvalidInput``,
a figure without a source raises ``UnknownParameter``, both with a Dutch message.

The vectorised huurtoeslag (numpy) is in ``woonafspraken.rules.batch`` and is not imported
here, so the rest works without numpy.
"""

from woonafspraken.rules.budget import BudgetLine, BudgetResult, disposable_budget
from woonafspraken.rules.errors import (
    InvalidInput,
    ParameterFileError,
    RulesError,
    UnknownParameter,
    UnknownYear,
)
from woonafspraken.rules.extramuralisatie import (
    SEED_BUDGET_TABLE,
    ExtramuralisatieExample,
    SeedBudgetTable,
    extramuralisatie_2026,
)
from woonafspraken.rules.huurtoeslag import HuurtoeslagResult, huurtoeslag
from woonafspraken.rules.params import (
    Figure,
    Parameters,
    known_years,
    parameters,
    parameters_with_sources,
)
from woonafspraken.rules.passend import PassendResult, passend_toewijzen
from woonafspraken.rules.rent_class import RENT_CLASS_LABELS, RentClassResult, rent_class
from woonafspraken.rules.scenarios import (
    Comparison,
    ComparisonRow,
    Household,
    Scenario,
    ScenarioOutcome,
    compare,
)
from woonafspraken.rules.scheefwonen import ScheefwonenResult, scheefwonen
from woonafspraken.rules.target_group import TargetGroupResult, target_group

__all__ = [
    "RENT_CLASS_LABELS",
    "SEED_BUDGET_TABLE",
    "BudgetLine",
    "BudgetResult",
    "Comparison",
    "ComparisonRow",
    "ExtramuralisatieExample",
    "Figure",
    "Household",
    "HuurtoeslagResult",
    "InvalidInput",
    "ParameterFileError",
    "Parameters",
    "PassendResult",
    "RentClassResult",
    "RulesError",
    "Scenario",
    "ScenarioOutcome",
    "ScheefwonenResult",
    "SeedBudgetTable",
    "TargetGroupResult",
    "UnknownParameter",
    "UnknownYear",
    "compare",
    "disposable_budget",
    "extramuralisatie_2026",
    "huurtoeslag",
    "known_years",
    "parameters",
    "parameters_with_sources",
    "passend_toewijzen",
    "rent_class",
    "scheefwonen",
    "target_group",
]
