"""The main menu in every page's header: which items a reader sees, and which is current."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from woonafspraken.accounts import access

# (key, path prefixes that belong to the item); the first matching item is current.
SECTIONS = (
    ("documents", ("/documenten/", "/cycli/*/documenten/", "/cycli/*/monitor/")),
    ("themes", ("/themas/", "/bestuursopdrachten/", "/conclusies/")),
    (
        "cycles",
        (
            "/cycli/",
            "/afspraken/",
            "/normen/",
            "/biedingen/",
            "/biedingregels/",
            "/amendementen/",
            "/geschilpunten/",
            "/mijlpalen/",
            "/importeren/",
            "/inrichten/",
            "/gemeenten/",
            "/indicatoren/",
        ),
    ),
    ("bodies", ("/overleg/", "/vergaderingen/", "/actiepunten/", "/beleid/")),
    ("calculate", ("/rekenhulp/", "/analyses/")),
    ("national", ("/landelijk/",)),
    ("admin", ("/beheer/",)),
)


def _matches(path: str, prefix: str) -> bool:
    if "*" not in prefix:
        return path.startswith(prefix)
    head, tail = prefix.split("*", 1)
    if not path.startswith(head):
        return False
    rest = path[len(head) :]
    number, _sep, after = rest.partition("/")
    return number.isdigit() and ("/" + after).startswith(tail)


def current_section(path: str) -> str:
    if path == "/":
        return "home"
    for key, prefixes in SECTIONS:
        if any(_matches(path, p) for p in prefixes):
            return key
    return ""


def menu(request: HttpRequest) -> list[dict[str, Any]]:
    user = getattr(request, "user", None)
    signed_in = bool(getattr(user, "is_authenticated", False))
    items = [
        ("home", _("Mijn taken") if signed_in else _("Start"), reverse("home")),
        ("cycles", _("Cycli"), reverse("cycles")),
        ("themes", _("Thema's"), reverse("themes")),
        ("bodies", _("Overleg"), reverse("governance:bodies")),
        ("documents", _("Documenten"), reverse("documents_overview")),
        ("calculate", _("Berekenen"), reverse("calculator")),
        ("national", _("Landelijk"), reverse("national")),
    ]
    if signed_in and access.administers_anything(user):
        items.append(("admin", _("Beheer"), reverse("beheer:overview")))
    current = current_section(request.path)
    return [
        {"key": key, "label": label, "url": url, "current": key == current}
        for key, label, url in items
    ]


def navigation(request: HttpRequest) -> dict[str, Any]:
    """Template context: the main menu (``main_menu``)."""
    return {"main_menu": menu(request)}
