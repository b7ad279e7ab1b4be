"""Every route under /api/v1 is an operation in the OpenAPI document, and the other way round.

A new endpoint without an ``extend_schema``-documented view, or a documented path that no
longer has a route, fails here.
"""

import re
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from woonafspraken.api.schema import document

PREFIX = "api/v1/"


def _routes(patterns: Any, prefix: str = "") -> list[tuple[str, Any]]:
    found = []
    for p in patterns:
        if isinstance(p, URLResolver):
            found += _routes(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            found.append((prefix + str(p.pattern), p.callback))
    return found


def api_routes() -> dict[str, Any]:
    """``/cycles/{id}/bids`` → view, for every route under /api/v1 except the catch-all."""
    routes = {}
    for route, callback in _routes(get_resolver().url_patterns):
        if not route.startswith(PREFIX) or route.startswith(PREFIX + "^"):
            continue
        path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route[len(PREFIX) :])
        routes[path] = callback
    return routes


def test_every_route_under_api_v1_is_documented_and_every_documented_path_is_routed():
    routes = api_routes()
    documented = document()["paths"]
    assert set(routes) - set(documented) == set(), "routes without an operation"
    assert set(documented) - set(routes) == set(), "documented paths without a route"


def test_every_route_is_a_view_of_the_api_foundation():
    from woonafspraken.api.framework import ApiView

    for path, callback in api_routes().items():
        assert issubclass(callback.cls, ApiView), path


def test_every_documented_method_is_served_and_no_other():
    for path, callback in api_routes().items():
        view = callback.cls
        served = {m for m in view.http_method_names if hasattr(view, m) and m != "head"}
        assert served == set(document()["paths"][path]), path
