"""Documents asked for on the documents page and made by the task queue.

The default (immediate) backend makes the document as soon as the request commits; the
database backend is in test_document_queue.py.
"""

import datetime
import io
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from docx import Document

from woonafspraken.documents import reports, services
from woonafspraken.documents.models import DocumentRequest

from .test_evaluation_report import docx_text, pdf_text


@pytest.fixture
def make(client: Any, maastricht: Any, django_capture_on_commit_callbacks: Any):  # type: ignore[no-untyped-def]
    """POST the form of the documents page; run what was queued on commit."""

    def post(slug: str, **data: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(f"/cycli/{maastricht.pk}/documenten/{slug}/maken/", data)

    return post


@pytest.fixture
def outsider(db: Any) -> Any:
    return get_user_model().objects.create_user("buiten", "buiten@example.org", "demo")


def only_request() -> DocumentRequest:
    return DocumentRequest.objects.get()


def test_the_documents_page_has_a_form_to_make_every_document(client, maastricht):
    page = client.get(f"/cycli/{maastricht.pk}/documenten/?year=2017").content.decode()
    for slug in ("afspraken", "evaluatie", "raadsinformatiebrief"):
        assert f'action="/cycli/{maastricht.pk}/documenten/{slug}/maken/"' in page
    assert page.count('name="csrfmiddlewaretoken"') >= 3
    assert page.count('name="year" value="2017"') == 2


def test_a_pdf_is_ready_at_once_with_the_immediate_backend(client, maastricht, user, make):
    client.force_login(user("woonpunt"))
    response = make("afspraken", format="pdf")
    made = only_request()
    assert response.status_code == 302
    assert response["Location"] == f"/documentverzoeken/{made.pk}/"
    assert made.status == "ready" and made.finished_at is not None
    assert made.requested_by == user("woonpunt") and made.year is None
    assert made.filename.startswith("afspraken-") and made.filename.endswith(".pdf")

    page = client.get(f"/documentverzoeken/{made.pk}/").content.decode()
    assert "Het document is klaar" in page
    assert f'href="/documentverzoeken/{made.pk}/download/"' in page
    assert "hx-trigger" not in page

    download = client.get(f"/documentverzoeken/{made.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Type"] == reports.PDF_CONTENT_TYPE
    assert f'filename="{made.filename}"' in download["Content-Disposition"]
    assert download.content.startswith(b"%PDF")


def test_an_evaluation_in_word_is_a_real_docx_of_the_chosen_year(client, maastricht, make):
    make("evaluatie", format="docx", year="2017")
    made = only_request()
    assert (made.kind, made.year, made.fmt, made.status) == ("evaluation", 2017, "docx", "ready")
    download = client.get(f"/documentverzoeken/{made.pk}/download/")
    assert download["Content-Type"] == reports.DOCX_CONTENT_TYPE
    assert "evaluatie-2017-" in download["Content-Disposition"]
    Document(io.BytesIO(download.content))
    assert "2017" in docx_text(download.content)


def test_the_council_letter_is_made_in_word(client, maastricht, make):
    make("raadsinformatiebrief", format="docx", year="2017")
    download = client.get(f"/documentverzoeken/{only_request().pk}/download/")
    assert "Raadsinformatiebrief (concept)" in docx_text(download.content)


def test_a_visitor_may_make_a_document_of_a_published_cycle(client, maastricht, make, tmp_path):
    make("evaluatie", format="pdf", year="2017")
    made = only_request()
    assert made.requested_by is None and made.status == "ready"
    download = client.get(f"/documentverzoeken/{made.pk}/download/")
    assert "Evaluatie" in pdf_text(download.content, tmp_path)


def test_the_document_is_made_in_the_language_of_the_page(client, maastricht, make, settings):
    make("afspraken", format="docx")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    make("afspraken", format="docx")
    assert [r.language for r in DocumentRequest.objects.order_by("pk")] == ["nl", "en"]


@pytest.mark.parametrize(
    ("slug", "data", "message"),
    [
        ("brochure", {"format": "pdf"}, "Dit document bestaat niet."),
        ("afspraken", {"format": "odt"}, "Kies als formaat pdf of docx."),
        ("raadsinformatiebrief", {"format": "pdf", "year": "2017"}, "Kies als formaat docx."),
        ("evaluatie", {"format": "pdf"}, "Kies een jaar."),
        ("evaluatie", {"format": "pdf", "year": "2030"}, "Kies een jaar binnen de looptijd"),
    ],
)
def test_bad_input_creates_nothing_and_says_why(client, maastricht, make, slug, data, message):
    response = make(slug, **data)
    assert response.status_code == 302
    assert response["Location"].startswith(f"/cycli/{maastricht.pk}/documenten/")
    assert not DocumentRequest.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert message in page


def test_making_a_document_takes_a_post_with_a_csrf_token(maastricht, user):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user("woonpunt"))
    url = f"/cycli/{maastricht.pk}/documenten/afspraken/maken/"
    assert strict.get(url).status_code == 405
    assert strict.post(url, {"format": "pdf"}).status_code == 403
    assert not DocumentRequest.objects.exists()


