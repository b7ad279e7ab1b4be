"""API v1 endpoints for the Excel monitor, the open-data CSV and the documents.

A large document takes longer to render than a client or proxy waits, so besides the
synchronous ``documents/…`` downloads a client can ask for one (``document-requests``), poll
its status and download it once the task queue has made it (:mod:`.services`).
"""

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from woonafspraken.accounts import access
from woonafspraken.agreements.models import Cycle
from woonafspraken.api.framework import TITLES, Problem, endpoint, json_body, problem, respond

from . import monitor, reports, services
from .models import DocumentRequest

MULTIPART_FIELD = "file"
MAX_REQUEST_SIZE = monitor.MAX_FILE_SIZE + 256 * 1024


def _visible_cycle(request: HttpRequest, pk: int) -> Cycle:
    cycle = get_object_or_404(Cycle.objects.select_related("municipality"), pk=pk)
    if not access.can_view_cycle(request.api_user, cycle):  # type: ignore[attr-defined]
        raise Problem(
            404, TITLES[404], "Deze prestatieafspraken bestaan niet of zijn niet openbaar."
        )
    return cycle


def _rejected(exc: monitor.MonitorRejected, status: int = 400) -> Problem:
    first = exc.errors[0] if exc.errors else None
    detail = (
        f"Er is niets opgeslagen: {exc.total} fout(en) in het bestand. Eerste fout: {first}"
        if first
        else "Er is niets opgeslagen."
    )
    return Problem(
        status,
        TITLES[status],
        detail,
        errors=[e.as_dict() for e in exc.errors],
        errorCount=exc.total,
    )


def _filename(request: HttpRequest) -> str:
    disposition = request.headers.get("Content-Disposition", "")
    match = re.search(r'filename="?([^";]+)"?', disposition)
    return monitor.clean_filename(match.group(1) if match else "api.xlsx")


def _uploaded(request: HttpRequest) -> tuple[bytes, str]:
    too_big = monitor.MonitorRejected(
        [
            monitor.RowError(
                None,
                None,
                None,
                f"Het bestand is groter dan {monitor.MAX_FILE_SIZE // (1024 * 1024)} MB.",
            )
        ]
    )
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REQUEST_SIZE:
        raise _rejected(too_big, 413)
    content_type = request.content_type or ""
    if content_type == "multipart/form-data":
        upload = request.FILES.get(MULTIPART_FIELD)
        if upload is None:
            raise Problem(400, TITLES[400], f"Stuur het bestand in het veld ‘{MULTIPART_FIELD}’.")
        if upload.size and upload.size > monitor.MAX_FILE_SIZE:
            raise _rejected(too_big, 413)
        return upload.read(monitor.MAX_FILE_SIZE + 1), monitor.clean_filename(upload.name)
    if content_type != monitor.XLSX_CONTENT_TYPE:
        raise Problem(
            415 if content_type else 400,
            "Niet-ondersteund mediatype",
            f"Stuur het Excel-bestand als body met Content-Type {monitor.XLSX_CONTENT_TYPE}, "
            f"of als multipart/form-data in het veld ‘{MULTIPART_FIELD}’.",
        )
    # Read the stream ourselves: request.body stops at DATA_UPLOAD_MAX_MEMORY_SIZE (2 MB).
    data = request.read(monitor.MAX_FILE_SIZE + 1)
    if len(data) > monitor.MAX_FILE_SIZE:
        raise _rejected(too_big, 413)
    return data, _filename(request)


@endpoint("GET", "POST")
def cycle_monitor(request: HttpRequest, pk: int) -> Any:
    cycle = _visible_cycle(request, pk)
    if request.method == "GET":
        year = request.GET.get("year")
        organisation = request.GET.get("organisation")
        if not year:
            raise Problem(400, TITLES[400], "De parameter ‘year’ is verplicht.")
        if not organisation:
            raise Problem(
                400,
                TITLES[400],
                "De parameter ‘organisation’ is verplicht: het id van een partij, of ‘joint’ "
                "voor de gezamenlijke normen.",
            )
        scope = monitor.scope_for(cycle, year, organisation)
        response = HttpResponse(
            monitor.export_monitor(scope), content_type=monitor.XLSX_CONTENT_TYPE
        )
        response["Content-Disposition"] = f'attachment; filename="{monitor.filename_for(scope)}"'
        return response
    user = request.api_user  # type: ignore[attr-defined]
    if not user.is_authenticated:
        raise Problem(401, TITLES[401], "Log in met een token (Authorization: Token …).")
    if not monitor.may_upload(user, cycle):
        raise Problem(
            403, TITLES[403], "U mag voor deze prestatieafspraken geen cijfers inleveren."
        )
    data, filename = _uploaded(request)
    try:
        plan = monitor.import_monitor(user, cycle, data, filename)
    except monitor.MonitorRejected as exc:
        raise _rejected(exc) from None
    return plan.summary()


