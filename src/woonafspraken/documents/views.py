"""Pages for the Excel monitor: download, and upload through the upload gate.

An accepted file becomes an upload job (:mod:`woonafspraken.uploadjobs`): the worker reads it,
its page shows the changes, and they are saved when the uploader confirms them there.

Also the documents page: a document is asked for with a POST and made by the task queue
(:mod:`.services`); its request page shows the status until it can be downloaded.
"""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.functions import Length
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from woonafspraken import ratelimit, uploads
from woonafspraken.accounts import access
from woonafspraken.agreements import selectors
from woonafspraken.agreements.models import Cycle
from woonafspraken.forms import error_list
from woonafspraken.uploadjobs import services as upload_jobs

from . import forms, monitor, reports, services
from .models import DocumentRequest
from .upload_jobs import KIND as MONITOR_JOB

UPLOAD_FIELD = "file"
# Multipart framing around the file may add a little; the file itself is checked exactly.
MAX_REQUEST_SIZE = monitor.MAX_FILE_SIZE + 256 * 1024


def _cycle(request: HttpRequest, pk: int) -> Cycle:
    cycle = get_object_or_404(Cycle.objects.select_related("municipality"), pk=pk)
    _check_view(request, cycle)
    return cycle


def _check_view(request: HttpRequest, cycle: Cycle) -> None:
    if not access.can_view_cycle(request.user, cycle):
        if not request.user.is_authenticated:
            raise Http404
        raise PermissionDenied(_("U heeft geen toegang tot deze prestatieafspraken."))


def _choices(request: HttpRequest, cycle: Cycle) -> list[dict[str, Any]]:
    mine = {o.pk for o in access.organisations_entering_for(request.user, cycle)}
    choices = [
        {"key": str(p.pk), "name": p.name, "mine": p.pk in mine}
        for p in cycle.parties.order_by("name")
    ]
    choices.insert(
        0,
        {
            "key": monitor.JOINT,
            "name": _("De partijen gezamenlijk"),
            "mine": access.is_coordinator(request.user, cycle),
        },
    )
    return choices


def _page(
    request: HttpRequest,
    cycle: Cycle,
    *,
    errors: list[monitor.RowError] | None = None,
    total: int = 0,
    status: int = 200,
    year: int | None = None,
) -> HttpResponse:
    year = year or selectors.default_year(cycle, request.GET.get("year"))
    choices = _choices(request, cycle)
    chosen = request.GET.get("organisation") or next(
        (c["key"] for c in choices if c["mine"] and c["key"] != monitor.JOINT),
        next((c["key"] for c in choices if c["mine"]), choices[0]["key"]),
    )
    context = {
        "cycle": cycle,
        "year": year,
        "choices": choices,
        "chosen": chosen,
        "errors": errors or [],
        "error_total": total,
        "max_mb": monitor.MAX_FILE_SIZE // (1024 * 1024),
    }
    return render(request, "documents/monitor.html", context, status=status)


@require_GET
def monitor_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _cycle(request, pk))


