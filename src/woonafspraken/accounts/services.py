"""Write use cases for accounts: set-up of a municipality, its organisations and its people.

Every function checks access (:mod:`.access`), validates everything before it writes (all
errors at once, as a ``ValidationError`` keyed by field), runs in one transaction and writes
an audit entry.
"""

import datetime
import secrets
from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from woonafspraken.audit.services import log_action
from woonafspraken.background import enqueue_on_commit

from . import access
from .models import (
    AW_NUMBER,
    CBS_CODE,
    ApiToken,
    Invitation,
    Membership,
    Municipality,
    Organisation,
    Province,
    Role,
    hash_token,
)

INVITATION_DAYS = 14
SETUP_SOURCE = "woonafspraken setup"


TOKEN_DAYS = (30, 90, 365)


# A person's usable tokens at one time: enough for a few integrations, few enough that a
# stolen session cannot mint an unbounded number of long-lived keys.
MAX_VALID_TOKENS = 10


@transaction.atomic
def create_token(user: AbstractBaseUser, *, name: str = "", days: int = 90) -> str:
    """Issue a new API token for ``user``, valid for ``days``; the raw token is returned once
    and only its hash is stored."""
    errors = Errors()
    if days not in TOKEN_DAYS:
        errors.add("days", _("Kies een geldigheid uit de lijst."))
    name = (name or "").strip()
    if len(name) > 100:
        errors.add("name", _("Gebruik hoogstens 100 tekens."))
    # One row lock per person, so two requests at once cannot both pass the limit below.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if ApiToken.objects.filter(user=user).count() >= MAX_VALID_TOKENS:
        errors.add(
            "__all__",
            _(
                "U heeft al %(n)s geldige tokens. Trek er eerst een in voordat u een nieuw "
                "token maakt."
            )
            % {"n": MAX_VALID_TOKENS},
        )
    errors.raise_if_any()
    raw = secrets.token_urlsafe(32)
    token = ApiToken.all_objects.create(
        user=user,
        key_hash=hash_token(raw),
        prefix=raw[:8],
        name=name,
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    log_action(
        "accounts.token.created",
        actor=user,
        obj=token,
        new={"prefix": token.prefix, "name": name, "expiresAt": token.expires_at.isoformat()},
    )
    return raw


@transaction.atomic
def revoke_token(actor: Any, token: ApiToken) -> ApiToken:
    """Only the owner revokes their token (or the system administrator); a revoked token is
    kept, so the history shows which token did what."""
    access.require(
        token.user_id == getattr(actor, "pk", None) or access.is_system_admin(actor),
        _("U kunt alleen uw eigen tokens intrekken."),
    )
    token = ApiToken.all_objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        log_action(
            "accounts.token.revoked",
            actor=actor,
            obj=token,
            new={"prefix": token.prefix, "revokedAt": token.revoked_at.isoformat()},
        )
    return token


@transaction.atomic
def ensure_membership(
    actor: object, user: AbstractBaseUser, organisation: Organisation, role: str
) -> Membership:
    """Give ``user`` ``role`` at ``organisation`` (idempotent)."""
    access.require(
        access.can_manage_organisation(actor, organisation),
        _("Alleen een beheerder mag rollen toekennen."),
    )
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role
    )
    if created:
        log_action(
            "accounts.membership.created",
            actor=actor,
            obj=membership,
            new={"user": str(user), "organisation": organisation.name, "role": role},
        )
    return membership


# --- helpers -------------------------------------------------------------------------------


class Errors:
    """Collects field errors so that a service reports all of them at once."""

    def __init__(self) -> None:
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(message)

    def check(self, field: str, validator: Callable[[Any], None], value: Any) -> None:
        try:
            validator(value)
        except ValidationError as exc:
            for message in exc.messages:
                self.add(field, message)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise ValidationError(self.by_field)  # type: ignore[arg-type]


def _required(errors: Errors, field: str, value: str) -> str:
    value = (value or "").strip()
    if not value:
        errors.add(field, _("Vul dit veld in."))
    return value


