"""Who may see and change what — the one place where access is decided.

:data:`ROLE_TABLE` says, for every kind of organisation and every role, what a member may do.
Each capability has one scope (:data:`SCOPE`): *own organisation* (its figures, bid, approval,
profile and people) or *municipality* (the cycles and set-up of the organisation's
municipality; only the municipality's own organisation has such capabilities). System
administration of the whole installation is separate and explicit: a superuser
(:func:`is_system_admin`). No membership anywhere acts across municipalities.

Every write service calls one of the ``can_*`` helpers (or ``require``) before it writes.
Conditions are written one per line so that the permission matrix test covers each branch.
"""

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied

from .models import Municipality, Organisation, Role

if TYPE_CHECKING:
    from woonafspraken.agreements.models import Agreement, Cycle, Target

MUNICIPALITY = Organisation.Kind.MUNICIPALITY
CORPORATION = Organisation.Kind.CORPORATION
TENANTS = Organisation.Kind.TENANT_ORGANISATION
OTHER = Organisation.Kind.OTHER

# Capabilities.
VIEW = "view"  # read the unpublished cycles in which the organisation is a party
ENTER_FIGURES = "enter_figures"  # realised values of the organisation's own targets
ASSESS_OWN = "assess_own"  # assess agreements the organisation leads
WRITE_FOR_OWN = "write_for_own"  # the organisation's bid, positions and action items
KEEP_THEME = "keep_theme"  # themes and working groups the organisation leads
SIGN = "sign"  # approve and sign for the organisation
ADMINISTER_OWN = "administer_own"  # the organisation's profile and people
RUN_CYCLE = "run_cycle"  # the municipality's cycles: agreements, targets, phases, governance
ADMINISTER_MUNICIPALITY = "administer_municipality"  # the municipality's set-up

OWN, IN_MUNICIPALITY = "own organisation", "municipality"
SCOPE = {
    VIEW: OWN,
    ENTER_FIGURES: OWN,
    ASSESS_OWN: OWN,
    WRITE_FOR_OWN: OWN,
    KEEP_THEME: OWN,
    SIGN: OWN,
    ADMINISTER_OWN: OWN,
    RUN_CYCLE: IN_MUNICIPALITY,
    ADMINISTER_MUNICIPALITY: IN_MUNICIPALITY,
}

_PARTY = {
    Role.VIEWER: {VIEW},
    Role.CONTRIBUTOR: {VIEW, ENTER_FIGURES, ASSESS_OWN, WRITE_FOR_OWN},
    Role.PROJECT_LEADER: {VIEW, ENTER_FIGURES, ASSESS_OWN, WRITE_FOR_OWN, KEEP_THEME},
    Role.COORDINATOR: {VIEW, ENTER_FIGURES, ASSESS_OWN, WRITE_FOR_OWN, KEEP_THEME},
    Role.SIGNATORY: {VIEW, WRITE_FOR_OWN, SIGN},
    Role.ADMIN: {VIEW, ENTER_FIGURES, WRITE_FOR_OWN, ADMINISTER_OWN},
}
_MUNICIPAL = {
    **_PARTY,
    Role.COORDINATOR: _PARTY[Role.COORDINATOR] | {RUN_CYCLE},
    Role.ADMIN: _PARTY[Role.ADMIN] | {RUN_CYCLE, ADMINISTER_MUNICIPALITY},
}

ROLE_TABLE: dict[tuple[str, str], frozenset[str]] = {
    (kind, role): frozenset((_MUNICIPAL if kind == MUNICIPALITY else _PARTY)[Role(role)])
    for kind in Organisation.Kind.values
    for role in Role.values
}


def _authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def _memberships(user: Any) -> list[tuple[int, str, str, int | None]]:
    """(organisation id, role, organisation kind, municipality id) of ``user``'s active
    memberships, cached on the user object for one request."""
    if not _authenticated(user):
        return []
    cached = getattr(user, "_woonafspraken_memberships", None)
    if cached is None:
        cached = list(
            user.memberships.values_list(
                "organisation_id", "role", "organisation__kind", "organisation__municipality_id"
            )
        )
        user._woonafspraken_memberships = cached
    return cached


def roles(user: Any) -> dict[int, set[str]]:
    """Organisation id -> roles of ``user``."""
    found: dict[int, set[str]] = {}
    for organisation_id, role, _kind, _municipality in _memberships(user):
        found.setdefault(organisation_id, set()).add(role)
    return found


def capabilities(user: Any, organisation_id: int | None) -> set[str]:
    """What ``user`` may do by their roles at ``organisation_id`` (from :data:`ROLE_TABLE`)."""
    granted: set[str] = set()
    for org_id, role, kind, _municipality in _memberships(user):
        if org_id == organisation_id:
            granted |= ROLE_TABLE.get((kind, role), frozenset())
    return granted


def may(user: Any, capability: str, organisation_id: int | None) -> bool:
    """``user`` has ``capability`` for their own organisation ``organisation_id``."""
    if organisation_id is None:
        return False
    return capability in capabilities(user, organisation_id)


def may_in_municipality(user: Any, capability: str, municipality_id: int | None) -> bool:
    """``user`` has the municipality-wide ``capability`` for ``municipality_id``: a system
    administrator, or a member with that capability at the municipality's own organisation."""
    if municipality_id is None:
        return False
    if is_system_admin(user):
        return True
    for _org_id, role, kind, org_municipality in _memberships(user):
        if kind != MUNICIPALITY:
            continue
        if org_municipality != municipality_id:
            continue
        if capability in ROLE_TABLE.get((kind, role), frozenset()):
            return True
    return False


