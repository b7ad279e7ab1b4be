"""An agreement's followed indicators (figures watched without a norm) are chosen on the
agreement form and through the API, from the municipality's own and the shared indicators."""

import json
from typing import Any

import pytest
from django.test import Client

from woonafspraken.accounts import services as accounts
from woonafspraken.agreements import services as agreements
from woonafspraken.agreements.models import Agreement
from woonafspraken.audit.models import AuditEntry

from .cast import Cast, logged_in, new_cycle


@pytest.fixture
def setup(cast: Cast) -> dict[str, Any]:
    m, h = cast.maastricht, cast.heerlen
    cycle = new_cycle(m, cast.corporation)
    theme = agreements.add_theme(m.coordinator, cycle, name="Wonen en zorg")
    own = agreements.add_indicator(
        m.coordinator, m.municipality, name="Wachttijd zorgwoning", unit="count"
    )
    other = agreements.add_indicator(
        h.coordinator, h.municipality, name="Wachttijd Heerlen", unit="count"
    )
    return {"cycle": cycle, "theme": theme, "own": own, "other": other}


def test_a_coordinator_follows_indicators_on_the_agreement_form(
    cast: Cast, setup: dict[str, Any]
) -> None:
    m = cast.maastricht
    client = logged_in(m.coordinator)
    form = client.get(f"/cycli/{setup['cycle'].pk}/afspraken/nieuw/").content.decode()
    assert "Wachttijd zorgwoning" in form and "Wachttijd Heerlen" not in form
    created = client.post(
        f"/cycli/{setup['cycle'].pk}/afspraken/nieuw/",
        {
            "theme": setup["theme"].pk,
            "title": "Zorgwoningen toewijzen",
            "kind": "effort",
            "indicators": [setup["own"].pk],
        },
    )
    assert created.status_code == 302, created.content.decode()[:3000]
    agreement = Agreement.objects.get(title="Zorgwoningen toewijzen")
    assert list(agreement.indicators.all()) == [setup["own"]]
    page = client.get(f"/afspraken/{agreement.pk}/").content.decode()
    assert "Wachttijd zorgwoning" in page

    # Changing the agreement: dropping the indicator is in the history.
    change = client.get(f"/afspraken/{agreement.pk}/bewerken/")
    data = {
        "title": "Zorgwoningen toewijzen",
        "kind": "effort",
        "number": agreement.number,
        "version": change.context["form"]["version"].value(),
    }
    assert client.post(f"/afspraken/{agreement.pk}/bewerken/", data).status_code == 302
    assert not agreement.indicators.exists()
    entry = AuditEntry.objects.filter(action="agreements.agreement.changed").latest("pk")
    assert entry.old["indicators"] == ["Wachttijd zorgwoning"]
    assert entry.new["indicators"] == []

    # Another municipality's indicator is not offered, and refused if sent anyway.
    refused = client.post(
        f"/cycli/{setup['cycle'].pk}/afspraken/nieuw/",
        {
            "theme": setup["theme"].pk,
            "title": "X",
            "kind": "effort",
            "indicators": [setup["other"].pk],
        },
    )
    assert refused.status_code == 400
    assert not Agreement.objects.filter(title="X").exists()


def test_the_api_sets_and_changes_followed_indicators(cast: Cast, setup: dict[str, Any]) -> None:
    m = cast.maastricht
    api = Client(HTTP_AUTHORIZATION=f"Token {accounts.create_token(m.coordinator)}")

    def send(method: str, url: str, body: dict[str, Any]) -> Any:
        return getattr(api, method)(
            f"/api/v1/{url}", data=json.dumps(body), content_type="application/json"
        )

    made = send(
        "post",
        "agreements",
        {"theme": setup["theme"].pk, "title": "Zorg", "indicators": [setup["own"].pk]},
    )
    assert made.status_code == 201, made.content.decode()
    body = made.json()
    assert body["indicators"] == [{"id": setup["own"].pk, "name": "Wachttijd zorgwoning"}]

    foreign = send(
        "patch",
        f"agreements/{body['id']}",
        {"version": body["version"], "indicators": [setup["other"].pk]},
    )
    assert foreign.status_code == 400
    assert [p["name"] for p in foreign.json()["invalidParams"]] == ["indicators"]
    unknown = send(
        "patch", f"agreements/{body['id']}", {"version": body["version"], "indicators": [999999]}
    )
    assert unknown.status_code == 400
    assert list(Agreement.objects.get(pk=body["id"]).indicators.all()) == [setup["own"]]

    cleared = send(
        "patch", f"agreements/{body['id']}", {"version": body["version"], "indicators": []}
    )
    assert cleared.status_code == 200 and cleared.json()["indicators"] == []
