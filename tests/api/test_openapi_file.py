"""The OpenAPI document is generated from the code and committed (docs/openapi.json) so that
API changes are reviewed as changes to that file; this test fails when the two disagree."""

import json
from pathlib import Path

from woonafspraken.api.schema import rendered

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_the_committed_openapi_document_matches_the_code():
    assert COMMITTED.read_text(encoding="utf-8") == rendered(), (
        "docs/openapi.json is out of date: run `make openapi` and commit the result"
    )


def test_the_served_openapi_document_is_the_committed_one(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.oai.openapi+json"
    assert response["API-Version"]
    assert response.json() == json.loads(COMMITTED.read_text(encoding="utf-8"))


def test_the_document_names_a_contact_and_a_versioned_server():
    document = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert set(document["info"]["contact"]) >= {"name", "url", "email"}
    assert document["servers"][0]["url"] == "/api/v1"
