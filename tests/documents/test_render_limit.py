"""Anonymous visitors may have only a few documents made per minute (issue 15, point 10):
making a PDF or Word file costs seconds of server time. Beyond the limit the page says in
Dutch when to try again and the API answers a 429 problem; nothing is rendered then."""

from typing import Any

import pytest

from woonafspraken.documents import reports


@pytest.fixture
def counted(monkeypatch: Any, settings: Any) -> list[str]:
    """Two documents per client per minute; every real rendering is counted."""
    settings.ANONYMOUS_RENDER_LIMIT = (2, 60)
    made: list[str] = []
    real = reports.render

    def render(cycle: Any, kind: str, **kwargs: Any) -> Any:
        made.append(kind)
        return real(cycle, kind, **kwargs)

    monkeypatch.setattr(reports, "render", render)
    return made


def test_a_visitor_gets_a_dutch_page_after_the_limit_and_nothing_is_made(
    client, maastricht, counted
):
    url = f"/cycli/{maastricht.pk}/documenten/evaluatie/?year=2017&format=docx"
    assert [client.get(url).status_code for _ in range(2)] == [200, 200]
    refused = client.get(url)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) >= 1
    page = refused.content.decode()
    assert "Probeer het over" in page and "seconden opnieuw" in page
    assert len(counted) == 2


def test_the_api_answers_a_429_problem_with_retry_after(client, maastricht, counted):
    url = f"/api/v1/cycles/{maastricht.pk}/documents/council-letter?year=2017"
    assert [client.get(url).status_code for _ in range(2)] == [200, 200]
    refused = client.get(url)
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert int(refused["Retry-After"]) >= 1
    assert "te veel documenten" in refused.json()["detail"]
    assert len(counted) == 2


def test_the_limit_is_per_client(client, maastricht, counted):
    url = f"/cycli/{maastricht.pk}/documenten/evaluatie/?year=2017&format=docx"
    for _ in range(2):
        client.get(url, REMOTE_ADDR="192.0.2.1")
    assert client.get(url, REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.get(url, REMOTE_ADDR="192.0.2.2").status_code == 200


def test_the_excel_monitor_and_document_requests_count_too(client, maastricht, settings):
    settings.ANONYMOUS_RENDER_LIMIT = (1, 60)
    monitor = f"/cycli/{maastricht.pk}/monitor/download/?year=2017"
    assert client.get(monitor).status_code in (200, 302)
    assert client.get(monitor).status_code == 429
    api = f"/api/v1/cycles/{maastricht.pk}/document-requests"
    response = client.post(api, {"kind": "agreements"}, content_type="application/json")
    assert response.status_code == 429


def test_people_who_are_logged_in_are_not_limited(client, maastricht, counted, user):
    client.force_login(user("woonpunt"))
    url = f"/cycli/{maastricht.pk}/documenten/evaluatie/?year=2017&format=docx"
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]


def test_behind_the_proxy_each_visitor_has_their_own_limit(client, maastricht, counted):
    url = f"/cycli/{maastricht.pk}/documenten/evaluatie/?year=2017&format=docx"
    via_proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for _ in range(2):
        client.get(url, HTTP_X_FORWARDED_FOR="198.51.100.7", **via_proxy)
    assert client.get(url, HTTP_X_FORWARDED_FOR="198.51.100.7", **via_proxy).status_code == 429
    assert client.get(url, HTTP_X_FORWARDED_FOR="198.51.100.8", **via_proxy).status_code == 200
    # A visitor who writes the header themselves does not escape: the proxy appends the real
    # address, and only that last one counts.
    spoofed = "203.0.113.1, 198.51.100.7"
    assert client.get(url, HTTP_X_FORWARDED_FOR=spoofed, **via_proxy).status_code == 429


def test_the_header_is_ignored_when_not_sent_by_the_proxy(client, maastricht, counted):
    url = f"/cycli/{maastricht.pk}/documenten/evaluatie/?year=2017&format=docx"
    for n in range(2):
        client.get(url, REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    refused = client.get(url, REMOTE_ADDR="192.0.2.9", HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert refused.status_code == 429
