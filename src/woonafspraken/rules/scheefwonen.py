"""Scheefwonen (income and rent mismatch), after the CBS concept *Scheefhuurder* (2016).

- ``cheap`` (goedkope scheefheid): income above the DAEB income limit of the household
  (single / multi-person) in a home with a rent strictly below the huurtoeslag maximum
  rent (the liberalisatiegrens). A rent exactly on the maximum rent is not "below" it.
- ``expensive`` (dure scheefheid): entitled to huurtoeslag by income, in a home with a rent
  strictly above the aftoppingsgrens that fits the household (low for 1–2 persons, high
  for 3+). A rent exactly on the aftoppingsgrens is not "above" it.
- ``none`` otherwise.

Choice: "entitled to huurtoeslag by income" is taken as an income up to and including the
passend toewijzen income limit of the year (which also depends on household size and
pension age). Since 2026 the huurtoeslag has no hard income limit (it phases out), and the
passend toewijzen limit is the figure the allocation rules themselves use for "entitled to
huurtoeslag". Other conditions (age, assets, residence) are not inputs.

Both limits are needed to classify any household, so a year without passend toewijzen
limits (2023) is refused, as is a household at pension age in a year without that limit.
In every year with figures the DAEB limit is above the passend limit, so a household is
never both cheap and expensive; the code checks this and refuses otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from woonafspraken.rules._common import Money, ToDict, euro, to_flag, to_household_size, to_money
from woonafspraken.rules.errors import RulesError
from woonafspraken.rules.params import check_year, parameters
from woonafspraken.rules.passend import (
    fitting_aftoppingsgrens,
    household_kind,
    passend_income_limit,
)

ScheefwonenClass = Literal["cheap", "expensive", "none"]

SCHEEFWONEN_LABELS: dict[ScheefwonenClass, str] = {
    "cheap": "goedkope scheefheid",
    "expensive": "dure scheefheid",
    "none": "geen scheefheid",
}


@dataclass(frozen=True)
class ScheefwonenResult(ToDict):
    """The scheefwonen class of a household in its home."""

    year: int
    household_size: int
    income: Decimal
    rent: Decimal
    pension_age: bool
    code: ScheefwonenClass
    label: str
    daeb_income_limit: Decimal
    #: The passend toewijzen income limit, used as "entitled to huurtoeslag by income".
    huurtoeslag_income_limit: Decimal
    max_rent: Decimal
    aftoppingsgrens: Decimal
    reason: str


def scheefwonen(
    year: int,
    household_size: int,
    income: Money,
    rent: Money,
    pension_age: bool = False,
) -> ScheefwonenResult:
    """Classify a household as cheap / expensive / no scheefwonen; see the module docstring."""
    year = check_year(year)
    size = to_household_size(household_size)
    income_ = to_money("income", "het inkomen", income)
    rent_ = to_money("rent", "de huur", rent)
    pension = to_flag("pension_age", "AOW-leeftijd", pension_age)
    p = parameters(year)
    daeb_limit = p.daeb_income_limit_single if size == 1 else p.daeb_income_limit_multi
    ht_limit = passend_income_limit(p, size, pension)
    max_rent = p.huurtoeslag_max_rent
    aftopping = fitting_aftoppingsgrens(p, size)
    kind = household_kind(size, pension)

    cheap = income_ > daeb_limit and rent_ < max_rent
    expensive = income_ <= ht_limit and rent_ > aftopping
    if cheap and expensive:  # impossible while the DAEB limit is above the passend limit
        raise RulesError(
            f"De cijfers voor {year} maken goedkope en dure scheefheid tegelijk mogelijk "
            "(de DAEB-inkomensgrens ligt niet boven de inkomensgrens voor huurtoeslag); "
            "controleer het parameterbestand."
        )
    code: ScheefwonenClass
    if cheap:
        code = "cheap"
        reason = (
            f"Goedkope scheefheid: het inkomen {euro(income_)} is hoger dan de "
            f"DAEB-inkomensgrens voor een {kind} ({euro(daeb_limit)}) en de huur "
            f"{euro(rent_)} ligt onder de maximale huurgrens (liberalisatiegrens) "
            f"{euro(max_rent)}."
        )
    elif expensive:
        code = "expensive"
        reason = (
            f"Dure scheefheid: het inkomen {euro(income_)} valt onder de inkomensgrens voor "
            f"huurtoeslag (passend toewijzen) voor een {kind} ({euro(ht_limit)}) en de huur "
            f"{euro(rent_)} ligt boven de aftoppingsgrens {euro(aftopping)}."
        )
    else:
        code = "none"
        reason = (
            "Geen scheefheid: niet (inkomen boven "
            f"{euro(daeb_limit)} en huur onder {euro(max_rent)}) en niet (inkomen tot en met "
            f"{euro(ht_limit)} en huur boven {euro(aftopping)})."
        )
    return ScheefwonenResult(
        year=year,
        household_size=size,
        income=income_,
        rent=rent_,
        pension_age=pension,
        code=code,
        label=SCHEEFWONEN_LABELS[code],
        daeb_income_limit=daeb_limit,
        huurtoeslag_income_limit=ht_limit,
        max_rent=max_rent,
        aftoppingsgrens=aftopping,
        reason=reason,
    )
