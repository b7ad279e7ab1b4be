"""Numbers as people type them, read in the reader's language (no Django import).

A Dutch reader writes ``19.648`` for nineteen thousand six hundred and forty-eight and
``12,5`` for twelve and a half; an English reader writes ``19,648`` and ``12.5``. Both
also type currency signs, percent signs, spaces and the Dutch ``,-`` for whole euros.
:func:`parse_number` reads all of that and refuses, with a question, any input that
could mean two different numbers (``1,234`` in Dutch: one point two three four, or
one thousand two hundred and thirty-four?). It never guesses silently.

Errors carry a code and the readings; the caller turns them into words in the reader's
language (:data:`MESSAGES` has the Dutch and English wording).
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

#: decimal mark and grouping mark per language
SEPARATORS = {"nl": (",", "."), "en": (".", ",")}

MAX_DIGITS = 15

_SPACES = "\u00a0\u202f\u2009\u2007\t"
_MINUS = ("-", "\u2212", "\u2013")
_GROUPED = re.compile(r"[1-9]\d{0,2}(?:G\d{3})+")


@dataclass
class NumberError(ValueError):
    """Why a text is not (unambiguously) a number.

    ``code`` is one of ``empty``, ``invalid``, ``ambiguous``, ``other_convention``,
    ``too_many_places``, ``not_whole`` or ``too_large``; ``readings`` holds the
    possible numbers for ``ambiguous`` and ``other_convention``.
    """

    code: str
    text: str
    readings: tuple[Decimal, ...] = field(default=())
    places: int = 2

    def __str__(self) -> str:
        return message(self, "en")


def language_of(code: str | None) -> str:
    """``nl`` or ``en`` for a language code such as ``en-gb``; Dutch by default."""
    return "en" if (code or "").lower().startswith("en") else "nl"


_AFFIXES = re.compile(
    r"^(?P<sign1>[-+\u2212\u2013]?)\s*(?:€|eur\b)?\s*(?P<sign2>[-+\u2212\u2013]?)\s*"
    r"(?P<body>.*?)\s*(?:€|eur)?\s*%?$",
    re.IGNORECASE | re.DOTALL,
)
_SPACE_GROUPED = re.compile(r"[1-9]\d{0,2}(?: \d{3})+(?:[.,]\d*-{0,2})?")


def _clean(text: str) -> tuple[str, bool]:
    """The text without currency and percent signs, and whether it was negative.

    Spaces may group thousands (``19 648``) but not split a number anywhere else.
    """
    s = text.strip()
    for ch in _SPACES:
        s = s.replace(ch, " ")
    match = _AFFIXES.fullmatch(s)
    if match is None:  # pragma: no cover - the pattern matches any text
        return s, False
    body = match["body"]
    if " " in body:
        body = body.replace(" ", "") if _SPACE_GROUPED.fullmatch(body) else "?"
    if match["sign1"] and match["sign2"]:
        return "?", False
    negative = (match["sign1"] or match["sign2"]) in _MINUS
    return body, negative


def _read(s: str, decimal: str, group: str) -> Decimal | None:
    """``s`` read with one convention, or None if it does not fit that convention."""
    if s.endswith(decimal + "-") or s.endswith(decimal + "--"):
        s = s.rstrip("-")[:-1]  # € 1.234,- : whole euros
    if s.count(decimal) > 1:
        return None
    whole, _sep, fraction = s.partition(decimal)
    if _sep and not fraction.isdigit():
        return None
    if group in whole:
        if not _GROUPED.fullmatch(whole.replace(group, "G")):
            return None
        whole = whole.replace(group, "")
    if not whole and fraction:
        whole = "0"
    if not whole.isdigit() or not whole.isascii():
        return None
    if fraction and not fraction.isascii():
        return None
    return Decimal(f"{whole}.{fraction}" if fraction else whole)


def parse_number(
    text: str,
    language: str = "nl",
    *,
    places: int = 2,
    whole: bool = False,
) -> Decimal:
    """The number in ``text`` as a reader of ``language`` (``nl`` or ``en``) means it.

    At most ``places`` decimals (none if ``whole``). Raises :class:`NumberError`.
    """
    language = language_of(language)
    if whole:
        places = 0
    raw = str(text)
    s, negative = _clean(raw)
    if not s:
        raise NumberError("empty", raw, places=places)
    if len(s) > MAX_DIGITS * 2:
        raise NumberError("too_large", raw, places=places)
    decimal, group = SEPARATORS[language]
    own = _read(s, decimal, group)
    other = _read(s, group, decimal)
    # Both readings fit only for one mark between 1-3 digits and exactly three ("1,234"):
    # in Dutch that may be an English thousand; "1.234" is a Dutch thousand unless three
    # decimals are allowed here.
    if (
        own is not None
        and other is not None
        and own != other
        and (_lone_mark(s, decimal) or _fits(other, places))
    ):
        readings = (_sign(max(own, other), negative), _sign(min(own, other), negative))
        raise NumberError("ambiguous", raw, readings, places)
    if own is None and other is not None:
        if s.count(group) == 1 and decimal not in s:
            own = other  # "12.5" in Dutch, "12,5" in English: only one reading exists
        else:
            raise NumberError("other_convention", raw, (_sign(other, negative),), places)
    if own is None:
        raise NumberError("invalid", raw, places=places)
    value = _sign(own, negative)
    try:
        digits = len(value.quantize(Decimal(1)).copy_abs().to_eng_string().lstrip("0"))
    except InvalidOperation:
        raise NumberError("too_large", raw, places=places) from None
    if digits > MAX_DIGITS:
        raise NumberError("too_large", raw, places=places)
    if not _fits(value, places):
        raise NumberError("not_whole" if places == 0 else "too_many_places", raw, places=places)
    return value


def _sign(value: Decimal, negative: bool) -> Decimal:
    return -value if negative and value else value


def _fits(value: Decimal, places: int) -> bool:
    return value == value.quantize(Decimal(1).scaleb(-places))


def _lone_mark(s: str, mark: str) -> bool:
    """Exactly one ``mark``, between 1–3 digits (not a lone 0) and exactly three digits."""
    return re.fullmatch(r"[1-9]\d{0,2}" + re.escape(mark) + r"\d{3}", s) is not None


def format_number(value: Decimal | int | float, language: str = "nl", places: int = 0) -> str:
    """``value`` with grouping and ``places`` decimals: ``19.648``, ``1.558,15``; ``19,648``."""
    decimal, group = SEPARATORS[language_of(language)]
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-places))
    sign = "−" if number < 0 else ""
    whole, _sep, fraction = f"{abs(number):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", group)
    return sign + grouped + (decimal + fraction if places else "")


MESSAGES = {
    "empty": {"nl": "Vul een getal in.", "en": "Enter a number."},
    "invalid": {
        "nl": "‘{text}’ is geen getal. Gebruik cijfers, bijvoorbeeld 19.648 of 12,5.",
        "en": "‘{text}’ is not a number. Use digits, for example 19,648 or 12.5.",
    },
    "ambiguous": {
        "nl": "‘{text}’ is niet eenduidig: bedoelt u {a_plain} of {b}? Schrijf een geheel "
        "getal zonder punt of komma ({a_plain}); decimalen schrijft u na een komma.",
        "en": "‘{text}’ is ambiguous: do you mean {a_plain} or {b}? Write a whole number "
        "without a point or comma ({a_plain}); write decimals after a point.",
    },
    "other_convention": {
        "nl": "Bedoelt u {a}? Schrijf dan {a_nl}: een punt scheidt duizendtallen, "
        "een komma de decimalen.",
        "en": "Do you mean {a}? Then write {a_en}: a comma separates thousands, "
        "a point the decimals.",
    },
    "too_many_places": {
        "nl": "Gebruik hoogstens {places} decimalen.",
        "en": "Use at most {places} decimals.",
    },
    "not_whole": {
        "nl": "Vul een geheel getal in, zonder decimalen.",
        "en": "Enter a whole number, without decimals.",
    },
    "too_large": {"nl": "Dit getal is te groot.", "en": "This number is too large."},
}


def _spelled(value: Decimal, language: str) -> str:
    places = max(0, -int(value.normalize().as_tuple().exponent))
    return format_number(value, language, places)


def message(error: NumberError, language: str = "nl") -> str:
    """The error in words for a reader of ``language``."""
    language = language_of(language)
    fields: dict[str, object] = {"text": error.text[:40], "places": error.places}
    for name, value in zip(("a", "b"), error.readings, strict=False):
        fields[name] = _spelled(value, language)
        fields[f"{name}_nl"] = _spelled(value, "nl")
        fields[f"{name}_en"] = _spelled(value, "en")
        fields[f"{name}_plain"] = f"{value:f}"
    return MESSAGES[error.code][language].format(**fields)
