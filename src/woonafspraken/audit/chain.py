"""The hash chain over the change log, without Django.

Every entry stores the hash of the entry before it (``prev_hash``) and its own hash over its
content plus that previous hash. Changing, inserting or removing an entry anywhere breaks the
chain from that point on; :func:`breaks` names where. The first entry follows ``GENESIS``.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64

# The stored fields a hash covers, in this order (the database id is not among them: it is
# given by the database after the hash is made, and the sequence number covers the order).
FIELDS = (
    "seq",
    "action",
    "actor_id",
    "actor_name",
    "at",
    "object_type",
    "object_id",
    "object_repr",
    "cycle_id",
    "agreement_id",
    "old",
    "new",
    "source",
    "prev_hash",
)


def normalised(value: Any) -> Any:
    """A JSON value as the database gives it back: keys as text, whole floats as integers."""
    value = json.loads(json.dumps(value))
    return _numbers(value)


def _numbers(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_numbers(v) for v in value]
    if isinstance(value, dict):
        return {k: _numbers(v) for k, v in value.items()}
    return value


def _at(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def entry_hash(entry: Mapping[str, Any]) -> str:
    """SHA-256 over the canonical JSON of an entry's ``FIELDS``."""
    content = {}
    for name in FIELDS:
        value = entry[name]
        if name == "at":
            value = _at(value)
        elif name in ("old", "new"):
            value = normalised(value)
        content[name] = value
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Break:
    seq: int | None
    entry_id: int | None
    reason: str


def breaks(
    entries: Iterable[Mapping[str, Any]], *, head_seq: int | None, head_hash: str | None
) -> list[Break]:
    """Every place the chain does not hold; ``entries`` in order of ``seq``.

    ``head_seq``/``head_hash`` are the last link as recorded apart from the entries; they
    reveal entries removed from the end.
    """
    found: list[Break] = []
    previous_hash = GENESIS
    previous_seq = 0
    for entry in entries:
        seq, entry_id = entry["seq"], entry.get("id")
        if seq != previous_seq + 1:
            found.append(Break(seq, entry_id, f"gap: expected {previous_seq + 1}, found {seq}"))
        if entry["prev_hash"] != previous_hash:
            found.append(Break(seq, entry_id, "the link to the previous entry does not match"))
        if entry_hash(entry) != entry["hash"]:
            found.append(Break(seq, entry_id, "the content does not match its hash"))
        previous_hash, previous_seq = entry["hash"], seq
    if head_seq is not None and (head_seq, head_hash) != (previous_seq, previous_hash):
        found.append(
            Break(head_seq, None, f"the chain ends at {previous_seq}, recorded end is {head_seq}")
        )
    return found
