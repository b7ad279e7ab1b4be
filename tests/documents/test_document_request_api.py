"""Documents asked for through the API and made by the task queue.

The default (immediate) backend makes the document as soon as the request commits; a waiting
or failed request is made by creating the row directly.
"""

import io
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from docx import Document

from woonafspraken.accounts.services import create_token
from woonafspraken.documents import reports, services
from woonafspraken.documents.models import DocumentRequest

PROBLEM_JSON = "application/problem+json"


@pytest.fixture
def ask(maastricht: Any, django_capture_on_commit_callbacks: Any):  # type: ignore[no-untyped-def]
    """POST a document request as ``client``; run what was queued on commit."""

    def post(client: Client, body: Any, cycle: Any = maastricht) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                f"/api/v1/cycles/{cycle.pk}/document-requests",
                data=body,
                content_type="application/json",
            )

    return post


@pytest.fixture
def outsider(db: Any) -> Client:
    stranger = get_user_model().objects.create_user("buiten", "buiten@example.org", "demo")
    return Client(HTTP_AUTHORIZATION=f"Token {create_token(stranger)}")


def waiting(cycle: Any, **fields: Any) -> DocumentRequest:
    return DocumentRequest.objects.create(cycle=cycle, kind="agreements", fmt="pdf", **fields)


def test_a_request_is_accepted_with_the_address_of_its_status(token_client, maastricht, ask, user):
    response = ask(token_client("woonpunt"), {"kind": "agreements", "format": "pdf"})
    made = DocumentRequest.objects.get()
    assert response.status_code == 202, response.content
    assert response["Location"] == f"http://testserver/api/v1/document-requests/{made.pk}"
    assert response["API-Version"]
    body = response.json()
    assert (body["id"], body["cycle"], body["kind"], body["format"], body["year"]) == (
        made.pk,
        maastricht.pk,
        "agreements",
        "pdf",
        None,
    )
    assert made.requested_by == user("woonpunt")


def test_with_the_immediate_backend_the_pdf_is_ready_to_download(token_client, ask):
    client = token_client("woonpunt")
    location = ask(client, {"kind": "agreements", "format": "pdf"})["Location"]

    status = client.get(location)
    assert status.status_code == 200
    body = status.json()
    assert body["status"] == "ready" and body["finishedAt"] and body["error"] is None
    assert body["download"] == f"{location}/download"
    assert "no-store" in status["Cache-Control"]

    download = client.get(body["download"])
    made = DocumentRequest.objects.get()
    assert download.status_code == 200
    assert download["Content-Type"] == reports.PDF_CONTENT_TYPE and download["API-Version"]
    assert download["Content-Disposition"] == f'attachment; filename="{made.filename}"'
    assert download.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("body", "filename_start"),
    [
        ({"kind": "evaluation", "format": "docx", "year": 2017}, "evaluatie-2017-"),
        ({"kind": "council-letter", "year": 2017}, "raadsinformatiebrief-2017-"),
        ({"kind": "agreements", "format": "docx"}, "afspraken-"),
    ],
)
def test_a_word_document_is_a_real_docx(token_client, ask, body, filename_start):
    client = token_client("woonpunt")
    made = client.get(ask(client, body)["Location"]).json()
    assert (made["status"], made["format"]) == ("ready", "docx")
    download = client.get(made["download"])
    assert download["Content-Type"] == reports.DOCX_CONTENT_TYPE
    assert f'filename="{filename_start}' in download["Content-Disposition"]
    Document(io.BytesIO(download.content))


def test_a_visitor_may_ask_for_a_document_of_a_published_cycle(client, ask):
    response = ask(client, {"kind": "evaluation", "format": "pdf", "year": 2017})
    assert response.status_code == 202
    assert DocumentRequest.objects.get().requested_by is None
    download = client.get(response["Location"]).json()["download"]
    assert client.get(download).content.startswith(b"%PDF")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "‘kind’"),
        ({"kind": "brochure"}, "‘kind’"),
        ({"kind": ["agreements"]}, "‘kind’"),
        ({"kind": "agreements", "format": "odt"}, "‘format’"),
        ({"kind": "council-letter", "format": "pdf", "year": 2017}, "‘format’"),
        ({"kind": "evaluation", "format": "pdf"}, "‘year’"),
        ({"kind": "evaluation", "year": "2017"}, "‘year’"),
        ({"kind": "evaluation", "year": True}, "‘year’"),
        ({"kind": "evaluation", "year": 2017.5}, "‘year’"),
        ({"kind": "evaluation", "year": 2030}, "‘year’"),
    ],
)
def test_bad_input_is_400_naming_the_field_and_stores_nothing(token_client, ask, body, field):
    response = ask(token_client("woonpunt"), body)
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM_JSON
    assert field in response.json()["detail"]
    assert not DocumentRequest.objects.exists()


def test_a_year_outside_the_period_says_which_years_are_allowed(token_client, ask, maastricht):
    response = ask(token_client("woonpunt"), {"kind": "evaluation", "year": 2030})
    assert maastricht.period_label in response.json()["detail"]


def test_a_body_that_is_not_json_is_415(token_client, maastricht):
    response = token_client("woonpunt").post(
        f"/api/v1/cycles/{maastricht.pk}/document-requests", {"kind": "agreements"}
    )
    assert response.status_code == 415 and response["Content-Type"] == PROBLEM_JSON
    assert not DocumentRequest.objects.exists()


def test_an_outsider_cannot_ask_for_a_document_of_an_unpublished_cycle(
    client, outsider, ask, maastricht
):
    maastricht.published = False
    maastricht.save()
    body = {"kind": "agreements", "format": "pdf"}
    for stranger in (outsider, client):
        response = ask(stranger, body)
        assert response.status_code == 404
        assert response["Content-Type"] == PROBLEM_JSON
    assert not DocumentRequest.objects.exists()


