"""API v1 endpoints for the Excel monitor and the open-data CSV."""

import re
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from woonafspraken.accounts import access
from woonafspraken.agreements.models import Cycle
from woonafspraken.api.framework import TITLES, Problem, endpoint

from . import monitor, reports

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
