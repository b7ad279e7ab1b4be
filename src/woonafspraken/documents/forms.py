"""Forms of the documents pages: what a document is asked for in, and the year beside an
upload. Every problem at once, in the words the services use for the same problems."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from woonafspraken.agreements.models import Cycle

from . import reports


def _year_field(cycle: Cycle, *, required: bool) -> forms.TypedChoiceField:
    """A year of ``cycle``; empty is ``None`` when not required."""
    return forms.TypedChoiceField(
        choices=[(year, str(year)) for year in cycle.years],
        coerce=int,
        required=required,
        empty_value=None,
        error_messages={
            "required": gettext("Kies een jaar."),
            "invalid_choice": gettext("Kies een jaar binnen de looptijd %(period)s.")
            % {"period": cycle.period_label},
        },
    )


class DocumentRequestForm(forms.Form):
    """A document of a cycle asked for on the documents page: its format (the button pressed;
    empty is the document's first format) and, for a document about one year, that year."""

    def __init__(self, *args: Any, cycle: Cycle, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind not in reports.KINDS:
            return  # clean() says so; no field can be right for a document that does not exist
        formats = reports.FORMATS[kind]
        self.fields["format"] = forms.ChoiceField(
            choices=[(f, f) for f in formats],
            required=False,
            error_messages={
                "invalid_choice": gettext("Kies als formaat %(f)s.") % {"f": " of ".join(formats)}
            },
        )
        if kind != "agreements":  # the agreements cover the whole period
            self.fields["year"] = _year_field(cycle, required=True)

    def clean_format(self) -> str:
        return str(self.cleaned_data["format"] or reports.FORMATS[self.kind][0])

    def clean(self) -> dict[str, Any]:
        if self.kind not in reports.KINDS:
            raise ValidationError(gettext("Dit document bestaat niet."))
        return super().clean() or {}


class MonitorUploadForm(forms.Form):
    """The year sent beside a filled-in monitor (optional: the file names its own year)."""

    def __init__(self, *args: Any, cycle: Cycle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"] = _year_field(cycle, required=False)
