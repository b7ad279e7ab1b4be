"""Rent classes (huurklassen) as in the VERA reference list HUURKLASSE (Aedes data standard).

Where a rent exactly ON a limit falls:

- below the kwaliteitskortingsgrens: ``cheap`` (goedkoop); a rent equal to the
  kwaliteitskortingsgrens is ``affordable`` (betaalbaar);
- from the kwaliteitskortingsgrens up to and including the high aftoppingsgrens (3+
  persons): ``affordable``; a rent equal to that aftoppingsgrens is still ``affordable``;
- above the high aftoppingsgrens up to and including the huurtoeslag maximum rent:
  ``expensive`` (duur); a rent equal to the maximum rent is still ``expensive``;
- above the maximum rent: ``above_limit`` (boven huurtoeslaggrens).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from woonafspraken.rules._common import Money, ToDict, euro, to_money
from woonafspraken.rules.params import check_year, parameters

RentClass = Literal["cheap", "affordable", "expensive", "above_limit"]

#: Dutch label of each rent class.
RENT_CLASS_LABELS: dict[RentClass, str] = {
    "cheap": "goedkoop",
    "affordable": "betaalbaar",
    "expensive": "duur",
    "above_limit": "boven huurtoeslaggrens",
}

#: Which side of each limit a rent exactly on the limit falls, in plain Dutch.
BOUNDARY_RULE = (
    "Een huur precies op de kwaliteitskortingsgrens is betaalbaar; precies op de "
    "aftoppingsgrens (hoog) is betaalbaar; precies op de maximale huurgrens is duur."
)


@dataclass(frozen=True)
class RentClassResult(ToDict):
    """The rent class of a monthly kale huur in a year, with the limits of that class."""

    year: int
    rent: Decimal
    code: RentClass
    label: str
    #: Lower limit of the class (None for ``cheap``) and whether a rent on it belongs here.
    lower_limit: Decimal | None
    lower_inclusive: bool
    #: Upper limit of the class (None for ``above_limit``) and whether a rent on it belongs.
    upper_limit: Decimal | None
    upper_inclusive: bool
    kwaliteitskortingsgrens: Decimal
    aftoppingsgrens_high: Decimal
    max_rent: Decimal
    boundary_rule: str
    reason: str


def rent_class(year: int, rent: Money) -> RentClassResult:
    """The VERA rent class of ``rent`` (monthly kale huur) in ``year``; see the module doc."""
    year = check_year(year)
    rent_ = to_money("rent", "de huur", rent)
    p = parameters(year)
    kkg = p.kwaliteitskortingsgrens
    aftopping = p.aftoppingsgrens_high
    max_rent = p.huurtoeslag_max_rent
    code: RentClass
    lower: Decimal | None
    upper: Decimal | None
    if rent_ < kkg:
        code, lower, lower_inc, upper, upper_inc = "cheap", None, False, kkg, False
        reason = f"De huur {euro(rent_)} ligt onder de kwaliteitskortingsgrens {euro(kkg)}."
    elif rent_ <= aftopping:
        code, lower, lower_inc, upper, upper_inc = "affordable", kkg, True, aftopping, True
        reason = (
            f"De huur {euro(rent_)} ligt vanaf de kwaliteitskortingsgrens {euro(kkg)} tot en met "
            f"de aftoppingsgrens (hoog) {euro(aftopping)}."
        )
    elif rent_ <= max_rent:
        code, lower, lower_inc, upper, upper_inc = "expensive", aftopping, False, max_rent, True
        reason = (
            f"De huur {euro(rent_)} ligt boven de aftoppingsgrens (hoog) {euro(aftopping)} en "
            f"niet boven de maximale huurgrens {euro(max_rent)}."
        )
    else:
        code, lower, lower_inc, upper, upper_inc = "above_limit", max_rent, False, None, False
        reason = f"De huur {euro(rent_)} ligt boven de maximale huurgrens {euro(max_rent)}."
    return RentClassResult(
        year=year,
        rent=rent_,
        code=code,
        label=RENT_CLASS_LABELS[code],
        lower_limit=lower,
        lower_inclusive=lower_inc,
        upper_limit=upper,
        upper_inclusive=upper_inc,
        kwaliteitskortingsgrens=kkg,
        aftoppingsgrens_high=aftopping,
        max_rent=max_rent,
        boundary_rule=BOUNDARY_RULE,
        reason=reason,
    )
