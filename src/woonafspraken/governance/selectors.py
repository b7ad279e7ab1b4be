"""Reads for pages and API, each a fixed number of queries whatever the amount of data."""

import datetime
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from woonafspraken.accounts.models import Municipality, Organisation
from woonafspraken.agreements.models import Agreement, Cycle, Theme
from woonafspraken.audit.models import AuditEntry

from . import access
from .models import ActionItem, Bid, BidItem, Body, Meeting, PolicyDocument, PolicyGoal


def visible_municipality_ids(user: Any) -> set[int]:
    return access.visible_municipality_ids(user)


def bodies(user: Any) -> QuerySet[Body]:
    return (
        Body.objects.filter(municipality_id__in=visible_municipality_ids(user))
        .select_related("municipality", "lead_organisation", "theme")
        .prefetch_related("member_organisations")
        .annotate(meeting_count=Count("meetings"))
        .order_by("municipality__name", "order", "id")
    )


def organisations_in(municipalities: list[Municipality]) -> list[Organisation]:
    """The organisations of ``municipalities`` (for forms), grouped by municipality."""
    if not municipalities:
        return []
    return list(
        Organisation.objects.filter(municipality__in=municipalities, archived_at__isnull=True)
        .select_related("municipality")
        .order_by("municipality__name", "name")
    )


def themes_in(municipalities: list[Municipality]) -> list[Theme]:
    """The themes of the cycles of ``municipalities`` (for forms), newest cycle first."""
    if not municipalities:
        return []
    return list(
        Theme.objects.filter(cycle__municipality__in=municipalities)
        .select_related("cycle__municipality")
        .order_by("cycle__municipality__name", "-cycle__start_year", "cycle_id", "order", "id")
    )


def meetings(user: Any) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(body__municipality_id__in=visible_municipality_ids(user))
        .select_related("body")
        .prefetch_related(
            Prefetch("decisions__agreements", queryset=Agreement.objects.only("id", "number")),
            Prefetch(
                "action_items",
                queryset=ActionItem.objects.select_related("owner_organisation", "owner_person"),
            ),
        )
        .order_by("-date", "-id")
    )


def action_items(user: Any) -> QuerySet[ActionItem]:
    return ActionItem.objects.filter(
        meeting__body__municipality_id__in=visible_municipality_ids(user)
    ).select_related("meeting__body", "owner_organisation", "owner_person")


def open_action_items(user: Any, today: datetime.date) -> tuple[list[ActionItem], list[ActionItem]]:
    """(overdue, open and not yet due); overdue = open with a due date before today."""
    items = list(
        action_items(user).filter(status=ActionItem.Status.OPEN).order_by("due_date", "id")
    )
    overdue = [i for i in items if i.is_overdue(today)]
    rest = [i for i in items if not i.is_overdue(today)]
    return overdue, rest


def goals(user: Any) -> QuerySet[PolicyGoal]:
    return (
        PolicyGoal.objects.filter(document__municipality_id__in=visible_municipality_ids(user))
        .select_related("document__municipality")
        .annotate(agreement_count=Count("links"))
        .order_by("document__municipality__name", "-document__year", "order", "id")
    )


def policy_documents(user: Any) -> QuerySet[PolicyDocument]:
    """Visible policy documents with their goals, each goal with its number of agreements."""
    return (
        PolicyDocument.objects.filter(municipality_id__in=visible_municipality_ids(user))
        .select_related("municipality")
        .prefetch_related(
            Prefetch(
                "goals",
                queryset=PolicyGoal.objects.annotate(agreement_count=Count("links")).order_by(
                    "order", "id"
                ),
            )
        )
        .order_by("municipality__name", "-year", "title", "id")
    )


def unserved_goals(user: Any) -> list[PolicyGoal]:
    return [g for g in goals(user) if g.agreement_count == 0]  # type: ignore[attr-defined]


def visible_bids_queryset(user: Any, cycle: Cycle) -> QuerySet[Bid]:
    """The bids of ``cycle`` that ``user`` may see (:func:`access.can_view_bid`), filtered in
    the database in a stable order: newest year first, then corporation."""
    rule = access.visible_bids_filter(user, cycle)
    qs = Bid.objects.filter(cycle=cycle) if rule is not None else Bid.objects.none()
    if rule is not None:
        qs = qs.filter(rule)
    return (
        qs.select_related("corporation")
        .prefetch_related(
            "sections", Prefetch("items", queryset=BidItem.objects.select_related("agreement"))
        )
        .order_by("-year", "corporation__name", "id")
    )


def visible_bids(user: Any, cycle: Cycle) -> list[Bid]:
    bids = list(visible_bids_queryset(user, cycle))
    for bid in bids:
        bid.cycle = cycle  # one cycle object, so its parties are read once
    return bids


def bid_history(bid: Bid) -> list[AuditEntry]:
    """The bid's own changes and those of its rows, removed rows included, newest first."""
    return list(
        AuditEntry.objects.filter(
            Q(object_type="governance.bid", object_id=str(bid.pk))
            | Q(object_type="governance.biditem", new__bid_id=bid.pk)
            | Q(object_type="governance.biditem", old__bid_id=bid.pk)
        )
        .select_related("actor")
        .order_by("-at", "-id")
    )
