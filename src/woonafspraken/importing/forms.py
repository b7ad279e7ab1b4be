"""The upload form and the review form of one proposed item (used in a model formset)."""

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from woonafspraken import verdicts
from woonafspraken.agreements.models import Cycle

from . import services
from .models import ProposedItem

THEME_FIELDS = ("accepted", "name", "lead", "project_leader")
AGREEMENT_FIELDS = ("accepted", "number", "name", "text", "agreement_kind", "lead", "involved")
NORM_FIELDS = (
    "accepted",
    "indicator",
    "party",
    "year",
    "norm_kind",
    "value",
    "low",
    "high",
    "label",
    "tolerance",
    "note",
)
FIELDS = {
    ProposedItem.Level.THEME: THEME_FIELDS,
    ProposedItem.Level.AGREEMENT: AGREEMENT_FIELDS,
    ProposedItem.Level.NORM: NORM_FIELDS,
}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Word-bestand (.docx) of PDF met de afspraken"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".docx,.pdf,application/pdf,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                "class": "utrecht-textbox utrecht-textbox--html-input",
            }
        ),
    )


class ItemForm(forms.ModelForm):  # type: ignore[type-arg]
    """One proposed item; only the fields of its level are on the form."""

    class Meta:
        model = ProposedItem
        fields = sorted(set(THEME_FIELDS + AGREEMENT_FIELDS + NORM_FIELDS))
        labels = {"name": _("naam of titel")}
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 2}),
            "involved": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, cycle: Cycle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        level = self.instance.level
        wanted = FIELDS.get(level, ())
        self.fields = {name: self.fields[name] for name in wanted if name in self.fields}
        parties = cycle.parties.order_by("name")
        for name in ("lead", "party", "involved"):
            if name in self.fields:
                self.fields[name].queryset = parties  # type: ignore[attr-defined]
        if "party" in self.fields:
            self.fields["party"].empty_label = _("gezamenlijk")  # type: ignore[attr-defined]
        if "lead" in self.fields:
            self.fields["lead"].empty_label = _("geen trekker")  # type: ignore[attr-defined]
        if "year" in self.fields:
            self.fields["year"] = forms.TypedChoiceField(
                label=_("jaar"),
                choices=[("", _("hele looptijd"))] + [(y, str(y)) for y in cycle.years],
                coerce=int,
                empty_value=None,
                required=False,
            )
        for name in ("agreement_kind", "norm_kind"):  # always proposed: no "---------"
            if name in self.fields:
                field = self.fields[name]
                field.choices = [c for c in field.choices if c[0]]  # type: ignore[attr-defined]
        if "tolerance" in self.fields:
            self.fields["tolerance"].required = False
        if "name" in self.fields:
            self.fields["name"].label = _("naam") if level == "theme" else _("titel")
        for name, field in self.fields.items():
            css = field.widget.attrs.get("class", "")
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs["class"] = (css + " utrecht-checkbox").strip()
            elif isinstance(field.widget, forms.Select) and not isinstance(
                field.widget, forms.CheckboxSelectMultiple
            ):
                field.widget.attrs["class"] = (css + " utrecht-select").strip()
            elif isinstance(field.widget, forms.Textarea):
                field.widget.attrs["class"] = (css + " utrecht-textarea").strip()
            elif not isinstance(field.widget, forms.CheckboxSelectMultiple):
                field.widget.attrs["class"] = (css + " utrecht-textbox").strip()
            field.widget.attrs.setdefault("id", f"id_{self.prefix}-{name}")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("accepted"):
            return data
        level = self.instance.level
        if level == "norm" and data.get("tolerance") is None:
            data["tolerance"] = 0
        if level in ("theme", "agreement") and not (data.get("name") or "").strip():
            self.add_error("name", _("Vul een naam in, of neem dit onderdeel niet over."))
        if level == "agreement" and not (data.get("number") or "").strip():
            self.add_error("number", _("Vul een nummer in."))
        if level == "norm":
            if not (data.get("indicator") or "").strip():
                self.add_error("indicator", _("Vul de indicator in."))
            try:
                services.check_norm(
                    data.get("norm_kind") or "",
                    data.get("value"),
                    data.get("low"),
                    data.get("high"),
                    data.get("label") or "",
                    data.get("tolerance"),
                )
            except (ValueError, TypeError, KeyError) as exc:
                self.add_error(
                    None, verdicts.message(exc, gettext) or _("Deze norm is niet volledig.")
                )
        return data


ItemFormSet = forms.modelformset_factory(
    ProposedItem, form=ItemForm, extra=0, can_delete=False, edit_only=True
)
