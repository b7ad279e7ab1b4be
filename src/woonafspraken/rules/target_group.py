"""The DAEB target group: households with an income up to and including the DAEB limit."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from woonafspraken.rules._common import Money, ToDict, euro, to_household_size, to_money
from woonafspraken.rules.params import check_year, parameters


@dataclass(frozen=True)
class TargetGroupResult(ToDict):
    """Whether a household belongs to the DAEB target group in a year."""

    year: int
    income: Decimal
    household_size: int
    #: The DAEB income limit for this household size (single or multi-person).
    limit: Decimal
    in_target_group: bool
    reason: str


def target_group(year: int, income: Money, household_size: int) -> TargetGroupResult:
    """DAEB target group: yearly ``income`` ≤ the limit (single for 1 person, else multi).

    An income exactly on the limit belongs to the target group.
    """
    year = check_year(year)
    income_ = to_money("income", "het inkomen", income)
    size = to_household_size(household_size)
    p = parameters(year)
    single = size == 1
    limit = p.daeb_income_limit_single if single else p.daeb_income_limit_multi
    kind = "eenpersoonshuishouden" if single else "meerpersoonshuishouden"
    inside = income_ <= limit
    if inside:
        reason = (
            f"Het inkomen {euro(income_)} is niet hoger dan de DAEB-inkomensgrens {year} voor "
            f"een {kind} ({euro(limit)}): het huishouden hoort bij de doelgroep."
        )
    else:
        reason = (
            f"Het inkomen {euro(income_)} is hoger dan de DAEB-inkomensgrens {year} voor een "
            f"{kind} ({euro(limit)}): het huishouden hoort niet bij de doelgroep."
        )
    return TargetGroupResult(
        year=year,
        income=income_,
        household_size=size,
        limit=limit,
        in_target_group=inside,
        reason=reason,
    )
