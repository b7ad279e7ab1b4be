"""Setting up through the API from an empty installation (issue 10, point 1): cycles (new and
copied from last year), themes, agreements and targets of every kind, and their changes.

The data is built as a client would: only the first administrator comes from the ``setup``
service; people, whom the API does not invite, come from their service.
"""

import json
from typing import Any

import pytest
from django.test import Client

from woonafspraken.accounts import services as accounts
from woonafspraken.agreements.models import Agreement, Cycle, Indicator, Target, Theme
from woonafspraken.audit.models import AuditEntry

pytestmark = pytest.mark.django_db
PASSWORD = "Een-lang-wachtwoord-2019!"


class Api:
    """A client program with a token, speaking JSON."""

    def __init__(self, user: Any, language: str = "nl") -> None:
        token = accounts.create_token(user)
        self.client = Client(HTTP_AUTHORIZATION=f"Token {token}", HTTP_ACCEPT_LANGUAGE=language)

    def send(self, method: str, url: str, body: dict[str, Any], status: int) -> Any:
        response = getattr(self.client, method)(
            f"/api/v1/{url}", data=json.dumps(body), content_type="application/json"
        )
        assert response.status_code == status, response.content.decode()
        if status >= 400:
            assert response["Content-Type"] == "application/problem+json"
        return response.json()

    def get(self, url: str) -> Any:
        response = self.client.get(f"/api/v1/{url}")
        assert response.status_code == 200, response.content.decode()
        return response.json()


def _admin(name: str = "Maastricht", code: str = "GM0935", username: str = "beheer") -> Any:
    return accounts.set_up_municipality(
        municipality_name=name,
        cbs_code=code,
        username=username,
        email=f"{username}@example.nl",
        password=PASSWORD,
    )


def _invite(admin: Any, organisation_id: int, email: str, roles: list[str]) -> Any:
    from django.contrib.auth import get_user_model

    from woonafspraken.accounts.models import Organisation

    accounts.invite_person(
        admin,
        Organisation.objects.get(pk=organisation_id),
        email=email,
        first_name="Pim",
        last_name="Projectleider",
        roles=roles,
        accept_url=lambda key: f"https://example.nl/{key}",
    )
    return get_user_model().objects.get(email=email)


@pytest.fixture
def start() -> dict[str, Any]:
    """Maastricht's first hour: its administrator, two partners, a project leader, and the
    indicators the norms will use."""
    admin = _admin()
    api = Api(admin)
    org = {"municipality": "GM0935"}
    woonpunt = api.send(
        "post",
        "organisations",
        {**org, "kind": "corporation", "name": "Woonpunt", "awNumber": "L1930"},
        201,
    )
    tenants = api.send(
        "post",
        "organisations",
        {
            **org,
            "kind": "tenant_organisation",
            "name": "Woonbelang",
            "corporations": [woonpunt["id"]],
        },
        201,
    )
    listed = api.get("organisations?municipality=GM0935")["results"]
    gemeente = next(o for o in listed if o["kind"] == "municipality")
    leader = _invite(admin, woonpunt["id"], "pim@woonpunt.example.nl", ["coordinator"])
    count = api.send(
        "post", "indicators", {**org, "name": "Nieuwbouw sociale huur", "unit": "count"}, 201
    )
    label = api.send(
        "post",
        "indicators",
        {**org, "name": "Energielabel", "unit": "energy_label", "aggregation": "none"},
        201,
    )
    return {
        "admin": admin,
        "api": api,
        "parties": [gemeente["id"], woonpunt["id"], tenants["id"]],
        "gemeente": gemeente["id"],
        "woonpunt": woonpunt["id"],
        "leader": leader,
        "count": count["id"],
        "label": label["id"],
    }


