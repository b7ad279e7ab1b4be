"""Numbers, money, percentages and dates in the reader's language, on pages and documents.

Dutch: ``€ 1.558,15``, ``19.648``, ``54 %``, ``2 december 2026``; English: ``€1,558.15``,
``19,648``, ``54%``, ``2 December 2026``. Counts never show decimals.
"""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils import formats, timezone

from woonafspraken import numerals
from woonafspraken.forms import reader_language

register = template.Library()


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _places(number: Decimal, most: int) -> int:
    """As few decimals as the value needs, at most ``most``."""
    for places in range(most + 1):
        if number == number.quantize(Decimal(1).scaleb(-places)):
            return places
    return most


@register.filter
def number(value: Any, most: int = 2) -> str:
    """A number with grouping and at most ``most`` decimals: ``1.234,5``."""
    found = _decimal(value)
    if found is None:
        return "—" if value in (None, "") else str(value)
    rounded = found.quantize(Decimal(1).scaleb(-int(most)))
    return numerals.format_number(rounded, reader_language(), _places(rounded, int(most)))


@register.filter
def fixed(value: Any) -> str:
    """A whole number as such, any other with two decimals: ``1.572``, ``190,40``."""
    found = _decimal(value)
    if found is None:
        return "—" if value in (None, "") else str(value)
    places = 0 if found == found.to_integral() else 2
    return numerals.format_number(found, reader_language(), places)


@register.filter
def count(value: Any) -> str:
    """A count, whole: ``19.648`` (never ``19648,00``)."""
    found = _decimal(value)
    if found is None:
        return "—" if value in (None, "") else str(value)
    return numerals.format_number(found, reader_language(), 0)


@register.filter
def money(value: Any, cents: str = "auto") -> str:
    """Euros: ``€ 1.558,15``; whole amounts without cents unless ``cents`` is ``"always"``."""
    found = _decimal(value)
    if found is None:
        return "—" if value in (None, "") else str(value)
    places = 2 if cents == "always" or found != found.to_integral() else 0
    text = numerals.format_number(found, reader_language(), places)
    sign = ""
    if text.startswith("−"):
        sign, text = "−", text[1:]
    if reader_language() == "en":
        return f"{sign}€{text}"
    return f"{sign}€ {text}"


@register.filter
def percent(value: Any, most: int = 1) -> str:
    """A percentage: ``54 %`` in Dutch, ``54%`` in English."""
    found = _decimal(value)
    if found is None:
        return "—" if value in (None, "") else str(value)
    text = number(found, most)
    return f"{text}%" if reader_language() == "en" else f"{text} %"


@register.filter
def day(value: Any) -> str:
    """A date as people write it: ``2 december 2026``."""
    if not value:
        return "—"
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return formats.date_format(value, "j F Y")


@register.filter
def moment(value: Any) -> str:
    """A date and time: ``2 december 2026, 14:05``."""
    if not value:
        return "—"
    if isinstance(value, str):
        try:
            value = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, "j F Y, H:i")
