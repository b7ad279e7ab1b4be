"""Organisations in API v1: the set-up services behind POST and PATCH, problem+json errors
with every field named, and no reach into another municipality."""

import json
from typing import Any

from django.test import Client

from woonafspraken.accounts import services
from woonafspraken.accounts.models import Municipality, Organisation

from .conftest import admin_of


def _client(municipality: Municipality) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {services.create_token(admin_of(municipality))}")


def _send(client: Client, method: str, url: str, body: dict[str, Any]) -> Any:
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json")


def test_an_administrator_adds_and_changes_organisations(maastricht: Municipality) -> None:
    api = _client(maastricht)
    created = _send(
        api,
        "post",
        "/api/v1/organisations",
        {"municipality": "GM0935", "kind": "corporation", "name": "Woonpunt", "awNumber": "L1930"},
    )
    assert created.status_code == 201, created.content
    woonpunt = created.json()
    assert woonpunt["awNumber"] == "L1930" and woonpunt["municipalities"] == ["GM0935"]
    tenants = _send(
        api,
        "post",
        "/api/v1/organisations",
        {
            "municipality": "GM0935",
            "kind": "tenant_organisation",
            "name": "Woonbelang",
            "corporations": [woonpunt["id"]],
        },
    )
    assert tenants.json()["corporations"] == [woonpunt["id"]]
    changed = _send(
        api, "patch", f"/api/v1/organisations/{woonpunt['id']}", {"name": "Woonpunt Maastricht"}
    )
    assert changed.status_code == 200 and changed.json()["name"] == "Woonpunt Maastricht"
    listed = Client().get("/api/v1/organisations?municipality=GM0935").json()
    assert {o["name"] for o in listed["results"]} >= {"Woonpunt Maastricht", "Woonbelang"}
    assert Client().get(f"/api/v1/organisations/{woonpunt['id']}").status_code == 200


def test_every_refused_field_is_named_and_nothing_is_written(maastricht: Municipality) -> None:
    api = _client(maastricht)
    services.create_organisation(
        admin_of(maastricht), maastricht, kind="corporation", name="Woonpunt", aw_number="L1930"
    )
    refused = _send(
        api,
        "post",
        "/api/v1/organisations",
        {"municipality": "GM0935", "kind": "corporation", "name": "woonpunt", "awNumber": "L1930"},
    )
    assert refused.status_code == 400
    assert refused["Content-Type"] == "application/problem+json"
    assert {p["name"] for p in refused.json()["invalidParams"]} == {"name", "awNumber"}
    assert Organisation.objects.filter(kind="corporation").count() == 1


def test_another_municipality_cannot_add_or_change(
    maastricht: Municipality, heerlen: Municipality
) -> None:
    woonpunt = services.create_organisation(
        admin_of(maastricht), maastricht, kind="corporation", name="Woonpunt", aw_number="L1930"
    )
    api = _client(heerlen)
    added = _send(
        api,
        "post",
        "/api/v1/organisations",
        {"municipality": "GM0935", "kind": "other", "name": "X"},
    )
    assert added.status_code == 403
    changed = _send(api, "patch", f"/api/v1/organisations/{woonpunt.pk}", {"name": "Overgenomen"})
    assert changed.status_code == 403
    woonpunt.refresh_from_db()
    assert woonpunt.name == "Woonpunt"
    anonymous = _send(
        Client(),
        "post",
        "/api/v1/organisations",
        {"municipality": "GM0935", "kind": "other", "name": "X"},
    )
    assert anonymous.status_code == 401
    assert not Organisation.objects.filter(name="X").exists()