def test_a_municipality_sets_up_2019_and_copies_it_to_2020(start: dict[str, Any]) -> None:
    api = start["api"]
    cycle = api.send(
        "post",
        "cycles",
        {
            "municipality": "GM0935",
            "title": "Prestatieafspraken 2019",
            "startYear": 2019,
            "endYear": 2019,
            "parties": start["parties"],
        },
        201,
    )
    assert (cycle["copiedFrom"], cycle["copyReport"], len(cycle["parties"])) == (None, None, 3)
    theme = api.send(
        "post",
        f"cycles/{cycle['id']}/themes",
        {
            "name": "Nieuwbouw",
            "leadOrganisation": start["woonpunt"],
            "projectLeader": start["leader"].pk,
        },
        201,
    )
    second = api.send("post", f"cycles/{cycle['id']}/themes", {"name": "Duurzaamheid"}, 201)
    moved = api.send("patch", f"themes/{second['id']}", {"order": 1, "name": "Verduurzaming"}, 200)
    assert (moved["order"], moved["name"]) == (1, "Verduurzaming")
    assert api.get(f"cycles/{cycle['id']}")["themes"][0]["name"] == "Verduurzaming"

    running = api.send(
        "post",
        "agreements",
        {
            "theme": theme["id"],
            "title": "Woonpunt bouwt sociale huurwoningen",
            "kind": "result",
            "leadParty": start["woonpunt"],
            "involvedParties": [start["gemeente"], start["woonpunt"]],
            "endYear": 2021,
        },
        201,
    )
    assert (running["number"], running["version"], running["endYear"]) == ("2.1", 1, 2021)
    one_year = api.send("post", "agreements", {"theme": second["id"], "title": "Isoleren"}, 201)
    assert one_year["kind"] == "effort"

    indicators = api.get("indicators?municipality=GM0935")["results"]
    assert {(i["name"], i["municipality"]) for i in indicators} == {
        ("Energielabel", "GM0935"),
        ("Nieuwbouw sociale huur", "GM0935"),
    }
    hidden = Client().get("/api/v1/indicators?municipality=GM0935").json()  # nothing published
    assert hidden["count"] == 0
    base = {"agreement": running["id"], "indicator": start["count"]}
    norms = [
        {**base, "kind": "min", "value": 40, "party": start["woonpunt"], "year": 2019},
        {**base, "kind": "max", "value": 80, "year": 2019},
        {**base, "kind": "exact", "value": 60, "tolerance": 5},
        {**base, "kind": "range", "low": 100, "high": 150.5},
        {
            "agreement": running["id"],
            "indicator": start["label"],
            "kind": "label_at_least",
            "label": "B",
            "party": start["woonpunt"],
        },
    ]
    made = [api.send("post", "targets", norm, 201) for norm in norms]
    assert [t["norm"]["kind"] for t in made] == ["min", "max", "exact", "range", "label_at_least"]
    assert made[3]["norm"] == {"kind": "range", "low": 100, "high": 150.5}
    assert (made[0]["party"]["name"], made[1]["party"], made[2]["year"]) == ("Woonpunt", None, None)

    changed = api.send("patch", f"targets/{made[0]['id']}", {"value": 45, "version": 1}, 200)
    assert (changed["norm"]["value"], changed["version"]) == (45, 2)
    stale = api.send("patch", f"targets/{made[0]['id']}", {"value": 50, "version": 1}, 409)
    assert stale["current"]["value"] == "45.00"
    to_range = api.send(
        "patch",
        f"targets/{made[1]['id']}",
        {"kind": "range", "low": 1, "high": 2, "version": 1},
        200,
    )
    assert to_range["norm"] == {"kind": "range", "low": 1, "high": 2}
    moved_norm = api.send(
        "patch", f"targets/{made[2]['id']}", {"party": start["woonpunt"], "version": 1}, 200
    )
    assert (moved_norm["party"]["name"], moved_norm["norm"]["value"]) == ("Woonpunt", 60)
    archived = api.send("patch", f"targets/{made[4]['id']}", {"archived": True, "version": 1}, 200)
    assert archived["archived"] is True

    renamed = api.send(
        "patch", f"agreements/{running['id']}", {"title": "Sociale huur erbij", "version": 1}, 200
    )
    assert (renamed["title"], renamed["version"]) == ("Sociale huur erbij", 2)
    conflict = api.send("patch", f"agreements/{running['id']}", {"title": "X", "version": 1}, 409)
    assert (
        conflict["current"]["title"] == "Sociale huur erbij" and "startYear" in conflict["current"]
    )
    api.send("patch", f"agreements/{one_year['id']}", {"archived": True, "version": 1}, 200)
    assert Agreement.objects.get(pk=one_year["id"]).archived

    longer = api.send("patch", f"cycles/{cycle['id']}", {"description": "Het eerste jaar."}, 200)
    assert longer["title"] == "Prestatieafspraken 2019"

    copy = api.send(
        "post",
        "cycles",
        {
            "copyFrom": cycle["id"],
            "title": "Prestatieafspraken 2020",
            "startYear": 2020,
            "endYear": 2020,
        },
        201,
    )
    report = copy["copyReport"]
    assert copy["copiedFrom"] == cycle["id"]
    assert report["parties"] == ["Gemeente Maastricht", "Woonpunt", "Woonbelang"] or sorted(
        report["parties"]
    ) == ["Gemeente Maastricht", "Woonbelang", "Woonpunt"]
    assert sorted(report["themes"]) == ["Nieuwbouw", "Verduurzaming"]
    assert report["projectLeaders"] == 1
    assert report["agreements"] == ["2.1 Sociale huur erbij"]
    # the 2019 norms and the archived one stay behind; the two cumulative ones come along
    assert report["targets"] == 2
    assert [t["name"] for t in copy["themes"]] == ["Verduurzaming", "Nieuwbouw"]
    assert AuditEntry.objects.filter(source="api", action="agreements.cycle.copied").exists()


