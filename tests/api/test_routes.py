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


#: Test modules that call every operation generically; they do not count as its own test.
GENERIC = {"test_routes.py", "test_fuzz.py", "test_openapi_file.py", "test_spectral.py"}


def _path_patterns(path: str) -> list[tuple["re.Pattern[str]", ...]]:
    """``/cycles/{id}/bids`` as it appears in a test: ``cycles/{cycle.pk}/bids``, ``cycles/7/bids``
    (after ``/api/v1/`` or as the relative URL of a test's client helper), or split in a
    ``base = f"…/cycles/{pk}"`` and ``f"{base}/bids"``: every alternative is a tuple of patterns
    that must all occur in one test module."""
    parts = [
        r"(?:\{[^}]+\}|\d+)" if part.startswith("{") else re.escape(part)
        for part in path.strip("/").split("/")
    ]
    end = r"(?:[\"'?]|$)"
    alternatives = [(re.compile(r"[\"'/]" + "/".join(parts) + end, re.MULTILINE),)]
    for k in range(1, len(parts)):
        base = re.compile(r"[\"'/]" + "/".join(parts[:k]) + r"[\"']")
        rest = re.compile(r"\{[^}]+\}/" + "/".join(parts[k:]) + end, re.MULTILINE)
        alternatives.append((base, rest))
    return alternatives


def test_every_documented_operation_has_a_test_that_calls_it():
    """A test (other than the generic ones) names the operation's path and, for a write, uses
    its method: a new endpoint comes with a test of its behaviour."""
    from pathlib import Path

    tests = Path(__file__).resolve().parents[1]
    sources = {
        p: p.read_text(encoding="utf-8")
        for p in tests.rglob("test_*.py")
        if p.name not in GENERIC and "browser" not in p.parts
    }
    sources = {p: text for p, text in sources.items() if "/api/v1" in text}
    untested = []
    for path, item in document()["paths"].items():
        alternatives = _path_patterns(path)
        for method in item:
            call = re.compile(rf"\.{method}\(|[\"']{method}[\"']")
            found = any(
                any(all(p.search(text) for p in patterns) for patterns in alternatives)
                and (method == "get" or call.search(text))
                for text in sources.values()
            )
            if not found:
                untested.append(f"{method.upper()} {path}")
    assert untested == []