def test_a_signed_in_session_does_not_count_for_a_post(client, ask, maastricht, user):
    """Writes take a token only, so a page cannot post on behalf of a signed-in user."""
    maastricht.published = False
    maastricht.save()
    client.force_login(user("woonpunt"))
    assert ask(client, {"kind": "agreements"}).status_code == 404
    assert not DocumentRequest.objects.exists()


def test_an_outsider_cannot_see_or_download_a_request_of_an_unpublished_cycle(
    client, outsider, token_client, ask, maastricht
):
    member = token_client("woonpunt")
    location = ask(member, {"kind": "agreements", "format": "docx"})["Location"]
    maastricht.published = False
    maastricht.save()
    for stranger in (outsider, client):
        assert stranger.get(location).status_code == 404
        download = stranger.get(f"{location}/download")
        assert download.status_code == 404 and download["Content-Type"] == PROBLEM_JSON
    assert member.get(location).status_code == 200
    assert member.get(f"{location}/download").status_code == 200


def test_anyone_may_see_a_request_of_a_published_cycle(client, token_client, ask):
    location = ask(token_client("woonpunt"), {"kind": "agreements", "format": "docx"})["Location"]
    assert client.get(location).json()["status"] == "ready"
    # the file itself names people (asked for with a token): not for a client without one
    assert client.get(f"{location}/download").status_code == 404


def test_an_unknown_request_is_not_found(client, maastricht):
    for url in ("/api/v1/document-requests/999", "/api/v1/document-requests/999/download"):
        response = client.get(url)
        assert response.status_code == 404 and response["Content-Type"] == PROBLEM_JSON


def test_a_waiting_request_has_no_download_yet(client, maastricht):
    made = waiting(maastricht)
    body = client.get(f"/api/v1/document-requests/{made.pk}").json()
    assert body["status"] == "pending"
    assert body["finishedAt"] is None and body["download"] is None and body["error"] is None


def test_downloading_a_waiting_document_is_a_conflict(client, maastricht):
    made = waiting(maastricht)
    response = client.get(f"/api/v1/document-requests/{made.pk}/download")
    assert response.status_code == 409 and response["Content-Type"] == PROBLEM_JSON
    assert "wordt nog gemaakt" in response.json()["detail"]


def test_downloading_a_failed_document_is_a_conflict_that_gives_the_reason(client, maastricht):
    made = waiting(maastricht, status="failed", error="De printer is op.")
    body = client.get(f"/api/v1/document-requests/{made.pk}").json()
    assert (body["status"], body["download"]) == ("failed", None)
    assert body["error"] == "De printer is op."
    response = client.get(f"/api/v1/document-requests/{made.pk}/download")
    assert response.status_code == 409
    detail = response.json()["detail"]
    assert "mislukt" in detail and "De printer is op." in detail


def test_a_full_queue_is_429_and_stores_nothing(token_client, ask, maastricht, user):
    for _ in range(services.MAX_WAITING_PER_USER):
        waiting(maastricht, requested_by=user("woonpunt"))
    response = ask(token_client("woonpunt"), {"kind": "agreements"})
    assert response.status_code == 429
    assert response["Content-Type"] == PROBLEM_JSON and response["Retry-After"]
    body = response.json()
    assert body["status"] == 429 and "Er worden al 3 documenten gemaakt" in body["detail"]
    assert DocumentRequest.objects.count() == services.MAX_WAITING_PER_USER

    assert ask(token_client("woonbelang"), {"kind": "agreements"}).status_code == 202


def test_the_synchronous_document_endpoints_still_work(client, maastricht):
    response = client.get(f"/api/v1/cycles/{maastricht.pk}/documents/agreements?format=docx")
    assert response.status_code == 200
    assert response["Content-Type"] == reports.DOCX_CONTENT_TYPE
    assert not DocumentRequest.objects.exists()


def test_the_openapi_document_describes_the_document_request_paths(client, db):
    document = client.get("/api/v1/openapi.json").json()
    paths = document["paths"]
    assert set(paths["/cycles/{id}/document-requests"]) == {"post"}
    assert set(paths["/document-requests/{id}"]) == {"get"}
    assert set(paths["/document-requests/{id}/download"]) == {"get"}
    post = paths["/cycles/{id}/document-requests"]["post"]
    assert {"202", "400", "404", "429"} <= set(post["responses"])
    assert "Location" in post["responses"]["202"]["headers"]
    assert "409" in paths["/document-requests/{id}/download"]["get"]["responses"]
    for kind in ("agreements", "evaluation", "council-letter"):
        sync = paths[f"/cycles/{{id}}/documents/{kind}"]["get"]
        assert "document-requests" in sync["description"]


def test_the_resource_has_exactly_the_documented_fields(token_client, ask, db):
    client = token_client("woonpunt")
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    documented = schemas["DocumentRequest"]
    body = ask(client, {"kind": "evaluation", "format": "pdf", "year": 2017}).json()
    assert set(body) == set(documented["properties"]) == set(documented["required"])
    assert body["status"] in documented["properties"]["status"]["enum"]
    assert set(schemas["DocumentRequestInput"]["properties"]) == {"kind", "format", "year"}


@pytest.mark.django_db(transaction=True)
def test_outside_a_test_transaction_the_answer_already_says_ready(token_client, maastricht):
    """The immediate backend runs the task when the request commits, before the answer."""
    response = token_client("woonpunt").post(
        f"/api/v1/cycles/{maastricht.pk}/document-requests",
        data={"kind": "agreements", "format": "docx"},
        content_type="application/json",
    )
    assert response.status_code == 202
    assert response.json()["status"] == "ready" and response.json()["download"]
