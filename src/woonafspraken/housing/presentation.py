"""How the analyses read on a page, in a document and in a chart: titles, explanations,
column and series names in the reader's language, and cells in Dutch number notation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

import vl_convert
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from woonafspraken.agreements.templatetags import localeformat
from woonafspraken.analysis import Result

#: The charts' font, as in ``documents/charts.py`` (housing does not import documents).
FONT = "DejaVu Sans"

TITLES = {
    "prognosis": gettext_lazy("Prognose sociale doelgroep en sociale huurwoningen"),
    "scheefwonen": gettext_lazy("Scheefwonen: goedkoop en duur"),
    "housing-costs": gettext_lazy("Ontwikkeling woonlasten en kloof arm/rijk"),
    "cheapest-stock": gettext_lazy("Daling goedkoopste woningen"),
    "energy-labels": gettext_lazy("Energielabels E, F en G tegen 2028"),
    "new-build-affordability": gettext_lazy("Betaalbaarheid van de geplande nieuwbouw"),
    "care-homes": gettext_lazy("Zorggeschikte woningen: vraag, aanbod en mismatch"),
    "allocation": gettext_lazy("Toewijzingen: aanbodmodel, eigen inplaatsing en passend"),
}

EXPLANATIONS = {
    "prognosis": gettext_lazy(
        "Huishoudens in de sociale doelgroep (inkomen tot de DAEB-grens) tegenover de sociale "
        "huurvoorraad van de corporaties (tot de huurtoeslaggrens), per jaar, met het scenario "
        "van deze cyclus en de projecten. Een jaar waarin de vraag groter is dan het aanbod is "
        "een dip; de toelichting noemt hoeveel betaalbare woningen er per jaar bij moeten."
    ),
    "scheefwonen": gettext_lazy(
        "Goedkope scheefheid: inkomen boven de DAEB-grens in een woning onder de "
        "huurtoeslaggrens. Dure scheefheid: inkomen tot de grens voor huurtoeslag in een woning "
        "boven de passende aftoppingsgrens (CBS, Scheefhuurder). Alleen huurders tellen."
    ),
    "housing-costs": gettext_lazy(
        "Netto woonlasten = huur − huurtoeslag + energiekosten, per maand, en hun aandeel in "
        "het inkomen (woonquote). Kloof arm/rijk: gemiddeld inkomen van het rijkste vijfde "
        "tegenover het armste vijfde van de huishoudens."
    ),
    "cheapest-stock": gettext_lazy(
        "Huurwoningen onder de kwaliteitskortingsgrens van elk jaar, hun aandeel in de "
        "huurvoorraad en de verandering."
    ),
    "energy-labels": gettext_lazy(
        "Per corporatie de woningen met label E, F of G in het laatste jaar, het tempo dat "
        "nodig is om ze vóór eind 2028 weg te werken en het tempo tot nu toe."
    ),
    "new-build-affordability": gettext_lazy(
        "Aandeel betaalbaar (sociale huur, middenhuur, betaalbare koop) en sociale huur in de "
        "geplande nieuwbouw, tegen twee derde en 30 %."
    ),
    "care-homes": gettext_lazy(
        "Vraag naar zorggeschikte woningen, het aanbod en hoeveel ervan bewoond worden door "
        "wie ze nodig heeft. Mismatch: het deel van de zorggeschikte woningen dat niet zo "
        "bewoond wordt."
    ),
    "allocation": gettext_lazy(
        "Toewijzingen per jaar en corporatie: aandeel via het aanbodmodel, eigen inplaatsing "
        "en urgentie; passend toewijzen en DAEB-toewijzing volgens de regels van het jaar; "
        "jongeren onder 23 in een zeer goedkope woning."
    ),
}

COLUMNS = {
    "year": gettext_lazy("Jaar"),
    "period": gettext_lazy("Periode"),
    "households": gettext_lazy("Huishoudens"),
    "demand": gettext_lazy("Vraag (doelgroep)"),
    "supply": gettext_lazy("Aanbod"),
    "new_build": gettext_lazy("Erbij"),
    "removed": gettext_lazy("Eraf"),
    "gap": gettext_lazy("Tekort (+) of overschot (−)"),
    "dip": gettext_lazy("Dip"),
    "renters": gettext_lazy("Huurders"),
    "cheap": gettext_lazy("Goedkoop scheef"),
    "cheap_share": gettext_lazy("Aandeel goedkoop"),
    "expensive": gettext_lazy("Duur scheef"),
    "expensive_share": gettext_lazy("Aandeel duur"),
    "none": gettext_lazy("Niet scheef"),
    "household_type": gettext_lazy("Huishoudtype"),
    "rent": gettext_lazy("Huur"),
    "huurtoeslag": gettext_lazy("Huurtoeslag"),
    "energy_cost": gettext_lazy("Energiekosten"),
    "net_cost": gettext_lazy("Netto woonlasten"),
    "income_share": gettext_lazy("Woonquote"),
    "poorest_fifth": gettext_lazy("Armste vijfde"),
    "richest_fifth": gettext_lazy("Rijkste vijfde"),
    "ratio": gettext_lazy("Verhouding"),
    "rented": gettext_lazy("Huurwoningen"),
    "change": gettext_lazy("Verandering"),
    "change_since_first": gettext_lazy("Sinds eerste jaar"),
    "owner": gettext_lazy("Corporatie"),
    "homes": gettext_lazy("Woningen"),
    "efg": gettext_lazy("Label E, F of G"),
    "efg_share": gettext_lazy("Aandeel E, F, G"),
    "years_left": gettext_lazy("Jaren tot eind 2028"),
    "pace_needed": gettext_lazy("Nodig per jaar"),
    "pace_so_far": gettext_lazy("Tot nu toe per jaar"),
    "on_track": gettext_lazy("Op koers"),
    "total": gettext_lazy("Gepland"),
    "affordable": gettext_lazy("Betaalbaar"),
    "affordable_share": gettext_lazy("Aandeel betaalbaar"),
    "affordable_met": gettext_lazy("Twee derde gehaald"),
    "social": gettext_lazy("Sociale huur"),
    "social_share": gettext_lazy("Aandeel sociale huur"),
    "social_met": gettext_lazy("30 % gehaald"),
    "matched": gettext_lazy("Passend bewoond"),
    "surplus": gettext_lazy("Overschot op papier"),
    "mismatch": gettext_lazy("Mismatch"),
    "unmet": gettext_lazy("Vraag zonder passende woning"),
    "corporation": gettext_lazy("Corporatie"),
    "lettings": gettext_lazy("Toewijzingen"),
    "offer_model": gettext_lazy("Aanbodmodel"),
    "direct_placement": gettext_lazy("Eigen inplaatsing"),
    "urgency": gettext_lazy("Urgentie"),
    "passend": gettext_lazy("Passend toegewezen"),
    "daeb": gettext_lazy("DAEB-toewijzing"),
    "young": gettext_lazy("Jongeren < 23"),
    "young_cheap": gettext_lazy("Jongeren < 23 zeer goedkoop"),
    "caregivers": gettext_lazy("Mantelzorg"),
}

SERIES = {
    "demand": gettext_lazy("vraag (doelgroep)"),
    "supply": gettext_lazy("aanbod"),
    "cheap": gettext_lazy("goedkope scheefheid"),
    "expensive": gettext_lazy("dure scheefheid"),
    "efg": gettext_lazy("label E, F of G"),
    "affordable": gettext_lazy("betaalbaar"),
    "other": gettext_lazy("overig"),
    "matched": gettext_lazy("passend bewoond"),
    "offer_model": gettext_lazy("aanbodmodel (%)"),
    "direct_placement": gettext_lazy("eigen inplaatsing (%)"),
}

HOUSEHOLD_TYPES = {
    "alleenstaand": gettext_lazy("alleenstaand"),
    "paar": gettext_lazy("paar"),
    "paar_met_kinderen": gettext_lazy("paar met kinderen"),
    "eenouder": gettext_lazy("eenouder"),
    "overig": gettext_lazy("overig"),
}


#: Columns whose values are an organisation's short name (its code in the data files); the
#: reader sees the organisation's name instead.
ORGANISATION_COLUMNS = frozenset({"owner", "corporation"})


def organisation_names() -> dict[str, str]:
    """Every organisation's name by its short name (one query)."""
    from woonafspraken.accounts.models import Organisation

    return dict(Organisation.objects.values_list("slug", "name"))


