import json

from tests.conftest import target_of
from woonafspraken.agreements.models import Measurement, Target
from woonafspraken.audit.models import AuditEntry


def _post(client, payload):
    return client.post(
        "/api/v1/measurements", data=json.dumps(payload), content_type="application/json"
    )


def _state():
    return (
        list(Measurement.objects.order_by("pk").values_list("pk", "value", "version")),
        AuditEntry.objects.count(),
    )


def test_a_corporation_records_its_own_figure(token_client, maastricht):
    target = target_of(maastricht, "Nieuwbouw", "woonpunt")
    response = _post(
        token_client("woonpunt"),
        {"target": target.pk, "value": 11, "year": 2017, "note": "opgeleverd"},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["value"], body["year"], body["verdict"], body["margin"]) == (
        11,
        2017,
        "behind",
        -1,
    )
    entry = AuditEntry.objects.filter(action="agreements.measurement.created").latest("id")
    assert (
        entry.actor.username == "woonpunt"
        and entry.source == "api"
        and entry.new["value"] == "11.00"
    )


def test_another_corporations_target_is_forbidden_and_nothing_is_written(token_client, maastricht):
    woonpunt = token_client("woonpunt")
    before = _state()
    target = target_of(maastricht, "Nieuwbouw", "servatius")
    response = _post(woonpunt, {"target": target.pk, "value": 3, "year": 2017})
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert "geen realisatie" in response.json()["detail"]
    assert _state() == before


def test_a_target_that_does_not_exist_is_404_and_nothing_is_written(token_client, maastricht):
    woonpunt = token_client("woonpunt")
    before = _state()
    missing = Target.objects.order_by("-pk").first().pk + 1000
    response = _post(woonpunt, {"target": missing, "value": 3})
    assert response.status_code == 404
    assert response.json()["status"] == 404
    assert _state() == before


def test_a_value_that_is_not_a_number_is_400_in_dutch_and_nothing_is_written(
    token_client, maastricht
):
    woonpunt = token_client("woonpunt")
    before = _state()
    target = target_of(maastricht, "Nieuwbouw", "woonpunt")
    response = _post(woonpunt, {"target": target.pk, "value": "veel", "year": 2017})
    assert response.status_code == 400
    assert "is geen getal" in response.json()["detail"]
    for bad in ([1], {"x": 1}, True, None):
        assert _post(woonpunt, {"target": target.pk, "value": bad, "year": 2017}).status_code == 400
    assert _state() == before


def test_without_a_token_writing_is_401(client, maastricht):
    target = target_of(maastricht, "Nieuwbouw", "woonpunt")
    response = _post(client, {"target": target.pk, "value": 1, "year": 2017})
    assert response.status_code == 401
    assert (
        _post(
            __import__("django.test", fromlist=["Client"]).Client(HTTP_AUTHORIZATION="Token nope"),
            {"target": target.pk, "value": 1, "year": 2017},
        ).status_code
        == 401
    )


def test_a_joint_target_is_for_coordinators(token_client, maastricht):
    target = target_of(maastricht, "Aanbodmodel")
    assert (
        _post(
            token_client("woonpunt"), {"target": target.pk, "value": 50, "version": 1}
        ).status_code
        == 403
    )
    response = _post(
        token_client("gemeente-maastricht"), {"target": target.pk, "value": 50, "version": 1}
    )
    assert response.status_code == 200 and response.json()["version"] == 2


def test_a_stale_version_is_a_conflict_and_both_versions_stay_in_the_history(
    token_client, maastricht
):
    target = target_of(maastricht, "Nieuwbouw", "woonpunt")
    woonpunt = token_client("woonpunt")
    assert _post(woonpunt, {"target": target.pk, "value": 10, "year": 2017}).status_code == 201
    # a colleague loaded version 1 and corrects it
    assert (
        _post(woonpunt, {"target": target.pk, "value": 11, "year": 2017, "version": 1}).status_code
        == 200
    )
    # we still hold version 1: refused, never a silent overwrite
    response = _post(woonpunt, {"target": target.pk, "value": 99, "year": 2017, "version": 1})
    assert response.status_code == 409
    assert response.json()["current"]["value"] == "11.00"
    assert Measurement.objects.get(target=target, year=2017).value == 11
    values = [
        e.new["value"]
        for e in AuditEntry.objects.filter(
            object_type="agreements.measurement", agreement_id=target.agreement_id
        ).order_by("id")
    ]
    assert values == ["10.00", "11.00"]
    # a new value where one exists, without saying which version you saw, is a conflict too
    assert _post(woonpunt, {"target": target.pk, "value": 12, "year": 2017}).status_code == 409


def test_invalid_json_is_400(token_client, maastricht):
    response = token_client("woonpunt").post(
        "/api/v1/measurements", data="{", content_type="application/json"
    )
    assert response.status_code == 400 and "JSON" in response.json()["detail"]


def test_a_figure_for_a_closed_cycle_is_409_problem_json_and_nothing_is_written(
    token_client, maastricht
):
    type(maastricht).objects.filter(pk=maastricht.pk).update(phase="closed")
    target = target_of(maastricht, "Nieuwbouw", "woonpunt")
    client = token_client("woonpunt")
    before = _state()
    response = _post(client, {"target": target.pk, "value": 11, "year": 2017})
    assert response.status_code == 409, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    assert "afgesloten" in response.json()["detail"]
    assert _state() == before