def _unique_slug(name: str) -> str:
    base = slugify(name)[:40] or "organisatie"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _name_taken(municipality: Municipality, name: str, exclude: int | None = None) -> bool:
    same = Organisation.objects.filter(
        Q(municipality=municipality) | Q(municipalities=municipality), name__iexact=name
    )
    if exclude is not None:
        same = same.exclude(pk=exclude)
    return same.exists()


def _check_municipality_fields(
    errors: Errors,
    *,
    name: str,
    cbs_code: str,
    exclude: int | None = None,
    name_field: str = "name",
) -> tuple[str, str]:
    name = _required(errors, name_field, name)
    cbs_code = _required(errors, "cbs_code", cbs_code).upper()
    if cbs_code:
        errors.check("cbs_code", CBS_CODE, cbs_code)
        taken = Municipality.objects.filter(cbs_code=cbs_code)
        if exclude is not None:
            taken = taken.exclude(pk=exclude)
        if taken.exists():
            errors.add("cbs_code", _("Er is al een gemeente met deze CBS-code."))
    return name, cbs_code


def _province(errors: Errors, province: str) -> str:
    if province and province not in Province.values:
        errors.add("province", _("Kies een provincie uit de lijst."))
    return province or ""


def _new_municipality(
    name: str, code: str, housing_region: str, province: str
) -> tuple[Municipality, Organisation]:
    """The municipality and its own organisation (the party that signs for it)."""
    municipality = Municipality.objects.create(
        name=name,
        cbs_code=code,
        housing_region=(housing_region or "").strip(),
        province=province,
    )
    organisation = Organisation.objects.create(
        name=_("Gemeente %(name)s") % {"name": name},
        slug=_unique_slug(f"gemeente-{name}"),
        kind=Organisation.Kind.MUNICIPALITY,
        municipality=municipality,
    )
    organisation.municipalities.add(municipality)
    return municipality, organisation


# --- the first administrator ------------------------------------------------------------------


@transaction.atomic
def set_up_municipality(
    *,
    municipality_name: str,
    cbs_code: str,
    username: str,
    email: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    housing_region: str = "",
    province: str = "",
) -> Any:
    """A municipality with its own organisation and its first administrator.

    Run by whoever installs the application (the ``setup`` command), so no actor is checked:
    having the command line is the authority. The administrator gets the administrator role
    (set-up) and the coordinator role (running the cycle) at the municipality.
    """
    User = get_user_model()
    errors = Errors()
    name, code = _check_municipality_fields(
        errors, name=municipality_name, cbs_code=cbs_code, name_field="municipality_name"
    )
    province = _province(errors, province)
    username = _required(errors, "username", username)
    if username and User.objects.filter(username__iexact=username).exists():
        errors.add("username", _("Deze gebruikersnaam bestaat al."))
    email = _required(errors, "email", email).lower()
    candidate = User(username=username, email=email, first_name=first_name, last_name=last_name)
    if not password:
        errors.add("password", _("Vul dit veld in."))
    else:
        errors.check(
            "password", lambda p: password_validation.validate_password(p, candidate), password
        )
    errors.raise_if_any()
    municipality, organisation = _new_municipality(name, code, housing_region, province)
    candidate.set_password(password)
    candidate.save()
    for role in (Role.ADMIN, Role.COORDINATOR):
        Membership.objects.create(user=candidate, organisation=organisation, role=role)
    log_action(
        "accounts.municipality.set_up",
        actor=None,
        obj=municipality,
        new={"name": name, "cbsCode": code, "administrator": username},
        source=SETUP_SOURCE,
    )
    return candidate


