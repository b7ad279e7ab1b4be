"""The freeze rule: a signed (or later) cycle's agreements and targets change only by amendment.

Imported by ``agreements.services``; keep it free of imports from that module.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

FROZEN_PHASES = frozenset({"signed", "monitoring", "evaluation", "closed"})

_amending: ContextVar[int | None] = ContextVar("woonafspraken_amending", default=None)


def is_frozen(cycle: Any) -> bool:
    return cycle.phase in FROZEN_PHASES


@contextmanager
def applying_amendment(cycle: Any) -> Iterator[None]:
    """Inside this block the services may change ``cycle`` although it is frozen."""
    token = _amending.set(cycle.pk)
    try:
        yield
    finally:
        _amending.reset(token)


def ensure_editable(cycle: Any) -> None:
    if not is_frozen(cycle):
        return
    if _amending.get() == cycle.pk:
        return
    raise ValidationError(
        _(
            "Deze prestatieafspraken zijn ondertekend; wijzig ze via een wijzigingsvoorstel "
            "(amendement) dat alle partijen opnieuw goedkeuren."
        ),
        code="frozen",
    )
