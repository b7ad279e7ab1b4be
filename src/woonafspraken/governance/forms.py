"""Forms of the governance, policy and bid pages."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from woonafspraken.accounts.models import Organisation

from .models import PolicyGoal


class StartBidForm(forms.Form):
    """A new draft bid: the corporation and the bid's year (the page offers the cycle's first
    year). Whether the person may write for that corporation is the service's check."""

    corporation = forms.ModelChoiceField(
        label=_("Corporatie"), queryset=Organisation.objects.all(), empty_label=None
    )
    year = forms.IntegerField(label=_("Jaar van het bod"), min_value=2000, max_value=2100)


class GoalMeasureForm(forms.Form):
    """Which housing figure a goal is checked against, and the share it must reach."""

    measure = forms.ChoiceField(
        label=_("Toets"), choices=PolicyGoal.Measure.choices, required=False
    )
    minimum_share = forms.DecimalField(
        label=_("Ten minste (%)"),
        min_value=0,
        max_value=100,
        max_digits=4,
        decimal_places=1,
        required=False,
        localize=True,
    )


class BidItemGoalForm(forms.Form):
    """The policy goal a bid line serves: one of the municipality's goals, or none. ``goals``
    is the list the page holds already, so a form per line costs no query."""

    goal = forms.TypedChoiceField(
        label=_("Beleidsdoel (optioneel)"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, goals: list[PolicyGoal], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["goal"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("geen")), *((g.pk, f"{g.theme_name} · {g.title}") for g in goals)]
        field.widget.attrs["class"] = "utrecht-select utrecht-select--html-select"
