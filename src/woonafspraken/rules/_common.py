"""Shared helpers: input checks, Dutch number formatting and JSON conversion."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from woonafspraken.rules.errors import InvalidInput

#: What the functions accept as an amount of money. A float is read through its shortest
#: text form (``repr``), so ``932.93`` means exactly 932.93; more than two decimals is refused.
Money = Decimal | int | float | str

CENT = Decimal("0.01")
ZERO = Decimal(0)
HUNDRED = Decimal(100)
TWELVE = Decimal(12)

#: Amounts from this value up are refused as unrealistic (one trillion euro). The bound keeps
#: every calculation exact in Decimal and inside 64-bit integers (in cents) in the batch path.
MAX_MONEY = Decimal(10) ** 12
#: Largest household size accepted.
MAX_HOUSEHOLD_SIZE = 99


def gettext_noop(text: str) -> str:
    """Mark a Dutch text the rules write for the project's translation catalogue.

    The rules stay free of Django: the text is returned as it is, and the web layer shows it
    in the reader's language (``woonafspraken.affordability.texts``).
    """
    return text


def to_money(field: str, label: str, value: object) -> Decimal:
    """Check an amount: a finite number, not negative, in whole cents, below ``MAX_MONEY``."""
    if isinstance(value, bool):
        raise InvalidInput(field, f"{_cap(label)} moet een bedrag zijn, geen ja/nee-waarde.")
    amount: Decimal
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float | str):
        text = repr(value) if isinstance(value, float) else value.strip()
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise InvalidInput(
                field, f"{_cap(label)} is geen geldig bedrag: {value!r} (gebruik bijv. 550.25)."
            ) from None
    else:
        raise InvalidInput(
            field, f"{_cap(label)} moet een bedrag zijn, geen {type(value).__name__}."
        )
    if not amount.is_finite():
        raise InvalidInput(field, f"{_cap(label)} moet een gewoon getal zijn.")
    if amount < 0:
        raise InvalidInput(field, f"{_cap(label)} mag niet negatief zijn (ingevoerd: {amount}).")
    if amount >= MAX_MONEY:
        raise InvalidInput(field, f"{_cap(label)} is onrealistisch groot (ingevoerd: {amount}).")
    cents = amount.quantize(CENT)
    if cents != amount:
        raise InvalidInput(
            field,
            f"{_cap(label)} mag hoogstens twee decimalen (centen) hebben (ingevoerd: {amount}).",
        )
    return cents


def to_household_size(value: object) -> int:
    """Check a household size: a whole number of persons from 1 to ``MAX_HOUSEHOLD_SIZE``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(
            "household_size", "De huishoudgrootte moet een heel aantal personen zijn."
        )
    if value < 1:
        raise InvalidInput(
            "household_size",
            f"De huishoudgrootte moet minstens 1 persoon zijn (ingevoerd: {value}).",
        )
    if value > MAX_HOUSEHOLD_SIZE:
        raise InvalidInput(
            "household_size",
            f"De huishoudgrootte is onrealistisch groot (ingevoerd: {value}; "
            f"hoogstens {MAX_HOUSEHOLD_SIZE}).",
        )
    return value


def to_flag(field: str, label: str, value: object) -> bool:
    """Check a yes/no input: it must really be a bool (so that "nee" never counts as yes)."""
    if not isinstance(value, bool):
        raise InvalidInput(field, f"{_cap(label)} moet ja of nee (True/False) zijn.")
    return value


def euro(value: Decimal | int, *, cents: bool = True) -> str:
    """Dutch money notation, rounded half up: ``€ 1.558,15``, ``-€ 76,00``; ``€ 471``."""
    rounded = Decimal(value).quantize(CENT if cents else Decimal(1), rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    text = f"{sign}€ {int(whole):,}".replace(",", ".")
    return f"{text},{fraction}" if cents else text


def percent(value: Decimal) -> str:
    """Dutch percentage notation: ``65%``, ``27,5%``."""
    return f"{value.normalize():f}".replace(".", ",") + "%"


def decimal_text(value: Decimal) -> str:
    """JSON text of an amount: at least two decimals, more only where the exact value has them."""
    if value == value.quantize(CENT):
        return f"{value.quantize(CENT):f}"
    return f"{value.normalize():f}"


def to_jsonable(value: object) -> Any:
    """Turn a result (dataclasses, tuples, Decimals) into plain JSON values.

    Decimals become strings (exact; see ``decimal_text``), tuples become lists.
    """
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, tuple | list):
        return [to_jsonable(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): to_jsonable(item) for key, item in value.items()}
    return value


class ToDict:
    """Mixin for result dataclasses: ``to_dict()`` gives a JSON-ready dictionary."""

    def to_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = to_jsonable(self)
        return result


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
