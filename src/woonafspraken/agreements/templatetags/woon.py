from decimal import Decimal
from typing import Any

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import localeformat

register = template.Library()

# A cycle's phase in words, per language: a list of hundreds of cycles would otherwise
# translate every phase's label again for each cycle (``get_phase_display``).
_PHASE_NAMES: dict[str, dict[str, str]] = {}


@register.filter
def phase_name(code: str) -> str:
    from woonafspraken.agreements.models import Cycle

    language = get_language() or ""
    names = _PHASE_NAMES.get(language)
    if names is None:
        names = _PHASE_NAMES[language] = {k: str(v) for k, v in Cycle.Phase.choices}
    return names.get(code, code)


VERDICTS = {
    "met": _("gehaald"),
    "not_met": _("niet gehaald"),
    "on_track": _("op koers"),
    "behind": _("achter"),
    "no_data": _("geen gegevens"),
    "not_due": _("nog niet aan de beurt"),
}

STATUSES = {
    "achieved": _("gerealiseerd"),
    "on_track": _("op koers"),
    "attention": _("aandacht"),
    "unclear": _("onduidelijk"),
    "not_achieved": _("niet gerealiseerd"),
    "dropped": _("vervallen"),
    "none": _("nog niet beoordeeld"),
}

UNITS = {"percentage": "%", "count": "", "euro": "€", "energy_label": ""}


@register.filter
def organisation_link(organisation: Any, empty: str = "") -> str:
    """An organisation's name as a link to its public page (``empty`` when there is none)."""
    if organisation is None:
        return empty
    url = reverse("organisation_page", args=[organisation.pk])
    return format_html('<a class="utrecht-link" href="{}">{}</a>', url, organisation.name)


@register.filter
def verdict_label(code: str) -> str:
    return str(VERDICTS.get(code, code))


def shown_verdict(evaluated: Any, this_year: int | None = None) -> str:
    """The verdict a reader sees: a year still to come without a figure is *nog niet aan de
    beurt*, never *geen gegevens* or *niet gehaald*."""
    year = this_year if this_year is not None else timezone.localdate().year
    if evaluated.year > year and evaluated.measurement is None:
        return "not_due"
    return str(evaluated.verdict)


@register.filter
def verdict_text(evaluated: Any) -> str:
    return str(VERDICTS.get(shown_verdict(evaluated), evaluated.verdict))


@register.filter
def verdict_code(evaluated: Any) -> str:
    return shown_verdict(evaluated)


@register.filter
def status_label(code: str) -> str:
    return str(STATUSES.get(code, code))


def _num(value: Decimal) -> str:
    """Whole numbers without decimals, others with two: ``1.572``, ``190,40``."""
    return localeformat.fixed(value)


@register.filter
def amount(value: Any, unit: str = "") -> str:
    """A value in its unit: ``11 %``, ``€ 550``, ``1.572``, ``B``."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        return value
    if unit == "percentage":
        return localeformat.percent(value, 2)
    if unit == "euro":
        return localeformat.money(value)
    if unit == "count":
        return localeformat.count(value)
    return _num(Decimal(value))


@register.filter
def margin(value: Any, unit: str = "") -> str:
    if value is None:
        return "—"
    value = Decimal(value)
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    text = _num(abs(value))
    if unit == "percentage":
        return f"{sign}{text} " + str(_("procentpunt"))
    if unit == "energy_label":
        return f"{sign}{text} " + str(_("labelstap(pen)"))
    if unit == "euro":
        return sign + localeformat.money(abs(value))
    return f"{sign}{text}"


@register.simple_tag
def norm_text(target: Any) -> str:
    unit = target.indicator.unit
    if target.kind == "min":
        return str(_("minimaal %(v)s")) % {"v": amount(target.value, unit)}
    if target.kind == "max":
        return str(_("maximaal %(v)s")) % {"v": amount(target.value, unit)}
    if target.kind == "exact":
        if target.tolerance:
            return str(_("%(v)s (marge %(t)s)")) % {
                "v": amount(target.value, unit),
                "t": amount(target.tolerance, unit),
            }
        return amount(target.value, unit)
    if target.kind == "range":
        return f"{amount(target.low, unit)}–{amount(target.high, unit)}"
    return str(_("label %(l)s of beter")) % {"l": target.label}


@register.filter
def get(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key, 0) if mapping else 0


@register.filter
def chart_uri(svg: str) -> str:
    """An SVG chart as a ``data:`` URI for an ``<img>`` (the page's CSP allows ``data:``)."""
    import base64

    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
