"""The form that keeps the calculator's worked-out comparison with a cycle, as an analysis."""

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from woonafspraken.agreements.forms import StyledForm
from woonafspraken.agreements.models import Cycle


class SaveComparisonForm(StyledForm):
    """The analysis's title and the cycle to keep it with; every problem at once. Whether the
    reader may keep an analysis with that cycle is the service's question (as before)."""

    title = forms.CharField(label=_("Titel van de analyse"), max_length=300)
    cycle = forms.ModelChoiceField(
        label=_("Bewaren bij"), queryset=Cycle.objects.all(), empty_label=None
    )

    def __init__(self, *args: Any, cycles: list[Cycle], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("title", gettext("Budget ouderen na extramuralisatie 2026"))
        # offered: the cycles the reader may keep it with; any existing one is read
        self.fields["cycle"].choices = [(c.pk, c.title) for c in cycles]  # type: ignore[attr-defined]
        self.fields["title"].widget.attrs.update(id="save-title")
        self.fields["cycle"].widget.attrs.update(id="save-cycle")
        title = gettext("Geef de analyse een titel (hoogstens 300 tekens).")
        self.fields["title"].error_messages.update(required=title, max_length=title)
        cycle = gettext("Kies de prestatieafspraken om de analyse bij te bewaren.")
        self.fields["cycle"].error_messages.update(required=cycle, invalid_choice=cycle)