@transaction.atomic
def add_municipality(
    actor: Any,
    *,
    name: str,
    cbs_code: str,
    housing_region: str = "",
    province: str = "",
    first_name: str,
    last_name: str = "",
    email: str,
    accept_url: Callable[[str], str],
) -> tuple[Municipality, Invitation | None]:
    """Another municipality joins the installation: the system administrator adds it and
    invites its first administrator (administrator and coordinator of the municipality), who
    sets a password with the link in the e-mail. Every error at once; nothing on an error."""
    access.require(
        access.is_system_admin(actor),
        _("Alleen de systeembeheerder voegt een gemeente toe."),
    )
    errors = Errors()
    name, code = _check_municipality_fields(errors, name=name, cbs_code=cbs_code)
    province = _province(errors, province)
    email = _required(errors, "email", email).lower()
    if email:
        errors.check("email", validate_email, email)
    first_name = _required(errors, "first_name", first_name)
    errors.raise_if_any()
    municipality, organisation = _new_municipality(name, code, housing_region, province)
    log_action(
        "accounts.municipality.created",
        actor=actor,
        obj=municipality,
        new={"name": name, "cbsCode": code, "administrator": email},
    )
    invitation = invite_person(
        actor,
        organisation,
        email=email,
        first_name=first_name,
        last_name=last_name,
        roles=[Role.ADMIN, Role.COORDINATOR],
        accept_url=accept_url,
    )
    return municipality, invitation


# --- the municipality's profile --------------------------------------------------------------


@transaction.atomic
def update_municipality(
    actor: Any,
    municipality: Municipality,
    *,
    name: str,
    cbs_code: str,
    housing_region: str = "",
    province: str = "",
) -> Municipality:
    access.require(
        access.is_municipal_admin(actor, municipality.pk),
        _("Alleen een beheerder van deze gemeente mag haar gegevens wijzigen."),
    )
    municipality = Municipality.objects.select_for_update().get(pk=municipality.pk)
    errors = Errors()
    name, code = _check_municipality_fields(
        errors, name=name, cbs_code=cbs_code, exclude=municipality.pk
    )
    province = _province(errors, province)
    errors.raise_if_any()
    fields = ("name", "cbs_code", "housing_region", "province")
    old = {f: getattr(municipality, f) for f in fields}
    municipality.name = name
    municipality.cbs_code = code
    municipality.housing_region = (housing_region or "").strip()
    municipality.province = province
    municipality.save()
    new = {f: getattr(municipality, f) for f in fields}
    if old != new:
        log_action("accounts.municipality.updated", actor=actor, obj=municipality, old=old, new=new)
    return municipality


# --- organisations ---------------------------------------------------------------------------


def _check_corporations(
    errors: Errors, municipality_ids: set[int], corporations: Iterable[Organisation]
) -> list[Organisation]:
    chosen = list(corporations)
    if not chosen:
        errors.add(
            "corporations",
            _("Kies de corporatie(s) waarvan deze organisatie de huurders vertegenwoordigt."),
        )
    for corporation in chosen:
        if corporation.kind != Organisation.Kind.CORPORATION:
            errors.add(
                "corporations", _("%(name)s is geen corporatie.") % {"name": corporation.name}
            )
        elif not municipality_ids & set(corporation.municipalities.values_list("pk", flat=True)):
            errors.add(
                "corporations",
                _("%(name)s werkt niet in deze gemeente.") % {"name": corporation.name},
            )
    return chosen


def _aw_number(errors: Errors, kind: str, aw_number: str, exclude: int | None = None) -> str:
    aw_number = (aw_number or "").strip().upper()
    if kind != Organisation.Kind.CORPORATION:
        if aw_number:
            errors.add("aw_number", _("Alleen een woningcorporatie heeft een L-nummer."))
        return ""
    if not aw_number:
        # Asked for on the web form; an import or the demo may not know it yet.
        return ""
    errors.check("aw_number", AW_NUMBER, aw_number)
    existing = Organisation.objects.filter(aw_number=aw_number)
    if exclude is not None:
        existing = existing.exclude(pk=exclude)
    other = existing.first()
    if other is not None:
        errors.add(
            "aw_number",
            _(
                "%(name)s heeft dit L-nummer al. Werkt zij ook in uw gemeente? Voeg haar dan toe "
                "met ‘Bestaande corporatie toevoegen’."
            )
            % {"name": other.name},
        )
    return aw_number


