"""What may change in which phase of a cycle: one table, no Django.

Every write service asks :func:`rule` (through ``process.rules.ensure_editable``) before it
writes. The table reads per phase, per area of the cycle:

* ``OPEN``: change it freely (the service's own access checks still apply);
* ``AMENDMENT``: the signed text holds; change it only by an amendment every party approves;
* ``LOCKED``: the cycle is closed; nothing changes until a municipal administrator reopens it.
"""

from typing import Final

OPEN: Final = "open"
AMENDMENT: Final = "amendment"
LOCKED: Final = "locked"

SETUP: Final = "setup"  # the cycle itself, its parties and themes (name, lead, project leader)
TEXTS: Final = "texts"  # agreements, board assignments and their findings
TARGETS: Final = "targets"  # the norms of the agreements
FIGURES: Final = "figures"  # realised values (measurements)
EVALUATIONS: Final = "evaluations"  # people's assessments of an agreement in a year
DOCUMENTS: Final = "documents"  # decision documents, background documents, dispute points
BIDS: Final = "bids"  # the corporations' bids and their lines

AREAS: Final = (SETUP, TEXTS, TARGETS, FIGURES, EVALUATIONS, DOCUMENTS, BIDS)

_BEFORE_SIGNING = {area: OPEN for area in AREAS}
_SIGNED = {**_BEFORE_SIGNING, TEXTS: AMENDMENT, TARGETS: AMENDMENT}
_CLOSED = {area: LOCKED for area in AREAS}

TABLE: Final[dict[str, dict[str, str]]] = {
    "preparation": _BEFORE_SIGNING,
    "bids": _BEFORE_SIGNING,
    "negotiation": _BEFORE_SIGNING,
    "decision": _BEFORE_SIGNING,
    "signed": _SIGNED,
    "monitoring": _SIGNED,
    "evaluation": _SIGNED,
    "closed": _CLOSED,
}


def rule(phase: str, area: str) -> str:
    """``OPEN``, ``AMENDMENT`` or ``LOCKED`` for ``area`` of a cycle in ``phase``."""
    if area not in AREAS:
        raise ValueError(f"unknown area {area!r}")
    return TABLE[phase][area]


def may_change(phase: str, area: str, *, amending: bool = False) -> bool:
    state = rule(phase, area)
    if state == OPEN:
        return True
    return state == AMENDMENT and amending
