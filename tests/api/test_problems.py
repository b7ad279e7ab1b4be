"""Every error under /api/ is a problem document (NLGov Design Rules; issue 14, point 3).

Checked with DEBUG off (production) and on (``make run``): an unknown path or a non-numeric
id is a 404 problem, never Django's HTML (debug) page; a method the route does not serve is a
405 with ``Allow``; a body that is not JSON is a 415; a server error is a 500 problem, in
Dutch or (``Accept-Language: en``) English.
"""

from typing import Any

import pytest
from django.test import Client
from django.urls import path

from woonafspraken.accounts.services import create_token
from woonafspraken.api.framework import ApiView
from woonafspraken.urls import urlpatterns as site

PROBLEM = "application/problem+json"


class Broken(ApiView):
    def get(self, request: Any) -> Any:
        raise RuntimeError("secret-internal-detail")


urlpatterns = [path("api/v1/broken", Broken.as_view()), *site]

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.api.test_problems")]


@pytest.fixture(params=[False, True], ids=["production", "make-run"])
def debug(request: Any, settings: Any) -> bool:
    settings.DEBUG = request.param
    return bool(request.param)


def _problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == PROBLEM
    assert response["API-Version"]
    body: dict[str, Any] = response.json()
    assert (body["status"], body["type"]) == (status, "about:blank")
    return body


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/bestaat-niet",
        "/api/v1/cycles/abc",
        "/api/v1/cycles/-1",
        "/api/v1/cycles/99999999999999999999",
        "/api/v1/cycles/1/themes/x",
        "/api/v1/agreements/abc",
        "/api/v2/cycles",
        "/api",
        "/api/",
    ],
)
def test_an_unknown_path_or_id_is_a_404_problem(debug: bool, url: str) -> None:
    client = Client(raise_request_exception=False)
    for method in ("get", "post", "patch", "delete"):
        body = _problem(getattr(client, method)(url), 404)
        assert "bestaat niet" in body["detail"]
    english = _problem(client.get(url, HTTP_ACCEPT_LANGUAGE="en"), 404)
    assert "does not exist" in english["detail"]


def test_a_method_the_route_does_not_serve_is_a_405_with_allow(debug: bool) -> None:
    client = Client(raise_request_exception=False)
    for method in ("put", "delete", "options", "trace"):
        response = getattr(client, method)("/api/v1/cycles")
        body = _problem(response, 405)
        assert set(response["Allow"].split(", ")) == {"GET", "HEAD", "POST"}
        assert method.upper() in body["detail"]


def test_a_body_that_is_not_json_is_a_415(debug: bool, maastricht: Any, user: Any) -> None:
    client = Client(HTTP_AUTHORIZATION=f"Token {create_token(user('gemeente-maastricht'))}")
    response = client.post("/api/v1/cycles", data={"title": "x"})  # a form, not JSON
    body = _problem(response, 415)
    assert "JSON" in body["detail"]


def test_a_server_error_is_a_500_problem_without_details(debug: bool) -> None:
    client = Client(raise_request_exception=False)
    body = _problem(client.get("/api/v1/broken"), 500)
    assert "secret" not in body["detail"] and body["requestId"]
    assert "Er ging iets mis" in body["detail"]
    english = _problem(client.get("/api/v1/broken", HTTP_ACCEPT_LANGUAGE="en"), 500)
    assert "Something went wrong" in english["detail"]
