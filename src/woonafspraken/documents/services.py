"""Documents made in the background: ask for one, make it, keep it for a week.

A big cycle takes more than a minute to render, longer than a reverse proxy waits, so the
documents page asks for a document (:func:`request_document`) and the task queue makes it
(:func:`make_document`, run by :func:`woonafspraken.documents.tasks.render_document`). With the
immediate backend (development, tests) it is made as soon as the request commits.

Who may ask for a document and download it is who may view the cycle; the views check that.
A document asked for by someone logged in names people (:mod:`.reports`) and is handed only to
people logged in (:func:`may_download`).
"""

import datetime
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from woonafspraken.agreements.models import Cycle
from woonafspraken.background import enqueue_on_commit

from . import reports
from .models import KEEP_FOR, DocumentRequest

logger = logging.getLogger(__name__)

# Documents waiting at the same time, so that nobody fills the queue for everyone else:
# per signed-in user, and for all visitors who are not signed in together.
MAX_WAITING_PER_USER = 3
MAX_WAITING_ANONYMOUS = 10
# Waiting requests older than this no longer count: the worker was down, not the user busy.
WAITING_COUNTS_FOR = datetime.timedelta(hours=1)


def delete_expired(now: Any = None) -> int:
    """Delete document requests older than a week; returns how many were deleted."""
    now = now or timezone.now()
    deleted, _by_model = DocumentRequest.objects.filter(requested_at__lt=now - KEEP_FOR).delete()
    return deleted


def _check_queue(requested_by: Any, now: Any) -> None:
    waiting = DocumentRequest.objects.filter(
        status=DocumentRequest.Status.PENDING,
        requested_at__gte=now - WAITING_COUNTS_FOR,
        requested_by=requested_by,
    ).count()
    limit = MAX_WAITING_PER_USER if requested_by else MAX_WAITING_ANONYMOUS
    if waiting >= limit:
        raise ValidationError(
            _(
                "Er worden al %(n)s documenten gemaakt. Wacht tot die klaar zijn en vraag "
                "dan een nieuw document."
            )
            % {"n": waiting}
        )


def request_document(
    user: Any, cycle: Cycle, kind: str, *, year: Any = None, fmt: str = ""
) -> DocumentRequest:
    """Ask for document ``kind`` of ``cycle``; it is queued once the request is committed.

    Raises a Dutch ValidationError for an unknown document, format or year (nothing is
    stored then). The caller has checked that ``user`` may view ``cycle``.
    """
    fmt, checked_year = reports.check(cycle, kind, year=year, fmt=fmt)
    requested_by = user if getattr(user, "is_authenticated", False) else None
    now = timezone.now()
    with transaction.atomic():
        delete_expired(now)
        _check_queue(requested_by, now)
        document_request = DocumentRequest.objects.create(
            cycle=cycle,
            kind=kind,
            year=checked_year,
            fmt=fmt,
            language=translation.get_language() or settings.LANGUAGE_CODE,
            requested_by=requested_by,
            names=requested_by is not None,
            requested_at=now,
        )
        from .tasks import render_document

        enqueue_on_commit(render_document, document_request.pk)
    return document_request


def may_download(user: Any, document_request: DocumentRequest) -> bool:
    """Whether ``user`` (who may view the cycle) may have the file: one with people's names
    only when logged in."""
    return not document_request.names or bool(getattr(user, "is_authenticated", False))


def _finish(request_id: int, **fields: Any) -> bool:
    """Store the outcome once: only a request that is still waiting changes."""
    return bool(
        DocumentRequest.objects.filter(pk=request_id, status=DocumentRequest.Status.PENDING).update(
            finished_at=timezone.now(), **fields
        )
    )


def make_document(request_id: int) -> DocumentRequest.Status | None:
    """Render the document asked for in request ``request_id`` and store it, or the failure.

    Returns the new status, or ``None`` when there was nothing to do: the request was made
    already, or deleted. Every failure ends as a failed request with a Dutch message.
    """
    document_request = (
        DocumentRequest.objects.defer("content")
        .select_related("cycle")
        .filter(pk=request_id, status=DocumentRequest.Status.PENDING)
        .first()
    )
    if document_request is None:
        return None
    with translation.override(document_request.language):
        try:
            rendered = reports.render(
                document_request.cycle,
                document_request.kind,
                year=document_request.year,
                fmt=document_request.fmt,
                people=document_request.names,
            )
            return _store(request_id, rendered)
        except ValidationError as exc:
            return _fail(request_id, " ".join(exc.messages))
        except Exception:
            logger.exception("Document request %s could not be made", request_id)
            return _fail(
                request_id,
                _(
                    "Het document kon niet worden gemaakt door een fout in de toepassing. "
                    "Probeer het later opnieuw; lukt het dan nog niet, meld het dan aan de "
                    "beheerder."
                ),
            )


def _store(request_id: int, rendered: reports.Rendered) -> DocumentRequest.Status | None:
    ready = DocumentRequest.Status.READY
    stored = _finish(
        request_id,
        status=ready,
        content=rendered.content,
        filename=rendered.filename,
        content_type=rendered.content_type,
        error="",
    )
    return ready if stored else None


def _fail(request_id: int, error: str) -> DocumentRequest.Status | None:
    failed = DocumentRequest.Status.FAILED
    return failed if _finish(request_id, status=failed, error=error) else None
