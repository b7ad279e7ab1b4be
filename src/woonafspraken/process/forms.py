"""Forms of the process pages."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from woonafspraken.agreements.models import Cycle

from . import workflow


class PhaseForm(forms.Form):
    """Move the cycle to one of the phases ``user`` may move it to; reopening a closed cycle
    needs a reason, which stays in the cycle's history."""

    to = forms.ChoiceField(label=_("Naar fase"), choices=())
    note = forms.CharField(
        label=_("Toelichting bij de faseovergang"),
        required=False,
        max_length=2000,
        widget=forms.TextInput(
            attrs={"size": 50, "class": "utrecht-textbox utrecht-textbox--html-input"}
        ),
    )

    def __init__(self, *args: Any, user: Any, cycle: Cycle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        labels = dict(Cycle.Phase.choices)
        self.fields["to"].choices = [  # type: ignore[attr-defined]
            (p, labels[p]) for p in workflow.next_phases(user, cycle)
        ]
        if any(workflow.needs_reason(cycle.phase, p) for p in workflow.next_phases(user, cycle)):
            self.fields["note"].label = _("Reden (verplicht bij heropenen)")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        to = data.get("to")
        if to and workflow.needs_reason(self.cycle.phase, to) and not data.get("note", "").strip():
            self.add_error(
                "note", _("Geef de reden op; die blijft in de geschiedenis van de cyclus staan.")
            )
        return data
