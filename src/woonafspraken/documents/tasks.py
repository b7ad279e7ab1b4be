"""The background task that makes a requested document (see :mod:`.services`).

Enqueued by :func:`woonafspraken.documents.services.request_document` once the request has
committed; run inline by the immediate backend, or by ``woonafspraken db_worker`` in production.
"""

from django_tasks import task

from . import services


@task()
def render_document(request_id: int) -> str:
    """Make the document of request ``request_id``; returns its new status ("" if unchanged)."""
    status = services.make_document(request_id)
    return str(status or "")
