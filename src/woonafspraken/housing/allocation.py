"""Allocation figures offered as measurements of the targets that follow them.

A target of an allocation indicator (see ``selectors.ALLOCATION_INDICATORS``) for one year is
measured by the figure computed from the lettings of that year: of all corporations for a
joint target, of the target's corporation otherwise (matched on its short name).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from woonafspraken.agreements.models import Cycle, Target

from .selectors import ALLOCATION_INDICATORS


@dataclass(frozen=True)
class Offer:
    target: Target
    year: int
    value: Decimal
    lettings: int
    recorded: Decimal | None

    @property
    def source(self) -> str:
        return _("berekend uit %(n)s toewijzingen %(year)s") % {
            "n": number_format(self.lettings, force_grouping=True),
            "year": self.year,
        }


def offers(cycle: Cycle, allocation: Any) -> list[Offer]:
    """One offer per yearly target of an allocation indicator with lettings for its year."""
    if allocation is None:
        return []
    targets = (
        Target.objects.filter(
            agreement__theme__cycle=cycle,
            indicator__name__in=list(ALLOCATION_INDICATORS),
            year__isnull=False,
        )
        .select_related("indicator", "party", "agreement")
        .prefetch_related("measurements")
        .order_by("agreement__theme__order", "agreement__order", "order", "pk")
    )
    result = []
    for target in targets:
        row = allocation.row(target.year, target.party.slug if target.party_id else "")
        if row is None:
            continue
        figure = getattr(row, ALLOCATION_INDICATORS[target.indicator.name])
        if figure is None:
            continue
        if not isinstance(figure, Decimal):
            figure = Decimal(figure)
        recorded = next((m.value for m in target.measurements.all() if m.year == target.year), None)
        result.append(Offer(target, target.year, figure, row.tally.lettings, recorded))
    return result
