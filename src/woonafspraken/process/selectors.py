"""Reads for the process pages and API."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q

from woonafspraken.agreements.models import Cycle, Measurement, Target

from .models import Approval


@dataclass
class Delivery:
    organisation: Any
    approval: Approval | None
    targets: int
    measured: int

    @property
    def open_measurements(self) -> int:
        return self.targets - self.measured


def delivery(cycle: Cycle, year: int) -> list[Delivery]:
    """Per party: its approval, and how many of its targets have a value for ``year``."""
    approvals = {
        a.organisation_id: a
        for a in Approval.objects.filter(cycle=cycle, amendment__isnull=True).select_related(
            "signatory"
        )
    }
    relevant = Q(agreement__theme__cycle=cycle) & (Q(year=year) | Q(year__isnull=True))
    counts = {
        row["party"]: row["n"]
        for row in Target.objects.filter(relevant, party__isnull=False)
        .values("party")
        .annotate(n=Count("id"))
    }
    measured = {
        row["target__party"]: row["n"]
        for row in Measurement.objects.filter(
            target__in=Target.objects.filter(relevant, party__isnull=False), year=year
        )
        .values("target__party")
        .annotate(n=Count("id"))
    }
    return [
        Delivery(p, approvals.get(p.pk), counts.get(p.pk, 0), measured.get(p.pk, 0))
        for p in cycle.parties.order_by("kind", "name")
    ]


def current_year(cycle: Cycle, today: datetime.date) -> int:
    return min(max(today.year, cycle.start_year), cycle.end_year)
