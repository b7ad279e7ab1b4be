import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import target_of


def _targets(client, cycle, year=2017):
    response = client.get(f"/api/v1/targets?cycle={cycle.pk}&year={year}")
    assert response.status_code == 200
    assert response["API-Version"]
    return {
        (t["indicator"]["name"], (t["party"] or {}).get("name")): t
        for t in response.json()["results"]
    }


def test_eigen_inplaatsing_is_not_met_by_one_point(client, maastricht):
    t = _targets(client, maastricht)[("Eigen inplaatsing (aandeel van de verhuringen)", None)]
    assert t["norm"] == {"kind": "max", "value": 10}
    assert (t["realised"], t["verdict"], t["margin"]) == (11, "not_met", 1)
    assert t["party"] is None and t["year"] == 2017
    assert set(t) >= {
        "id",
        "agreement",
        "theme",
        "indicator",
        "party",
        "year",
        "norm",
        "realised",
        "verdict",
        "margin",
    }
    assert t["agreement"]["title"] == "Eigen inplaatsing maximaal 10%"


def test_aanbodmodel_is_met(client, maastricht):
    t = _targets(client, maastricht)[("Aanbodmodel (aandeel van de verhuringen)", None)]
    assert (t["norm"], t["realised"], t["verdict"], t["margin"]) == (
        {"kind": "min", "value": 45},
        54,
        "met",
        9,
    )


def test_sustainability_targets_per_corporation_are_there(client, maastricht):
    targets = _targets(client, maastricht)
    assert targets[("Sloop (woningen)", "Servatius")]["norm"] == {
        "kind": "range",
        "low": 377,
        "high": 497,
    }
    assert targets[("Nieuwbouw (woningen)", "Woonpunt")]["norm"] == {"kind": "min", "value": 60}
    assert targets[("Renovatie (woningen)", "Servatius")]["norm"] == {"kind": "min", "value": 1572}
    assert targets[("Energielabel na renovatie", "Maasvallei")]["norm"] == {
        "kind": "label_at_least",
        "label": "A/B",
    }
    sloop = targets[("Sloop (woningen)", "Servatius")]
    assert sloop["period"] == {"start": 2017, "end": 2021} and sloop["verdict"] == "no_data"


def test_targets_needs_a_cycle(client, maastricht):
    response = client.get("/api/v1/targets")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "vereist" in response.json()["detail"]
    assert response.json()["invalidParams"] == [{"name": "cycle", "reason": "Dit veld is vereist."}]


def test_an_unpublished_cycle_is_not_readable_without_a_token(client, maastricht):
    maastricht.published = False
    maastricht.save()
    assert client.get(f"/api/v1/cycles/{maastricht.pk}").status_code == 404
    assert client.get("/api/v1/cycles").json()["count"] == 0


def test_a_published_cycle_is_readable_without_a_token(client, maastricht):
    body = client.get(f"/api/v1/cycles/{maastricht.pk}").json()
    assert body["municipality"] == {"cbsCode": "GM0935", "name": "Maastricht"}
    assert len(body["themes"]) == 6


def test_agreements_lists_every_agreement_with_its_assessment(client, maastricht):
    body = client.get(f"/api/v1/agreements?cycle={maastricht.pk}&year=2017").json()
    assert body["count"] == 25
    garantie = next(a for a in body["results"] if a["title"].startswith("2017: garantie"))
    assert garantie["assessment"]["status"] == "attention"


def _grow(cycle, copies: int) -> None:
    """Add ``copies`` more agreements with targets and measurements to the cycle."""
    from woonafspraken.agreements import services

    admin = (
        __import__("django.contrib.auth", fromlist=["get_user_model"])
        .get_user_model()
        .objects.get(username="beheer")
    )
    theme = cycle.themes.get(name="Beschikbaarstelling")
    template = target_of(cycle, "Aanbodmodel")
    for i in range(copies):
        a = services.add_agreement(admin, theme, number=f"x{i}", title=f"Extra {i}", kind="result")
        t = services.add_target(
            admin, a, indicator=template.indicator, kind="min", value=45, year=2017
        )
        services.record_measurement(admin, t, value=50 + i % 10)


@pytest.mark.parametrize(
    "path",
    [
        "/cycli/{pk}/?year=2017",
        "/themas/{theme}/?year=2017",
        "/api/v1/targets?cycle={pk}&year=2017",
    ],
)
def test_pages_cost_a_fixed_number_of_queries(client, maastricht, path):
    url = path.format(pk=maastricht.pk, theme=maastricht.themes.get(name="Beschikbaarstelling").pk)
    client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(maastricht, 30)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(small) == len(large)
