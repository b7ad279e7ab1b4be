"""Forms of the governance, policy and bid pages.

Each form checks what it can on its own (required fields, choices, dates, numbers, lengths), so
every problem shows at once beside its field before anything is written; the service it feeds
checks the rest (permissions, the municipality of a choice, duplicates, the cycle's phase) and
its refusal comes back into the same form through
:func:`woonafspraken.agreements.forms.show_errors`.

A choice of a record accepts any record that exists, as the services expect: whether it belongs
to the municipality, or whether the person may write there, is the service's check with its own
message. The options a page offers are only those that make sense there (see :func:`offer`).
"""

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from woonafspraken.accounts.models import Municipality, Organisation
from woonafspraken.agreements.forms import AREA, TEXT, StyledForm
from woonafspraken.agreements.models import Agreement, Theme
from woonafspraken.forms import DateField

from . import services
from .models import BID_YEARS, ActionItem, Body, PolicyDocument, PolicyGoal, Section


def offer(field: forms.Field, objects: Iterable[Any], label: Callable[[Any], str] = str) -> None:
    """The options ``field`` shows: ``objects`` the page holds already (no query), with the
    field's empty option first. What the field accepts stays its queryset."""
    choices: list[tuple[Any, Any]] = [(o.pk, label(o)) for o in objects]
    empty = getattr(field, "empty_label", None)
    if empty is not None and not isinstance(field, forms.ModelMultipleChoiceField):
        choices.insert(0, ("", empty))
    field.widget.choices = choices  # type: ignore[attr-defined]


def agreement_label(agreement: Agreement) -> str:
    return f"{agreement.theme.cycle.title} · {agreement.number} {agreement.title}"


def _version() -> forms.CharField:
    """The version of a record the page showed (a short fingerprint, hidden): a change someone
    made meanwhile is not overwritten (see the services' ``expected_version``)."""
    return forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)


def _text(
    label: Any, *, limit: int = 20000, required: bool = False, **attrs: Any
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60, **attrs}),
    )


def _capitalised(choices: Any) -> list[tuple[str, Any]]:
    return [(value, capfirst(label)) for value, label in choices]


# --- Governance --------------------------------------------------------------------------------


