"""The cycle's phases: every allowed transition and who may make it, in one table.

``COORDINATOR``: a coordinator of the cycle's municipality (or an administrator).
``AUTOMATIC``: nobody makes it by hand; :func:`woonafspraken.process.services.approve_cycle`
makes it when the last party approves.
``MUNICIPAL_ADMIN``: an administrator of the cycle's municipality; the change needs a reason.

What each phase lets change is the other table, in :mod:`.locks`.
"""

from typing import Any

from woonafspraken.accounts import access

PREPARATION = "preparation"
BIDS = "bids"
NEGOTIATION = "negotiation"
DECISION = "decision"
SIGNED = "signed"
MONITORING = "monitoring"
EVALUATION = "evaluation"
CLOSED = "closed"

PHASES = (PREPARATION, BIDS, NEGOTIATION, DECISION, SIGNED, MONITORING, EVALUATION, CLOSED)

COORDINATOR = "coordinator"
AUTOMATIC = "automatic"
MUNICIPAL_ADMIN = "municipal_admin"

TRANSITIONS: dict[tuple[str, str], str] = {
    (PREPARATION, BIDS): COORDINATOR,
    (BIDS, NEGOTIATION): COORDINATOR,
    (NEGOTIATION, DECISION): COORDINATOR,
    (DECISION, NEGOTIATION): COORDINATOR,  # a party does not approve: back to the table
    (DECISION, SIGNED): AUTOMATIC,  # when every party approved
    (SIGNED, MONITORING): COORDINATOR,
    (MONITORING, EVALUATION): COORDINATOR,
    (EVALUATION, MONITORING): COORDINATOR,  # multi-year agreements: the next year
    (EVALUATION, CLOSED): COORDINATOR,
    (CLOSED, EVALUATION): MUNICIPAL_ADMIN,  # reopen, with a reason that stays in the history
}

REASON_REQUIRED = frozenset({(CLOSED, EVALUATION)})


def needs_reason(current: str, to: str) -> bool:
    return (current, to) in REASON_REQUIRED


def required_role(current: str, to: str) -> str | None:
    return TRANSITIONS.get((current, to))


def is_municipal_coordinator(user: Any, cycle: Any) -> bool:
    """The role table (:mod:`woonafspraken.accounts.access`) decides: the coordinators and
    administrators of the cycle's municipality, or the system administrator."""
    return access.is_coordinator(user, cycle)


def may_change(user: Any, cycle: Any, to: str) -> bool:
    role = required_role(cycle.phase, to)
    if role == COORDINATOR:
        return is_municipal_coordinator(user, cycle)
    if role == MUNICIPAL_ADMIN:
        return access.is_municipal_admin(user, cycle.municipality_id)
    return False


def next_phases(user: Any, cycle: Any) -> list[str]:
    """The phases ``user`` may move ``cycle`` to by hand, in the order of :data:`PHASES`."""
    return [p for p in PHASES if may_change(user, cycle, p)]
