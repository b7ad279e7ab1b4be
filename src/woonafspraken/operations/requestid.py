"""A request id for every request: in the response header, in every log line, on the 500 page.

A reverse proxy may pass its own id in ``X-Request-ID`` (so its access log and ours match);
anything else than a short token is replaced by a fresh one.
"""

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.core.signals import request_finished
from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
CURRENT: ContextVar[str] = ContextVar("request_id", default="-")
_ACCEPTED = re.compile(r"[A-Za-z0-9._-]{8,64}")


def new_id() -> str:
    return uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get(HEADER, "")
        request_id = incoming if _ACCEPTED.fullmatch(incoming) else new_id()
        request.request_id = request_id  # type: ignore[attr-defined]
        # Kept until the response is finished (not reset here), so that Django's own log line
        # for a 4xx, written after the middleware returned, carries the id as well.
        CURRENT.set(request_id)
        response = self.get_response(request)
        response[HEADER] = request_id
        return response


def _forget(**kwargs: object) -> None:
    CURRENT.set("-")


request_finished.connect(_forget, dispatch_uid="woonafspraken.operations.requestid")


class RequestIdFilter(logging.Filter):
    """Gives every log record a ``request_id`` (``-`` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = CURRENT.get()
        return True
