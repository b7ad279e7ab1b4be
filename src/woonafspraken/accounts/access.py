"""Who may see and change what — the one place where access is decided.

Every write service calls one of the ``can_*`` helpers (or ``require``) before it writes.
Conditions are written one per line so that the permission matrix test covers each branch.
"""

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied

from .models import Municipality, Organisation, Role

if TYPE_CHECKING:
    from woonafspraken.agreements.models import Agreement, Cycle, Target


def roles(user: Any) -> dict[int, set[str]]:
    """Organisation id -> roles of ``user``, cached on the user object for one request."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_woonafspraken_roles", None)
    if cached is None:
        cached = {}
        for organisation_id, role in user.memberships.values_list("organisation_id", "role"):
            cached.setdefault(organisation_id, set()).add(role)
        user._woonafspraken_roles = cached
    return cached


def is_admin(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return any(Role.ADMIN in r for r in roles(user).values())


def is_system_admin(user: Any) -> bool:
    """System administration (the whole installation) is an explicit role: a superuser."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser)


def administered_municipality_ids(user: Any) -> set[int]:
    """Municipalities whose set-up ``user`` administers: an administrator role at the
    municipality's own organisation (cached on the user for one request)."""
    cached = getattr(user, "_woonafspraken_administered", None)
    if cached is None:
        admin_of = [pid for pid, rs in roles(user).items() if Role.ADMIN in rs]
        cached = set(
            Organisation.objects.filter(
                pk__in=admin_of,
                kind=Organisation.Kind.MUNICIPALITY,
                municipality__isnull=False,
            ).values_list("municipality_id", flat=True)
        )
        if getattr(user, "is_authenticated", False):
            user._woonafspraken_administered = cached
    return cached


def is_municipal_admin(user: Any, municipality_id: int | None) -> bool:
    if municipality_id is None:
        return False
    if is_system_admin(user):
        return True
    return municipality_id in administered_municipality_ids(user)


def administered_municipalities(user: Any) -> list[Municipality]:
    if is_system_admin(user):
        return list(Municipality.objects.order_by("name"))
    return list(
        Municipality.objects.filter(pk__in=administered_municipality_ids(user)).order_by("name")
    )


def can_manage_organisation(user: Any, organisation: Organisation) -> bool:
    """Profile and people of an organisation: the administrators of its home municipality, and
    its own administrators."""
    if not getattr(user, "is_authenticated", False):
        return False
    if is_municipal_admin(user, organisation.municipality_id):
        return True
    return has_role(user, organisation.pk, Role.ADMIN)


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
    if is_admin(user):
        return True
    return any(has_role(user, pid, Role.COORDINATOR) for pid in party_ids(cycle))


def can_view_cycle(user: Any, cycle: "Cycle") -> bool:
    if cycle.published:
        return True
    if is_admin(user):
        return True
    return is_party_member(user, cycle)


def can_record_measurement(user: Any, target: "Target", cycle: "Cycle") -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if target.party_id is None:
        return is_coordinator(user, cycle)
    if target.party_id not in party_ids(cycle):
        return False
    if has_role(user, target.party_id, Role.CONTRIBUTOR, Role.COORDINATOR, Role.ADMIN):
        return True
    return user.is_superuser


def can_assess(user: Any, agreement: "Agreement", cycle: "Cycle") -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if is_coordinator(user, cycle):
        return True
    lead = agreement.lead_party_id or agreement.theme.lead_organisation_id
    return has_role(user, lead, Role.CONTRIBUTOR)


def can_edit_agreements(user: Any, cycle: "Cycle") -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return is_coordinator(user, cycle)


def organisations_entering_for(user: Any, cycle: "Cycle") -> list[Organisation]:
    """The cycle's parties for which ``user`` may enter figures (for *Mijn invoer*)."""
    allowed = {
        pid
        for pid, rs in roles(user).items()
        if rs & {Role.CONTRIBUTOR, Role.COORDINATOR, Role.ADMIN}
    }
    return [p for p in cycle.parties.all() if p.pk in allowed or user.is_superuser]


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def can_manage_housing_data(user: Any, municipality_id: int) -> bool:
    """Import and delete housing data (stock, households, lettings) of a municipality: the
    contributors and coordinators of the municipality and of its corporations."""
    if not getattr(user, "is_authenticated", False):
        return False
    if is_admin(user):
        return True
    managing = {Role.CONTRIBUTOR, Role.COORDINATOR}
    own = Organisation.objects.filter(
        municipality_id=municipality_id,
        kind__in=[Organisation.Kind.MUNICIPALITY, Organisation.Kind.CORPORATION],
    ).values_list("pk", flat=True)
    return any(roles(user).get(pk, set()) & managing for pk in own)
