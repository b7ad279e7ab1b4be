from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.conftest import target_of
from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Measurement
from woonafspraken.audit.models import AuditEntry
from woonafspraken.documents import monitor

from .xlsx import edit, export, open_book, state


def _logged_in(client, user, username="woonpunt"):
    client.force_login(user(username))
    return client


def _upload(client, cycle, data, name="monitor-woonpunt.xlsx", *, run=None):
    """Upload; with ``run`` (django_capture_on_commit_callbacks) the job is read and its page
    returned, as the worker and the page's refresh would."""
    file = SimpleUploadedFile(name, data, content_type=monitor.XLSX_CONTENT_TYPE)
    if run is None:
        return client.post(f"/cycli/{cycle.pk}/monitor/inleveren/", {"file": file})
    with run(execute=True):
        response = client.post(f"/cycli/{cycle.pk}/monitor/inleveren/", {"file": file})
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response.url)


def test_the_monitor_page_offers_download_upload_and_open_data(client, maastricht, user):
    response = _logged_in(client, user).get(f"/cycli/{maastricht.pk}/monitor/?year=2017")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Download Excel-bestand" in page and 'type="file"' in page
    assert f"/cycli/{maastricht.pk}/normen.csv" in page
    assert "Woonpunt · u levert in" in page


def test_anyone_can_download_the_monitor_of_a_published_cycle(client, maastricht):
    woonpunt = Organisation.objects.get(slug="woonpunt")
    response = client.get(
        f"/cycli/{maastricht.pk}/monitor/download/?year=2017&organisation={woonpunt.pk}"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == monitor.XLSX_CONTENT_TYPE
    assert "monitor-prestatieafspraken-2017-2017-woonpunt.xlsx" in response["Content-Disposition"]
    wb = open_book(response.content)
    assert wb[monitor.SHEET]["E3"].value == "Nieuwbouw (woningen)"


def test_upload_shows_old_and_new_and_writes_only_after_confirming(
    client, maastricht, user, django_capture_on_commit_callbacks
):
    client = _logged_in(client, user, "gemeente-maastricht")
    data = edit(export(maastricht, monitor.JOINT), {("Eigen inplaatsing", "value"): 12})
    before = state()
    response = _upload(
        client, maastricht, data, "gezamenlijk 2017.xlsx", run=django_capture_on_commit_callbacks
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Het bestand is in orde" in page
    assert "11 → <strong>12</strong>" in page
    assert state() == before, "the preview writes nothing"
    assert not any(k.startswith("documents.") for k, _v in client.session.items())
    job_url = response.request["PATH_INFO"]

    response = client.post(job_url)
    assert response.status_code == 302
    m = Measurement.objects.get(target=target_of(maastricht, "Eigen inplaatsing"), year=2017)
    assert m.value == Decimal("12.00")
    assert AuditEntry.objects.latest("id").source == "excel:gezamenlijk 2017.xlsx"
    # a second confirm changes nothing
    response = client.post(job_url)
    assert response.status_code == 302
    assert Measurement.objects.get(pk=m.pk).version == 2


def test_a_bad_file_shows_every_error_with_its_row_and_column(
    client, maastricht, user, django_capture_on_commit_callbacks
):
    client = _logged_in(client, user)
    data = edit(export(maastricht), {("Nieuwbouw", "value"): "veel", ("Sloop", "value"): "=1"})
    before = state()
    response = _upload(client, maastricht, data, run=django_capture_on_commit_callbacks)
    page = response.content.decode()
    assert "Er is niets opgeslagen: 2 fouten" in page
    assert page.count('class="utrecht-table__row upload-error"') == 2
    assert "M (Waarde)" in page and "‘veel’ is geen getal" in page
    assert 'id="confirm-upload"' not in page
    assert state() == before


def test_a_file_without_changes_needs_no_confirmation(
    client, maastricht, user, django_capture_on_commit_callbacks
):
    client = _logged_in(client, user)
    response = _upload(
        client, maastricht, export(maastricht), run=django_capture_on_commit_callbacks
    )
    page = response.content.decode()
    assert 'id="no-changes"' in page and 'id="confirm-upload"' not in page


def test_a_file_over_ten_megabytes_is_refused_on_the_page(client, maastricht, user):
    client = _logged_in(client, user)
    before = state()
    response = _upload(client, maastricht, b"PK\x03\x04" + b"\0" * (10 * 1024 * 1024 + 1))
    assert response.status_code == 400
    assert "groter dan 10 MB" in response.content.decode()
    assert state() == before


def test_confirming_a_stale_upload_writes_nothing(
    client, maastricht, user, django_capture_on_commit_callbacks
):
    from woonafspraken.agreements import services

    client = _logged_in(client, user, "gemeente-maastricht")
    data = edit(export(maastricht, monitor.JOINT), {("Aanbodmodel", "value"): 50})
    job_url = _upload(client, maastricht, data, run=django_capture_on_commit_callbacks).request[
        "PATH_INFO"
    ]
    target = target_of(maastricht, "Aanbodmodel")
    services.record_measurement(user("beheer"), target, value=55, expected_version=1)
    before = state()
    response = client.post(job_url)
    assert response.status_code == 400
    assert "heeft deze waarde intussen gewijzigd" in response.content.decode()
    assert state() == before


def test_uploading_needs_a_login(client, maastricht):
    response = _upload(client, maastricht, export(maastricht))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_csv_lists_every_target_with_its_measurements(client, maastricht):
    response = client.get(f"/cycli/{maastricht.pk}/normen.csv")
    assert response.status_code == 200
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("cycle_id,theme,agreement_number")
    eigen = [line for line in lines if "Eigen inplaatsing (aandeel" in line]
    assert len(eigen) == 1 and ",max,10,,,,0,maximaal 10 %,2017,11,," in eigen[0]


def test_a_year_outside_the_cycle_beside_an_upload_is_refused_and_nothing_starts(
    client, maastricht, user
):
    from woonafspraken.uploadjobs.models import UploadJob

    client = _logged_in(client, user, "gemeente-maastricht")
    data = edit(export(maastricht, monitor.JOINT), {("Eigen inplaatsing", "value"): 12})
    before = (state(), UploadJob.objects.count())
    file = SimpleUploadedFile("gezamenlijk.xlsx", data, content_type=monitor.XLSX_CONTENT_TYPE)
    response = client.post(
        f"/cycli/{maastricht.pk}/monitor/inleveren/", {"file": file, "year": "1990"}
    )
    assert response.status_code == 400
    assert "Kies een jaar binnen de looptijd 2017–2021." in response.content.decode()
    assert (state(), UploadJob.objects.count()) == before
