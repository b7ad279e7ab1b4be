"""``{% load history %}``: audit entries in words (see :mod:`woonafspraken.audit.presentation`)."""

from django import template

from woonafspraken.audit import presentation
from woonafspraken.audit.models import AuditEntry

register = template.Library()


@register.filter
def action_label(entry: AuditEntry) -> str:
    return presentation.action_label(entry.action)


@register.filter
def changes(entry: AuditEntry) -> list[presentation.Change]:
    return presentation.changes(entry)
