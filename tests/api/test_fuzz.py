"""Property-based fuzzing of every operation in the generated document (Schemathesis).

For each identity (anonymous, and a token of each party kind) every operation gets a small,
fixed number of generated requests that fit the schema and of requests that break it:
0 server errors, 0 responses that break the schema (status, content type, headers, body),
and every request that breaks the schema refused with a 4xx. Ids are pointed at the demo's
cycle half of the time, so the happy paths are fuzzed too, not only 404s.
"""

from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from woonafspraken.accounts.services import create_token
from woonafspraken.api.schema import document

pytestmark = pytest.mark.django_db

#: Generated requests per operation and identity: fitting the schema, and breaking it.
EXAMPLES = {GenerationMode.POSITIVE: 3, GenerationMode.NEGATIVE: 2}
#: Operations that render a whole document (seconds each): fuzzed on unknown ids only.
RENDERING = {
    "getAgreementsDocument",
    "getEvaluationDocument",
    "getCouncilLetter",
    "requestDocument",
}
POSITIVE_CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
NEGATIVE_CHECKS = [*POSITIVE_CHECKS, negative_data_rejection]


@pytest.fixture(autouse=True)
def keep_the_test_connection() -> Any:
    """Called straight through WSGI, every request ends with Django closing "old" connections;
    inside the test's transaction that closes PostgreSQL's real connection (the test client
    switches this off for the same reason)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _schema() -> Any:
    schema = schemathesis.openapi.from_dict(document())
    schema.app = get_wsgi_application()
    return schema


def _operations(schema: Any) -> list[Any]:
    return [result.ok() for result in schema.get_all_operations()]


def _fuzz(operation: Any, mode: GenerationMode, headers: dict[str, str], ids: dict[str, int]):
    checks = NEGATIVE_CHECKS if mode == GenerationMode.NEGATIVE else POSITIVE_CHECKS
    operation_id = operation.definition.raw.get("operationId")

    @given(case=operation.as_strategy(generation_mode=mode), known=st.booleans())
    @settings(
        max_examples=EXAMPLES[mode],
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any, known: bool) -> None:
        if known and operation_id not in RENDERING and mode == GenerationMode.POSITIVE:
            if "id" in (case.path_parameters or {}):
                key = "request" if case.path.startswith("/document-requests") else "cycle"
                case.path_parameters["id"] = ids[key]
            if "cycle" in (case.query or {}):
                case.query["cycle"] = ids["cycle"]
        case.call_and_validate(headers=headers, checks=checks)

    try:
        run()
    except Unsatisfiable:
        # Nothing in this operation can break the schema (no parameters, no body).
        assert mode == GenerationMode.NEGATIVE, operation_id


def test_every_operation_survives_fuzzing(maastricht: Any, user: Any) -> None:
    from woonafspraken.documents import services as documents

    asked = documents.request_document(None, maastricht, "agreements", year=None, fmt="docx")
    ids = {"cycle": maastricht.pk, "request": asked.pk}
    schema = _schema()
    documented = {
        operation["operationId"]
        for path in document()["paths"].values()
        for operation in path.values()
    }
    assert {o.definition.raw["operationId"] for o in _operations(schema)} == documented
    # Anonymous, and a token of each party kind: municipality, corporation, tenants.
    for username in (None, "gemeente-maastricht", "woonpunt", "woonbelang"):
        headers = {"Authorization": f"Token {create_token(user(username))}"} if username else {}
        for operation in _operations(schema):
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                _fuzz(operation, mode, headers, ids)
