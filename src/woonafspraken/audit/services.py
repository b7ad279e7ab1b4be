"""``log_action``: the one call every write service makes."""

from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from . import chain
from .models import AuditEntry, ChainHead


def actor_name(actor: Any) -> str:
    """The name shown for ``actor`` in the history, as it is now (stored with each entry)."""
    if not getattr(actor, "pk", None):
        return ""
    full = actor.get_full_name() if hasattr(actor, "get_full_name") else ""
    return (full or actor.get_username())[:300]


def _next_link() -> tuple[int, str]:
    """Lock the chain's end and return the next sequence number and the previous hash.

    The ``UPDATE`` takes a row lock (PostgreSQL) or the write lock (SQLite) that is held to
    the end of the surrounding transaction, so links are added one at a time and no two
    entries follow the same one.
    """
    if not ChainHead.objects.filter(pk=1).update(seq=F("seq") + 1):
        try:
            with transaction.atomic():
                ChainHead.objects.create(pk=1, seq=0, hash=chain.GENESIS)
        except IntegrityError:
            pass  # another writer made it first
        ChainHead.objects.filter(pk=1).update(seq=F("seq") + 1)
    head = ChainHead.objects.get(pk=1)
    return head.seq, head.hash


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
    with transaction.atomic():
        seq, prev_hash = _next_link()
        entry = AuditEntry(
            seq=seq,
            prev_hash=prev_hash,
            action=action,
            actor=actor if getattr(actor, "pk", None) else None,
            actor_name=actor_name(actor),
            at=timezone.now(),
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            object_repr=str(obj)[:300],
            cycle_id=cycle_id,
            agreement_id=agreement_id,
            old=chain.normalised(old),
            new=chain.normalised(new),
            source=source[:300],
        )
        entry.hash = chain.entry_hash(_fields(entry))
        entry.save()
        ChainHead.objects.filter(pk=1).update(hash=entry.hash)
    return entry


def _fields(entry: AuditEntry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in chain.FIELDS}


def verify() -> list[chain.Break]:
    """Every break in the stored chain (empty when the history is intact)."""
    fields = ("id", "hash", *chain.FIELDS)
    entries = AuditEntry.objects.order_by("seq").values(*fields).iterator(chunk_size=2000)
    head = ChainHead.objects.filter(pk=1).first()
    return chain.breaks(
        entries,
        head_seq=head.seq if head else None,
        head_hash=head.hash if head else None,
    )
