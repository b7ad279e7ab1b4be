"""Form pieces every app uses: numbers typed the way the reader writes them."""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

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


def error_list(form: forms.Form) -> list[str]:
    """Every error of a form, each prefixed with its field's label: all at once."""
    found = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        for error in errors:
            found.append(f"{label}: {error}" if label else str(error))
    return found
