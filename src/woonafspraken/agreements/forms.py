"""Forms for setting up a cycle: the cycle, its themes, agreements, targets and indicators.

Each form checks what it can on its own (required fields, choices, numbers); the service it
feeds checks the rest (duplicates, parties, phase) and its errors come back beside the same
fields through :func:`show_errors`. Nothing is written while any field is wrong.
"""

from typing import Any

from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from woonafspraken.accounts.models import Municipality, Organisation
from woonafspraken.forms import NumberField

from .models import Agreement, Assessment, Cycle, Indicator, Target, Theme

TEXT = "utrecht-textbox utrecht-textbox--html-input"
AREA = "utrecht-textarea utrecht-textarea--html-textarea"
SELECT = "utrecht-select utrecht-select--html-select"


def _refuse_impossible_ids(field: forms.ModelChoiceField) -> None:  # type: ignore[type-arg]
    """A choice of a record by id accepts only what can be an id: ``abc`` or 40 digits get
    the field's own "not a valid choice" message instead of a database error."""
    original = field.clean

    def clean(value: Any) -> Any:
        values = value if isinstance(value, list | tuple) else [value]
        for one in values:
            if one in field.empty_values:
                continue
            text = str(getattr(one, "pk", one)).strip()
            if not (text.isdigit() and len(text) <= 18):
                raise ValidationError(
                    field.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": text[:20]},
                )
        return original(value)

    field.clean = clean  # type: ignore[method-assign]


class StyledForm(forms.Form):
    """Gives every widget the NL Design System class for its kind."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and not field.to_field_name:
                _refuse_impossible_ids(field)
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                continue
            if isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("class", AREA)
                widget.attrs.setdefault("rows", 4)
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", SELECT)
            elif isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "utrecht-checkbox utrecht-checkbox--html-input")
            else:
                widget.attrs.setdefault("class", TEXT)


def show_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's refusal beside the fields it names (else above the form)."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def party_organisations(
    municipality: Municipality, keep: Cycle | None = None
) -> QuerySet[Organisation]:
    """The organisations that can be a party in a cycle of ``municipality``: those working
    there (a corporation may work in several municipalities and is one organisation), and
    those already party in one of its cycles. Archived organisations are not offered, except
    where they already are a party of ``keep``."""
    active = Q(archived_at__isnull=True)
    if keep is not None:
        active |= Q(cycles=keep)
    return (
        Organisation.objects.filter(
            Q(municipality=municipality)
            | Q(municipalities=municipality)
            | Q(cycles__municipality=municipality)
        )
        .filter(active)
        .distinct()
        .order_by("kind", "name")
    )


def active_parties(cycle: Cycle, *keep: Any) -> QuerySet[Organisation]:
    """The cycle's parties to offer in a form: not archived, unless one of ``keep`` (the
    organisations the record already names)."""
    kept = [k.pk if isinstance(k, Organisation) else k for k in keep if k]
    return cycle.parties.filter(Q(archived_at__isnull=True) | Q(pk__in=kept)).order_by(
        "kind", "name"
    )


def year_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=2000,
        max_value=2100,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "size": 6}),
    )


#: The error codes of a number field: one message can answer them all.
NUMBER_CODES = ("required", "invalid", "min_value", "max_value")


def version_field() -> forms.IntegerField:
    """The version of a record the page showed (hidden); junk in it is an old or altered
    page, said as such instead of being read as "no version"."""
    stale = _("Deze pagina is verouderd. Laad haar opnieuw en voer uw wijziging opnieuw in.")
    return forms.IntegerField(
        required=False,
        min_value=0,
        widget=forms.HiddenInput,
        error_messages=dict.fromkeys(NUMBER_CODES, stale),
        max_value=2**31 - 1,
    )


def cycle_year_field(cycle: Cycle) -> forms.TypedChoiceField:
    """The year of ``cycle`` a page showed (hidden): one of the cycle's years. Empty is its
    first year, as a page asked for without a year shows it; any other value is an old or
    altered page, said as such."""
    outside = gettext(
        "Het jaar ligt buiten de looptijd van deze afspraken (%(period)s). Laad de pagina opnieuw."
    ) % {"period": cycle.period_label}
    return forms.TypedChoiceField(
        choices=[(year, str(year)) for year in cycle.years],
        coerce=int,
        required=False,
        empty_value=cycle.start_year,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": outside},
    )


class CycleYearForm(forms.Form):
    """A form sent from a page of one year of a cycle: ``year`` is that year (see
    :func:`cycle_year_field`); the forms below that are sent from such a page build on it."""

    def __init__(self, *args: Any, cycle: Cycle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        self.fields["year"] = cycle_year_field(cycle)

    @property
    def shown_year(self) -> int:
        """The year to show after sending: the one sent, or the cycle's first if it was wrong."""
        return int(getattr(self, "cleaned_data", {}).get("year") or self.cycle.start_year)