def _agreement_in_2019(start: dict[str, Any]) -> tuple[Any, Any, Any]:
    """A 2019 cycle with one theme and one agreement, made through the API."""
    api = start["api"]
    cycle = api.send(
        "post",
        "cycles",
        {
            "municipality": "GM0935",
            "title": "2019",
            "startYear": 2019,
            "endYear": 2019,
            "parties": start["parties"],
        },
        201,
    )
    theme = api.send("post", f"cycles/{cycle['id']}/themes", {"name": "Nieuwbouw"}, 201)
    agreement = api.send("post", "agreements", {"theme": theme["id"], "title": "Bouwen"}, 201)
    return cycle, theme, agreement


def test_a_closed_cycle_refuses_every_write_with_409_and_nothing_changes(
    start: dict[str, Any],
) -> None:
    api = start["api"]
    cycle, theme, agreement = _agreement_in_2019(start)
    target = api.send(
        "post",
        "targets",
        {"agreement": agreement["id"], "indicator": start["count"], "kind": "min", "value": 1},
        201,
    )
    # The phases up to "closed" are walked in tests/process; here the cycle is simply closed.
    Cycle.objects.filter(pk=cycle["id"]).update(phase="closed")
    english = Api(start["admin"], "en")
    before = AuditEntry.objects.count()
    writes = [
        ("patch", f"cycles/{cycle['id']}", {"title": "Anders"}),
        ("post", f"cycles/{cycle['id']}/themes", {"name": "Later"}),
        ("patch", f"themes/{theme['id']}", {"name": "Anders"}),
        ("post", "agreements", {"theme": theme["id"], "title": "Nog een"}),
        ("patch", f"agreements/{agreement['id']}", {"title": "Anders", "version": 1}),
        (
            "post",
            "targets",
            {"agreement": agreement["id"], "indicator": start["count"], "kind": "max", "value": 9},
        ),
        ("patch", f"targets/{target['id']}", {"value": 2, "version": 1}),
    ]
    for method, url, body in writes:
        refused = api.send(method, url, body, 409)
        assert "afgesloten" in refused["detail"], url
    in_english = english.send("patch", f"themes/{theme['id']}", {"name": "X"}, 409)
    assert "closed" in in_english["detail"]
    assert AuditEntry.objects.count() == before
    assert Theme.objects.get(pk=theme["id"]).name == "Nieuwbouw"
    assert Target.objects.get(pk=target["id"]).value == 1


