from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Scenario, Table


class ImportForm(forms.Form):
    table = forms.ChoiceField(label=_("Tabel"), choices=Table.choices)
    file = forms.FileField(label=_("Bestand (CSV of Excel)"))
    source = forms.CharField(label=_("Bron"), max_length=300)
    source_date = forms.DateField(
        label=_("Peildatum van de bron"), widget=forms.DateInput(attrs={"type": "date"})
    )
    fictional = forms.BooleanField(label=_("Fictieve cijfers"), required=False)
    replace = forms.BooleanField(
        label=_("Vervangt eerdere sets van deze tabel met dezelfde jaren"),
        required=False,
        initial=True,
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not (name.endswith(".csv") or name.endswith(".xlsx")):
            raise forms.ValidationError(_("Kies een .csv- of .xlsx-bestand."))
        return upload


class ScenarioForm(forms.ModelForm):
    class Meta:
        model = Scenario
        fields = [
            "base_year",
            "end_year",
            "household_growth",
            "income_shift",
            "reliance",
            "new_build_per_year",
            "sales_per_year",
            "demolition_per_year",
            "liberalisation_per_year",
        ]


class AdoptForm(forms.Form):
    target = forms.IntegerField(widget=forms.HiddenInput)
    year = forms.IntegerField(widget=forms.HiddenInput)
