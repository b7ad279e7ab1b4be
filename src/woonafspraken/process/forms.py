"""Forms of the process pages."""

from typing import Any

from django import forms
from django.core.validators import FileExtensionValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Agreement, Cycle, Target
from woonafspraken.forms import DateField, NumberField

from . import workflow
from .models import Approval, Milestone, validate_decision_document


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


class ApprovalForm(forms.Form):
    """A signatory approves the cycle (or an amendment) on behalf of one of its parties, after
    the decision of that party's decision body; the decision document is optional. Whether the
    person may sign for that party is the service's to decide."""

    organisation = forms.ModelChoiceField(
        label=_("Partij"),
        queryset=Organisation.objects.none(),
        error_messages={"invalid_choice": _("Kies een partij van deze cyclus.")},
    )
    decision_body = forms.ChoiceField(
        label=_("Besluitorgaan"),
        choices=Approval.DecisionBody.choices,
        error_messages={"invalid_choice": _("Kies een geldig besluitorgaan.")},
    )
    decided_on = DateField(label=_("Besluitdatum"))
    document = forms.FileField(
        label=_("Besluitdocument"),
        required=False,
        validators=[FileExtensionValidator(["pdf"]), validate_decision_document],
    )

    def __init__(self, *args: Any, cycle: Cycle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = cycle.parties.all()  # type: ignore[attr-defined]

    def clean_decided_on(self) -> Any:
        decided_on = self.cleaned_data["decided_on"]
        if decided_on > timezone.localdate():
            raise forms.ValidationError(_("De besluitdatum ligt in de toekomst."))
        return decided_on


class MilestoneForm(forms.Form):
    """A coordinator moves a practice milestone: the dates as people type them."""

    starts_on = DateField(label=_("Van"))
    ends_on = DateField(label=_("Tot en met"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("De einddatum ligt vóór de begindatum."))
        return data


class NewMilestoneForm(MilestoneForm):
    """A practice milestone of the municipality's own planning (negotiation, decision,
    signing, the letter to the council, evaluation); the law's dates come from
    :class:`LegalMilestonesForm`."""

    kind = forms.ChoiceField(
        label=_("Soort"),
        error_messages={
            "required": _("Kies een soort mijlpaal."),
            "invalid_choice": _(
                "Kies een soort mijlpaal uit de lijst; de wettelijke data vult Woonafspraken "
                "zelf in."
            ),
        },
        choices=[
            (k.value, k.label)
            for k in (
                Milestone.Kind.NEGOTIATION,
                Milestone.Kind.DECISION,
                Milestone.Kind.SIGNING,
                Milestone.Kind.COUNCIL_LETTER,
                Milestone.Kind.EVALUATION,
            )
        ],
    )
    title = forms.CharField(
        label=_("Omschrijving"),
        required=False,
        max_length=200,
        help_text=_("Leeg: de soort is de omschrijving."),
    )
    field_order = ["kind", "title", "starts_on", "ends_on"]


class LegalMilestonesForm(forms.Form):
    """The year in which the agreements are made: the law's dates follow from it."""

    year = forms.IntegerField(
        label=_("Jaar waarin de afspraken worden gemaakt"),
        min_value=1990,
        max_value=2100,
        help_text=_("Het bod van de corporaties komt vóór 1 juli van dat jaar."),
    )


class DisputePointForm(forms.Form):
    """A new dispute point, with the positions (``position-<id>``) of the parties ``own``
    the person may write for; a position left empty is not recorded."""

    subject = forms.CharField(  # its messages name it: no label before them
        max_length=300,
        error_messages={
            "required": _("Geef het geschilpunt een onderwerp."),
            "max_length": _("Het onderwerp is te lang (hoogstens 300 tekens)."),
        },
    )
    description = forms.CharField(label=_("Omschrijving"), required=False, max_length=20000)

    def __init__(self, *args: Any, own: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.own = own
        for party in own:
            self.fields[f"position-{party.pk}"] = forms.CharField(
                label=party.name, required=False, max_length=20000
            )

    def positions(self) -> dict[Organisation, str]:
        found = {p: self.cleaned_data[f"position-{p.pk}"] for p in self.own}
        return {p: text for p, text in found.items() if text}


class DisputeResolutionForm(forms.Form):
    """How the parties settled a dispute point (recorded by the municipality's coordinator)."""

    resolution = forms.CharField(
        label=_("Hoe is het opgelost?"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        error_messages={
            "required": _("Beschrijf hoe de partijen het punt oplosten."),
            "max_length": _("De oplossing is te lang (hoogstens 10.000 tekens)."),
        },
    )


class DisputePositionForm(forms.Form):
    """One party's position on a dispute point; ``version`` is that of the position the form
    showed (see :func:`woonafspraken.versions.text_version`)."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(),
        error_messages=dict.fromkeys(
            ("required", "invalid_choice"), _("Kies de partij van dit standpunt.")
        ),
    )
    position = forms.CharField(label=_("Standpunt"), required=False, max_length=20000)
    version = forms.CharField(required=False, max_length=64)


class AmendmentForm(forms.Form):
    """A proposal to change a signed cycle: an agreement's title or text, and a target's norm.

    Only what is filled in and differs counts (:meth:`changes`); whether the new norm holds
    together is the service's to check.
    """

    agreement = forms.ModelChoiceField(queryset=Agreement.objects.none(), required=False)
    title = forms.CharField(label=_("Nieuwe titel"), required=False, max_length=300)
    text = forms.CharField(label=_("Tekst"), required=False, max_length=20000)
    target = forms.ModelChoiceField(queryset=Target.objects.none(), required=False)
    target_value = NumberField(label=_("Normwaarde"), required=False)
    target_low = NumberField(label=_("Ondergrens"), required=False)
    target_high = NumberField(label=_("Bovengrens"), required=False)
    target_label = forms.CharField(label=_("Label"), required=False, max_length=8)
    description = forms.CharField(
        max_length=10000, error_messages={"required": _("Beschrijf het wijzigingsvoorstel.")}
    )

    TARGET_FIELDS = ("value", "low", "high", "label")

    def __init__(self, *args: Any, cycle: Cycle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        foreign = {"invalid_choice": _("Dit onderdeel hoort niet bij deze prestatieafspraken.")}
        for name, model in (("agreement", Agreement), ("target", Target)):
            field = self.fields[name]
            field.queryset = model.objects.filter(  # type: ignore[attr-defined]
                **{"theme__cycle" if model is Agreement else "agreement__theme__cycle": cycle}
            )
            field.error_messages.update(foreign)

    def changes(self) -> list[dict[str, Any]]:
        """The changes asked for, as :func:`..services.propose_amendment` takes them."""
        data, found = self.cleaned_data, []
        agreement = data["agreement"]
        if agreement is not None:
            for field in ("title", "text"):
                new = data[field]
                if new and new != getattr(agreement, field):
                    found.append(
                        {"object": "agreement", "id": agreement.pk, "field": field, "new": new}
                    )
        target = data["target"]
        if target is not None:
            for field in self.TARGET_FIELDS:
                new = data[f"target_{field}"]
                if new not in (None, ""):
                    found.append({"object": "target", "id": target.pk, "field": field, "new": new})
        return found
