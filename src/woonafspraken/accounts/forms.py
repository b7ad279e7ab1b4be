"""Forms of the set-up pages: field validation here, the rules that need the database in
:mod:`.services` (whose errors the views put beside the same fields)."""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import AW_NUMBER, CBS_CODE, Municipality, Organisation, Province, Role

# The roles of the issue, in the order a municipality thinks of them.
ROLE_CHOICES = [
    (Role.CONTRIBUTOR.value, _("invoer: cijfers en toelichting van de eigen organisatie")),
    (Role.PROJECT_LEADER.value, _("projectleider van een thema")),
    (Role.COORDINATOR.value, _("coördinator: voert de cyclus en de afspraken")),
    (Role.SIGNATORY.value, _("bestuurder / ondertekenaar")),
    (Role.VIEWER.value, _("lezer")),
    (Role.ADMIN.value, _("beheerder: organisatie en mensen")),
]


class CodeField(forms.CharField):
    """A code such as GM0935 or L1234: spaces removed, capitals, before it is validated."""

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value) or "").replace(" ", "").upper()


class UtrechtForm(forms.Form):
    """Gives every widget the NL Design System (Utrecht) classes and marks invalid fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                widget.attrs.setdefault("class", "utrecht-checkbox utrecht-checkbox--html-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "utrecht-select utrecht-select--html-select")
            elif isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("class", "utrecht-textarea utrecht-textarea--html-textarea")
            else:
                widget.attrs.setdefault("class", "utrecht-textbox utrecht-textbox--html-input")
            if field.help_text:
                widget.attrs["aria-describedby"] = f"{self[name].auto_id}-help"

    def full_clean(self) -> None:
        super().full_clean()
        self._mark_invalid()

    def add_service_errors(self, exc: ValidationError) -> None:
        """Put a service's errors beside their fields (unknown fields go to the top)."""
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        else:
            self.add_error(None, exc)
        self._mark_invalid()

    def _mark_invalid(self) -> None:
        for name in self.errors:
            if name not in self.fields:
                continue
            described = [f"{self[name].auto_id}-error"]
            if self.fields[name].help_text:
                described.append(f"{self[name].auto_id}-help")
            self.fields[name].widget.attrs["aria-invalid"] = "true"
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(described)


class MunicipalityForm(UtrechtForm):
    name = forms.CharField(label=_("Naam"), max_length=120)
    cbs_code = CodeField(
        label=_("CBS-code"),
        max_length=6,
        validators=[CBS_CODE],
        help_text=_("‘GM’ en vier cijfers, zoals in de gemeentelijst van het CBS: GM0935."),
    )
    housing_region = forms.CharField(label=_("Woningbouwregio"), max_length=120, required=False)
    province = forms.ChoiceField(
        label=_("Provincie"), choices=[("", "—"), *Province.choices], required=False
    )

    @classmethod
    def for_municipality(cls, municipality: Municipality, data: Any = None) -> "MunicipalityForm":
        return cls(
            data,
            initial={
                "name": municipality.name,
                "cbs_code": municipality.cbs_code,
                "housing_region": municipality.housing_region,
                "province": municipality.province,
            },
        )


class AddMunicipalityForm(UtrechtForm):
    """Another municipality on this installation, and who sets it up there (invited)."""

    name = MunicipalityForm.base_fields["name"]
    cbs_code = MunicipalityForm.base_fields["cbs_code"]
    housing_region = MunicipalityForm.base_fields["housing_region"]
    province = MunicipalityForm.base_fields["province"]
    first_name = forms.CharField(label=_("Voornaam van de eerste beheerder"), max_length=150)
    last_name = forms.CharField(
        label=_("Achternaam van de eerste beheerder"), max_length=150, required=False
    )
    email = forms.EmailField(
        label=_("E-mailadres van de eerste beheerder"),
        help_text=_("Krijgt een uitnodiging en wordt beheerder en coördinator van de gemeente."),
    )

    def clean_cbs_code(self) -> str:
        # Told together with the other fields' errors (the service checks it again).
        code = self.cleaned_data["cbs_code"]
        if Municipality.objects.filter(cbs_code=code).exists():
            raise ValidationError(_("Er is al een gemeente met deze CBS-code."))
        return code


class OrganisationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:  # type: ignore[override]
        return obj.name


