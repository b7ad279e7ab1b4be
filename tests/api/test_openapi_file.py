"""The OpenAPI document is committed (docs/openapi.json) so that API changes are reviewed as
changes to that file; this test fails when the code and the file disagree."""

import json
from pathlib import Path

from woonafspraken.api.management.commands.openapi import rendered

COMMITTED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_the_committed_openapi_document_matches_the_code():
    assert COMMITTED.read_text(encoding="utf-8") == rendered(), (
        "docs/openapi.json is out of date: run `make openapi` and commit the result"
    )


def test_the_served_openapi_document_is_the_committed_one(client):
    served = client.get("/api/v1/openapi.json").json()
    assert served == json.loads(COMMITTED.read_text(encoding="utf-8"))
