"""Charts for multi-year targets: the expected path against the realised values.

The chart is a Vega-Lite specification rendered to SVG (PDF, page) or PNG (Word) on the
server with vl-convert, so every medium shows the same picture; the same numbers go into a
data table beside it. Nothing is fetched: vl-convert carries Vega itself.
"""

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import Any

import vl_convert
from django.utils.translation import gettext as _

FONT = "DejaVu Sans"


@dataclass(frozen=True)
class Point:
    year: int
    expected_low: Decimal | None  # the expected cumulative value (or the low path of a range)
    expected_high: Decimal | None  # only for a range
    realised: Decimal | None  # cumulative realised value up to and including ``year``


@dataclass(frozen=True)
class Chart:
    """A chart is rendered only in the form a medium asks for: SVG for the page and the PDF,
    PNG for Word. Rendering costs about 25 ms, so a Word file of 180 charts no longer pays for
    SVGs it never shows."""

    title: str
    points: list[Point]

    @cached_property
    def svg(self) -> str:
        return _svg(json.dumps(_spec(self.title, self.points), sort_keys=True))

    def png(self) -> bytes:
        return bytes(vl_convert.vegalite_to_png(_spec(self.title, self.points), scale=2))


@lru_cache(maxsize=256)
def _svg(spec: str) -> str:
    """The SVG of a specification (as JSON text). The same specification always gives the same
    picture, and drawing one costs tens of milliseconds (a cycle's Vastgoed page has three), so
    each process keeps the last few hundred it drew; changed figures make a new specification,
    never a stale picture."""
    return str(vl_convert.vegalite_to_svg(json.loads(spec)))


def path(target: Any, years: list[int], as_of: int) -> list[Point]:
    """Expected (linear) and realised cumulative values per year for a period target."""
    n = len(years)
    by_year = {m.year: m.value for m in target.measurements.all() if m.value is not None}
    points, total, seen = [], Decimal(0), False
    for i, year in enumerate(years, start=1):
        share = Decimal(i) / Decimal(n)
        if target.kind == "range":
            low, high = target.low * share, target.high * share
        else:
            low, high = (target.value * share if target.value is not None else None), None
        realised = None
        if year <= as_of:
            if year in by_year:
                total += by_year[year]
                seen = True
            realised = total if seen else None
        points.append(Point(year, _round(low), _round(high), realised))
    return points


def _round(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.1"))


def _spec(title: str, points: list[Point]) -> dict[str, Any]:
    expected, expected_max, realised = _("verwacht"), _("verwacht (max.)"), _("gerealiseerd")
    domain = [expected, expected_max, realised]
    rows = []
    for p in points:
        if p.expected_low is not None:
            rows.append({"jaar": str(p.year), "waarde": float(p.expected_low), "reeks": expected})
        if p.expected_high is not None:
            rows.append(
                {"jaar": str(p.year), "waarde": float(p.expected_high), "reeks": expected_max}
            )
        if p.realised is not None:
            rows.append({"jaar": str(p.year), "waarde": float(p.realised), "reeks": realised})
    return {
        "title": title,
        "width": 360,
        "height": 160,
        "data": {"values": rows},
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {"field": "jaar", "type": "ordinal", "title": None},
            "y": {"field": "waarde", "type": "quantitative", "title": None},
            "color": {
                "field": "reeks",
                "type": "nominal",
                "title": None,
                "scale": {
                    "domain": domain,
                    "range": ["#6b6b6b", "#9a9a9a", "#24578f"],
                },
            },
            "strokeDash": {
                "field": "reeks",
                "type": "nominal",
                "legend": None,
                "scale": {
                    "domain": domain,
                    "range": [[4, 3], [2, 2], [1, 0]],
                },
            },
        },
        "config": {"font": FONT, "view": {"stroke": None}},
    }


def chart(title: str, points: list[Point]) -> Chart:
    return Chart(title, points)


#: Colours of the statuses and verdicts, as on the pages (woonafspraken.css).
COLOURS = {
    "achieved": "#1d6b2f",
    "met": "#1d6b2f",
    "on_track": "#1a5c8a",
    "attention": "#8a4b00",
    "behind": "#8a4b00",
    "unclear": "#8a8a8a",
    "no_data": "#8a8a8a",
    "none": "#c8c8c8",
    "not_achieved": "#a3211a",
    "not_met": "#a3211a",
    "dropped": "#4d4d4d",
}