@require_GET
def monitor_download(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk)
    if busy := ratelimit.too_busy(request):
        return busy
    try:
        scope = monitor.scope_for(cycle, request.GET.get("year"), request.GET.get("organisation"))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(reverse("documents:monitor", args=[cycle.pk]))
    response = HttpResponse(monitor.export_monitor(scope), content_type=monitor.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{monitor.filename_for(scope)}"'
    return response


@require_GET
def targets_csv(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk)
    response = HttpResponse(monitor.targets_csv(cycle), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="normen-cyclus-{cycle.pk}.csv"'
    return response


def _rejected(
    request: HttpRequest, cycle: Cycle, exc: monitor.MonitorRejected, year: int | None = None
) -> HttpResponse:
    messages.error(request, _("Er is niets opgeslagen. Verbeter de fouten en lever opnieuw in."))
    return _page(request, cycle, errors=exc.errors, total=exc.total, status=400, year=year)


def _file_error(message: str) -> monitor.MonitorRejected:
    return monitor.MonitorRejected([monitor.RowError(None, None, None, message)])


@login_required
@require_POST
def monitor_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """The upload gate, then a job that reads the file in the background (its page follows)."""
    cycle = _cycle(request, pk)
    if not monitor.may_upload(request.user, cycle):
        raise PermissionDenied(_("U mag voor deze prestatieafspraken geen cijfers inleveren."))
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REQUEST_SIZE:
        return _rejected(
            request,
            cycle,
            _file_error(
                _("Het bestand is groter dan %(mb)s MB.")
                % {"mb": monitor.MAX_FILE_SIZE // (1024 * 1024)}
            ),
        )
    form = forms.MonitorUploadForm(request.POST, cycle=cycle)
    if not form.is_valid():
        messages.error(request, " ".join(error_list(form)))
        return _page(request, cycle, status=400)
    year = form.cleaned_data["year"]
    upload = request.FILES.get(UPLOAD_FIELD)
    if upload is None:
        messages.error(request, _("Kies een Excel-bestand om in te leveren."))
        return _page(request, cycle, status=400, year=year)
    try:
        data = uploads.check(upload, kind=monitor.UPLOAD_KIND)
    except uploads.UploadRejected as rejected:
        return _rejected(request, cycle, _file_error(rejected.message), year)
    job = upload_jobs.start(
        request.user,
        MONITOR_JOB,
        filename=monitor.clean_filename(upload.name),
        data=data,
        params={"cycle": cycle.pk, "year": str(year or "")},
    )
    return redirect("uploadjobs:job", job.pk)


DOCUMENT_SLUGS = {
    "afspraken": "agreements",
    "evaluatie": "evaluation",
    "raadsinformatiebrief": "council-letter",
}


@require_GET
def documents_page(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk)
    year = selectors.default_year(cycle, request.GET.get("year"))
    recent: Any = []
    if request.user.is_authenticated:
        recent = DocumentRequest.objects.defer("content").filter(
            cycle=cycle, requested_by=request.user
        )[:RECENT_REQUESTS]
    return render(
        request, "documents/documents.html", {"cycle": cycle, "year": year, "recent": recent}
    )


@require_GET
def document_download(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    cycle = _cycle(request, pk)
    kind = DOCUMENT_SLUGS.get(slug)
    if kind is None:
        raise Http404
    if busy := ratelimit.too_busy(request):
        return busy
    try:
        document = reports.render(
            cycle,
            kind,
            year=request.GET.get("year"),
            fmt=request.GET.get("format", ""),
            people=request.user.is_authenticated,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(reverse("documents:documents", args=[cycle.pk]))
    response = HttpResponse(document.content, content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    return response


# --- Documents made in the background (see services.request_document) ---------------------

RECENT_REQUESTS = 5
# A waiting document that takes longer than this gets a word of explanation.
SLOW_AFTER = datetime.timedelta(minutes=10)


@require_POST
def document_request_create(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    cycle = _cycle(request, pk)
    if busy := ratelimit.too_busy(request):
        return busy
    kind = DOCUMENT_SLUGS.get(slug, "")
    form = forms.DocumentRequestForm(request.POST, cycle=cycle, kind=kind)
    valid = form.is_valid()
    year = form.cleaned_data.get("year")
    # A refusal says every problem at once on the documents page (of the year asked for).
    back = reverse("documents:documents", args=[cycle.pk]) + (f"?year={year}" if year else "")
    if not valid:
        messages.error(request, " ".join(error_list(form)))
        return redirect(back)
    try:
        document_request = services.request_document(
            request.user, cycle, kind, year=year, fmt=form.cleaned_data["format"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    return redirect(reverse("documents:request", args=[document_request.pk]))


def _document_request(request: HttpRequest, request_id: int, queryset: Any) -> DocumentRequest:
    """The request, if its cycle is one the user may view (404 or 403 like the cycle)."""
    document_request = get_object_or_404(
        queryset.select_related("cycle__municipality"), pk=request_id
    )
    _check_view(request, document_request.cycle)
    if not services.may_download(request.user, document_request):
        raise Http404  # a document with people's names, for someone not logged in
    return document_request


@require_GET
def document_request_page(request: HttpRequest, request_id: int) -> HttpResponse:
    document_request = _document_request(
        request,
        request_id,
        DocumentRequest.objects.defer("content").annotate(size=Length("content")),
    )
    context = {
        "document_request": document_request,
        "cycle": document_request.cycle,
        "slow": document_request.is_pending
        and timezone.now() - document_request.requested_at > SLOW_AFTER,
    }
    # htmx polls the status fragment while the document is being made.
    template = (
        "documents/_request_status.html"
        if request.headers.get("HX-Request")
        else "documents/request.html"
    )
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    patch_cache_control(response, no_store=True)
    return response


@require_GET
def document_request_download(request: HttpRequest, request_id: int) -> HttpResponse:
    document_request = _document_request(request, request_id, DocumentRequest.objects.all())
    if not document_request.is_ready:
        return redirect(reverse("documents:request", args=[document_request.pk]))
    response = HttpResponse(
        bytes(document_request.content), content_type=document_request.content_type
    )
    response["Content-Disposition"] = f'attachment; filename="{document_request.filename}"'
    patch_cache_control(response, private=True)
    return response