def test_a_failing_render_gives_a_failed_request_with_a_dutch_message(
    client, maastricht, make, monkeypatch
):
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("WeasyPrint fell over")

    monkeypatch.setattr(reports, "render", broken)
    response = make("afspraken", format="pdf")
    made = only_request()
    assert made.status == "failed" and made.finished_at is not None
    assert "kon niet worden gemaakt door een fout in de toepassing" in made.error
    assert made.content in (b"", memoryview(b""))
    page = client.get(response["Location"]).content.decode()
    assert "Het document kon niet worden gemaakt." in page
    assert made.error in page and "WeasyPrint" not in page
    download = client.get(f"/documentverzoeken/{made.pk}/download/")
    assert download.status_code == 302
    assert download["Location"] == f"/documentverzoeken/{made.pk}/"


def test_a_render_refused_later_keeps_the_reason(client, maastricht, make, monkeypatch):
    def refused(*args: Any, **kwargs: Any) -> Any:
        raise ValidationError("Kies een jaar binnen de looptijd 2017–2021.")

    monkeypatch.setattr(reports, "render", refused)
    make("evaluatie", format="pdf", year="2017")
    made = only_request()
    assert made.status == "failed"
    assert made.error == "Kies een jaar binnen de looptijd 2017–2021."


def test_a_request_is_made_only_once(maastricht, make, monkeypatch):
    make("afspraken", format="docx")
    made = only_request()
    calls = []
    monkeypatch.setattr(reports, "render", lambda *a, **k: calls.append(a))
    assert services.make_document(made.pk) is None
    assert services.make_document(made.pk + 1000) is None
    assert calls == []
    assert only_request().finished_at == made.finished_at


def test_an_unpublished_cycle_hides_its_documents_from_outsiders(
    client, maastricht, user, outsider, make
):
    maastricht.published = False
    maastricht.save()
    client.force_login(user("woonbelang"))
    make("afspraken", format="docx")
    made = only_request()
    assert made.status == "ready"
    page, download = f"/documentverzoeken/{made.pk}/", f"/documentverzoeken/{made.pk}/download/"

    client.force_login(outsider)
    assert client.get(page).status_code == 403
    assert client.get(download).status_code == 403
    assert make("afspraken", format="docx").status_code == 403

    client.logout()
    assert client.get(page).status_code == 404
    assert client.get(download).status_code == 404
    assert make("afspraken", format="docx").status_code == 404
    assert DocumentRequest.objects.count() == 1

    client.force_login(user("woonpunt"))  # another party of the same cycle may see it
    assert client.get(download).status_code == 200


def test_an_unknown_request_is_not_found(client, maastricht):
    assert client.get("/documentverzoeken/999/").status_code == 404
    assert client.get("/documentverzoeken/999/download/").status_code == 404