def cell(value: Any, unit: str) -> str:
    """A table cell in Dutch (or English) notation."""
    if value is None or value == "":
        return "—"
    if unit == "flag":
        return str(_("ja")) if value else str(_("nee"))
    if unit in {"text", "year"}:
        if value == "totaal":
            return str(_("totaal"))
        return str(HOUSEHOLD_TYPES.get(value, value))
    if unit == "euro":
        return localeformat.money(Decimal(value), "always")
    if unit == "percent":
        shown = number_format(Decimal(value), decimal_pos=1, force_grouping=True)
        return shown + ("%" if localeformat.reader_language() == "en" else " %")
    if unit == "ratio":
        return number_format(Decimal(value), decimal_pos=2, force_grouping=True)
    places = 0 if Decimal(value) == Decimal(value).to_integral() else 1
    return number_format(Decimal(value), decimal_pos=places, force_grouping=True)


def source_line(dataset: Any) -> str:
    """Where a set's figures come from, as a reader sees it."""
    return _("%(source)s, peildatum %(date)s%(fictional)s") % {
        "source": dataset.source,
        "date": localeformat.day(dataset.source_date),
        "fictional": " (" + _("fictief") + ")" if dataset.fictional else "",
    }


@dataclass(frozen=True)
class Shown:
    """An analysis ready for a page or a document."""

    name: str
    title: str
    explanation: str
    headers: list[str]
    rows: list[list[str]]
    extra: list[tuple[list[str], list[list[str]]]]
    notes: list[str]
    sources: list[str]
    fictional: bool
    result: Result | None
    missing: str
    #: organisation names by short name, for the chart's axis
    names: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def svg(self) -> str:
        return str(vl_convert.vegalite_to_svg(self.spec())) if self.result else ""

    def png(self) -> bytes:
        return bytes(vl_convert.vegalite_to_png(self.spec(), scale=2)) if self.result else b""

    def spec(self) -> dict[str, Any]:
        assert self.result is not None
        title = self.title + (" (" + str(_("fictief")) + ")" if self.fictional else "")
        values = [
            {
                "x": self.names.get(p.x, p.x),
                "waarde": float(p.y),
                "reeks": str(SERIES.get(p.series, p.series)),
            }
            for p in self.result.points
        ]
        if self.result.chart == "bar":
            mark: dict[str, Any] = {"type": "bar"}
            encoding: dict[str, Any] = {
                "x": {"field": "x", "type": "nominal", "title": None},
                "y": {"field": "waarde", "type": "quantitative", "title": None, "stack": True},
                "color": {"field": "reeks", "type": "nominal", "title": None},
            }
        else:
            mark = {"type": "line", "point": True}
            encoding = {
                "x": {"field": "x", "type": "ordinal", "title": None},
                "y": {"field": "waarde", "type": "quantitative", "title": None},
                "color": {"field": "reeks", "type": "nominal", "title": None},
            }
        return {
            "title": title,
            "width": 420,
            "height": 180,
            "data": {"values": values},
            "mark": mark,
            "encoding": encoding,
            "config": {"font": FONT, "view": {"stroke": None}},
        }


