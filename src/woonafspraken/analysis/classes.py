"""The classes the household and stock tables use, and how one home or household falls in one.

Rent classes: the rules' four VERA classes (:mod:`woonafspraken.rules.rent_class`), with
*betaalbaar* split at the low aftoppingsgrens, because dure scheefheid and passend toewijzen
for 1–2 person households turn on that limit:

- ``cheap``: below the kwaliteitskortingsgrens;
- ``affordable_low``: from the kwaliteitskortingsgrens up to and including the low
  aftoppingsgrens;
- ``affordable_high``: above the low, up to and including the high aftoppingsgrens;
- ``expensive``: above the high aftoppingsgrens, up to and including the maximum rent;
- ``above_limit``: above the maximum rent (huurtoeslaggrens).

Income groups (the target-group classes of the year):

- ``huurtoeslag``: up to and including the passend toewijzen income limit (the rules' reading
  of "entitled to huurtoeslag by income");
- ``daeb``: above that, up to and including the DAEB income limit (the rest of the target
  group);
- ``above_daeb``: above the DAEB income limit.

An amount exactly on a limit falls on the side the rules say (see their modules).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from woonafspraken.rules import parameters, rent_class
from woonafspraken.rules.passend import passend_income_limit

RentBand = Literal["cheap", "affordable_low", "affordable_high", "expensive", "above_limit"]
RENT_BANDS: tuple[RentBand, ...] = (
    "cheap",
    "affordable_low",
    "affordable_high",
    "expensive",
    "above_limit",
)
IncomeGroup = Literal["huurtoeslag", "daeb", "above_daeb"]
INCOME_GROUPS: tuple[IncomeGroup, ...] = ("huurtoeslag", "daeb", "above_daeb")
Tenure = Literal["social_rent", "private_rent", "owner"]
TENURES: tuple[Tenure, ...] = ("social_rent", "private_rent", "owner")
LABELS: tuple[str, ...] = ("A++++", "A+++", "A++", "A+", "A", "B", "C", "D", "E", "F", "G")


def rent_band(year: int, rent: Decimal) -> RentBand:
    """The rent class of a monthly kale huur in ``year`` (needs that year's figures)."""
    code = rent_class(year, rent).code
    if code != "affordable":
        return code
    return "affordable_low" if rent <= parameters(year).aftoppingsgrens_low else "affordable_high"


def income_group(year: int, income: Decimal, household_size: int, pension_age: bool) -> IncomeGroup:
    """The target-group class of a yearly income in ``year`` (needs that year's figures)."""
    p = parameters(year)
    if income <= passend_income_limit(p, household_size, pension_age):
        return "huurtoeslag"
    daeb = p.daeb_income_limit_single if household_size == 1 else p.daeb_income_limit_multi
    return "daeb" if income <= daeb else "above_daeb"
