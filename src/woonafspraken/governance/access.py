"""Who may see and change governance, policy and bids; built on
:mod:`woonafspraken.accounts.access`. One condition per line.

Reading governance and policy (bodies, meetings, decisions, action items, policy goals): anyone
when the municipality has a published cycle (the agreements are open data, so is the
governance around them); otherwise admins and members of an organisation of that municipality.

Bids (:func:`can_view_bid`): the corporation's own members always; once submitted also the
members of the municipality and of the corporation's own tenant organisation(s); once
submitted and the cycle is in negotiation or later, the members of every party of the cycle.
Nobody else, not even an admin of another organisation, ever sees a bid.
"""

from typing import Any

from django.db.models import Q

from woonafspraken.accounts.access import (
    has_role,
    is_admin,
    is_municipal_coordinator,
    party_ids,
    roles,
)
from woonafspraken.accounts.models import Municipality, Organisation, Role
from woonafspraken.agreements.models import Cycle

from .models import ActionItem, Bid, Body

BID_OPEN_PHASES = frozenset(
    {
        Cycle.Phase.NEGOTIATION,
        Cycle.Phase.DECISION,
        Cycle.Phase.SIGNED,
        Cycle.Phase.MONITORING,
        Cycle.Phase.EVALUATION,
        Cycle.Phase.CLOSED,
    }
)
BID_EDITOR_ROLES = (Role.CONTRIBUTOR, Role.COORDINATOR, Role.SIGNATORY, Role.ADMIN)


def _authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def organisations_of(user: Any) -> dict[int, Organisation]:
    """The user's organisations by id, cached on the user for one request."""
    cached = getattr(user, "_woonafspraken_organisations", None)
    if cached is None:
        cached = {o.pk: o for o in Organisation.objects.filter(pk__in=list(roles(user)))}
        if _authenticated(user):
            user._woonafspraken_organisations = cached
    return cached


def is_municipality_member(user: Any, municipality_id: int, *wanted: str) -> bool:
    """``user`` belongs (with one of ``wanted`` roles, if given) to the municipality's own
    organisation."""
    for org in organisations_of(user).values():
        if org.kind != Organisation.Kind.MUNICIPALITY:
            continue
        if org.municipality_id != municipality_id:
            continue
        if not wanted or has_role(user, org.pk, *wanted):
            return True
    return False


def is_member_in_municipality(user: Any, municipality_id: int) -> bool:
    return any(o.municipality_id == municipality_id for o in organisations_of(user).values())


def has_published_cycle(municipality: Municipality) -> bool:
    cached = getattr(municipality, "_has_published_cycle", None)
    if cached is None:
        cached = Cycle.objects.filter(municipality=municipality, published=True).exists()
        municipality._has_published_cycle = cached  # type: ignore[attr-defined]
    return bool(cached)


def visible_municipality_ids(user: Any) -> set[int]:
    """The municipalities whose governance ``user`` may read (:func:`can_view_governance` for
    all of them at once, in a fixed number of queries)."""
    if is_admin(user):
        return set(Municipality.objects.values_list("pk", flat=True))
    ids = set(
        Cycle.objects.filter(published=True).values_list("municipality_id", flat=True).distinct()
    )
    ids |= {o.municipality_id for o in organisations_of(user).values() if o.municipality_id}
    return ids


def can_view_governance(user: Any, municipality: Municipality) -> bool:
    if has_published_cycle(municipality):
        return True
    if is_admin(user):
        return True
    return is_member_in_municipality(user, municipality.pk)


def can_manage_governance(user: Any, municipality_id: int) -> bool:
    """Create bodies and policy documents: the municipality's coordinators and admins."""
    if not _authenticated(user):
        return False
    return is_municipal_coordinator(user, municipality_id)


def manageable_municipalities(user: Any) -> list[Municipality]:
    """The municipalities in which ``user`` may create bodies and policy documents
    (:func:`can_manage_governance` for all of them at once, in one query)."""
    if not _authenticated(user):
        return []
    if is_admin(user):
        return list(Municipality.objects.order_by("name"))
    ids = {
        o.municipality_id
        for o in organisations_of(user).values()
        if o.municipality_id and can_manage_governance(user, o.municipality_id)
    }
    if not ids:
        return []
    return list(Municipality.objects.filter(pk__in=ids).order_by("name"))


def can_manage_body(user: Any, body: Body) -> bool:
    """Meetings, decisions and action items of ``body``."""
    if can_manage_governance(user, body.municipality_id):
        return True
    return has_role(user, body.lead_organisation_id, Role.COORDINATOR)


def can_update_action_item(user: Any, item: ActionItem) -> bool:
    if can_manage_body(user, item.meeting.body):
        return True
    if item.owner_person_id is not None and item.owner_person_id == getattr(user, "pk", None):
        return True
    return has_role(user, item.owner_organisation_id, Role.CONTRIBUTOR, Role.COORDINATOR)


# --- Bids --------------------------------------------------------------------------------------


def _tenant_of(user: Any, corporation_id: int) -> bool:
    return any(o.corporation_id == corporation_id for o in organisations_of(user).values())


def can_view_bid(user: Any, bid: Bid) -> bool:
    """The one rule for who sees a bid (see the module docstring)."""
    if not _authenticated(user):
        return False
    if bid.corporation_id in roles(user):
        return True
    if bid.status != Bid.Status.SUBMITTED:
        return False
    if is_municipality_member(user, bid.cycle.municipality_id):
        return True
    if _tenant_of(user, bid.corporation_id):
        return True
    if bid.cycle.phase not in BID_OPEN_PHASES:
        return False
    return bool(set(roles(user)) & party_ids(bid.cycle))


def visible_bids_filter(user: Any, cycle: Cycle) -> Q | None:
    """:func:`can_view_bid` for every bid of ``cycle`` at once, as a database filter (so a
    list is counted and paged in the database); ``None``: no bid at all."""
    if not _authenticated(user):
        return None
    own = Q(corporation_id__in=list(roles(user)))
    submitted = Q(status=Bid.Status.SUBMITTED)
    if is_municipality_member(user, cycle.municipality_id):
        return own | submitted
    if cycle.phase in BID_OPEN_PHASES and set(roles(user)) & party_ids(cycle):
        return own | submitted
    represented = {o.corporation_id for o in organisations_of(user).values() if o.corporation_id}
    return own | (submitted & Q(corporation_id__in=represented))


def can_edit_bid(user: Any, bid: Bid) -> bool:
    """Write the corporation's own bid while it is a draft."""
    if not _authenticated(user):
        return False
    if bid.status != Bid.Status.DRAFT:
        return False
    return has_role(user, bid.corporation_id, *BID_EDITOR_ROLES)


def can_start_bid(user: Any, cycle: Cycle, corporation: Organisation) -> bool:
    if not _authenticated(user):
        return False
    if corporation.kind != Organisation.Kind.CORPORATION:
        return False
    if corporation.pk not in party_ids(cycle):
        return False
    return has_role(user, corporation.pk, *BID_EDITOR_ROLES)


def bid_corporations_for(user: Any, cycle: Cycle) -> list[Organisation]:
    """The cycle's corporations for which ``user`` may write a bid."""
    return [
        o
        for o in cycle.parties.filter(kind=Organisation.Kind.CORPORATION).order_by("name")
        if can_start_bid(user, cycle, o)
    ]