@endpoint("GET")
def cycle_targets_csv(request: HttpRequest, pk: int) -> Any:
    cycle = _visible_cycle(request, pk)
    response = HttpResponse(monitor.targets_csv(cycle), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="targets-cycle-{cycle.pk}.csv"'
    return response


def _document(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    cycle = _visible_cycle(request, pk)
    document = reports.render(
        cycle, kind, year=request.GET.get("year"), fmt=request.GET.get("format", "")
    )
    response = HttpResponse(document.content, content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    return response


@endpoint("GET")
def agreements_document(request: HttpRequest, pk: int) -> Any:
    return _document(request, pk, "agreements")


@endpoint("GET")
def evaluation_document(request: HttpRequest, pk: int) -> Any:
    return _document(request, pk, "evaluation")


@endpoint("GET")
def council_letter_document(request: HttpRequest, pk: int) -> Any:
    return _document(request, pk, "council-letter")


# --- Documents made in the background (see services.request_document) ---------------------

# How long a client waits before asking again when the queue is full.
RETRY_AFTER_SECONDS = 60


def _document_request_json(request: HttpRequest, asked: DocumentRequest) -> Any:
    download = None
    if asked.is_ready:
        download = request.build_absolute_uri(
            reverse("api-document-request-download", args=[asked.pk])
        )
    return {
        "id": asked.pk,
        "cycle": asked.cycle_id,
        "kind": asked.kind,
        "format": asked.fmt,
        "year": asked.year,
        "status": asked.status,
        "requestedAt": asked.requested_at.isoformat(),
        "finishedAt": (asked.finished_at.isoformat() if asked.finished_at else None),
        "error": asked.error if asked.is_failed else None,
        "download": download,
    }


def _invalid(detail: str) -> Problem:
    return Problem(400, TITLES[400], detail)


def _document_input(cycle: Cycle, data: dict[str, Any]) -> tuple[str, str, int | None]:
    """Kind, format and year from the JSON body; a 400 naming the field otherwise.

    The same rules as :func:`reports.check`, with messages that name the JSON field.
    """
    kind = data.get("kind")
    if kind not in reports.KINDS:
        raise _invalid(
            _("‘kind’ is verplicht en moet een van deze zijn: %(kinds)s.")
            % {"kinds": ", ".join(reports.KINDS)}
        )
    formats = reports.FORMATS[kind]
    fmt = data.get("format", formats[0])
    if fmt not in formats:
        raise _invalid(
            _("‘format’ moet voor dit document een van deze zijn: %(formats)s.")
            % {"formats": ", ".join(formats)}
        )
    if kind == "agreements":
        return kind, fmt, None
    year = data.get("year")
    if isinstance(year, bool) or not isinstance(year, int):
        raise _invalid(_("‘year’ is verplicht voor dit document en moet een geheel getal zijn."))
    if not (cycle.start_year <= year <= cycle.end_year):
        raise _invalid(
            _("‘year’ moet een jaar binnen de looptijd %(period)s zijn.")
            % {"period": cycle.period_label}
        )
    return kind, fmt, year


@endpoint("POST")
def create_document_request(request: HttpRequest, pk: int) -> Any:
    cycle = _visible_cycle(request, pk)
    kind, fmt, year = _document_input(cycle, json_body(request))
    try:
        made = services.request_document(
            request.api_user,  # type: ignore[attr-defined]
            cycle,
            kind,
            year=year,
            fmt=fmt,
        )
    except ValidationError as exc:
        # The input was checked above, so the service refuses only a full queue.
        response = problem(
            request, 429, " ".join(exc.messages), title=_("Te veel verzoeken tegelijk")
        )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    # With the immediate backend the document is made by now; report what is stored.
    made = DocumentRequest.objects.defer("content").get(pk=made.pk)
    response = respond(_document_request_json(request, made), status=202)
    response["Location"] = request.build_absolute_uri(
        reverse("api-document-request", args=[made.pk])
    )
    return response


def _visible_document_request(
    request: HttpRequest, request_id: int, queryset: Any
) -> DocumentRequest:
    """The request, if its cycle is one the client may view; 404 like the cycle otherwise."""
    asked = queryset.select_related("cycle__municipality").filter(pk=request_id).first()
    if asked is None or not access.can_view_cycle(
        request.api_user,  # type: ignore[attr-defined]
        asked.cycle,
    ):
        raise Problem(404, TITLES[404], _("Dit documentverzoek bestaat niet of is niet openbaar."))
    return asked


@endpoint("GET")
def document_request_status(request: HttpRequest, request_id: int) -> Any:
    asked = _visible_document_request(request, request_id, DocumentRequest.objects.defer("content"))
    response = respond(_document_request_json(request, asked))
    patch_cache_control(response, no_store=True)
    return response


@endpoint("GET")
def document_request_download(request: HttpRequest, request_id: int) -> Any:
    asked = _visible_document_request(request, request_id, DocumentRequest.objects.all())
    if asked.is_pending:
        raise Problem(
            409,
            TITLES[409],
            _(
                "Het document wordt nog gemaakt. Vraag de status op en download het als die "
                "‘ready’ is."
            ),
        )
    if asked.is_failed:
        raise Problem(
            409,
            TITLES[409],
            _("Het maken van dit document is mislukt; vraag het opnieuw aan. Reden: %(error)s")
            % {"error": asked.error},
        )
    response = HttpResponse(bytes(asked.content), content_type=asked.content_type)
    response["Content-Disposition"] = f'attachment; filename="{asked.filename}"'
    patch_cache_control(response, private=True)
    return response
