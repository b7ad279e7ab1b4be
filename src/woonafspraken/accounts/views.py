"""Set-up pages (*Beheer*): the municipality's profile, its organisations and their people,
and the page where an invited person chooses a password. Thin: forms validate, services
write."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import access, services
from .forms import (
    ROLE_CHOICES,
    AddMunicipalityForm,
    InviteForm,
    JoinForm,
    MunicipalityForm,
    OrganisationForm,
    RolesForm,
    SetPasswordForm,
    TokenForm,
)
from .models import ApiToken, Invitation, Membership, Municipality, Organisation

ROLE_LABELS = dict(ROLE_CHOICES)


def _municipality(request: HttpRequest, pk: int) -> Municipality:
    municipality = get_object_or_404(Municipality, pk=pk)
    if not access.is_municipal_admin(request.user, municipality.pk):
        raise PermissionDenied(_("U beheert deze gemeente niet."))
    return municipality


def _organisation(request: HttpRequest, pk: int) -> Organisation:
    organisation = get_object_or_404(Organisation.objects.select_related("municipality"), pk=pk)
    if not access.can_manage_organisation(request.user, organisation):
        raise PermissionDenied(_("U beheert deze organisatie niet."))
    return organisation


def _corporations_for(municipality_ids: list[int]) -> Any:
    return (
        Organisation.objects.filter(
            kind=Organisation.Kind.CORPORATION,
            municipalities__in=municipality_ids,
            archived_at__isnull=True,
        )
        .distinct()
        .order_by("name")
    )


MUNICIPALITIES_PAGE = 50


@login_required
def overview(request: HttpRequest, add: AddMunicipalityForm | None = None) -> HttpResponse:
    system_admin = access.is_system_admin(request.user)
    page = None
    if system_admin:  # every municipality of the installation, a page at a time
        page = Paginator(Municipality.objects.order_by("name", "pk"), MUNICIPALITIES_PAGE).get_page(
            request.GET.get("pagina")
        )
        municipalities = list(page.object_list)
    else:
        municipalities = access.administered_municipalities(request.user)
        if len(municipalities) == 1:
            return redirect("beheer:municipality", pk=municipalities[0].pk)
    organisations = [
        o
        for o in Organisation.objects.filter(pk__in=list(access.roles(request.user)))
        if access.can_manage_organisation(request.user, o)
    ]
    return render(
        request,
        "beheer/overview.html",
        {
            "municipalities": municipalities,
            "page": page,
            "organisations": organisations,
            "add_form": (add or AddMunicipalityForm(prefix="add")) if system_admin else None,
        },
        status=400 if add is not None and add.errors else 200,
    )


@login_required
@require_POST
def add_municipality(request: HttpRequest) -> HttpResponse:
    """The system administrator adds a municipality and invites its first administrator."""
    if not access.is_system_admin(request.user):
        raise PermissionDenied(_("Alleen de systeembeheerder voegt een gemeente toe."))
    form = AddMunicipalityForm(request.POST, prefix="add")
    if form.is_valid():
        try:
            municipality, _invitation = services.add_municipality(
                request.user,
                **form.cleaned_data,
                accept_url=lambda key: request.build_absolute_uri(
                    reverse("accept_invitation", args=[key])
                ),
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request,
                _("%(name)s is toegevoegd; %(email)s is uitgenodigd om de gemeente in te richten.")
                % {"name": municipality.name, "email": form.cleaned_data["email"]},
            )
            return redirect("beheer:municipality", pk=municipality.pk)
    return overview(request, add=form)


def _municipality_page(
    request: HttpRequest,
    municipality: Municipality,
    *,
    profile: MunicipalityForm | None = None,
    new: OrganisationForm | None = None,
    join: JoinForm | None = None,
    status: int = 200,
) -> HttpResponse:
    corporations = _corporations_for([municipality.pk])
    organisations = (
        Organisation.objects.filter(Q(municipality=municipality) | Q(municipalities=municipality))
        .distinct()
        .prefetch_related("corporations")
        .order_by("archived_at", "kind", "name")
    )
    return render(
        request,
        "beheer/municipality.html",
        {
            "municipality": municipality,
            "profile": profile or MunicipalityForm.for_municipality(municipality),
            "new": new or OrganisationForm(corporations=corporations, prefix="new"),
            "join": join or JoinForm(prefix="join"),
            "organisations": organisations,
        },
        status=status,
    )


@login_required
def municipality(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = _municipality(request, pk)
    if request.method != "POST":
        return _municipality_page(request, municipality)
    form = MunicipalityForm(request.POST)
    if form.is_valid():
        try:
            services.update_municipality(request.user, municipality, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("De gegevens van de gemeente zijn opgeslagen."))
            return redirect("beheer:municipality", pk=municipality.pk)
    return _municipality_page(request, municipality, profile=form, status=400)


@login_required
@require_POST
def create_organisation(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = _municipality(request, pk)
    form = OrganisationForm(
        request.POST, corporations=_corporations_for([municipality.pk]), prefix="new"
    )
    if form.is_valid():
        try:
            organisation = services.create_organisation(
                request.user, municipality, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("%(name)s is toegevoegd.") % {"name": organisation.name})
            return redirect("beheer:organisation", pk=organisation.pk)
    return _municipality_page(request, municipality, new=form, status=400)


@login_required
@require_POST
def join_municipality(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = _municipality(request, pk)
    form = JoinForm(request.POST, prefix="join")
    if form.is_valid():
        try:
            organisation = services.add_to_municipality(
                request.user, municipality, aw_number=form.cleaned_data["aw_number"]
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request,
                _("%(name)s werkt nu ook in %(municipality)s.")
                % {"name": organisation.name, "municipality": municipality.name},
            )
            return redirect("beheer:municipality", pk=municipality.pk)
    return _municipality_page(request, municipality, join=form, status=400)


def _people(organisation: Organisation) -> list[dict[str, Any]]:
    User = get_user_model()
    users = (
        User.objects.filter(memberships__organisation=organisation)
        .distinct()
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(organisation=organisation),
                to_attr="here",
            ),
            Prefetch(
                "invitations",
                queryset=Invitation.objects.filter(used_at__isnull=True),
                to_attr="open_invitations",
            ),
        )
        .order_by("first_name", "last_name", "username")
    )
    return [
        {
            "user": u,
            "roles": [ROLE_LABELS.get(m.role, m.get_role_display()) for m in u.here],  # type: ignore[attr-defined]
            "invited": bool(u.open_invitations) and not u.has_usable_password(),  # type: ignore[attr-defined]
        }
        for u in users
    ]


def _organisation_page(
    request: HttpRequest,
    organisation: Organisation,
    *,
    profile: OrganisationForm | None = None,
    invite: InviteForm | None = None,
    status: int = 200,
) -> HttpResponse:
    work_area = list(organisation.municipalities.values_list("pk", flat=True))
    corporations = _corporations_for(work_area or [organisation.municipality_id or 0])
    return render(
        request,
        "beheer/organisation.html",
        {
            "organisation": organisation,
            "profile": profile
            or OrganisationForm.for_organisation(organisation, corporations=corporations),
            "invite": invite or InviteForm(prefix="invite"),
            "people": _people(organisation),
            "work_area": organisation.municipalities.order_by("name"),
            "may_archive": access.is_municipal_admin(request.user, organisation.municipality_id)
            and organisation.kind != Organisation.Kind.MUNICIPALITY,
            "has_history": services.has_history(organisation),
            "related": _related(request.user, organisation),
        },
        status=status,
    )


def _related(user: Any, organisation: Organisation) -> list[tuple[Organisation, bool]]:
    """The other side of the tenants' link: the corporations a tenant organisation represents,
    or the tenant organisations of a corporation; each with whether this reader may open it."""
    if organisation.kind == Organisation.Kind.CORPORATION:
        others = organisation.represented_by.all()
    else:
        others = organisation.corporations.all()
    others = others.select_related("municipality").order_by("name")
    return [(o, access.can_manage_organisation(user, o)) for o in others]


@login_required
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk)
    if request.method != "POST":
        return _organisation_page(request, organisation)
    work_area = list(organisation.municipalities.values_list("pk", flat=True))
    form = OrganisationForm.for_organisation(
        organisation, data=request.POST, corporations=_corporations_for(work_area)
    )
    if form.is_valid():
        try:
            services.update_organisation(request.user, organisation, **form.cleaned_data)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("De gegevens van de organisatie zijn opgeslagen."))
            return redirect("beheer:organisation", pk=organisation.pk)
    return _organisation_page(request, organisation, profile=form, status=400)


@login_required
@require_POST
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk)
    form = InviteForm(request.POST, prefix="invite")
    if form.is_valid():
        try:
            invitation = services.invite_person(
                request.user,
                organisation,
                **form.cleaned_data,
                accept_url=lambda key: request.build_absolute_uri(
                    reverse("accept_invitation", args=[key])
                ),
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            if invitation is not None:
                text = _("Uitnodiging verstuurd naar %(email)s.")
            else:
                text = _("%(email)s had al een account en heeft de rollen gekregen.")
            messages.success(request, text % {"email": form.cleaned_data["email"]})
            return redirect("beheer:organisation", pk=organisation.pk)
    return _organisation_page(request, organisation, invite=form, status=400)


def _archive_action(request: HttpRequest, pk: int, action: Any, done: str) -> HttpResponse:
    organisation = _organisation(request, pk)
    try:
        action(request.user, organisation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done % {"name": organisation.name})
    return redirect("beheer:organisation", pk=organisation.pk)


@login_required
@require_POST
def archive(request: HttpRequest, pk: int) -> HttpResponse:
    return _archive_action(
        request, pk, services.archive_organisation, _("%(name)s is gearchiveerd.")
    )


@login_required
@require_POST
def restore(request: HttpRequest, pk: int) -> HttpResponse:
    return _archive_action(
        request, pk, services.restore_organisation, _("%(name)s is weer actief.")
    )


@login_required
@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk)
    home = organisation.municipality_id
    name = organisation.name
    try:
        services.delete_organisation(request.user, organisation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("beheer:organisation", pk=organisation.pk)
    messages.success(request, _("%(name)s is verwijderd.") % {"name": name})
    return redirect("beheer:municipality", pk=home) if home else redirect("beheer:overview")


def _member(organisation: Organisation, user_pk: int) -> Any:
    return get_object_or_404(
        get_user_model().objects.filter(memberships__organisation=organisation).distinct(),
        pk=user_pk,
    )


@login_required
def person(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    organisation = _organisation(request, pk)
    person = _member(organisation, user_pk)
    current = list(
        Membership.objects.filter(user=person, organisation=organisation).values_list(
            "role", flat=True
        )
    )
    form = RolesForm(request.POST if request.method == "POST" else None, initial={"roles": current})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.set_roles(request.user, person, organisation, form.cleaned_data["roles"])
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("De rollen zijn opgeslagen."))
                return redirect("beheer:organisation", pk=organisation.pk)
        status = 400
    return render(
        request,
        "beheer/person.html",
        {"organisation": organisation, "person": person, "form": form},
        status=status,
    )


def _person_action(
    request: HttpRequest, pk: int, user_pk: int, action: Any, done: str
) -> HttpResponse:
    organisation = _organisation(request, pk)
    person = _member(organisation, user_pk)
    try:
        action(request.user, person)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done % {"name": person.get_full_name() or person.username})
    return redirect("beheer:person", pk=organisation.pk, user_pk=person.pk)


@login_required
@require_POST
def deactivate(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    return _person_action(
        request,
        pk,
        user_pk,
        services.deactivate_person,
        _("%(name)s is op non-actief gezet; wat hij of zij deed, blijft bewaard."),
    )


@login_required
@require_POST
def reactivate(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    return _person_action(
        request, pk, user_pk, services.reactivate_person, _("%(name)s is weer actief.")
    )


def accept_invitation(request: HttpRequest, key: str) -> HttpResponse:
    invitation = services.open_invitation(key)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    form = SetPasswordForm(request.POST if request.method == "POST" else None, user=invitation.user)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(key, form.cleaned_data["password1"])
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welkom! Uw wachtwoord is ingesteld."))
            return redirect("home")
    return render(
        request,
        "accounts/accept_invitation.html",
        {"invitation": invitation, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def tokens(request: HttpRequest) -> HttpResponse:
    """The person's own API tokens: made here (shown once), listed, revoked."""
    form = TokenForm(request.POST if request.method == "POST" else None, prefix="token")
    new_token = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                new_token = services.create_token(request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_service_errors(exc)
                status = 400
            else:
                form = TokenForm(prefix="token")
        else:
            status = 400
    response = render(
        request,
        "accounts/tokens.html",
        {
            "form": form,
            "new_token": new_token,
            "tokens": ApiToken.all_objects.filter(user=request.user).order_by("-created_at"),
            "now": timezone.now(),
        },
        status=status,
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken.all_objects, pk=pk, user=request.user)
    services.revoke_token(request.user, token)
    messages.success(request, _("Het token is ingetrokken."))
    return redirect("tokens")
