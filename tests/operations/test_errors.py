"""Friendly error pages with a request id, never Django's debug page (issue 11.9, 15.7)."""

import logging

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path

from woonafspraken.urls import urlpatterns as site


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("secret-internal-detail")


urlpatterns = [path("kapot/", broken), path("api/v1/kapot", broken), *site]
handler500 = "woonafspraken.operations.errors.server_error"

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.operations.test_errors")]


def client() -> Client:
    return Client(raise_request_exception=False)


def test_every_response_carries_a_request_id() -> None:
    response = client().get("/accounts/login/")
    assert len(response["X-Request-ID"]) == 32


def test_a_request_id_from_the_proxy_is_kept_and_garbage_is_replaced() -> None:
    kept = client().get("/accounts/login/", HTTP_X_REQUEST_ID="proxy-1234-abcd")
    assert kept["X-Request-ID"] == "proxy-1234-abcd"
    replaced = client().get("/accounts/login/", HTTP_X_REQUEST_ID="<script>")
    assert replaced["X-Request-ID"] != "<script>"


def test_a_server_error_shows_a_friendly_page_with_the_logged_request_id(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client().get("/kapot/")
    assert response.status_code == 500
    page = response.content.decode()
    request_id = response["X-Request-ID"]
    assert "Er ging iets mis" in page
    assert request_id in page
    assert "secret-internal-detail" not in page and "Traceback" not in page
    record = next(r for r in caplog.records if r.name == "django.request")
    assert record.exc_info is not None  # the traceback goes to the log, not to the page


def test_the_request_id_is_in_the_log_line_of_the_error() -> None:
    handler = logging.getLogger().handlers[0]
    stream_lines: list[str] = []

    class Capture(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            stream_lines.append(handler.format(record))

    capture = Capture()
    for f in handler.filters:
        capture.addFilter(f)
    logging.getLogger("django.request").addHandler(capture)
    try:
        response = client().get("/kapot/")
    finally:
        logging.getLogger("django.request").removeHandler(capture)
    assert any(f"[{response['X-Request-ID']}]" in line for line in stream_lines), stream_lines


def test_the_server_error_page_speaks_english_when_chosen() -> None:
    c = client()
    c.cookies["woonafspraken_language"] = "en"
    response = c.get("/kapot/")
    assert "Something went wrong" in response.content.decode()


def test_an_api_server_error_is_a_problem_document() -> None:
    response = client().get("/api/v1/kapot")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["requestId"] == response["X-Request-ID"]


def test_an_unknown_page_gets_the_friendly_not_found_page() -> None:
    response = client().get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Niet gevonden" in response.content.decode()