def notes(name: str, detail: Any) -> list[str]:
    """The analysis's findings in the reader's language (the pure modules give them in
    Dutch for plain use; the page and the documents write them here)."""
    if detail is None:
        return []
    found: list[str] = []
    if name == "prognosis":
        if detail.dip_years:
            found.append(
                _("De vraag is groter dan het aanbod in %(years)s.")
                % {"years": ", ".join(str(y) for y in detail.dip_years)}
            )
            found.append(
                _("Om dat te sluiten zijn elk jaar %(n)s extra betaalbare woningen nodig.")
                % {"n": cell(detail.extra_per_year, "count")}
            )
        else:
            found.append(_("Het aanbod is in elk jaar ten minste even groot als de vraag."))
        if detail.base_shortage:
            found.append(
                _("In het basisjaar is er al een tekort van %(n)s woningen.")
                % {"n": cell(detail.base_shortage, "count")}
            )
    elif name == "housing-costs":
        if detail.unknown:
            found.append(
                _(
                    "%(n)s huishoudens zijn niet meegeteld: voor hun jaar is de huurtoeslag "
                    "niet gegeven en niet te berekenen."
                )
                % {"n": cell(detail.unknown, "count")}
            )
        if not detail.energy_estimated:
            found.append(_("Energiekosten zijn niet bekend en tellen als € 0."))
    elif name == "cheapest-stock" and len(detail.rows) > 1:
        first, last = detail.rows[0], detail.rows[-1]
        found.append(
            _("Van %(first)s tot %(last)s: %(change)s woningen onder de kwaliteitskortingsgrens.")
            % {
                "first": first.year,
                "last": last.year,
                "change": ("+" if last.change_since_first > 0 else "")
                + cell(last.change_since_first, "count"),
            }
        )
    elif name == "energy-labels":
        found.append(
            _(
                "Norm: geen woningen met label E, F of G meer na 2028 (Nationale "
                "prestatieafspraken 2022)."
            )
        )
    elif name == "new-build-affordability":
        found.append(
            _(
                "Norm: ten minste twee derde betaalbaar en ten minste 30 % sociale huur (Wet "
                "versterking regie volkshuisvesting)."
            )
        )
    elif name == "allocation":
        unknown = sorted({r.year for r in detail.rows if not r.tally.computable})
        if unknown:
            found.append(
                _(
                    "Passend toewijzen, DAEB-toewijzing en jongeren in een zeer goedkope woning "
                    "zijn voor %(years)s niet berekend: de grenzen van dat jaar zijn niet bekend."
                )
                % {"years": ", ".join(str(y) for y in unknown)}
            )
    return found