@dataclass(frozen=True)
class Bars:
    """Horizontal stacked bars: per row (a theme, a party) how many fall in each category
    (a status, a verdict). ``table`` gives the same numbers for the table beside it."""

    title: str
    rows: list[str]
    #: (code, label) of each category, in the order of the legend
    categories: list[tuple[str, str]]
    counts: dict[tuple[str, str], int]
    #: the heading of the rows' column in the table (theme, party)
    row_heading: str = ""

    @property
    def table(self) -> list[tuple[str, list[int], int]]:
        """(row, count per category, total) per row."""
        return [
            (
                row,
                [self.counts.get((row, code), 0) for code, _label in self.categories],
                sum(self.counts.get((row, code), 0) for code, _label in self.categories),
            )
            for row in self.rows
        ]

    @property
    def empty(self) -> bool:
        return not any(self.counts.values())

    @cached_property
    def svg(self) -> str:
        return _svg(json.dumps(self.spec(), sort_keys=True))

    def png(self) -> bytes:
        return bytes(vl_convert.vegalite_to_png(self.spec(), scale=2))

    def spec(self) -> dict[str, Any]:
        labels = [label for _code, label in self.categories]
        colours = [COLOURS.get(code, "#6b6b6b") for code, _label in self.categories]
        values = [
            {"rij": row, "soort": label, "volgorde": i, "aantal": self.counts.get((row, code), 0)}
            for row in self.rows
            for i, (code, label) in enumerate(self.categories)
            if self.counts.get((row, code), 0)
        ]
        return {
            "title": self.title,
            "width": 320,
            "height": {"step": 22},
            "data": {"values": values},
            "mark": {"type": "bar"},
            "encoding": {
                "y": {"field": "rij", "type": "nominal", "title": None, "sort": self.rows},
                "x": {
                    "field": "aantal",
                    "type": "quantitative",
                    "title": None,
                    "stack": True,
                    "axis": {"tickMinStep": 1, "format": "d"},
                },
                "color": {
                    "field": "soort",
                    "type": "nominal",
                    "title": None,
                    "scale": {"domain": labels, "range": colours},
                    "legend": {"orient": "bottom", "columns": 3},
                },
                "order": {"field": "volgorde", "type": "quantitative"},
            },
            "config": {"font": FONT, "view": {"stroke": None}},
        }


@dataclass(frozen=True)
class KeyRow:
    """One party's realised figure against its norm (``low``/``high`` only differ for a range)."""

    party: str
    low: Decimal | None
    high: Decimal | None
    realised: Decimal
    norm_text: str
    realised_text: str
    verdict: str


@dataclass(frozen=True)
class KeyFigure:
    """A key figure of the year: per party a bar of the realised value with the norm as a
    mark across it. ``headings`` and ``table`` give the same numbers, already formatted in the
    reader's locale, for the table beside it."""

    #: the indicator, and what the bars show (the year, or up to the year for a period norm)
    name: str
    note: str
    rows: list[KeyRow]

    @property
    def title(self) -> str:
        return f"{self.name}, {self.note}"

    @property
    def headings(self) -> list[str]:
        return [_("Partij"), _("Norm"), _("Gerealiseerd"), _("Oordeel")]

    @property
    def table(self) -> list[list[str]]:
        return [[r.party, r.norm_text, r.realised_text, r.verdict] for r in self.rows]

    @cached_property
    def svg(self) -> str:
        return _svg(json.dumps(self.spec(), sort_keys=True))

    def png(self) -> bytes:
        return bytes(vl_convert.vegalite_to_png(self.spec(), scale=2))

    def spec(self) -> dict[str, Any]:
        realised, norm = _("gerealiseerd"), _("norm")
        values: list[dict[str, Any]] = []
        for r in self.rows:
            values.append({"partij": r.party, "reeks": realised, "waarde": float(r.realised)})
            for bound in {r.low, r.high} - {None}:
                values.append({"partij": r.party, "reeks": norm, "waarde": float(bound)})  # type: ignore[arg-type]
        colour = {
            "field": "reeks",
            "type": "nominal",
            "title": None,
            "scale": {"domain": [realised, norm], "range": ["#24578f", "#1a1a1a"]},
            "legend": {"orient": "bottom"},
        }
        y = {
            "field": "partij",
            "type": "nominal",
            "title": None,
            "sort": [r.party for r in self.rows],
        }
        x = {"field": "waarde", "type": "quantitative", "title": None}
        return {
            "title": {"text": self.name, "subtitle": self.note, "anchor": "start"},
            "width": 260,
            "height": {"step": 22},
            "data": {"values": values},
            "layer": [
                {
                    "transform": [{"filter": {"field": "reeks", "equal": realised}}],
                    "mark": {"type": "bar"},
                    "encoding": {"y": y, "x": x, "color": colour},
                },
                {
                    "transform": [{"filter": {"field": "reeks", "equal": norm}}],
                    "mark": {"type": "tick", "thickness": 3, "bandSize": 18},
                    "encoding": {"y": y, "x": x, "color": colour},
                },
            ],
            "config": {"font": FONT, "view": {"stroke": None}},
        }