def test_a_waiting_request_says_it_is_being_made_and_polls(client, maastricht):
    # Without capturing on-commit callbacks nothing is queued: the request keeps waiting.
    response = client.post(
        f"/cycli/{maastricht.pk}/documenten/evaluatie/maken/", {"format": "pdf", "year": 2017}
    )
    made = only_request()
    assert made.status == "pending"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Het document wordt gemaakt" in html and "Pagina vernieuwen" in html
    assert f'hx-get="/documentverzoeken/{made.pk}/"' in html and 'hx-trigger="every 2s"' in html
    assert "<script" not in html.split("</head>", 1)[1]
    assert "no-store" in page["Cache-Control"] and "HX-Request" in page["Vary"]

    fragment = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<div id="document-request-status"')
    assert "<html" not in fragment

    services.make_document(made.pk)
    fragment = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert 'data-status="ready"' in fragment and "hx-trigger" not in fragment
    assert client.get(f"/documentverzoeken/{made.pk}/download/").content.startswith(b"%PDF")


def test_a_request_that_waits_long_says_so(client, maastricht):
    made = DocumentRequest.objects.create(
        cycle=maastricht,
        kind="agreements",
        fmt="pdf",
        requested_at=timezone.now() - datetime.timedelta(minutes=30),
    )
    html = client.get(f"/documentverzoeken/{made.pk}/").content.decode()
    assert "Dit duurt langer dan gewoonlijk" in html


def test_requests_older_than_a_week_are_deleted_when_a_new_one_is_made(maastricht, make):
    now = timezone.now()
    old = DocumentRequest.objects.create(
        cycle=maastricht, kind="agreements", fmt="pdf", requested_at=now - datetime.timedelta(8)
    )
    recent = DocumentRequest.objects.create(
        cycle=maastricht, kind="agreements", fmt="pdf", requested_at=now - datetime.timedelta(6)
    )
    make("afspraken", format="docx")
    assert not DocumentRequest.objects.filter(pk=old.pk).exists()
    assert DocumentRequest.objects.filter(pk=recent.pk).exists()
    assert DocumentRequest.objects.count() == 2


def test_a_user_may_not_fill_the_queue(client, maastricht, user):
    client.force_login(user("woonpunt"))
    url = f"/cycli/{maastricht.pk}/documenten/afspraken/maken/"
    for _ in range(services.MAX_WAITING_PER_USER):
        client.post(url, {"format": "pdf"})  # nothing runs: they keep waiting
    response = client.post(url, {"format": "pdf"}, follow=True)
    assert "Er worden al 3 documenten gemaakt" in response.content.decode()
    assert DocumentRequest.objects.count() == services.MAX_WAITING_PER_USER

    client.force_login(user("woonbelang"))  # someone else is not held up
    assert client.post(url, {"format": "pdf"}).status_code == 302
    assert DocumentRequest.objects.count() == services.MAX_WAITING_PER_USER + 1


def test_the_documents_page_lists_my_recent_requests(client, maastricht, user, make):
    client.force_login(user("woonpunt"))
    make("evaluatie", format="docx", year="2017")
    made = only_request()
    page = client.get(f"/cycli/{maastricht.pk}/documenten/").content.decode()
    assert f'href="/documentverzoeken/{made.pk}/"' in page
    assert "Evaluatie 2017 (Word)" in page

    client.force_login(user("woonbelang"))
    page = client.get(f"/cycli/{maastricht.pk}/documenten/").content.decode()
    assert f'href="/documentverzoeken/{made.pk}/"' not in page


def test_the_old_download_address_still_renders_at_once(client, maastricht):
    response = client.get(f"/cycli/{maastricht.pk}/documenten/afspraken/?format=pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert not DocumentRequest.objects.exists()


def test_a_wrong_year_and_format_are_told_together_and_nothing_is_asked(
    client, maastricht, make
) -> None:
    before = DocumentRequest.objects.count()
    response = make("evaluatie", format="odt", year="1990")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Kies als formaat pdf of docx." in page  # both at once, not the first only
    assert "Kies een jaar binnen de looptijd 2017–2021." in page
    assert DocumentRequest.objects.count() == before


def test_a_good_year_beside_a_wrong_format_keeps_the_page_on_that_year(maastricht, make) -> None:
    response = make("evaluatie", format="odt", year="2019")
    assert response["Location"] == f"/cycli/{maastricht.pk}/documenten/?year=2019"
    assert not DocumentRequest.objects.exists()