class _NewInMunicipality(StyledForm):
    """Something new of a municipality the person manages: which municipality, and the kind
    (``kinds``, refused with ``kind_refused``)."""

    kinds: Any = ()
    kind_refused: Any = ""

    municipality = forms.ModelChoiceField(
        label=_("Gemeente"), queryset=Municipality.objects.all(), empty_label=None
    )
    kind = forms.ChoiceField(label=_("Soort"), choices=())

    def __init__(self, *args: Any, municipalities: list[Municipality], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = _capitalised(self.kinds)
        kind.error_messages["invalid_choice"] = self.kind_refused
        offer(self.fields["municipality"], municipalities, lambda m: m.name)


class BodyForm(_NewInMunicipality):
    """A new body (overleg)."""

    kinds = Body.Kind.choices
    kind_refused = _("Kies een geldige soort overleg.")

    name = forms.CharField(
        label=_("Naam"), max_length=200, widget=forms.TextInput(attrs={"size": 40})
    )
    theme_name = forms.CharField(
        label=_("Thema"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"size": 40}),
    )
    theme = forms.ModelChoiceField(
        label=_("Thema in een cyclus"),
        queryset=Theme.objects.select_related("cycle"),
        required=False,
        empty_label="—",
    )
    lead_organisation = forms.ModelChoiceField(
        label=_("Trekker"),
        queryset=Organisation.objects.all(),
        required=False,
        empty_label="—",
    )
    member_organisations = forms.ModelMultipleChoiceField(
        label=_("Leden (organisaties)"),
        queryset=Organisation.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(
        self, *args: Any, organisations: list[Organisation], themes: list[Theme], **kwargs: Any
    ) -> None:
        kwargs.setdefault("auto_id", "body-%s")
        super().__init__(*args, **kwargs)
        offer(self.fields["theme"], themes, lambda t: f"{t.cycle.title} · {t.name}")
        groups: dict[str, list[tuple[int, str]]] = {}
        for organisation in organisations:  # by municipality, as the list comes
            groups.setdefault(organisation.municipality.name, []).append(
                (organisation.pk, organisation.name)
            )
        self.fields["member_organisations"].widget.choices = list(groups.items())  # type: ignore[attr-defined]
        self.fields["lead_organisation"].widget.choices = [("", "—"), *groups.items()]  # type: ignore[attr-defined]


class BodyMembersForm(StyledForm):
    """The organisations in a body; ``organisations`` are the ones the page offers."""

    member_organisations = forms.ModelMultipleChoiceField(
        label=_("Organisaties in dit overleg"),
        queryset=Organisation.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = _version()

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer(self.fields["member_organisations"], organisations, lambda o: o.name)


class MeetingForm(StyledForm):
    """A meeting's date (as people type it), agenda and minutes."""

    date = DateField(label=_("Datum"))
    agenda = _text(_("Agenda"))
    minutes = _text(_("Verslag"))


class MeetingEditForm(MeetingForm):
    """The same, for a meeting already recorded: with the version the page showed."""

    version = _version()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "edit-%s")
        super().__init__(*args, **kwargs)
        self.fields["agenda"].widget.attrs.update(rows=6, cols=70)
        self.fields["minutes"].widget.attrs.update(rows=10, cols=70)


class DecisionForm(StyledForm):
    text = _text(_("Besluit"), required=True, rows=3, cols=50)
    agreements = forms.ModelMultipleChoiceField(
        label=_("Over de afspraken"),
        queryset=Agreement.objects.select_related("theme__cycle"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args: Any, agreements: list[Agreement], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "decision-%s")
        super().__init__(*args, **kwargs)
        offer(self.fields["agreements"], agreements, agreement_label)


class ActionItemForm(StyledForm):
    """A new action item of a meeting; the owner is an organisation of its municipality."""

    description = _text(_("Omschrijving"), limit=5000, required=True, rows=3, cols=50)
    owner_organisation = forms.ModelChoiceField(
        label=_("Eigenaar"), queryset=Organisation.objects.none(), required=False, empty_label="—"
    )
    due_date = DateField(label=_("Uiterlijk"), required=False)

    def __init__(
        self,
        *args: Any,
        municipality_id: int,
        organisations: list[Organisation],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("auto_id", "item-%s")
        super().__init__(*args, **kwargs)
        owner = self.fields["owner_organisation"]
        owner.queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            municipality_id=municipality_id, archived_at__isnull=True
        )
        offer(owner, organisations, lambda o: o.name)


class ActionItemStatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=ActionItem.Status.choices,
        error_messages=dict.fromkeys(("required", "invalid_choice"), _("Kies een geldige status.")),
    )
    version = _version()


class VersionForm(forms.Form):
    """Only the version the page showed (removing a bid row)."""

    version = _version()


# --- Policy ------------------------------------------------------------------------------------

YEAR_MESSAGE = _("Vul een geldig jaar in (bijvoorbeeld 2018).")


class PolicyDocumentForm(_NewInMunicipality):
    """A woonvisie or volkshuisvestingsprogramma."""

    kinds = PolicyDocument.Kind.choices
    kind_refused = _("Kies woonvisie of volkshuisvestingsprogramma.")

    title = forms.CharField(
        label=_("Titel"), max_length=200, widget=forms.TextInput(attrs={"size": 40})
    )
    year = forms.IntegerField(
        label=_("Jaar"),
        min_value=1990,
        max_value=2100,
        error_messages=dict.fromkeys(
            ("required", "invalid", "min_value", "max_value"), YEAR_MESSAGE
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "pattern": "[0-9]{4}", "size": 6}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "document-%s")
        super().__init__(*args, **kwargs)


class GoalForm(StyledForm):
    """A goal under a theme of a policy document."""

    theme_name = forms.CharField(
        label=_("Thema"), max_length=200, widget=forms.TextInput(attrs={"size": 40})
    )
    title = forms.CharField(
        label=_("Doel"), max_length=300, widget=forms.TextInput(attrs={"size": 60})
    )
    text = _text(_("Toelichting"), rows=3)

    def __init__(self, *args: Any, document: PolicyDocument, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"goal-{document.pk}-%s")
        super().__init__(*args, **kwargs)


class GoalMeasureForm(StyledForm):
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
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "goal-%s")
        super().__init__(*args, **kwargs)


class GoalLinkForm(StyledForm):
    """An agreement to link to a goal (or unlink from it)."""

    agreement = forms.ModelChoiceField(
        label=_("Afspraak koppelen"),
        queryset=Agreement.objects.select_related("theme__cycle"),
        empty_label=None,
    )

    def __init__(self, *args: Any, candidates: list[Agreement], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "link-%s")
        super().__init__(*args, **kwargs)
        offer(self.fields["agreement"], candidates, agreement_label)


# --- Bids --------------------------------------------------------------------------------------


