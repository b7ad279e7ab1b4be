"""Making a document through the documents page in real Chromium, checked with axe."""

import re
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.browser.conftest import assert_accessible, login
from woonafspraken.documents.models import DocumentRequest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
REQUEST_PAGE = re.compile(r".*/documentverzoeken/\d+/$")


def test_a_document_is_made_through_the_page_and_downloaded(page, live_server, maastricht):
    base = live_server.url
    login(page, base, "gemeente-maastricht")
    page.goto(f"{base}/cycli/{maastricht.pk}/documenten/?year=2017")
    assert_accessible(page)
    page.get_by_role("button", name="PDF maken", description="Evaluatie 2017").click()
    page.wait_for_url(REQUEST_PAGE)
    made = DocumentRequest.objects.get()
    assert (made.kind, made.year, made.fmt) == ("evaluation", 2017, "pdf")
    page.wait_for_selector('#document-request-status[data-status="ready"]')
    assert_accessible(page)
    with page.expect_download() as download:
        page.click("#document-download")
    assert download.value.suggested_filename == made.filename
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"


@override_settings(TASKS=DATABASE_QUEUE)
def test_a_queued_document_appears_on_the_page_once_the_worker_made_it(
    page: Any, live_server: Any, maastricht: Any
) -> None:
    base = live_server.url
    page.goto(f"{base}/cycli/{maastricht.pk}/documenten/?year=2017")
    page.get_by_role("button", name="Word maken", description="Raadsinformatiebrief").click()
    page.wait_for_url(REQUEST_PAGE)
    page.wait_for_selector('#document-request-status[data-status="pending"]')
    assert page.get_by_text("Het document wordt gemaakt").is_visible()
    assert_accessible(page)
    page.evaluate("window.stillTheSamePage = true")

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    # htmx polls every two seconds and swaps in the finished status, without a reload
    page.wait_for_selector('#document-request-status[data-status="ready"]', timeout=15_000)
    assert page.locator("#document-download").is_visible()
    assert page.evaluate("window.stillTheSamePage") is True
    assert_accessible(page)
