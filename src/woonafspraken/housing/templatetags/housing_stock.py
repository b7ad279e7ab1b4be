"""``{% stock_overview cycle year %}``: the municipality's homes per owner, from its imported
stock, beside a cycle's agreements (the cycle page shows it without importing this app)."""

from typing import Any

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from woonafspraken.housing import selectors
from woonafspraken.housing.presentation import source_line

register = template.Library()

OTHERS = {
    "other_landlord": gettext_lazy("Overige verhuurders"),
    "owner_occupied": gettext_lazy("Eigenaar-bewoners"),
}


@register.inclusion_tag("housing/_stock_overview.html")
def stock_overview(cycle: Any, year: int) -> dict[str, Any]:
    overview = selectors.stock_overview(cycle.municipality_id, year)
    if overview is None:
        return {"overview": None}
    rows = []
    for row in overview.stock.rows:
        organisation = overview.organisations.get(row.owner)
        if row.ownership == "corporation":
            label = organisation.name if organisation else row.owner or _("Corporatie")
        else:
            label = str(OTHERS.get(row.ownership, row.ownership))
        rows.append({"label": label, "organisation": organisation, "row": row})
    return {
        "overview": overview.stock,
        "rows": rows,
        "sources": [source_line(d) for d in overview.datasets],
        "wanted": year,
        "cycle": cycle,
    }
