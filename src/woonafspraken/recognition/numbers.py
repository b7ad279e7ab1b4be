"""Numbers as Dutch documents write them: ``1.572``, ``12,5``, ``1.572,50``, ``€ 550``."""

import re
from decimal import Decimal, InvalidOperation

# A number as it appears in text: thousands with dots (or a thin/normal space), decimals with a
# comma; a dot followed by one or two digits is read as a decimal point ("12.5").
NUMBER = r"\d{1,3}(?:[.\u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:,\d+)?(?:\.\d{1,2}(?!\d))?"

_GROUPED = re.compile(r"\d{1,3}(?:[.\u00a0\u202f ]\d{3})+(?:,\d+)?")


def parse_number(text: str) -> Decimal:
    """The value of ``text`` read the Dutch way; raises ``ValueError`` when it is no number.

    >>> parse_number("1.572"), parse_number("12,5"), parse_number("1.572,50")
    (Decimal('1572'), Decimal('12.5'), Decimal('1572.50'))
    """
    cleaned = text.strip().replace("\u2212", "-")
    negative = cleaned.startswith("-")
    cleaned = cleaned.lstrip("-").strip()
    if _GROUPED.fullmatch(cleaned):
        cleaned = re.sub(r"[.\u00a0\u202f ]", "", cleaned)
    cleaned = cleaned.replace(",", ".")
    if not re.fullmatch(r"\d+(?:\.\d+)?", cleaned):
        raise ValueError(f"Geen getal: {text!r}")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only numbers
        raise ValueError(f"Geen getal: {text!r}") from None
    return -value if negative else value