def test_every_problem_is_named_at_once_in_dutch_or_english_and_nothing_is_written(
    start: dict[str, Any],
) -> None:
    api = start["api"]
    good = {"municipality": "GM0935", "title": "2019", "startYear": 2019, "endYear": 2019}
    api.send("post", "cycles", {**good, "parties": start["parties"]}, 201)
    body = {**good, "title": "2019", "startYear": 2020, "parties": [start["woonpunt"]]}
    refused = api.send("post", "cycles", body, 400)
    names = {p["name"] for p in refused["invalidParams"]}
    assert names == {"title", "endYear", "parties"}
    assert "al een cyclus met deze titel" in refused["detail"]
    english = Api(start["admin"], "en").send("post", "cycles", body, 400)
    assert "already has a cycle with this title" in english["detail"]
    snake = api.send("post", "cycles", {**good, "start_year": 2019}, 400)
    assert {p["name"] for p in snake["invalidParams"]} == {"start_year"}
    unknown = api.send("post", "cycles", {**good, "parties": [start["woonpunt"], 999999]}, 400)
    assert unknown["invalidParams"][0]["name"] == "parties"
    no_municipality = api.send(
        "post", "cycles", {"title": "x", "startYear": 2019, "endYear": 2019}, 400
    )
    assert no_municipality["invalidParams"][0]["name"] == "municipality"
    assert Cycle.objects.count() == 1

    cycle = Cycle.objects.get()
    theme = api.send("post", f"cycles/{cycle.pk}/themes", {"name": "Nieuwbouw"}, 201)
    agreement = api.send("post", "agreements", {"theme": theme["id"], "title": "Bouwen"}, 201)
    norm = {"agreement": agreement["id"], "indicator": start["count"]}
    missing = api.send("post", "targets", {**norm, "kind": "range", "low": 1, "label": "B"}, 400)
    assert {p["name"] for p in missing["invalidParams"]} == {"high", "label"}
    outside = api.send("post", "targets", {**norm, "kind": "min", "value": 1, "year": 2030}, 400)
    assert [p["name"] for p in outside["invalidParams"]] == ["year"]
    wrong = api.send(
        "post",
        "agreements",
        {"theme": theme["id"], "title": "", "leadParty": 999999, "involvedParties": [999998]},
        400,
    )
    assert {p["name"] for p in wrong["invalidParams"]} == {"title"}
    strangers = api.send(
        "post", "agreements", {"theme": theme["id"], "title": "x", "leadParty": 999999}, 400
    )
    assert [p["name"] for p in strangers["invalidParams"]] == ["leadParty"]
    assert Agreement.objects.count() == 1 and Target.objects.count() == 0


def test_only_the_municipality_sets_up_its_own_cycles(start: dict[str, Any]) -> None:
    api = start["api"]
    body = {"title": "2019", "startYear": 2019, "endYear": 2019, "parties": start["parties"]}
    cycle = api.send("post", "cycles", {**body, "municipality": "GM0935"}, 201)
    heerlen = Api(_admin("Heerlen", "GM0917", "heerlen"))
    refused = heerlen.send("post", "cycles", {**body, "municipality": "GM0935"}, 403)
    assert refused["detail"]
    heerlen.send("patch", f"cycles/{cycle['id']}", {"title": "Van Heerlen"}, 404)
    copy = {"copyFrom": cycle["id"], "title": "x", "startYear": 2020, "endYear": 2020}
    heerlen.send("post", "cycles", copy, 400)
    corporation = Api(start["leader"])
    corporation.send("post", "cycles", {**body, "municipality": "GM0935", "title": "Eigen"}, 403)
    anonymous = Client().post(
        "/api/v1/cycles", data=json.dumps(body), content_type="application/json"
    )
    assert anonymous.status_code == 401
    assert Cycle.objects.count() == 1


# --- Indicators ------------------------------------------------------------------------------


def _indicator(api: Api, pk: int) -> Any:
    listed = api.get("indicators?municipality=GM0935")["results"]
    return next(i for i in listed if i["id"] == pk)


def test_an_indicator_is_added_changed_and_archived_as_on_the_page(start: dict[str, Any]) -> None:
    api = start["api"]
    added = AuditEntry.objects.get(action="agreements.indicator.created", object_id=start["count"])
    assert added.source == "api" and added.new["unit"] == "count"
    seen = _indicator(api, start["count"])
    assert (seen["municipality"], seen["direction"], seen["aggregation"]) == (
        "GM0935",
        "neutral",
        "sum",
    )
    changed = api.send(
        "patch",
        f"indicators/{start['count']}",
        {
            "name": "Nieuwbouw sociale huurwoningen",
            "direction": "higher",
            "version": seen["version"],
        },
        200,
    )
    assert (changed["name"], changed["direction"], changed["unit"]) == (
        "Nieuwbouw sociale huurwoningen",
        "higher",
        "count",
    )
    assert changed["version"] != seen["version"]
    entry = AuditEntry.objects.get(action="agreements.indicator.changed", object_id=start["count"])
    assert entry.source == "api"
    assert (entry.old["name"], entry.new["name"]) == (
        "Nieuwbouw sociale huur",
        "Nieuwbouw sociale huurwoningen",
    )

    # Someone who read the indicator before that change overwrites nothing.
    stale = api.send(
        "patch", f"indicators/{start['count']}", {"source": "CBS", "version": seen["version"]}, 409
    )
    assert stale["current"]["name"] == "Nieuwbouw sociale huurwoningen"
    assert stale["current"]["version"] == changed["version"]
    assert Indicator.objects.get(pk=start["count"]).source == ""

    version = changed["version"]
    for archived in (True, False):
        body = {"archived": archived, "version": version}
        answer = api.send("patch", f"indicators/{start['count']}", body, 200)
        assert answer["archived"] is archived
        version = answer["version"]
    assert (
        AuditEntry.objects.filter(action="agreements.indicator.changed", source="api").count() == 3
    )