def _table(columns: Any, rows: Any, names: Mapping[str, str]) -> tuple[list[str], list[list[str]]]:
    headers = [str(COLUMNS.get(c.key, c.key)) for c in columns]

    def shown_cell(value: Any, column: Any) -> str:
        if column.key in ORGANISATION_COLUMNS and value in names:
            return names[value]
        return cell(value, column.unit)

    body = [[shown_cell(v, c) for v, c in zip(row, columns, strict=True)] for row in rows]
    return headers, body


def shown(outcome: Any, names: Mapping[str, str] | None = None) -> Shown:
    """Turn a :class:`woonafspraken.housing.selectors.Outcome` into what a reader sees;
    ``names`` (:func:`organisation_names`) turns the data files' short names into the
    organisations' names."""
    names = {} if names is None else names
    result = outcome.result
    headers: list[str] = []
    rows: list[list[str]] = []
    extra = []
    if result is not None:
        headers, rows = _table(result.table.columns, result.table.rows, names)
        extra = [_table(t.columns, t.rows, names) for _key, t in result.more]
    sources = [source_line(d) for d in outcome.datasets]
    return Shown(
        name=outcome.name,
        title=str(TITLES[outcome.name]),
        explanation=str(EXPLANATIONS[outcome.name]),
        headers=headers,
        rows=rows,
        extra=extra,
        notes=notes(outcome.name, outcome.detail) if result else [],
        sources=sources,
        fictional=outcome.fictional,
        result=result,
        missing=outcome.missing,
        names=names,
    )
