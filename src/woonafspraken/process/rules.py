"""The phase lock as the services meet it: :func:`ensure_editable` is the one check every write
to a cycle makes; the table it reads is :mod:`.locks`.

Imported by ``agreements.services``; keep it free of imports from that module.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import locks

FROZEN_PHASES = frozenset(p for p, areas in locks.TABLE.items() if areas[locks.TEXTS] != locks.OPEN)

_amending: ContextVar[int | None] = ContextVar("woonafspraken_amending", default=None)

AREA_LABELS = {
    locks.SETUP: gettext_lazy("de cyclus, de partijen en de thema's"),
    locks.TEXTS: gettext_lazy("de teksten van de afspraken"),
    locks.TARGETS: gettext_lazy("de normen"),
    locks.FIGURES: gettext_lazy("de realisaties"),
    locks.EVALUATIONS: gettext_lazy("de evaluaties"),
    locks.DOCUMENTS: gettext_lazy("de documenten"),
    locks.BIDS: gettext_lazy("de biedingen"),
}


class CycleLocked(ValidationError):
    """A write the phase of the cycle does not allow (HTTP 409 in the API)."""


def is_frozen(cycle: Any) -> bool:
    return cycle.phase in FROZEN_PHASES


def is_closed(cycle: Any) -> bool:
    return locks.rule(cycle.phase, locks.SETUP) == locks.LOCKED


@contextmanager
def applying_amendment(cycle: Any) -> Iterator[None]:
    """Inside this block the services may change ``cycle`` although it is frozen."""
    token = _amending.set(cycle.pk)
    try:
        yield
    finally:
        _amending.reset(token)


def ensure_editable(cycle: Any, area: str = locks.TEXTS) -> None:
    """Raise :class:`CycleLocked` unless ``area`` of ``cycle`` may change in its phase."""
    amending = _amending.get() == cycle.pk
    if locks.may_change(cycle.phase, area, amending=amending):
        return
    if locks.rule(cycle.phase, area) == locks.LOCKED:
        raise CycleLocked(
            _(
                "Deze cyclus is afgesloten: %(what)s liggen vast en er is niets gewijzigd. Een "
                "beheerder van de gemeente kan de cyclus heropenen, met opgave van reden."
            )
            % {"what": AREA_LABELS[area]},
            code="closed",
        )
    raise CycleLocked(
        _(
            "Deze prestatieafspraken zijn ondertekend; wijzig ze via een wijzigingsvoorstel "
            "(amendement) dat alle partijen opnieuw goedkeuren."
        ),
        code="frozen",
    )