def _snapshot(organisation: Organisation) -> dict[str, Any]:
    return {
        "name": organisation.name,
        "kind": organisation.kind,
        "awNumber": organisation.aw_number,
        "municipalities": sorted(m.cbs_code for m in organisation.municipalities.all()),
        "corporations": sorted(c.name for c in organisation.corporations.all()),
    }


@transaction.atomic
def create_organisation(
    actor: Any,
    municipality: Municipality,
    *,
    kind: str,
    name: str,
    aw_number: str = "",
    corporations: Iterable[Organisation] = (),
    slug: str = "",
) -> Organisation:
    """A corporation, tenant organisation or other party that works in ``municipality``.

    ``slug`` (the short name in addresses) is made from the name unless given."""
    access.require(
        access.is_municipal_admin(actor, municipality.pk),
        _("Alleen een beheerder van deze gemeente mag organisaties toevoegen."),
    )
    # One set-up per municipality at a time, so two people adding the same name do not both win.
    Municipality.objects.select_for_update().get(pk=municipality.pk)
    errors = Errors()
    allowed = (
        Organisation.Kind.CORPORATION,
        Organisation.Kind.TENANT_ORGANISATION,
        Organisation.Kind.OTHER,
    )
    if kind not in allowed:
        errors.add("kind", _("Kies een soort organisatie uit de lijst."))
    name = _required(errors, "name", name)
    if name and _name_taken(municipality, name):
        errors.add("name", _("Er is in deze gemeente al een organisatie met deze naam."))
    aw_number = _aw_number(errors, kind, aw_number)
    chosen: list[Organisation] = []
    if kind == Organisation.Kind.TENANT_ORGANISATION:
        chosen = _check_corporations(errors, {municipality.pk}, corporations)
    elif list(corporations):
        errors.add("corporations", _("Alleen een huurdersorganisatie vertegenwoordigt huurders."))
    if slug and Organisation.objects.filter(slug=slug).exists():
        errors.add("slug", _("Deze korte naam is al in gebruik."))
    errors.raise_if_any()
    organisation = Organisation.objects.create(
        name=name,
        slug=slug or _unique_slug(name),
        kind=kind,
        municipality=municipality,
        aw_number=aw_number,
        corporation=chosen[0] if chosen else None,
    )
    organisation.municipalities.add(municipality)
    organisation.corporations.set(chosen)
    log_action(
        "accounts.organisation.created", actor=actor, obj=organisation, new=_snapshot(organisation)
    )
    return organisation


@transaction.atomic
def update_organisation(
    actor: Any,
    organisation: Organisation,
    *,
    name: str,
    aw_number: str = "",
    corporations: Iterable[Organisation] = (),
) -> Organisation:
    access.require(
        access.can_manage_organisation(actor, organisation),
        _("U mag de gegevens van deze organisatie niet wijzigen."),
    )
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    old = _snapshot(organisation)
    errors = Errors()
    name = _required(errors, "name", name)
    work_area = set(organisation.municipalities.values_list("pk", flat=True))
    if name:
        for municipality in Municipality.objects.filter(pk__in=work_area):
            if _name_taken(municipality, name, exclude=organisation.pk):
                errors.add(
                    "name",
                    _("Er is in %(municipality)s al een organisatie met deze naam.")
                    % {"municipality": municipality.name},
                )
    aw_number = _aw_number(errors, organisation.kind, aw_number, exclude=organisation.pk)
    chosen: list[Organisation] = []
    if organisation.kind == Organisation.Kind.TENANT_ORGANISATION:
        chosen = _check_corporations(errors, work_area, corporations)
    errors.raise_if_any()
    organisation.name = name
    organisation.aw_number = aw_number
    if organisation.kind == Organisation.Kind.TENANT_ORGANISATION:
        organisation.corporation = chosen[0]
        organisation.corporations.set(chosen)
    organisation.save()
    new = _snapshot(organisation)
    if old != new:
        log_action("accounts.organisation.updated", actor=actor, obj=organisation, old=old, new=new)
    return organisation


