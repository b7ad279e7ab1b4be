"""Forms of the governance and bid pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from woonafspraken.accounts.models import Organisation


class StartBidForm(forms.Form):
    """A new draft bid: the corporation and the bid's year (the page offers the cycle's first
    year). Whether the person may write for that corporation is the service's check."""

    corporation = forms.ModelChoiceField(
        label=_("Corporatie"), queryset=Organisation.objects.all(), empty_label=None
    )
    year = forms.IntegerField(label=_("Jaar van het bod"), min_value=2000, max_value=2100)
