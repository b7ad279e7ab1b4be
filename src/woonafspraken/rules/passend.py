"""Passend toewijzen (allocation rule, since 1-1-2016).

A household entitled to huurtoeslag by its income must get a home with a rent up to and
including the aftoppingsgrens that fits its household size (low for 1–2 persons, high for
3 or more). "Entitled by income" means: yearly income up to and including the passend
toewijzen income limit of the year for its kind (single / multi-person, below or at pension
age). Above that limit the rule does not apply.

On the limits: an income exactly on the income limit falls under the rule; a rent exactly
on the aftoppingsgrens is passend.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from woonafspraken.rules._common import Money, ToDict, euro, to_flag, to_household_size, to_money
from woonafspraken.rules.params import Parameters, check_year, parameters

PassendOutcome = Literal["fits", "does_not_fit", "not_applicable"]

PASSEND_LABELS: dict[PassendOutcome, str] = {
    "fits": "passend",
    "does_not_fit": "niet passend",
    "not_applicable": "niet van toepassing",
}


def passend_income_limit(p: Parameters, household_size: int, pension_age: bool) -> Decimal:
    """The passend toewijzen income limit for the household (``UnknownParameter`` if none)."""
    if household_size == 1:
        if pension_age:
            return p.passend_income_limit_single_pension_age
        return p.passend_income_limit_single
    if pension_age:
        return p.passend_income_limit_multi_pension_age
    return p.passend_income_limit_multi


def fitting_aftoppingsgrens(p: Parameters, household_size: int) -> Decimal:
    """The aftoppingsgrens that fits the household: low for 1–2 persons, high for 3+."""
    return p.aftoppingsgrens_low if household_size <= 2 else p.aftoppingsgrens_high


def household_kind(household_size: int, pension_age: bool) -> str:
    kind = "eenpersoonshuishouden" if household_size == 1 else "meerpersoonshuishouden"
    return f"{kind} op AOW-leeftijd" if pension_age else kind


@dataclass(frozen=True)
class PassendResult(ToDict):
    """Whether a letting meets the passend toewijzen rule."""

    year: int
    household_size: int
    income: Decimal
    rent: Decimal
    pension_age: bool
    income_limit: Decimal
    aftoppingsgrens: Decimal
    #: True when the household falls under the rule (income ≤ income limit).
    applicable: bool
    #: True / False when applicable; None when the rule does not apply.
    passend: bool | None
    outcome: PassendOutcome
    label: str
    reason: str


def passend_toewijzen(
    year: int,
    household_size: int,
    income: Money,
    rent: Money,
    pension_age: bool = False,
) -> PassendResult:
    """Check a letting against passend toewijzen; see the module docstring."""
    year = check_year(year)
    size = to_household_size(household_size)
    income_ = to_money("income", "het inkomen", income)
    rent_ = to_money("rent", "de huur", rent)
    pension = to_flag("pension_age", "AOW-leeftijd", pension_age)
    p = parameters(year)
    limit = passend_income_limit(p, size, pension)
    aftopping = fitting_aftoppingsgrens(p, size)
    kind = household_kind(size, pension)
    outcome: PassendOutcome
    if income_ > limit:
        outcome, passend = "not_applicable", None
        reason = (
            f"Niet van toepassing: het inkomen {euro(income_)} is hoger dan de inkomensgrens "
            f"voor passend toewijzen {year} voor een {kind} ({euro(limit)})."
        )
    elif rent_ <= aftopping:
        outcome, passend = "fits", True
        reason = (
            f"Passend: het inkomen valt onder de inkomensgrens ({euro(limit)}) en de huur "
            f"{euro(rent_)} is niet hoger dan de aftoppingsgrens {euro(aftopping)} voor "
            f"{_persons(size)}."
        )
    else:
        outcome, passend = "does_not_fit", False
        reason = (
            f"Niet passend: het inkomen valt onder de inkomensgrens ({euro(limit)}), maar de "
            f"huur {euro(rent_)} is hoger dan de aftoppingsgrens {euro(aftopping)} voor "
            f"{_persons(size)}."
        )
    return PassendResult(
        year=year,
        household_size=size,
        income=income_,
        rent=rent_,
        pension_age=pension,
        income_limit=limit,
        aftoppingsgrens=aftopping,
        applicable=passend is not None,
        passend=passend,
        outcome=outcome,
        label=PASSEND_LABELS[outcome],
        reason=reason,
    )


def _persons(size: int) -> str:
    return "1 of 2 personen" if size <= 2 else "3 of meer personen"
