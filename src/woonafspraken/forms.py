"""Form pieces every app uses: numbers and dates typed the way the reader writes them."""

import datetime
import re
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from woonafspraken import numerals


def reader_language() -> str:
    return numerals.language_of(translation.get_language())


def read_number(raw: Any, *, places: int = 2, whole: bool = False) -> Decimal:
    """``raw`` as the current reader means it; a ValidationError that asks when in doubt."""
    language = reader_language()
    try:
        return numerals.parse_number(str(raw), language, places=places, whole=whole)
    except numerals.NumberError as exc:
        raise ValidationError(numerals.message(exc, language), code=exc.code) from None


class NumberField(forms.CharField):
    """A number as people type it: ``19.648``, ``12,5 %``, ``€ 1.234,-`` in Dutch.

    The value is a :class:`~decimal.Decimal`; an input that could mean two numbers is
    refused with a question, never read silently one way.
    """

    def __init__(self, *, places: int = 2, whole: bool = False, **kwargs: Any) -> None:
        self.places = places
        self.whole = whole
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "size": 10}))
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        return read_number(text, places=self.places, whole=self.whole)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            number = Decimal(str(value))
            places = 0 if number == number.to_integral() else self.places
            return numerals.format_number(number, reader_language(), places)
        return value


#: Month names and their usual short forms, Dutch and English.
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "jan januari january",
            "feb februari february",
            "mrt maart mar march",
            "apr april",
            "mei may",
            "jun juni june",
            "jul juli july",
            "aug augustus august",
            "sep sept september",
            "okt oktober oct october",
            "nov november",
            "dec december",
        ),
        start=1,
    )
    for name in names.split()
}
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})")
_MONTH_NAMED = re.compile(r"(\d{1,2})\.?\s+([a-z]+)\.?,?\s+(\d{4})")


def read_date(raw: Any) -> datetime.date:
    """A date as people in the Netherlands type it: ``20-11-2019``, ``20/11/19``,
    ``20.11.2019``, ``20 november 2019``, ``20 nov 2019`` (day first, as the pages show
    dates), or ``2019-11-20`` as a date picker sends it."""
    text = " ".join(str(raw).split()).lower()
    if found := _ISO_DATE.fullmatch(text):
        year, month, day = (int(g) for g in found.groups())
    elif found := _DAY_FIRST.fullmatch(text):
        day, month, year = int(found[1]), int(found[3]), int(found[4])
        year += 2000 if len(found[4]) == 2 else 0
    elif (found := _MONTH_NAMED.fullmatch(text)) and found[2] in MONTHS:
        day, month, year = int(found[1]), MONTHS[found[2]], int(found[3])
    else:
        raise ValidationError(
            _("Vul een datum in als dag-maand-jaar, bijvoorbeeld 20-11-2019."), code="invalid"
        )
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise ValidationError(_("Deze datum bestaat niet."), code="invalid") from None


class DateField(forms.DateField):
    """A date as people type it (see :func:`read_date`); the browser's date picker stays."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def to_python(self, value: Any) -> datetime.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        return read_date(value)


def error_list(form: forms.Form) -> list[str]:
    """Every error of a form, each prefixed with its field's label: all at once."""
    found = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        for error in errors:
            found.append(f"{label}: {error}" if label else str(error))
    return found