class ActionForm(forms.Form):
    """Which button of a row of buttons was pressed; any other value is refused aloud, never
    read as one of them."""

    action = forms.ChoiceField()

    def __init__(self, *args: Any, actions: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["action"]
        field.choices = [(action, action) for action in actions]  # type: ignore[attr-defined]
        unknown = gettext(
            "Deze handeling bestaat niet. Kies een van de knoppen op de pagina; laad de pagina "
            "opnieuw als u die knop niet ziet."
        )
        field.error_messages.update(required=unknown, invalid_choice=unknown)


class CycleForm(StyledForm):
    title = forms.CharField(label=_("Titel"), max_length=200)
    start_year = year_field(_("Eerste jaar"))
    end_year = year_field(_("Laatste jaar"))
    parties = forms.ModelMultipleChoiceField(
        label=_("Partijen"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De gemeente, de corporaties en hun huurdersorganisaties."),
    )
    description = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea, max_length=10000
    )

    def __init__(
        self, *args: Any, municipality: Municipality, cycle: Cycle | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = party_organisations(municipality, keep=cycle)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("Het laatste jaar ligt vóór het eerste jaar."))
        return data


class PublicationForm(StyledForm):
    """One button: make the cycle public, or withdraw that (the value is what it becomes)."""

    published = forms.BooleanField(required=False, widget=forms.HiddenInput)


class CopyCycleForm(StyledForm):
    source = forms.ModelChoiceField(
        label=_("Kopieer van"), queryset=Cycle.objects.none(), empty_label=None
    )
    title = forms.CharField(label=_("Titel van de nieuwe cyclus"), max_length=200)
    start_year = year_field(_("Eerste jaar"))
    end_year = year_field(_("Laatste jaar"))

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cycles = Cycle.objects.filter(municipality=municipality).order_by("-start_year", "title")
        self.fields["source"].queryset = cycles  # type: ignore[attr-defined]
        last = cycles.first()
        if last is not None and not self.is_bound:
            year = last.end_year + 1
            self.initial.update(
                {
                    "source": last.pk,
                    "title": _("Prestatieafspraken %(year)s") % {"year": year},
                    "start_year": year,
                    "end_year": year,
                }
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("Het laatste jaar ligt vóór het eerste jaar."))
        return data


def _person_label(user: Any) -> str:
    return str(user.get_full_name() or user.get_username())


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _person_label(obj)


class ThemeForm(StyledForm):
    name = forms.CharField(label=_("Naam"), max_length=120)
    lead_organisation = forms.ModelChoiceField(
        label=_("Trekker"), queryset=Organisation.objects.none(), required=False
    )
    project_leader = PersonChoiceField(
        label=_("Projectleider"),
        queryset=get_user_model().objects.none(),
        required=False,
        help_text=_("Een persoon van de trekkende partij."),
    )
    description = forms.CharField(
        label=_("Omschrijving"), required=False, widget=forms.Textarea, max_length=10000
    )
    # The version of the theme the form showed; a change someone made meanwhile is not
    # overwritten (see services.update_theme).
    version = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, cycle: Cycle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parties = active_parties(cycle, self.initial.get("lead_organisation"))
        self.fields["lead_organisation"].queryset = parties  # type: ignore[attr-defined]
        people = (
            get_user_model()
            .objects.filter(memberships__organisation__in=parties, is_active=True)
            .distinct()
            .order_by("last_name", "first_name", "username")
        )
        self.fields["project_leader"].queryset = people  # type: ignore[attr-defined]


class AgreementForm(StyledForm):
    theme = forms.ModelChoiceField(label=_("Thema"), queryset=Theme.objects.none())
    number = forms.CharField(
        label=_("Nummer"),
        max_length=20,
        required=False,
        help_text=_("Leeg: het volgende vrije nummer in het thema."),
    )
    title = forms.CharField(label=_("Titel"), max_length=300)
    text = forms.CharField(label=_("Tekst"), required=False, widget=forms.Textarea)
    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=Agreement.Kind.choices,
        initial=Agreement.Kind.EFFORT,
        widget=forms.RadioSelect,
    )
    start_year = year_field(
        _("Vanaf jaar"), required=False, help_text=_("Leeg: vanaf het begin van de cyclus.")
    )
    end_year = year_field(
        _("Tot en met jaar"),
        required=False,
        help_text=_("Leeg: tot het einde van de cyclus. Later: een meerjarige afspraak."),
    )
    lead_party = forms.ModelChoiceField(
        label=_("Trekker"), queryset=Organisation.objects.none(), required=False
    )
    involved_parties = forms.ModelMultipleChoiceField(
        label=_("Verantwoordelijke partijen"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    indicators = forms.ModelMultipleChoiceField(
        label=_("Gevolgde indicatoren"),
        queryset=Indicator.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Cijfers die bij deze afspraak worden gevolgd zonder norm."),
    )
    goal = forms.ModelChoiceField(
        label=_("Beleidsdoel (optioneel)"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Het doel uit de woonvisie waar deze afspraak aan bijdraagt."),
    )
    # The version of the agreement the change page showed (only when changing one).
    version = version_field()

    def __init__(
        self,
        *args: Any,
        cycle: Cycle,
        with_goal: bool = True,
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        if not editing:
            del self.fields["version"]
        themes = cycle.themes.filter(archived=False).order_by("order", "id")
        self.fields["theme"].queryset = themes  # type: ignore[attr-defined]
        parties = active_parties(
            cycle, self.initial.get("lead_party"), *self.initial.get("involved_parties", ())
        )
        self.fields["lead_party"].queryset = parties  # type: ignore[attr-defined]
        self.fields["involved_parties"].queryset = parties  # type: ignore[attr-defined]
        followed = [i.pk for i in self.initial.get("indicators", ())]
        self.fields["indicators"].queryset = Indicator.objects.filter(  # type: ignore[attr-defined]
            Q(municipality_id=cycle.municipality_id) | Q(municipality__isnull=True),
            Q(archived=False) | Q(pk__in=followed),
        ).order_by("name")
        if with_goal:
            # governance builds on agreements: reach its model by name, not by import
            goals = apps.get_model("governance", "PolicyGoal").objects.filter(
                document__municipality_id=cycle.municipality_id
            )
            self.fields["goal"].queryset = goals.select_related("document")  # type: ignore[attr-defined]
        else:
            del self.fields["goal"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("Het laatste jaar ligt vóór het eerste jaar."))
        return data


NUMBER = {"inputmode": "decimal", "size": 10}


class TargetForm(StyledForm):
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none())
    party = forms.ModelChoiceField(
        label=_("Partij"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("de partijen gezamenlijk"),
    )
    year = forms.TypedChoiceField(
        label=_("Jaar"), coerce=int, empty_value=None, required=False, choices=()
    )
    kind = forms.ChoiceField(label=_("Soort norm"), choices=Target.Kind.choices)
    value = NumberField(
        label=_("Waarde"),
        required=False,
        widget=forms.TextInput(attrs=NUMBER),
        help_text=_("Voor minimaal, maximaal en precies; bijvoorbeeld 45 of 11,5."),
    )
    tolerance = NumberField(
        label=_("Marge"),
        required=False,
        widget=forms.TextInput(attrs=NUMBER),
        help_text=_("Alleen bij precies."),
    )
    low = NumberField(label=_("Ondergrens"), required=False, widget=forms.TextInput(attrs=NUMBER))
    high = NumberField(label=_("Bovengrens"), required=False, widget=forms.TextInput(attrs=NUMBER))
    label = forms.CharField(
        label=_("Energielabel"),
        required=False,
        max_length=8,
        help_text=_("Bij ‘energielabel minstens’: A++++ tot en met G."),
    )
    note = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea)
    # The version of the norm its own page showed (only when changing one).
    version = version_field()

    def __init__(self, *args: Any, cycle: Cycle, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["version"]
        indicators = Indicator.objects.filter(
            Q(municipality_id=cycle.municipality_id) | Q(municipality__isnull=True),
            archived=False,
        )
        self.fields["indicator"].queryset = indicators  # type: ignore[attr-defined]
        self.fields["party"].queryset = active_parties(cycle, self.initial.get("party"))  # type: ignore[attr-defined]
        self.fields["year"].choices = [  # type: ignore[attr-defined]
            ("", _("de hele looptijd (cumulatief)")),
            *[(y, str(y)) for y in cycle.years],
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        needed = {
            "min": ("value",),
            "max": ("value",),
            "exact": ("value",),
            "range": ("low", "high"),
            "label_at_least": ("label",),
        }.get(kind or "", ())
        for name in needed:
            if data.get(name) is None or str(data[name]).strip() == "":
                self.add_error(name, _("Vul dit in voor deze soort norm."))
        return data


def figure_field(target: Target, **kwargs: Any) -> forms.Field:
    """The field for a realised figure of ``target``: an energy label as text, else a number
    as the reader types it."""
    kwargs.setdefault("label", _("Waarde"))
    if target.indicator.unit == Indicator.Unit.ENERGY_LABEL:
        return forms.CharField(max_length=8, **kwargs)
    return NumberField(**kwargs)


def _text(limit: int, *, required: bool = False) -> forms.CharField:
    """A text field whose messages the form's ``__init__`` sets (see :func:`_say`): they are
    the services' own sentences, whole, so no field name goes before them."""
    return forms.CharField(required=required, max_length=limit)


def _say(form: forms.Form, **by_field: dict[str, str]) -> None:
    """Give each named field its own messages, in the reader's language."""
    for name, said in by_field.items():
        if name in form.fields:
            form.fields[name].error_messages.update(said)


class MeasurementForm(CycleYearForm):
    """A realised figure of one norm in one year, typed beside the norm."""

    note = _text(5000)
    source = _text(300)
    version = version_field()

    def __init__(self, *args: Any, target: Target, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {"value": figure_field(target), **self.fields}
        _say(
            self,
            note={"max_length": gettext("De toelichting is te lang (hoogstens 5000 tekens).")},
            source={"max_length": gettext("De bron is te lang (hoogstens 300 tekens).")},
        )


class FiguresForm(forms.Form):
    """The realised figures of several norms at once (``value-<id>``, ``source-<id>``,
    ``note-<id>``); a norm left empty is skipped, every wrong row is told at once."""

    def __init__(self, *args: Any, targets: list[Target], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.targets = targets
        too_long_source = gettext("De bron is te lang (hoogstens 300 tekens).")
        too_long_note = gettext("De toelichting is te lang (hoogstens 5000 tekens).")
        for target in targets:
            self.fields[f"value-{target.pk}"] = figure_field(target, required=False)
            self.fields[f"source-{target.pk}"] = _text(300)
            self.fields[f"note-{target.pk}"] = _text(5000)
            _say(
                self,
                **{
                    f"source-{target.pk}": {"max_length": too_long_source},
                    f"note-{target.pk}": {"max_length": too_long_note},
                },
            )

    def typed(self, target: Target) -> dict[str, str]:
        """What the reader typed in ``target``'s row, to show again."""
        return {part: str(self.data.get(f"{part}-{target.pk}", "")) for part in self.PARTS}

    PARTS = ("value", "source", "note")

    def row_error(self, target: Target) -> str | None:
        """Every problem of ``target``'s row in one line, or ``None``."""
        problems = [e for part in self.PARTS for e in self.errors.get(f"{part}-{target.pk}", ())]
        return " ".join(problems) or None

    def filled(self) -> list[tuple[Target, Any, str, str]]:
        """(norm, value, note, source) of every row with a value."""
        data = self.cleaned_data
        return [
            (t, data[f"value-{t.pk}"], data[f"note-{t.pk}"], data[f"source-{t.pk}"])
            for t in self.targets
            if data[f"value-{t.pk}"] not in (None, "")
        ]


class AssessmentForm(CycleYearForm):
    """The qualitative status of an agreement in a year, with its explanation."""

    status = forms.ChoiceField(choices=Assessment.Status.choices)
    explanation = _text(10000)
    version = version_field()
    next = forms.CharField(required=False, max_length=20)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        status = gettext("Kies een geldige status.")
        _say(
            self,
            status={"required": status, "invalid_choice": status},
            explanation={
                "max_length": gettext("De toelichting is te lang (hoogstens 10000 tekens).")
            },
        )


class AssignmentForm(CycleYearForm):
    """A board assignment of a theme; its findings come one by one (:class:`FindingForm`)."""

    assignment_year = forms.IntegerField(min_value=1, max_value=9999)  # bounds: __init__
    title = _text(200, required=True)
    text = _text(10000)

    def __init__(self, *args: Any, years: tuple[int, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        low, high = years
        wrong_year = gettext("Vul een jaar in tussen %(low)s en %(high)s, bijvoorbeeld 2016.")
        self.fields["assignment_year"] = forms.IntegerField(
            min_value=low,
            max_value=high,
            error_messages=dict.fromkeys(NUMBER_CODES, wrong_year % {"low": low, "high": high}),
        )
        _say(
            self,
            title={
                "required": gettext("Vul een titel in, bijvoorbeeld ‘Bestuursopdracht 2016’."),
                "max_length": gettext("De titel is te lang (hoogstens %(n)s tekens).") % {"n": 200},
            },
            text={
                "max_length": gettext("De opdracht is te lang (hoogstens %(n)s tekens).")
                % {"n": 10000}
            },
        )


class FindingForm(CycleYearForm):
    """A finding (conclusion) of a board assignment: new, changed, or removed."""

    text = _text(2000)
    source = _text(300)
    version = version_field()
    remove = forms.BooleanField(required=False)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.editing = editing
        if not editing:
            del self.fields["version"]
            del self.fields["remove"]
        _say(
            self,
            text={
                "max_length": gettext("De conclusie is te lang (hoogstens %(n)s tekens).")
                % {"n": 2000}
            },
            source={"max_length": gettext("De bron is te lang (hoogstens 300 tekens).")},
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("remove"):
            # removing asks nothing of the text the page still showed
            for name in ("text", "source"):
                self.errors.pop(name, None)
        elif "text" in data and not data["text"]:
            self.add_error(
                "text",
                gettext("Vul de conclusie in; wilt u haar weghalen, kies dan ‘Verwijderen’.")
                if self.editing
                else gettext("Vul de conclusie in."),
            )
        return data


class AgreementTextForm(CycleYearForm):
    """The quick change of an agreement's title and text beside it; the service checks them."""

    title = forms.CharField(label=_("Titel"), required=False, strip=True)
    text = forms.CharField(label=_("Tekst"), required=False, strip=False)
    version = version_field()


class NormValueForm(CycleYearForm):
    """The quick change of a norm's numbers beside the agreement: only the fields of its kind
    count; the whole norm changes on its own page (:class:`TargetForm`)."""

    value = NumberField(label=_("Normwaarde"), required=False)
    low = NumberField(label=_("Ondergrens"), required=False)
    high = NumberField(label=_("Bovengrens"), required=False)
    label = forms.CharField(label=_("Label"), required=False, max_length=8)
    version = version_field()

    FIELDS = {"range": ("low", "high"), "label_at_least": ("label",)}

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind_fields = self.FIELDS.get(kind, ("value",))

    def changes(self) -> dict[str, Any]:
        return {f: self.cleaned_data[f] for f in self.kind_fields}


class IndicatorForm(StyledForm):
    name = forms.CharField(label=_("Naam"), max_length=200)
    unit = forms.ChoiceField(label=_("Eenheid"), choices=Indicator.Unit.choices)
    direction = forms.ChoiceField(
        label=_("Richting"),
        choices=Indicator.Direction.choices,
        initial=Indicator.Direction.NEUTRAL,
    )
    aggregation = forms.ChoiceField(
        label=_("Cijfers van de partijen samenvoegen"),
        choices=Indicator.Aggregation.choices,
        initial=Indicator.Aggregation.SUM,
    )
    source = forms.CharField(label=_("Bron"), max_length=300, required=False)
    description = forms.CharField(
        label=_("Omschrijving"), required=False, widget=forms.Textarea, max_length=5000
    )
    archived = forms.BooleanField(label=_("Gearchiveerd"), required=False)
    # The version of the indicator the form showed (see ThemeForm.version).
    version = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["archived"]
            del self.fields["version"]


class ConceptAgreementForm(StyledForm):
    """A bid line becomes a concept agreement: the theme (one of the cycle's), and optionally
    the indicator its planned numbers become yearly targets of."""

    theme = forms.ModelChoiceField(label=_("Thema"), queryset=Theme.objects.none())
    number = forms.CharField(
        label=_("Nummer van de afspraak"),
        max_length=20,
        required=False,
        help_text=_("Leeg: het volgende vrije nummer in het thema."),
    )
    indicator = forms.ModelChoiceField(
        label=_("Indicator voor de geplande aantallen"),
        queryset=Indicator.objects.none(),
        required=False,
        empty_label=_("geen: alleen de afspraak, zonder normen"),
    )
    kind = forms.ChoiceField(
        label=_("Soort norm"),
        choices=[(k, label) for k, label in Target.Kind.choices if k in ("min", "max", "exact")],
        initial=Target.Kind.MIN,
    )

    def __init__(self, *args: Any, cycle: Cycle, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = cycle.themes.filter(archived=False)  # type: ignore[attr-defined]
        self.fields["indicator"].queryset = Indicator.objects.filter(  # type: ignore[attr-defined]
            Q(municipality_id=cycle.municipality_id) | Q(municipality__isnull=True),
            unit=Indicator.Unit.COUNT,
            archived=False,
        )
