from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import target_of
from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Measurement
from woonafspraken.audit.models import AuditEntry
from woonafspraken.documents import monitor

from .xlsx import edit, export, open_book, state


def _post_raw(client, cycle, data, filename=None):
    headers = {}
    if filename:
        headers["HTTP_CONTENT_DISPOSITION"] = f'attachment; filename="{filename}"'
    return client.post(
        f"/api/v1/cycles/{cycle.pk}/monitor",
        data=data,
        content_type=monitor.XLSX_CONTENT_TYPE,
        **headers,
    )


def test_get_monitor_returns_the_workbook(client, maastricht):
    woonpunt = Organisation.objects.get(slug="woonpunt")
    response = client.get(
        f"/api/v1/cycles/{maastricht.pk}/monitor?year=2017&organisation={woonpunt.pk}"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == monitor.XLSX_CONTENT_TYPE and response["API-Version"]
    meta = dict(open_book(response.content)[monitor.META_SHEET].iter_rows(values_only=True))
    assert (meta["cycle"], meta["year"], meta["organisation"]) == (
        maastricht.pk,
        2017,
        str(woonpunt.pk),
    )


def test_get_monitor_without_year_or_organisation_is_400(client, maastricht):
    base = f"/api/v1/cycles/{maastricht.pk}/monitor"
    for query in ("", "?year=2017", "?organisation=joint", "?year=2030&organisation=joint"):
        response = client.get(base + query)
        assert response.status_code == 400, query
        assert response["Content-Type"] == "application/problem+json"


def test_post_a_raw_workbook_returns_a_summary_of_the_changes(token_client, maastricht):
    data = edit(export(maastricht), {("Renovatie", "value"): 130})
    response = _post_raw(token_client("woonpunt"), maastricht, data, "renovatie.xlsx")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["created"], body["changed"], body["unchanged"]) == (1, 0, 3)
    assert body["changes"][0]["new"]["value"] == "130" and body["changes"][0]["old"] is None
    m = Measurement.objects.get(target=target_of(maastricht, "Renovatie", "woonpunt"))
    assert m.value == Decimal("130.00")
    assert AuditEntry.objects.latest("id").source == "excel:renovatie.xlsx"


def test_post_a_multipart_file_works_too(token_client, maastricht):
    data = edit(export(maastricht, monitor.JOINT), {("Aanbodmodel", "value"): 55})
    response = token_client("gemeente-maastricht").post(
        f"/api/v1/cycles/{maastricht.pk}/monitor",
        {"file": SimpleUploadedFile("aanbod.xlsx", data, content_type=monitor.XLSX_CONTENT_TYPE)},
    )
    assert response.status_code == 200, response.content
    assert response.json()["changed"] == 1
    assert AuditEntry.objects.latest("id").source == "excel:aanbod.xlsx"


def test_a_bad_file_is_400_listing_every_error_and_nothing_changes(token_client, maastricht):
    data = edit(
        export(maastricht),
        {("Energielabel", "value"): "Z", ("Nieuwbouw", "value"): 11, ("Sloop", "value"): "=A1"},
    )
    woonpunt = token_client("woonpunt")  # making a token is in the history too
    before = state()
    response = _post_raw(woonpunt, maastricht, data)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert [(e["sheet"], e["row"], e["column"]) for e in body["errors"]] == [
        ("Monitor", 2, "M"),
        ("Monitor", 5, "M"),
    ]
    assert body["errors"][0]["columnName"] == "Waarde"
    assert "geen energielabel" in body["errors"][0]["message"]
    assert "formule" in body["errors"][1]["message"]
    assert body["errorCount"] == 2 and "niets opgeslagen" in body["detail"]
    assert state() == before


def test_another_organisations_file_is_400_and_nothing_changes(token_client, maastricht):
    data = edit(export(maastricht, "servatius"), {("Nieuwbouw", "value"): 80})
    woonpunt = token_client("woonpunt")  # making a token is in the history too
    before = state()
    response = _post_raw(woonpunt, maastricht, data)
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["sheet"] == "Metadata" and "Servatius" in error["message"]
    assert state() == before


def test_posting_without_a_token_is_401(client, maastricht):
    response = _post_raw(client, maastricht, export(maastricht))
    assert response.status_code == 401


def test_a_body_that_is_not_a_workbook_is_refused(token_client, maastricht):
    woonpunt = token_client("woonpunt")
    response = woonpunt.post(
        f"/api/v1/cycles/{maastricht.pk}/monitor", data="{}", content_type="application/json"
    )
    assert response.status_code == 415
    response = _post_raw(woonpunt, maastricht, b"not a workbook")
    assert response.status_code == 400
    assert "geen Excel-bestand" in response.json()["errors"][0]["message"]


def test_a_body_over_ten_megabytes_is_413(token_client, maastricht):
    response = _post_raw(
        token_client("woonpunt"), maastricht, b"PK\x03\x04" + b"\0" * (11 * 1024 * 1024)
    )
    assert response.status_code == 413
    assert "groter dan 10 MB" in response.json()["errors"][0]["message"]


def test_a_body_of_a_few_megabytes_is_read_despite_the_form_limit(token_client, maastricht):
    # Django refuses request.body over DATA_UPLOAD_MAX_MEMORY_SIZE (2 MB); the file is read
    # from the stream instead, so a 3 MB upload gets a real answer.
    data = with_padding(export(maastricht), 3 * 1024 * 1024)
    response = _post_raw(token_client("woonpunt"), maastricht, data)
    assert response.status_code == 200, response.content
    assert response.json()["unchanged"] == 4


def with_padding(data, size):
    import io
    import os
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("docProps/padding.bin", os.urandom(size))
    return out.getvalue()


def test_targets_csv_is_open_data(client, maastricht):
    response = client.get(f"/api/v1/cycles/{maastricht.pk}/targets.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv") and response["API-Version"]
    assert "Aanbodmodel (aandeel van de verhuringen)" in response.content.decode()


def test_the_openapi_document_describes_the_documents_paths(client, maastricht):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert set(paths["/cycles/{id}/monitor"]) == {"get", "post"}
    assert "/cycles/{id}/targets.csv" in paths


def test_an_api_upload_past_the_time_limit_is_400_and_nothing_changes(
    token_client, maastricht, settings
):
    settings.UPLOAD_PARSE_SECONDS = 0
    data = edit(export(maastricht), {("Nieuwbouw", "value"): 11})
    woonpunt = token_client("woonpunt")
    before = state()
    response = _post_raw(woonpunt, maastricht, data)
    assert response.status_code == 400
    assert "Het lezen duurde langer dan 0 seconden" in response.json()["errors"][0]["message"]
    assert state() == before