@transaction.atomic
def add_to_municipality(actor: Any, municipality: Municipality, *, aw_number: str) -> Organisation:
    """An existing corporation (found by its L-number) starts working in ``municipality``."""
    access.require(
        access.is_municipal_admin(actor, municipality.pk),
        _("Alleen een beheerder van deze gemeente mag organisaties toevoegen."),
    )
    errors = Errors()
    aw_number = _required(errors, "aw_number", aw_number).upper()
    corporation = (
        Organisation.objects.filter(aw_number=aw_number, kind=Organisation.Kind.CORPORATION).first()
        if aw_number
        else None
    )
    if aw_number and corporation is None:
        errors.add(
            "aw_number",
            _("Er is nog geen corporatie met dit L-nummer; voeg haar toe als nieuwe organisatie."),
        )
    if corporation is not None and corporation.municipalities.filter(pk=municipality.pk).exists():
        errors.add("aw_number", _("Deze corporatie werkt al in uw gemeente."))
    if corporation is not None and _name_taken(municipality, corporation.name):
        errors.add("aw_number", _("Er is in deze gemeente al een organisatie met deze naam."))
    errors.raise_if_any()
    assert corporation is not None
    old = _snapshot(corporation)
    corporation.municipalities.add(municipality)
    log_action(
        "accounts.organisation.joined_municipality",
        actor=actor,
        obj=corporation,
        old=old,
        new=_snapshot(corporation),
    )
    return corporation


def has_history(organisation: Organisation) -> bool:
    """Anything in the installation refers to the organisation: people, cycles, agreements,
    targets, bids, approvals, tenant organisations, ... Enumerated from the model's relations so
    that a new one cannot be missed."""
    for relation in Organisation._meta.related_objects:
        model = relation.related_model
        field = relation.field.name
        if model._default_manager.filter(**{field: organisation}).exists():
            return True
    return False


@transaction.atomic
def archive_organisation(actor: Any, organisation: Organisation) -> Organisation:
    """Archived organisations keep their history and people's history; they are no longer
    offered as a party or for new people."""
    access.require(
        access.is_municipal_admin(actor, organisation.municipality_id),
        _("Alleen een beheerder van de gemeente mag een organisatie archiveren."),
    )
    if organisation.kind == Organisation.Kind.MUNICIPALITY:
        raise ValidationError(
            _("De organisatie van de gemeente zelf kan niet worden gearchiveerd.")
        )
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.archived_at is None:
        organisation.archived_at = timezone.now()
        organisation.save(update_fields=["archived_at"])
        log_action(
            "accounts.organisation.archived",
            actor=actor,
            obj=organisation,
            new={"archivedAt": organisation.archived_at.isoformat()},
        )
    return organisation


@transaction.atomic
def restore_organisation(actor: Any, organisation: Organisation) -> Organisation:
    access.require(
        access.is_municipal_admin(actor, organisation.municipality_id),
        _("Alleen een beheerder van de gemeente mag een organisatie terugzetten."),
    )
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.archived_at is not None:
        old = {"archivedAt": organisation.archived_at.isoformat()}
        organisation.archived_at = None
        organisation.save(update_fields=["archived_at"])
        log_action("accounts.organisation.restored", actor=actor, obj=organisation, old=old)
    return organisation


class HasHistory(ValidationError):
    """Deleting was refused because the organisation has history; archiving is the way."""


@transaction.atomic
def delete_organisation(actor: Any, organisation: Organisation) -> None:
    access.require(
        access.is_municipal_admin(actor, organisation.municipality_id),
        _("Alleen een beheerder van de gemeente mag een organisatie verwijderen."),
    )
    if organisation.kind == Organisation.Kind.MUNICIPALITY:
        raise ValidationError(_("De organisatie van de gemeente zelf kan niet worden verwijderd."))
    if has_history(organisation):
        raise HasHistory(
            _(
                "%(name)s heeft al een geschiedenis (mensen, cycli, afspraken of cijfers) en kan "
                "daarom niet worden verwijderd. Archiveer de organisatie: dan blijft alles "
                "bewaard, maar wordt zij niet meer aangeboden."
            )
            % {"name": organisation.name}
        )
    log_action(
        "accounts.organisation.deleted", actor=actor, obj=organisation, old=_snapshot(organisation)
    )
    organisation.municipalities.clear()
    organisation.corporations.clear()
    organisation.delete()


