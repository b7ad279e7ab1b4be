"""Imports with ``Prefer: respond-async``: the gate first, then a job read in the background,
followed at ``/upload-jobs/{id}`` and confirmed there; only the uploader sees it."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import target_of
from tests.documents.xlsx import edit, export, state
from tests.housing.test_imports import STOCK
from woonafspraken.agreements.models import Measurement
from woonafspraken.audit.models import AuditEntry
from woonafspraken.documents import monitor
from woonafspraken.housing.models import Dataset, StockRow
from woonafspraken.uploadjobs.models import UploadJob

ASYNC = {"HTTP_PREFER": "respond-async, wait=5"}


def _housing(client, cycle, content, name="voorraad.csv", **headers):
    data = {
        "table": "stock",
        "source": "CBS 82900NED",
        "sourceDate": "2024-01-01",
        "file": SimpleUploadedFile(name, content),
    }
    return client.post(f"/api/v1/cycles/{cycle.pk}/housing-datasets", data, **headers)


def _monitor(client, cycle, data, **headers):
    return client.post(
        f"/api/v1/cycles/{cycle.pk}/monitor",
        data=data,
        content_type=monitor.XLSX_CONTENT_TYPE,
        HTTP_CONTENT_DISPOSITION='attachment; filename="renovatie.xlsx"',
        **headers,
    )


def _accepted(response):
    assert response.status_code == 202, response.content
    assert response["Preference-Applied"] == "respond-async"
    job = UploadJob.objects.get()
    assert response["Location"] == f"http://testserver/api/v1/upload-jobs/{job.pk}"
    assert response.json()["id"] == job.pk
    return response["Location"]


def test_an_async_housing_import_is_read_then_confirmed_and_audited(
    maastricht, token_client, django_capture_on_commit_callbacks
):
    client = token_client("gemeente-maastricht")
    with django_capture_on_commit_callbacks(execute=True):
        response = _housing(client, maastricht, STOCK.encode(), **ASYNC)
    location = _accepted(response)
    assert not Dataset.objects.exists()  # nothing written before the confirm
    job = client.get(location).json()
    assert (job["status"], job["progress"], job["kind"]) == ("ready", 100, "housing")
    assert job["preview"]["rows"] == 3 and job["preview"]["table"] == "stock"
    assert job["errors"] == [] and job["canConfirm"] is True
    confirm = job["links"]["confirm"]
    assert confirm == f"{location}/confirm"
    applied = client.post(confirm)
    assert applied.status_code == 200, applied.content
    body = applied.json()
    assert body["status"] == "applied" and body["links"]["confirm"] is None
    assert "3 regels ingelezen" in body["message"]
    dataset = Dataset.objects.get()
    assert dataset.source == "CBS 82900NED" and StockRow.objects.count() == 3
    entry = AuditEntry.objects.filter(action="housing.dataset.imported").latest("id")
    assert entry.actor.username == "gemeente-maastricht"
    again = client.post(confirm)
    assert again.status_code == 409
    assert again["Content-Type"] == "application/problem+json"
    assert StockRow.objects.count() == 3


def test_an_async_monitor_is_read_then_confirmed(
    maastricht, token_client, django_capture_on_commit_callbacks
):
    client = token_client("woonpunt")
    data = edit(export(maastricht), {("Renovatie", "value"): 130})
    with django_capture_on_commit_callbacks(execute=True):
        location = _accepted(_monitor(client, maastricht, data, HTTP_PREFER="respond-async"))
    job = client.get(location, HTTP_ACCEPT_LANGUAGE="en").json()
    assert job["status"] == "ready" and job["statusLabel"] == "ready to check"
    assert (job["preview"]["created"], job["preview"]["changed"]) == (1, 0)
    assert job["preview"]["changes"][0]["value"] == "130"
    assert not Measurement.objects.filter(
        target=target_of(maastricht, "Renovatie", "woonpunt")
    ).exists()
    applied = client.post(job["links"]["confirm"])
    assert applied.status_code == 200, applied.content
    m = Measurement.objects.get(target=target_of(maastricht, "Renovatie", "woonpunt"))
    assert m.value == Decimal("130.00")
    assert AuditEntry.objects.latest("id").source == "excel:renovatie.xlsx"
    assert client.post(job["links"]["confirm"]).status_code == 409


def test_a_refused_monitor_job_lists_its_errors_and_cannot_be_confirmed(
    maastricht, token_client, django_capture_on_commit_callbacks
):
    client = token_client("woonpunt")
    data = edit(export(maastricht), {("Energielabel", "value"): "Z", ("Nieuwbouw", "value"): 11})
    before = state()
    with django_capture_on_commit_callbacks(execute=True):
        location = _accepted(_monitor(client, maastricht, data, **ASYNC))
    job = client.get(location).json()
    assert job["status"] == "failed" and job["canConfirm"] is False
    assert job["errorCount"] == len(job["errors"]) >= 1
    assert {"sheet", "row", "column", "columnName", "message"} <= set(job["errors"][0])
    assert job["errors"][0]["row"] and job["errors"][0]["message"]
    assert client.post(f"{location}/confirm").status_code == 409
    assert state() == before


def test_someone_elses_job_is_not_found(
    maastricht, token_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        location = _accepted(
            _housing(token_client("gemeente-maastricht"), maastricht, STOCK.encode(), **ASYNC)
        )
    other = token_client("beheer")
    assert other.get(location).status_code == 404
    assert other.post(f"{location}/confirm").status_code == 404
    assert token_client("woonpunt").get(location).status_code == 404
    assert not Dataset.objects.exists()
    assert UploadJob.objects.get().status == UploadJob.Status.READY


def test_a_bad_file_with_prefer_is_refused_before_a_job_exists(maastricht, token_client):
    client = token_client("gemeente-maastricht")
    refused = _housing(client, maastricht, b"PK\x03\x04" + b"\x00" * 100, **ASYNC)
    assert refused.status_code == 400
    assert refused["Content-Type"] == "application/problem+json"
    assert "CSV" in refused.json()["errors"][0]["message"]
    not_excel = _monitor(token_client("woonpunt"), maastricht, b"no workbook", **ASYNC)
    assert not_excel.status_code == 400 and not_excel.json()["errors"][0]["message"]
    # no permission: refused at the gate too
    forbidden = _housing(token_client("woonbelang"), maastricht, STOCK.encode(), **ASYNC)
    assert forbidden.status_code == 403
    assert not UploadJob.objects.exists()


def test_without_prefer_the_import_answers_in_the_request(maastricht, token_client):
    response = _housing(token_client("gemeente-maastricht"), maastricht, STOCK.encode())
    assert response.status_code == 201 and "Preference-Applied" not in response
    other = _housing(
        token_client("gemeente-maastricht"),
        maastricht,
        STOCK.encode(),
        HTTP_PREFER="return=minimal",
    )
    assert other.status_code == 201
    assert not UploadJob.objects.exists()


def test_a_job_is_for_a_token_only(maastricht, client):
    response = client.get("/api/v1/upload-jobs/1")
    assert response.status_code == 401
