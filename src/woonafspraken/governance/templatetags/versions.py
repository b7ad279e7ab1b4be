"""``{% load versions %}``: the version a form sends back, so a stale edit is refused."""

from django import template

from woonafspraken.governance import services
from woonafspraken.governance.models import ActionItem, BidItem

register = template.Library()


@register.filter
def bid_item_version(item: BidItem) -> str:
    return services.bid_item_version(item)


@register.filter
def action_item_version(item: ActionItem) -> str:
    return services.action_item_version(item)
