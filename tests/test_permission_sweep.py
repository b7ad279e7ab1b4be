"""Every write of the web and the API, enumerated from the URL patterns (so a new one cannot be
missed), tried by an anonymous visitor, a person without any role, and the administrator and
coordinator of another municipality against the Maastricht demo: nothing is written and
nothing answers with a server error.

The role-by-role matrix inside one municipality is ``tests/accounts/test_permission_matrix.py``
(generated from ``access.ROLE_TABLE``); this sweep makes sure no address forgets to ask.
"""

import itertools
import json
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from woonafspraken.accounts.models import Municipality
from woonafspraken.accounts.services import create_token

# Addresses that are not writes of the application's data, each with the reason.
NOT_APPLICATION_WRITES = {
    "set_language": "stores the chosen language in a cookie only",
    "login": "logging in (throttled by its own guard)",
    "logout": "logging out",
    "accept_invitation": "a one-time link; without a valid key it answers 404",
    "tokens": "makes a token for the person themselves, never for someone else",
    "request_create": "asks for a document of a cycle the visitor may read: a queue entry",
    "api-cycle-document-requests": "the same through the API",
}
VALUES = {
    # Maastricht's objects: the demo is loaded first, so they have the low numbers; 2 is
    # avoided because it is Heerlen's municipality (whose own set-up bert may change).
    "pk": ["1", "3"],
    "user_pk": ["1"],
    "request_id": ["1"],
    "version": ["1"],
    "slug": ["evaluatie"],
    "fmt": ["pdf", "csv"],
    "table": ["voorraad"],
    "key": ["onbekend"],
}
PASSWORD = "een-lang-wachtwoord-42"


def _patterns(patterns: list[Any], prefix: str = "") -> list[tuple[str, URLPattern]]:
    found = []
    for p in patterns:
        if isinstance(p, URLResolver):
            if str(p.pattern).startswith("admin/"):
                continue  # the Django admin is read-only and staff-only
            found += _patterns(p.url_patterns, prefix + str(p.pattern))
        else:
            found.append((prefix + str(p.pattern), p))
    return found


def _urls(route: str) -> list[str]:
    """Concrete addresses for a route, with each parameter from :data:`VALUES`."""
    import re

    names = re.findall(r"<(?:\w+:)?(\w+)>", route)
    urls = []
    for combination in itertools.product(*(VALUES.get(n, ["1"]) for n in names)):
        url = route
        for value in combination:
            url = re.sub(r"<(?:\w+:)?\w+>", value, url, count=1)
        urls.append("/" + url)
    return urls


WRITES = [
    (route, pattern.name)
    for route, pattern in _patterns(get_resolver().url_patterns)
    if pattern.name not in NOT_APPLICATION_WRITES
]

FORM = {
    "name": "Indringer",
    "title": "Indringer",
    "text": "Indringer",
    "value": "1",
    "year": "2017",
    "to": "closed",
    "reason": "indringer",
    "status": "dropped",
    "explanation": "indringer",
    "kind": "other",
    "date": "2017-06-01",
    "role": "admin",
    "roles": ["admin"],
    "number": "99",
    "order": "1",
    "note": "indringer",
    "position": "indringer",
    "expected_version": "1",
    "version": "1",
    "cbs_code": "GM0001",
    "new-kind": "other",
    "new-name": "Indringer",
    "join-aw_number": "L0001",
    "invite-email": "indringer@example.org",
    "invite-first_name": "Indringer",
    "invite-roles": ["admin"],
}


def _fingerprint() -> tuple[int, ...]:
    """Row counts of every table of the application. Every write service adds an audit entry,
    so a changed row shows here as well as a new or deleted one."""
    models = [m for m in apps.get_models() if m.__module__.startswith("woonafspraken.")]
    models.append(get_user_model())
    return tuple(m._base_manager.count() for m in models)


@pytest.fixture
def outsiders(maastricht: Any) -> dict[str, Client]:
    call_command(
        "setup",
        interactive=False,
        municipality_name="Heerlen",
        cbs_code="GM0917",
        first_name="Bert",
        email="bert@heerlen.nl",
        username="bert",
        password=PASSWORD,
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    assert Municipality.objects.count() == 2
    get_user_model().objects.create_user("niemand", password=PASSWORD)
    clients = {"anonymous": Client()}
    for username in ("niemand", "bert"):
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        clients[username] = client
    return clients


def test_the_sweep_covers_the_writes_of_every_app() -> None:
    modules = {
        p.callback.__module__.split(".")[1] for _, p in _patterns(get_resolver().url_patterns)
    }
    assert {"accounts", "agreements", "governance", "process", "api"} <= modules
    assert len(WRITES) > 80


@pytest.mark.parametrize(("route", "name"), WRITES, ids=[w[1] or w[0] for w in WRITES])
def test_no_outsider_writes_through_any_address(
    outsiders: dict[str, Client], route: str, name: str
) -> None:
    create_token(get_user_model().objects.get(username="beheer"))  # token 1 is not bert's
    bert_token = create_token(get_user_model().objects.get(username="bert"))
    before = _fingerprint()
    for url in _urls(route):
        if route.startswith("api/"):
            attempts = [
                (Client(), "anonymous"),
                (Client(HTTP_AUTHORIZATION=f"Token {bert_token}"), "bert (token)"),
            ]
            for client, who in attempts:
                for method in ("post", "patch", "put", "delete"):
                    response = getattr(client, method)(
                        url,
                        data=json.dumps({"value": 1, "year": 2017, "target": 1, "name": "X"}),
                        content_type="application/json",
                    )
                    assert response.status_code < 500, (who, method, url)
                    assert _fingerprint() == before, (who, method, url, response.status_code)
        else:
            for who, client in outsiders.items():
                response = client.post(url, FORM)
                assert response.status_code < 500, (who, url)
                assert _fingerprint() == before, (who, url, response.status_code)
    assert _fingerprint() == before, route
