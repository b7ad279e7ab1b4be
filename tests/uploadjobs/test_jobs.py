"""Upload jobs: read by the worker with a time limit, seen and confirmed only by the uploader,
with progress on a page that refreshes itself (and a link for browsers without JavaScript)."""

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.documents.xlsx import edit, export, state
from woonafspraken.documents import monitor
from woonafspraken.uploadjobs.models import UploadJob


def _upload(client, cycle, data, run):
    with run(execute=True):
        response = client.post(
            f"/cycli/{cycle.pk}/monitor/inleveren/",
            {"file": SimpleUploadedFile("monitor.xlsx", data)},
        )
    assert response.status_code == 302
    return response.url


def _client(user, username):
    client = Client()
    client.force_login(user(username))
    return client


def test_a_parse_past_its_deadline_fails_with_a_dutch_message_and_writes_nothing(
    maastricht, user, settings, django_capture_on_commit_callbacks
):
    settings.UPLOAD_PARSE_SECONDS = 0
    client = _client(user, "woonpunt")
    data = edit(export(maastricht), {("Nieuwbouw", "value"): 11})
    before = state()
    url = _upload(client, maastricht, data, django_capture_on_commit_callbacks)
    job = UploadJob.objects.get()
    assert job.status == UploadJob.Status.FAILED
    assert bytes(job.content) == b"" and job.preview == {}
    page = client.get(url).content.decode()
    assert "Het lezen duurde langer dan 0 seconden en is gestopt" in page
    assert 'id="confirm-upload"' not in page
    assert state() == before


def test_a_job_being_read_shows_its_progress_and_refreshes_itself(maastricht, user):
    client = _client(user, "woonpunt")
    # no on-commit run: the job waits for the worker
    response = client.post(
        f"/cycli/{maastricht.pk}/monitor/inleveren/",
        {"file": SimpleUploadedFile("monitor.xlsx", export(maastricht))},
    )
    job = UploadJob.objects.get()
    UploadJob.objects.filter(pk=job.pk).update(progress=40)
    page = client.get(response.url).content.decode()
    assert 'role="status"' in page and 'aria-live="polite"' in page
    assert 'hx-trigger="every 2s"' in page and 'value="40"' in page
    assert f'href="/ingelezen-bestanden/{job.pk}/">Pagina vernieuwen' in page
    fragment = client.get(response.url, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200 and 'id="upload-progress"' in fragment.content.decode()
    assert client.post(response.url).status_code == 302  # nothing to confirm yet
    assert UploadJob.objects.get().status == UploadJob.Status.QUEUED


def test_another_user_can_neither_see_nor_confirm_a_job(
    maastricht, user, django_capture_on_commit_callbacks
):
    owner = _client(user, "gemeente-maastricht")
    data = edit(export(maastricht, monitor.JOINT), {("Eigen inplaatsing", "value"): 12})
    url = _upload(owner, maastricht, data, django_capture_on_commit_callbacks)
    get_user_model().objects.create_user("buiten", password="x")
    before = state()
    # a colleague with the same rights, an outsider and a visitor
    for other in (_client(user, "beheer"), _client(user, "buiten"), Client()):
        assert other.get(url).status_code in (302, 404)
        assert other.post(url).status_code in (302, 404)
    assert state() == before
    assert UploadJob.objects.get().status == UploadJob.Status.READY


def test_the_job_page_in_english(maastricht, user, settings, django_capture_on_commit_callbacks):
    client = _client(user, "gemeente-maastricht")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    data = edit(export(maastricht, monitor.JOINT), {("Eigen inplaatsing", "value"): 12})
    url = _upload(client, maastricht, data, django_capture_on_commit_callbacks)
    page = client.get(url).content.decode()
    assert "The file is in order" in page and "Confirm and save" in page
    assert "Het bestand is in orde" not in page


def test_jobs_older_than_a_week_go_when_a_new_one_starts(maastricht, user):
    import datetime

    from django.utils import timezone

    client = _client(user, "woonpunt")
    for _ in range(2):
        client.post(
            f"/cycli/{maastricht.pk}/monitor/inleveren/",
            {"file": SimpleUploadedFile("monitor.xlsx", export(maastricht))},
        )
    old, recent = UploadJob.objects.order_by("pk")
    UploadJob.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    client.post(
        f"/cycli/{maastricht.pk}/monitor/inleveren/",
        {"file": SimpleUploadedFile("monitor.xlsx", export(maastricht))},
    )
    assert UploadJob.objects.filter(pk=old.pk).count() == 0
    assert UploadJob.objects.filter(pk=recent.pk).count() == 1