class StartBidForm(StyledForm):
    """A new draft bid: the corporation and the bid's year (the page offers the cycle's first
    year). Whether the person may write for that corporation is the service's check."""

    corporation = forms.ModelChoiceField(
        label=_("Corporatie"), queryset=Organisation.objects.all(), empty_label=None
    )
    year = forms.IntegerField(
        label=_("Jaar van het bod"),
        min_value=2000,
        max_value=2100,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 6}),
    )

    def __init__(self, *args: Any, corporations: list[Organisation], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "bid-%s")
        super().__init__(*args, **kwargs)
        offer(self.fields["corporation"], corporations, lambda o: o.name)


class BidTextsForm(StyledForm):
    """The free text of each part a–f of a bid, each with the version the page showed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for letter, label in Section.choices:
            self.fields[f"section-{letter}"] = forms.CharField(
                label=capfirst(label),
                required=False,
                max_length=20000,
                widget=forms.Textarea(
                    attrs={"class": AREA, "id": f"text-{letter}", "rows": 3, "cols": 70}
                ),
            )
            self.fields[f"version-{letter}"] = _version()

    def sections(self) -> dict[str, str]:
        return {letter: self.cleaned_data[f"section-{letter}"] for letter in Section.values}

    def seen(self) -> dict[str, str]:
        """The versions the page showed, of the parts it showed."""
        return {
            letter: version
            for letter in Section.values
            if (version := self.cleaned_data[f"version-{letter}"])
        }

    def reject(self, exc: services.BidRejected) -> None:
        for error in exc.errors:
            name = f"section-{error.field}"
            self.add_error(name if name in self.fields else None, error.message)


class BidItemForm(StyledForm):
    """One row of a bid, checked exactly as the Excel import and the API check a row
    (:func:`services.check_item`), every problem beside its field. ``goals`` are the policy
    goals of the bid's municipality (the page holds them already: no query per row), ``years``
    the bid's planned years, ``ids`` the start of each field's id."""

    section = forms.ChoiceField(
        label=_("Onderdeel"),
        choices=Section.choices,
        error_messages=dict.fromkeys(
            ("required", "invalid_choice"), _("Kies een onderdeel a tot en met f.")
        ),
    )
    description = forms.CharField(
        label=_("Omschrijving"),
        required=False,  # the row check says what is missing, as on import
        widget=forms.TextInput(attrs={"maxlength": 300, "size": 30}),
    )
    postcode = forms.CharField(
        label=_("Postcode (4 cijfers)"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 5}),
    )
    goal = forms.TypedChoiceField(
        label=_("Beleidsdoel (optioneel)"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Kies een beleidsdoel van de gemeente van dit bod.")},
    )
    version = _version()

    def __init__(
        self,
        *args: Any,
        goals: list[PolicyGoal],
        years: list[int],
        ids: str,
        new: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if new:
            self.fields["postcode"].label = _("Postcode (4 cijfers; verplicht bij onderdeel c)")
            self.fields["description"].widget.attrs["size"] = 50
        self.goals = {g.pk: g for g in goals}
        goal = self.fields.pop("goal")
        version = self.fields.pop("version")
        for position, year in enumerate(years[:BID_YEARS], start=1):
            self.fields[f"planned_{position}"] = forms.CharField(
                label=_("Gepland in %(year)s") % {"year": year},
                required=False,
                widget=forms.TextInput(attrs={"class": TEXT, "inputmode": "numeric", "size": 6}),
            )
        self.fields["goal"] = goal  # after the years, as the page shows them
        self.fields["version"] = version
        assert isinstance(goal, forms.TypedChoiceField)
        goal.choices = [("", _("geen")), *((g.pk, f"{g.theme_name} · {g.title}") for g in goals)]
        for name, field in self.fields.items():
            field.widget.attrs["id"] = f"{ids}-{name.replace('_', '-')}"

    def item(self) -> dict[str, Any]:
        """The row in the shape the API and the Excel import give it."""
        data = self.cleaned_data
        return {
            "section": data.get("section", ""),
            "description": data.get("description", ""),
            "postcode": data.get("postcode", ""),
            "planned": [data.get(f"planned_{i}", "") for i in range(1, BID_YEARS + 1)],
            "goal": data.get("goal"),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _clean, problems = services.check_item(0, self.item(), self.goals)
        self.reject(services.BidRejected(problems))
        return data

    def reject(self, exc: services.BidRejected) -> None:
        """Each problem of the row check beside its field (one message per field)."""
        for error in exc.errors:
            name = error.field if error.field in self.fields else None
            if name is None or name not in self.errors:
                self.add_error(name, error.message)