# --- people ----------------------------------------------------------------------------------


def _check_roles(errors: Errors, roles: Iterable[str]) -> list[str]:
    chosen = sorted(set(roles))
    if not chosen:
        errors.add("roles", _("Kies ten minste één rol."))
    for role in chosen:
        if role not in Role.values:
            errors.add("roles", _("Kies rollen uit de lijst."))
            break
    return chosen


def _set_roles(actor: Any, user: Any, organisation: Organisation, roles: list[str]) -> None:
    current = set(
        Membership.objects.filter(user=user, organisation=organisation).values_list(
            "role", flat=True
        )
    )
    wanted = set(roles)
    for role in sorted(wanted - current):
        membership = Membership.objects.create(user=user, organisation=organisation, role=role)
        log_action(
            "accounts.membership.created",
            actor=actor,
            obj=membership,
            new={"user": user.get_username(), "organisation": organisation.name, "role": role},
        )
    for membership in Membership.objects.filter(
        user=user, organisation=organisation, role__in=sorted(current - wanted)
    ):
        log_action(
            "accounts.membership.removed",
            actor=actor,
            obj=membership,
            old={
                "user": user.get_username(),
                "organisation": organisation.name,
                "role": membership.role,
            },
        )
        membership.delete()


@transaction.atomic
def invite_person(
    actor: Any,
    organisation: Organisation,
    *,
    email: str,
    first_name: str,
    last_name: str,
    roles: Iterable[str],
    accept_url: Callable[[str], str],
) -> Invitation | None:
    """Invite someone by e-mail to ``organisation`` with ``roles``.

    A new person gets an account without a password and a one-time link (valid
    :data:`INVITATION_DAYS` days) to set it. Someone who already has an account only gets the
    roles. ``accept_url`` turns the link's key into the full address for the e-mail.
    """
    access.require(
        access.can_manage_organisation(actor, organisation),
        _("U mag geen mensen uitnodigen voor deze organisatie."),
    )
    User = get_user_model()
    errors = Errors()
    if organisation.archived:
        errors.add(NON_FIELD_ERRORS, _("Deze organisatie is gearchiveerd."))
    email = _required(errors, "email", email).lower()
    if email:
        errors.check("email", validate_email, email)
    first_name = _required(errors, "first_name", first_name)
    last_name = (last_name or "").strip()
    chosen = _check_roles(errors, roles)
    errors.raise_if_any()
    user = User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).first()
    invitation = None
    if user is None:
        user = User(username=email, email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.save()
        log_action(
            "accounts.person.invited",
            actor=actor,
            obj=user,
            new={"email": email, "organisation": organisation.name},
        )
    if not user.has_usable_password():
        raw = secrets.token_urlsafe(32)
        invitation = Invitation.objects.create(
            user=user,
            key_hash=hash_token(raw),
            invited_by=actor if getattr(actor, "pk", None) else None,
            organisation=organisation,
            expires_at=timezone.now() + datetime.timedelta(days=INVITATION_DAYS),
        )
        from . import tasks

        enqueue_on_commit(
            tasks.send_invitation_mail,
            email,
            _invitation_text(user, organisation, actor, accept_url(raw)),
        )
    current = set(
        Membership.objects.filter(user=user, organisation=organisation).values_list(
            "role", flat=True
        )
    )
    _set_roles(actor, user, organisation, sorted(current | set(chosen)))
    return invitation


def _invitation_text(user: Any, organisation: Organisation, actor: Any, link: str) -> str:
    inviter = actor.get_full_name() or actor.get_username() if actor else ""
    return (
        f"Beste {user.first_name},\n\n"
        f"{inviter} nodigt u uit voor Woonafspraken, namens {organisation.name}.\n"
        f"Kies uw wachtwoord via deze link (geldig tot {INVITATION_DAYS} dagen na vandaag, "
        f"één keer te gebruiken):\n\n{link}\n\n"
        f"Uw gebruikersnaam is {user.get_username()}.\n\n"
        "---\n\n"
        f"{inviter} invites you to Woonafspraken on behalf of {organisation.name}.\n"
        f"Choose your password with the link above (valid for {INVITATION_DAYS} days, "
        "single use). Your user name is "
        f"{user.get_username()}.\n"
    )


def open_invitation(raw_key: str) -> Invitation | None:
    """The invitation of a link, if it can still be used."""
    invitation = (
        Invitation.objects.select_related("user", "organisation")
        .filter(key_hash=hash_token(raw_key or ""), used_at__isnull=True)
        .first()
    )
    if invitation is None or invitation.expires_at < timezone.now():
        return None
    if not invitation.user.is_active:
        return None
    return invitation


@transaction.atomic
def accept_invitation(raw_key: str, password: str) -> Any:
    """The invited person sets their password; the link cannot be used again."""
    invitation = open_invitation(raw_key)
    if invitation is None:
        raise ValidationError(
            _("Deze uitnodiging is verlopen of al gebruikt. Vraag uw beheerder om een nieuwe.")
        )
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.used_at is not None:
        raise ValidationError(_("Deze uitnodiging is al gebruikt."))
    user = invitation.user
    errors = Errors()
    errors.check("password", lambda p: password_validation.validate_password(p, user), password)
    errors.raise_if_any()
    user.set_password(password)
    user.save()
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    Invitation.objects.filter(user=user, used_at__isnull=True).update(used_at=invitation.used_at)
    log_action("accounts.invitation.accepted", actor=user, obj=user, new={"invitation": True})
    return user


@transaction.atomic
def set_roles(actor: Any, user: Any, organisation: Organisation, roles: Iterable[str]) -> None:
    """Replace ``user``'s roles at ``organisation``; no roles ends the membership (the history
    keeps it)."""
    access.require(
        access.can_manage_organisation(actor, organisation),
        _("U mag de rollen bij deze organisatie niet wijzigen."),
    )
    errors = Errors()
    chosen = sorted(set(roles))
    if any(role not in Role.values for role in chosen):
        errors.add("roles", _("Kies rollen uit de lijst."))
    if (
        user.pk == getattr(actor, "pk", None)
        and Role.ADMIN not in chosen
        and Role.ADMIN in access.roles(actor).get(organisation.pk, set())
        and not access.is_system_admin(actor)
    ):
        errors.add("roles", _("U kunt uw eigen beheerdersrol niet weghalen."))
    errors.raise_if_any()
    _set_roles(actor, user, organisation, chosen)


def _may_manage_person(actor: Any, user: Any) -> bool:
    organisations = Organisation.objects.filter(memberships__user=user).distinct()
    if not organisations:
        return access.is_system_admin(actor)
    return all(access.can_manage_organisation(actor, o) for o in organisations)


@transaction.atomic
def deactivate_person(actor: Any, user: Any) -> Any:
    """The person can no longer log in or use a token; their name stays on everything they
    did, and their roles stay visible as they were."""
    access.require(
        _may_manage_person(actor, user),
        _("U mag deze persoon niet op non-actief zetten."),
    )
    if user.pk == getattr(actor, "pk", None):
        raise ValidationError(_("U kunt uzelf niet op non-actief zetten."))
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
        Invitation.objects.filter(user=user, used_at__isnull=True).update(used_at=timezone.now())
        log_action(
            "accounts.person.deactivated",
            actor=actor,
            obj=user,
            old={"active": True},
            new={"active": False},
        )
    return user


@transaction.atomic
def reactivate_person(actor: Any, user: Any) -> Any:
    access.require(
        _may_manage_person(actor, user),
        _("U mag deze persoon niet weer actief maken."),
    )
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
        log_action(
            "accounts.person.reactivated",
            actor=actor,
            obj=user,
            old={"active": False},
            new={"active": True},
        )
    return user
