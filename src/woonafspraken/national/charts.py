"""The national chart: planned and realised social rent new build per year against the goal.

A Vega-Lite specification rendered to SVG on the server (as :mod:`woonafspraken.documents.charts`
does); the page puts the same numbers in a table beside it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import vl_convert
from django.utils.translation import gettext as _

from .rollup import SOCIAL_RENT_FROM_YEAR, SOCIAL_RENT_PER_YEAR, Sum

FONT = "DejaVu Sans"


def social_rent_spec(sums: list[Sum]) -> dict[str, Any]:
    planned, realised, goal = _("gepland"), _("gerealiseerd"), _("landelijk doel")
    rows: list[dict[str, Any]] = []
    for s in sums:
        rows.append({"jaar": str(s.year), "reeks": planned, "aantal": s.planned_social})
        if s.realised_social is not None:
            rows.append({"jaar": str(s.year), "reeks": realised, "aantal": s.realised_social})
        if s.year >= SOCIAL_RENT_FROM_YEAR:
            rows.append({"jaar": str(s.year), "reeks": goal, "aantal": SOCIAL_RENT_PER_YEAR})
    return {
        "title": _("Nieuwe sociale huurwoningen per jaar"),
        "width": 420,
        "height": 180,
        "data": {"values": rows},
        "mark": {"type": "line", "point": True},
        "encoding": {
            "x": {"field": "jaar", "type": "ordinal", "title": None},
            "y": {"field": "aantal", "type": "quantitative", "title": None},
            "color": {
                "field": "reeks",
                "type": "nominal",
                "title": None,
                "scale": {
                    "domain": [planned, realised, goal],
                    "range": ["#24578f", "#2a7a3b", "#b3261e"],
                },
            },
        },
        "config": {"font": FONT, "view": {"stroke": None}},
    }


@lru_cache(maxsize=64)
def _svg(spec: str) -> str:
    """The SVG of a specification (as JSON text). Rendering costs tens of milliseconds and the
    same figures give the same picture, so each worker keeps the last few it drew."""
    return str(vl_convert.vegalite_to_svg(json.loads(spec)))


def social_rent(sums: list[Sum]) -> str:
    return _svg(json.dumps(social_rent_spec(sums), sort_keys=True))
