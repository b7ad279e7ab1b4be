"""API v1 for housing data: every analysis as JSON with its sources, the list of data sets and
the import of a table (all or nothing, through the upload gate)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.housing.test_imports import STOCK
from woonafspraken.analysis import NAMES
from woonafspraken.audit.models import AuditEntry
from woonafspraken.housing import demo
from woonafspraken.housing.models import Dataset, StockRow


@pytest.fixture
def housing(maastricht, user):
    demo.load(user("beheer"), maastricht)
    return maastricht


def _state():
    return (
        list(Dataset.objects.order_by("pk").values_list("pk", "source")),
        StockRow.objects.count(),
        AuditEntry.objects.filter(action__startswith="housing.").count(),
    )


@pytest.mark.parametrize("name", NAMES)
def test_every_analysis_is_json_with_its_sources_and_the_page_figures(housing, name):
    response = Client().get(f"/api/v1/cycles/{housing.pk}/analyses/{name}")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["name"] == name and body["available"] is True and body["missing"] is None
    assert body["fictional"] is True
    assert body["sources"] and all(s["sourceDate"] and s["source"] for s in body["sources"])
    assert body["rows"] and all(len(r) == len(body["columns"]) for r in body["rows"])
    assert body["points"] and body["chart"] in ("line", "bar")
    assert (body["scenario"] is not None) == (name == "prognosis")


def test_the_allocation_figures_are_the_seed_figures(housing):
    body = Client().get(f"/api/v1/cycles/{housing.pk}/analyses/allocation").json()
    keys = [c["key"] for c in body["columns"]]
    rows = [dict(zip(keys, r, strict=True)) for r in body["rows"] if r[keys.index("year")] == 2017]
    total = next(r for r in rows if r["corporation"] == "")  # all corporations
    assert (total["offer_model"], total["direct_placement"], total["lettings"]) == (54, 11, 1200)


def test_english_titles_with_accept_language(housing):
    body = (
        Client()
        .get(f"/api/v1/cycles/{housing.pk}/analyses/prognosis", HTTP_ACCEPT_LANGUAGE="en")
        .json()
    )
    assert body["columns"][0]["title"] == "Year"
    assert "social" in body["title"].lower()


def test_an_analysis_without_data_says_why(maastricht):
    body = Client().get(f"/api/v1/cycles/{maastricht.pk}/analyses/scheefwonen").json()
    assert body["available"] is False and body["missing"] and body["rows"] == []


def test_an_unknown_analysis_or_hidden_cycle_is_a_404_problem(housing):
    response = Client().get(f"/api/v1/cycles/{housing.pk}/analyses/weather")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert Client().get("/api/v1/cycles/999999/analyses/prognosis").status_code == 404


def test_the_data_sets_are_listed_with_source_and_date(housing):
    body = Client().get(f"/api/v1/cycles/{housing.pk}/housing-datasets?table=lettings").json()
    assert body["count"] >= 1
    assert {r["table"] for r in body["results"]} == {"lettings"}
    assert all(r["fictional"] and r["sourceDate"] for r in body["results"])


def _upload(client, cycle, content, name="voorraad.csv", language="nl", **fields):
    data = {
        "table": "stock",
        "source": "CBS 82900NED",
        "sourceDate": "2024-01-01",
        **fields,
        "file": SimpleUploadedFile(name, content),
    }
    url = f"/api/v1/cycles/{cycle.pk}/housing-datasets"
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE=language)


def test_a_coordinator_imports_a_table_through_the_api(maastricht, token_client):
    response = _upload(token_client("gemeente-maastricht"), maastricht, STOCK.encode())
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["dataset"]["rows"] == 3 and body["dataset"]["table"] == "stock"
    assert body["dataset"]["fictional"] is False
    assert StockRow.objects.filter(dataset_id=body["dataset"]["id"]).count() == 3
    entry = AuditEntry.objects.filter(action="housing.dataset.imported").latest("id")
    assert entry.actor.username == "gemeente-maastricht"


def test_an_import_with_errors_lists_every_error_and_writes_nothing(maastricht, token_client):
    bad = STOCK.replace(";GOE;E;", ";XYZ;E;").replace(";500", ";-5") + "GM0936;2024;x\n"
    before = _state()
    response = _upload(token_client("gemeente-maastricht"), maastricht, bad.encode())
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["errorCount"] == len(body["errors"]) >= 3
    assert [e["line"] for e in body["errors"]][:2] == [2, 4]
    assert body["errors"][0]["column"] == "HUURKLASSE"
    assert body["errors"][0]["message"].startswith("Regel 2, kolom HUURKLASSE:")
    assert _state() == before


def test_an_api_import_past_its_deadline_is_refused_and_writes_nothing(
    maastricht, token_client, settings
):
    """The API reads in the request, but within the same time limit as the worker."""
    settings.UPLOAD_PARSE_SECONDS = 0
    before = _state()
    response = _upload(token_client("gemeente-maastricht"), maastricht, STOCK.encode())
    assert response.status_code == 400
    assert "Het lezen duurde langer dan 0 seconden" in response.json()["errors"][0]["message"]
    assert _state() == before


def test_the_upload_gate_refuses_binary_and_oversized_files(maastricht, token_client, settings):
    client = token_client("gemeente-maastricht")
    before = _state()
    refused = _upload(client, maastricht, b"PK\x03\x04" + b"\x00" * 100)
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["line"] is None
    assert "CSV" in refused.json()["errors"][0]["message"]
    macro = _upload(client, maastricht, STOCK.encode(), name="voorraad.xlsm")
    assert macro.status_code == 400
    assert _state() == before


def test_bad_form_fields_are_named(maastricht, token_client):
    client = token_client("gemeente-maastricht")
    for fields, name in (({"table": "weather"}, "table"), ({"extra": "1"}, "extra")):
        response = _upload(client, maastricht, STOCK.encode(), **fields)
        assert response.status_code == 400
        assert {p["name"] for p in response.json()["invalidParams"]} == {name}


def test_import_needs_a_token_a_right_and_multipart(maastricht, token_client):
    assert _upload(Client(), maastricht, STOCK.encode()).status_code == 401
    assert _upload(token_client("woonbelang"), maastricht, STOCK.encode()).status_code == 403
    json_body = token_client("gemeente-maastricht").post(
        f"/api/v1/cycles/{maastricht.pk}/housing-datasets",
        data="{}",
        content_type="application/json",
    )
    assert json_body.status_code == 415
    assert not Dataset.objects.exists()


def test_the_import_errors_follow_accept_language(maastricht, token_client):
    bad = STOCK.replace(";GOE;E;", ";XYZ;E;").replace(";500", ";-5")
    client = token_client("gemeente-maastricht")
    response = _upload(client, maastricht, bad.encode(), language="en")
    assert response.status_code == 400
    messages = [e["message"] for e in response.json()["errors"]]
    assert messages == [
        "Line 2, column HUURKLASSE: ‘XYZ’ is not a valid value; choose from: GOE, BETL, BETH, "
        "DUU, BOV.",
        "Line 4, column aantal: ‘-5’ is not a whole number of 0 or more.",
    ]