class OrganisationForm(UtrechtForm):
    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=[
            (Organisation.Kind.CORPORATION.value, _("woningcorporatie")),
            (Organisation.Kind.TENANT_ORGANISATION.value, _("huurdersorganisatie")),
            (Organisation.Kind.OTHER.value, _("overig")),
        ],
    )
    name = forms.CharField(label=_("Naam"), max_length=200)
    aw_number = CodeField(
        label=_("L-nummer (Autoriteit woningcorporaties)"),
        max_length=12,
        required=False,
        validators=[AW_NUMBER],
        help_text=_("Alleen voor een woningcorporatie, bijvoorbeeld L1234."),
    )
    corporations = OrganisationChoiceField(
        label=_("Vertegenwoordigt de huurders van"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alleen voor een huurdersorganisatie: één of meer corporaties."),
    )

    def __init__(
        self, *args: Any, corporations: Any = None, editing: Organisation | None = None, **kw: Any
    ) -> None:
        super().__init__(*args, **kw)
        self.fields["corporations"].queryset = (  # type: ignore[attr-defined]
            corporations if corporations is not None else Organisation.objects.none()
        )
        self.editing = editing
        if editing is not None:
            # The kind of an existing organisation does not change.
            del self.fields["kind"]
            if editing.kind != Organisation.Kind.CORPORATION:
                del self.fields["aw_number"]
            if editing.kind != Organisation.Kind.TENANT_ORGANISATION:
                del self.fields["corporations"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind", self.editing.kind if self.editing else None)
        if kind == Organisation.Kind.CORPORATION and "aw_number" in self.fields:
            if not data.get("aw_number") and "aw_number" not in self.errors:
                self.add_error("aw_number", _("Vul het L-nummer van de corporatie in."))
        elif data.get("aw_number"):
            self.add_error("aw_number", _("Alleen een woningcorporatie heeft een L-nummer."))
        if kind == Organisation.Kind.TENANT_ORGANISATION and "corporations" in self.fields:
            if not data.get("corporations"):
                self.add_error(
                    "corporations",
                    _(
                        "Kies de corporatie(s) waarvan deze organisatie de huurders "
                        "vertegenwoordigt."
                    ),
                )
        elif data.get("corporations"):
            self.add_error(
                "corporations", _("Alleen een huurdersorganisatie vertegenwoordigt huurders.")
            )
        return data

    @classmethod
    def for_organisation(
        cls, organisation: Organisation, data: Any = None, corporations: Any = None
    ) -> "OrganisationForm":
        return cls(
            data,
            editing=organisation,
            corporations=corporations,
            initial={
                "name": organisation.name,
                "aw_number": organisation.aw_number,
                "corporations": list(organisation.corporations.all()),
            },
        )


class JoinForm(UtrechtForm):
    aw_number = CodeField(
        label=_("L-nummer van de corporatie"),
        max_length=12,
        validators=[AW_NUMBER],
        help_text=_("Een corporatie die al in een andere gemeente in Woonafspraken werkt."),
    )


class InviteForm(UtrechtForm):
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mailadres"))
    roles = forms.MultipleChoiceField(
        label=_("Rollen"), choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple
    )


class RolesForm(UtrechtForm):
    roles = forms.MultipleChoiceField(
        label=_("Rollen"),
        choices=ROLE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Zonder rollen is de persoon geen lid meer van deze organisatie."),
    )


class SetPasswordForm(UtrechtForm):
    password1 = forms.CharField(
        label=_("Nieuw wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Ten minste acht tekens; niet alleen cijfers en niet te gewoon."),
    )
    password2 = forms.CharField(
        label=_("Nieuw wachtwoord (nogmaals)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        one, two = data.get("password1"), data.get("password2")
        if one and two and one != two:
            self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk."))
        elif one:
            try:
                password_validation.validate_password(one, self.user)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return data


class SetupForm(UtrechtForm):
    """What ``woonafspraken setup`` asks: the municipality and its first administrator."""

    municipality_name = forms.CharField(label=_("Naam van de gemeente"), max_length=120)
    cbs_code = MunicipalityForm.base_fields["cbs_code"]
    housing_region = MunicipalityForm.base_fields["housing_region"]
    province = MunicipalityForm.base_fields["province"]
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mailadres"))
    username = forms.CharField(label=_("Gebruikersnaam"), max_length=150)
    password = forms.CharField(label=_("Wachtwoord"), strip=False, widget=forms.PasswordInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password"):
            candidate = get_user_model()(
                username=data.get("username", ""),
                email=data.get("email", ""),
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(data["password"], candidate)
            except ValidationError as exc:
                self.add_error("password", exc)
        return data


class TokenForm(UtrechtForm):
    name = forms.CharField(
        label=_("Waarvoor gebruikt u dit token?"),
        max_length=100,
        required=False,
        help_text=_("Bijvoorbeeld ‘koppeling met ons huurdersysteem’."),
    )
    days = forms.TypedChoiceField(
        label=_("Geldig"),
        coerce=int,
        choices=[(30, _("30 dagen")), (90, _("90 dagen")), (365, _("een jaar"))],
        initial=90,
    )
