"""Reads for pages and API, each a fixed number of queries whatever the amount of data."""

import datetime
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from woonafspraken.agreements.models import Agreement, Cycle

from . import access
from .models import ActionItem, Bid, BidItem, Body, Meeting, PolicyGoal


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


def unserved_goals(user: Any) -> list[PolicyGoal]:
    return [g for g in goals(user) if g.agreement_count == 0]  # type: ignore[attr-defined]


def visible_bids(user: Any, cycle: Cycle) -> list[Bid]:
    qs = (
        Bid.objects.filter(cycle=cycle)
        .select_related("corporation")
        .prefetch_related(
            "sections", Prefetch("items", queryset=BidItem.objects.select_related("agreement"))
        )
        .order_by("-year", "corporation__name")
    )
    bids = list(qs)
    for bid in bids:
        bid.cycle = cycle  # one cycle object, so its parties are read once
    return [b for b in bids if access.can_view_bid(user, b)]
