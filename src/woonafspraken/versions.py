"""Versions for conflict detection without a version column: a short hash of what an object
says now. A form or API client sends back the version it showed; a service that finds another
version refuses the change instead of silently overwriting someone else's (no lost update).
Pure Python, no Django."""

import hashlib
import json
from typing import Any


def fingerprint(state: Any) -> str:
    text = json.dumps(state, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def text_version(text: str | None) -> str:
    """The version of one free text (a position, a note), empty or not."""
    return fingerprint({"text": text or ""})
