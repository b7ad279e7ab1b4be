"""Reads of the change history for pages. Which entries a reader may see follows what the
pages of those objects show: a cycle's history leaves out bids (visible per bid, by the rules
of the bid) and shows dispute points only to the parties."""

from django.db.models import Model, Q, QuerySet

from .models import AuditEntry

# Object types whose changes anyone who may view the cycle may read.
CYCLE_PUBLIC = (
    "agreements.cycle",
    "agreements.theme",
    "agreements.themeassignment",
    "agreements.finding",
    "agreements.agreement",
    "agreements.target",
    "agreements.measurement",
    "agreements.assessment",
    "governance.goallink",
    "process.approval",
    "process.amendment",
    "process.milestone",
)
CYCLE_PARTIES_ONLY = ("process.disputepoint", "process.disputeposition")

# What a reader can narrow the cycle history to (the keys are the URL parameter ``soort``).
CATEGORIES: dict[str, tuple[str, ...]] = {
    "afspraken": (
        "agreements.cycle",
        "agreements.theme",
        "agreements.themeassignment",
        "agreements.finding",
        "agreements.agreement",
        "agreements.target",
        "governance.goallink",
    ),
    "realisaties": ("agreements.measurement",),
    "evaluaties": ("agreements.assessment",),
    "proces": (
        "process.approval",
        "process.amendment",
        "process.milestone",
        *CYCLE_PARTIES_ONLY,
    ),
}


def for_cycle(cycle_id: int, *, party: bool, category: str = "") -> QuerySet[AuditEntry]:
    types = CYCLE_PUBLIC + (CYCLE_PARTIES_ONLY if party else ())
    if category in CATEGORIES:
        types = tuple(t for t in types if t in CATEGORIES[category])
    return (
        AuditEntry.objects.filter(cycle_id=cycle_id, object_type__in=types)
        .select_related("actor")
        .order_by("-at", "-id")
    )


def for_objects(*objects: Model) -> list[AuditEntry]:
    """The history of these objects themselves, newest first."""
    condition = Q(pk__in=[])
    for obj in objects:
        condition |= Q(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    return list(AuditEntry.objects.filter(condition).select_related("actor").order_by("-at", "-id"))
