"""Privacy by default in the documents: people's names only for readers who are logged in.

A visitor who is not logged in gets the evaluation, the agreements and the council letter with
organisation names only; a party logged in gets the project leader (and who signed) as well.
Each check reads the text of the real PDF or Word file.
"""

from typing import Any

import pytest

from tests.agreements.test_themes_list import _lead_with_leader
from woonafspraken.documents.models import DocumentRequest

from .test_evaluation_report import docx_text, pdf_text

LEADER = "Petra Projectleider"
DOCUMENTS = [
    ("evaluatie", "evaluation", "pdf"),
    ("evaluatie", "evaluation", "docx"),
    ("afspraken", "agreements", "pdf"),
    ("afspraken", "agreements", "docx"),
]


@pytest.fixture
def led(maastricht: Any, user: Any) -> Any:
    """A theme whose project leader is a person with a name; returns that theme."""
    theme, _leader = _lead_with_leader(maastricht, user("gemeente-maastricht"))
    return theme


def _text(content: bytes, fmt: str, tmp_path: Any) -> str:
    return pdf_text(content, tmp_path) if fmt == "pdf" else docx_text(content)


@pytest.mark.parametrize("slug,kind,fmt", DOCUMENTS)
def test_a_visitor_downloads_documents_with_organisation_names_only(
    client, maastricht, led, user, tmp_path, slug, kind, fmt
):
    url = f"/cycli/{maastricht.pk}/documenten/{slug}/?year=2017&format={fmt}"
    year = "year=2017&" if kind == "evaluation" else ""
    api = f"/api/v1/cycles/{maastricht.pk}/documents/{kind}?{year}format={fmt}"
    for address in (url, api):
        text = _text(client.get(address).content, fmt, tmp_path)
        assert led.lead_organisation.name in text and led.name in text
        assert LEADER not in text, address
    client.force_login(user("woonpunt"))
    assert LEADER in _text(client.get(url).content, fmt, tmp_path)


def test_the_api_names_the_project_leader_to_a_client_with_a_token(maastricht, led, token_client):
    response = token_client("woonpunt").get(
        f"/api/v1/cycles/{maastricht.pk}/documents/evaluation?year=2017&format=docx"
    )
    assert LEADER in docx_text(response.content)


def test_the_council_letter_names_no_one(client, maastricht, led, user):
    client.force_login(user("gemeente-maastricht"))
    response = client.get(
        f"/cycli/{maastricht.pk}/documenten/raadsinformatiebrief/?year=2017&format=docx"
    )
    text = docx_text(response.content)
    assert "Raadsinformatiebrief (concept)" in text and LEADER not in text


def test_a_document_made_for_a_party_is_never_handed_to_a_visitor(
    client, maastricht, led, user, tmp_path, django_capture_on_commit_callbacks
):
    def make() -> DocumentRequest:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                f"/cycli/{maastricht.pk}/documenten/evaluatie/maken/",
                {"format": "pdf", "year": "2017"},
            )
        return DocumentRequest.objects.order_by("-pk").first()

    public = make()
    assert not public.names
    assert LEADER not in pdf_text(
        client.get(f"/documentverzoeken/{public.pk}/download/").content, tmp_path
    )

    client.force_login(user("woonpunt"))
    named = make()
    assert named.names
    download = f"/documentverzoeken/{named.pk}/download/"
    assert LEADER in pdf_text(client.get(download).content, tmp_path)

    client.logout()
    assert client.get(download).status_code == 404
    assert client.get(f"/documentverzoeken/{named.pk}/").status_code == 404
    assert client.get(f"/api/v1/document-requests/{named.pk}/download").status_code == 404
    # the visitor's own document is still theirs to have
    assert client.get(f"/documentverzoeken/{public.pk}/download/").status_code == 200
