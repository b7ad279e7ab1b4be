"""With the production task backend a requested document waits in the database until the
worker makes it: once, and only after the request has committed."""

from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from woonafspraken.documents import reports, services
from woonafspraken.documents.models import DocumentRequest

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The worker takes its own (exclusive) transactions, so these tests commit for real.
pytestmark = pytest.mark.django_db(transaction=True)


def _work() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


@pytest.fixture
def renders(monkeypatch: Any) -> list[str]:
    """The kinds rendered, in order; the real renderer still runs."""
    seen: list[str] = []
    real = reports.render

    def counting(cycle: Any, kind: str, **kwargs: Any) -> reports.Rendered:
        seen.append(kind)
        return real(cycle, kind, **kwargs)

    monkeypatch.setattr(reports, "render", counting)
    return seen


@override_settings(TASKS=DATABASE_QUEUE)
def test_a_queued_document_waits_for_the_worker_and_is_made_once(
    client: Any, maastricht: Any, user: Any, renders: list[str]
) -> None:
    client.force_login(user("woonpunt"))
    response = client.post(
        f"/cycli/{maastricht.pk}/documenten/evaluatie/maken/", {"format": "pdf", "year": 2017}
    )
    made = DocumentRequest.objects.get()
    assert response["Location"] == f"/documentverzoeken/{made.pk}/"
    assert made.status == "pending" and renders == []
    assert DBTaskResult.objects.count() == 1

    html = client.get(response["Location"]).content.decode()
    assert "Het document wordt gemaakt" in html and 'hx-trigger="every 2s"' in html
    waiting = client.get(f"/documentverzoeken/{made.pk}/download/")
    assert waiting.status_code == 302 and waiting["Location"] == response["Location"]

    _work()
    made.refresh_from_db()
    assert made.status == "ready" and renders == ["evaluation"]
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    html = client.get(response["Location"]).content.decode()
    assert "Het document is klaar" in html and "hx-trigger" not in html
    download = client.get(f"/documentverzoeken/{made.pk}/download/")
    assert download.content.startswith(b"%PDF")

    _work()
    assert renders == ["evaluation"]
    assert services.make_document(made.pk) is None
    assert renders == ["evaluation"]
    finished_at = made.finished_at
    made.refresh_from_db()
    assert made.finished_at == finished_at


@override_settings(TASKS=DATABASE_QUEUE)
def test_a_request_that_rolls_back_queues_nothing(maastricht: Any, user: Any) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        services.request_document(user("woonpunt"), maastricht, "agreements", fmt="docx")
        assert DocumentRequest.objects.exists()
        raise RuntimeError("the page fails after asking for the document")
    assert DocumentRequest.objects.count() == DBTaskResult.objects.count() == 0


@override_settings(TASKS=DATABASE_QUEUE)
def test_a_render_that_fails_in_the_worker_is_marked_failed(
    maastricht: Any, user: Any, monkeypatch: Any
) -> None:
    made = services.request_document(user("woonpunt"), maastricht, "agreements", fmt="pdf")

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise MemoryError("out of memory")

    monkeypatch.setattr(reports, "render", broken)
    _work()
    made.refresh_from_db()
    assert made.status == "failed"
    assert "kon niet worden gemaakt" in made.error
    # the task itself ends normally: the failure is in the request, not lost in the queue
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