def test_a_wrong_indicator_is_refused_whole_with_every_problem_named(
    start: dict[str, Any],
) -> None:
    api = start["api"]
    before = (Indicator.objects.count(), AuditEntry.objects.count())
    body = {"municipality": "GM0935", "name": "", "unit": "kg", "direction": "up"}
    refused = api.send("post", "indicators", body, 400)
    assert {p["name"] for p in refused["invalidParams"]} == {"name", "unit", "direction"}
    taken = {"municipality": "GM0935", "name": "energielabel", "unit": "count"}
    duplicate = api.send("post", "indicators", taken, 400)
    assert [p["name"] for p in duplicate["invalidParams"]] == ["name"]
    assert "al een indicator met deze naam" in duplicate["detail"]
    english = Api(start["admin"], "en").send("post", "indicators", taken, 400)
    assert "already is an indicator with this name" in english["detail"]
    nowhere = api.send("post", "indicators", {**taken, "municipality": "GM0001"}, 400)
    assert [p["name"] for p in nowhere["invalidParams"]] == ["municipality"]

    # Once a norm uses it, its unit and aggregation stay: both named at once.
    _cycle, _theme, agreement = _agreement_in_2019(start)
    norm = {"agreement": agreement["id"], "indicator": start["count"], "kind": "min", "value": 1}
    api.send("post", "targets", norm, 201)
    before = (Indicator.objects.count(), AuditEntry.objects.count())
    version = _indicator(api, start["count"])["version"]
    other = {"unit": "euro", "aggregation": "none", "version": version}
    for extra, named in (
        ({"name": ""}, {"name"}),  # the body's own checks come first
        ({"source": "x" * 301}, {"source"}),
        ({}, {"unit", "aggregation"}),
    ):
        used = api.send("patch", f"indicators/{start['count']}", {**other, **extra}, 400)
        assert {p["name"] for p in used["invalidParams"]} == named
    api.send("patch", f"indicators/{start['count']}", {"unit": "euro"}, 400)  # no version
    assert (Indicator.objects.count(), AuditEntry.objects.count()) == before
    assert Indicator.objects.get(pk=start["count"]).unit == "count"


def test_only_the_municipality_sets_up_its_own_indicators(start: dict[str, Any]) -> None:
    api = start["api"]
    shared = Indicator.objects.create(name="Gedeeld", unit="count")
    heerlen, corporation = Api(_admin("Heerlen", "GM0917", "heerlen")), Api(start["leader"])
    before = (Indicator.objects.count(), AuditEntry.objects.count())
    body = {"municipality": "GM0935", "name": "Van een ander", "unit": "count"}
    version = _indicator(api, start["count"])["version"]
    change = {"name": "Van een ander", "version": version}
    assert corporation.send("post", "indicators", body, 403)["detail"]
    corporation.send("patch", f"indicators/{start['count']}", change, 403)
    heerlen.send("post", "indicators", body, 403)
    heerlen.send("patch", f"indicators/{start['count']}", change, 404)
    shared_version = _indicator(api, shared.pk)["version"]
    refused = api.send(
        "patch", f"indicators/{shared.pk}", {"name": "Eigen", "version": shared_version}, 403
    )
    assert "leverancier" in refused["detail"]
    anonymous = [("post", "indicators", 401), ("patch", f"indicators/{shared.pk}", 401)]
    anonymous.append(("patch", f"indicators/{start['count']}", 404))  # nothing published yet
    for method, url, status in anonymous:
        response = getattr(Client(), method)(
            f"/api/v1/{url}", data=json.dumps(change), content_type="application/json"
        )
        assert response.status_code == status, url
    assert (Indicator.objects.count(), AuditEntry.objects.count()) == before
    assert Indicator.objects.get(pk=start["count"]).name == "Nieuwbouw sociale huur"
