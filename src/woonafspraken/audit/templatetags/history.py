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


@register.filter
def channel_label(code: str) -> str:
    return presentation.channel_label(code)


@register.filter
def readable(text: str) -> str:
    return presentation.readable_text(str(text))