def is_system_admin(user: Any) -> bool:
    """System administration (the whole installation) is an explicit role: a superuser."""
    if not _authenticated(user):
        return False
    return bool(user.is_superuser)


def is_admin(user: Any) -> bool:
    """Acts everywhere in the installation: only the system administrator. (An administrator
    of an organisation or municipality is scoped; see :func:`is_municipal_admin`.)"""
    return is_system_admin(user)


def _municipality_ids_with(user: Any, capability: str) -> set[int]:
    return {
        municipality
        for _org, role, kind, municipality in _memberships(user)
        if kind == MUNICIPALITY
        and municipality is not None
        and capability in ROLE_TABLE.get((kind, role), frozenset())
    }


def administered_municipality_ids(user: Any) -> set[int]:
    """Municipalities whose set-up ``user`` administers."""
    return _municipality_ids_with(user, ADMINISTER_MUNICIPALITY)


def coordinated_municipality_ids(user: Any) -> set[int]:
    """Municipalities whose cycles ``user`` runs (see :func:`is_coordinator`), so sees in every
    phase, published or not."""
    return _municipality_ids_with(user, RUN_CYCLE)


def is_municipal_admin(user: Any, municipality_id: int | None) -> bool:
    return may_in_municipality(user, ADMINISTER_MUNICIPALITY, municipality_id)


def is_municipal_coordinator(user: Any, municipality_id: int | None) -> bool:
    return may_in_municipality(user, RUN_CYCLE, municipality_id)


def administers_anything(user: Any) -> bool:
    """The set-up pages have something for ``user``: a municipality or an organisation."""
    if is_system_admin(user):
        return True
    return any(
        ROLE_TABLE.get((kind, role), frozenset()) & {ADMINISTER_MUNICIPALITY, ADMINISTER_OWN}
        for _org, role, kind, _municipality in _memberships(user)
    )


def administered_municipalities(user: Any) -> list[Municipality]:
    if is_system_admin(user):
        return list(Municipality.objects.order_by("name"))
    return list(
        Municipality.objects.filter(pk__in=administered_municipality_ids(user)).order_by("name")
    )


def can_manage_organisation(user: Any, organisation: Organisation) -> bool:
    """Profile and people of an organisation: the administrators of its home municipality, and
    its own administrators."""
    if not _authenticated(user):
        return False
    if is_municipal_admin(user, organisation.municipality_id):
        return True
    return may(user, ADMINISTER_OWN, organisation.pk)


def can_start_cycle(user: Any, municipality_id: int | None) -> bool:
    """A new cycle of a municipality: its coordinators and administrators."""
    return is_municipal_coordinator(user, municipality_id)


def can_manage_housing_data(user: Any, municipality_id: int | None) -> bool:
    """Import and delete a municipality's housing data (stock, households, lettings): its
    coordinators and administrators, and whoever enters figures for the municipality or for a
    corporation that works there."""
    if not _authenticated(user) or municipality_id is None:
        return False
    if is_municipal_coordinator(user, municipality_id):
        return True
    working_here = Organisation.objects.filter(
        kind__in=[MUNICIPALITY, CORPORATION], municipalities__pk=municipality_id
    ).values_list("pk", flat=True)
    return any(may(user, ENTER_FIGURES, pk) for pk in working_here)


def has_role(user: Any, organisation_id: int | None, *wanted: str) -> bool:
    if organisation_id is None:
        return False
    return bool(roles(user).get(organisation_id, set()) & set(wanted))


def party_ids(cycle: "Cycle") -> set[int]:
    cached = getattr(cycle, "_party_ids", None)
    if cached is None:
        cached = {p.pk for p in cycle.parties.all()}
        cycle._party_ids = cached  # type: ignore[attr-defined]
    return cached


def is_party_member(user: Any, cycle: "Cycle") -> bool:
    return bool(set(roles(user)) & party_ids(cycle))


def is_coordinator(user: Any, cycle: "Cycle") -> bool:
    """Runs ``cycle``: a coordinator or administrator of the cycle's municipality (never a
    coordinator of a corporation or tenant organisation), or the system administrator."""
    return is_municipal_coordinator(user, cycle.municipality_id)


def can_view_cycle(user: Any, cycle: "Cycle") -> bool:
    if cycle.published:
        return True
    if is_coordinator(user, cycle):
        return True
    return is_party_member(user, cycle)


def can_record_measurement(user: Any, target: "Target", cycle: "Cycle") -> bool:
    if not _authenticated(user):
        return False
    if target.party_id is None:
        return is_coordinator(user, cycle)
    if target.party_id not in party_ids(cycle):
        return False
    if may(user, ENTER_FIGURES, target.party_id):
        return True
    return is_system_admin(user)


def can_assess(user: Any, agreement: "Agreement", cycle: "Cycle") -> bool:
    if not _authenticated(user):
        return False
    if is_coordinator(user, cycle):
        return True
    lead = agreement.lead_party_id or agreement.theme.lead_organisation_id
    return may(user, ASSESS_OWN, lead)


def can_edit_agreements(user: Any, cycle: "Cycle") -> bool:
    if not _authenticated(user):
        return False
    return is_coordinator(user, cycle)


def organisations_entering_for(user: Any, cycle: "Cycle") -> list[Organisation]:
    """The cycle's parties for which ``user`` may enter figures (for *Mijn invoer*)."""
    if is_system_admin(user):
        return list(cycle.parties.all())
    return [p for p in cycle.parties.all() if may(user, ENTER_FIGURES, p.pk)]


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def has_membership(user: Any, organisation_id: int | None) -> bool:
    """``user`` has any role at the organisation (a theme's project leader must)."""
    return organisation_id is not None and organisation_id in roles(user)
