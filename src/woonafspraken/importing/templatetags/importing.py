"""``user|may_import:cycle``: whether to offer the import on a cycle's page."""

from typing import Any

from django import template

from woonafspraken.agreements.models import Cycle

from .. import services

register = template.Library()


@register.filter
def may_import(user: Any, cycle: Cycle) -> bool:
    return cycle.phase == Cycle.Phase.PREPARATION and services.can_import(user, cycle)
