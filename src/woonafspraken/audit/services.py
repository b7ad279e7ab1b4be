"""``log_action``: the one call every write service makes."""

from typing import Any

from django.db import models

from .models import AuditEntry


def log_action(
    action: str,
    *,
    actor: Any,
    obj: models.Model,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
    source: str = "",
    cycle_id: int | None = None,
    agreement_id: int | None = None,
) -> AuditEntry:
    """Record one change. ``old``/``new`` hold only JSON-safe values."""
    return AuditEntry.objects.create(
        action=action,
        actor=actor if getattr(actor, "pk", None) else None,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        cycle_id=cycle_id,
        agreement_id=agreement_id,
        old=old,
        new=new,
        source=source[:300],
    )
