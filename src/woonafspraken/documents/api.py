"""API v1 endpoints for the Excel monitor, the open-data CSV and the documents.

A large document takes longer to render than a client or proxy waits, so besides the
synchronous ``documents/…`` downloads a client can ask for one (``document-requests``), poll
its status and download it once the task queue has made it (:mod:`.services`).
"""

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from woonafspraken import ratelimit, uploads
from woonafspraken.accounts import access
from woonafspraken.agreements.models import Cycle
from woonafspraken.api.framework import (
    ApiView,
    InputSerializer,
    Problem,
    ProblemSerializer,
    RefSerializer,
    StrictSerializer,
    id_parameter,
    invalid,
    no_query,
    problems,
    read_body,
    read_query,
    year_field,
)
from woonafspraken.api.views import visible_cycle
from woonafspraken.uploadjobs import api as job_api
from woonafspraken.uploadjobs import services as upload_jobs

from . import monitor, reports, services
from .models import DocumentRequest
from .upload_jobs import KIND as MONITOR_JOB

MULTIPART_FIELD = "file"
MAX_REQUEST_SIZE = monitor.MAX_FILE_SIZE + 256 * 1024
MEDIA = {"pdf": reports.PDF_CONTENT_TYPE, "docx": reports.DOCX_CONTENT_TYPE}
CYCLE_ID = id_parameter("id van de cyclus")
REQUEST_ID = id_parameter("id van het documentverzoek")
# How long a client waits before asking again when the queue is full.
RETRY_AFTER_SECONDS = 60

# --- Shapes ----------------------------------------------------------------------------------


class MonitorQuery(StrictSerializer):
    year = year_field(help_text="een jaar binnen de looptijd")
    organisation = serializers.RegexField(
        r"^(joint|[1-9][0-9]{0,18})$",
        help_text="id van een partij, of `joint` voor de gezamenlijke normen",
    )


class ChangeValuesSerializer(serializers.Serializer[Any]):
    value = serializers.CharField(allow_blank=True)
    source = serializers.CharField(allow_blank=True)
    note = serializers.CharField(allow_blank=True)


class MonitorChangeSerializer(serializers.Serializer[Any]):
    row = serializers.IntegerField()
    target = serializers.IntegerField()
    agreement = serializers.CharField(allow_blank=True)
    indicator = serializers.CharField()
    year = serializers.IntegerField()
    old = ChangeValuesSerializer(allow_null=True)
    new = ChangeValuesSerializer()


class MonitorImportSerializer(serializers.Serializer[Any]):
    file = serializers.CharField()
    cycle = serializers.IntegerField()
    year = serializers.IntegerField()
    organisation = RefSerializer(allow_null=True, help_text="null: de gezamenlijke normen")
    applied = serializers.BooleanField()
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    changed = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    changes = MonitorChangeSerializer(many=True)


class RowErrorSerializer(serializers.Serializer[Any]):
    sheet = serializers.CharField(allow_null=True)
    row = serializers.IntegerField(allow_null=True)
    column = serializers.CharField(allow_null=True)
    columnName = serializers.CharField(allow_null=True)
    message = serializers.CharField()


class MonitorProblemSerializer(ProblemSerializer):
    """The file is refused and nothing is stored; ``errors`` names every error."""

    errors = RowErrorSerializer(many=True)
    errorCount = serializers.IntegerField()


class DocumentQuery(StrictSerializer):
    format = serializers.ChoiceField(choices=("pdf", "docx"), required=False)


class YearDocumentQuery(DocumentQuery):
    year = year_field(help_text="een jaar binnen de looptijd")


class LetterQuery(YearDocumentQuery):
    format = serializers.ChoiceField(choices=("docx",), required=False)


class DocumentRequestInputSerializer(InputSerializer):
    kind = serializers.ChoiceField(choices=reports.KINDS)
    format = serializers.ChoiceField(
        choices=tuple(MEDIA),
        required=False,
        help_text="Standaard het eerste mogelijke formaat: "
        + "; ".join(f"{kind}: {', '.join(fmts)}" for kind, fmts in reports.FORMATS.items()),
    )
    year = year_field(
        required=False,
        help_text="Verplicht voor `evaluation` en `council-letter`: een jaar binnen de "
        "looptijd. Bij `agreements` genegeerd.",
    )


class DocumentRequestSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    cycle = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=reports.KINDS)
    format = serializers.ChoiceField(choices=tuple(MEDIA))
    year = serializers.IntegerField(allow_null=True, help_text="null bij `agreements`")
    status = serializers.ChoiceField(choices=DocumentRequest.Status.values)
    requestedAt = serializers.DateTimeField()
    finishedAt = serializers.DateTimeField(allow_null=True)
    error = serializers.CharField(
        allow_null=True, help_text="Waarom het maken is mislukt (alleen bij `failed`)"
    )
    download = serializers.URLField(
        allow_null=True, help_text="Adres van het document (alleen bij `ready`)"
    )


# --- The Excel monitor -----------------------------------------------------------------------


def _rejected(exc: monitor.MonitorRejected, status: int = 400) -> Problem:
    first = exc.errors[0] if exc.errors else None
    detail = (
        _("Er is niets opgeslagen: %(n)s fout(en) in het bestand. Eerste fout: %(first)s")
        % {"n": exc.total, "first": first}
        if first
        else _("Er is niets opgeslagen.")
    )
    return Problem(status, detail, errors=[e.as_dict() for e in exc.errors], errorCount=exc.total)


def _one_error(message: str, status: int = 400) -> Problem:
    return _rejected(monitor.MonitorRejected([monitor.RowError(None, None, None, message)]), status)


def _filename(request: HttpRequest) -> str:
    disposition = request.headers.get("Content-Disposition", "")
    match = re.search(r'filename="?([^";]+)"?', disposition)
    return monitor.clean_filename(match.group(1) if match else "api.xlsx")


def _uploaded(request: HttpRequest) -> tuple[bytes, str]:
    too_big = _("Het bestand is groter dan %(mb)s MB.") % {
        "mb": monitor.MAX_FILE_SIZE // (1024 * 1024)
    }
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REQUEST_SIZE:
        raise _one_error(too_big, 413)
    content_type = request.content_type or ""
    if content_type == "multipart/form-data":
        upload = request.FILES.get(MULTIPART_FIELD)
        if upload is None:
            raise _one_error(
                _("Stuur het bestand in het veld ‘%(field)s’.") % {"field": MULTIPART_FIELD}
            )
        if upload.size and upload.size > monitor.MAX_FILE_SIZE:
            raise _one_error(too_big, 413)
        return upload.read(monitor.MAX_FILE_SIZE + 1), monitor.clean_filename(upload.name)
    if content_type != monitor.XLSX_CONTENT_TYPE:
        raise Problem(
            415,
            _(
                "Stuur het Excel-bestand als body met Content-Type %(type)s, of als "
                "multipart/form-data in het veld ‘%(field)s’."
            )
            % {"type": monitor.XLSX_CONTENT_TYPE, "field": MULTIPART_FIELD},
        )
    # Read the stream ourselves: request.body stops at DATA_UPLOAD_MAX_MEMORY_SIZE (2 MB).
    data = request.read(monitor.MAX_FILE_SIZE + 1)
    if len(data) > monitor.MAX_FILE_SIZE:
        raise _one_error(too_big, 413)
    return data, _filename(request)


def _start_job(request: Request, cycle: Cycle, data: bytes, filename: str) -> Response:
    """``Prefer: respond-async``: the gate, then a job read in the background (as the web)."""
    try:
        checked = uploads.check(data, kind=monitor.UPLOAD_KIND, filename=filename)
    except uploads.UploadRejected as rejected:
        raise _one_error(rejected.message, 413 if rejected.code == "too_large" else 400) from None
    job = upload_jobs.start(
        request.user, MONITOR_JOB, filename=filename, data=checked, params={"cycle": cycle.pk}
    )
    return job_api.accepted(request, job)


class Monitor(ApiView):
    @extend_schema(
        operation_id="downloadMonitor",
        summary="Excel-monitor van een organisatie voor een jaar (xlsx)",
        description="Eén rij per norm met de huidige waarde; alleen de kolommen Waarde, "
        "Bron en Toelichting zijn te bewerken. Lever het ingevulde bestand in met POST.",
        parameters=[CYCLE_ID, MonitorQuery],
        responses={
            (200, monitor.XLSX_CONTENT_TYPE): OpenApiTypes.BINARY,
            **problems(400, 404, 429),
        },
    )
    def get(self, request: Request, id: int) -> Any:
        query = read_query(request, MonitorQuery)
        cycle = visible_cycle(request, id)
        refuse_if_busy(request)
        try:
            scope = monitor.scope_for(cycle, query["year"], query["organisation"])
        except ValidationError as exc:
            in_period = cycle.start_year <= query["year"] <= cycle.end_year
            name = "organisation" if in_period else "year"
            raise invalid([{"name": name, "reason": " ".join(exc.messages)}]) from None
        response = HttpResponse(
            monitor.export_monitor(scope), content_type=monitor.XLSX_CONTENT_TYPE
        )
        response["Content-Disposition"] = f'attachment; filename="{monitor.filename_for(scope)}"'
        return response

    @extend_schema(
        operation_id="uploadMonitor",
        summary="Ingevulde Excel-monitor inleveren (token)",
        description="Eerst wordt het hele bestand gecontroleerd; alleen zonder fouten "
        "worden de gewijzigde rijen in één keer opgeslagen, met de bestandsnaam als bron in "
        f"de historie. Hoogstens {monitor.MAX_FILE_SIZE // (1024 * 1024)} MB en "
        f"{monitor.MAX_ROWS} rijen; geen macro's, geen formules in te bewerken cellen. De "
        'bestandsnaam kan mee in `Content-Disposition: attachment; filename="…"`. Met '
        "`Prefer: respond-async` volgt na de poort 202: het bestand wordt in de achtergrond "
        "gelezen en pas opgeslagen na `POST /upload-jobs/{id}/confirm`.",
        parameters=[CYCLE_ID, job_api.PREFER, *job_api.ACCEPTED_HEADERS],
        request={
            monitor.XLSX_CONTENT_TYPE: OpenApiTypes.BINARY,
            "multipart/form-data": {
                "type": "object",
                "required": [MULTIPART_FIELD],
                "properties": {MULTIPART_FIELD: {"type": "string", "format": "binary"}},
            },
        },
        responses={
            200: OpenApiResponse(
                MonitorImportSerializer, description="Opgeslagen; een overzicht van de wijzigingen"
            ),
            202: OpenApiResponse(
                job_api.UploadJobSerializer,
                description="Met `Prefer: respond-async`: door de poort en aangenomen; het "
                "bestand wordt in de achtergrond gelezen (`Location`)",
            ),
            400: OpenApiResponse(
                MonitorProblemSerializer,
                description="Het bestand is geweigerd; er is niets opgeslagen. `errors` noemt "
                "elke fout met blad, rij en kolom.",
            ),
            413: OpenApiResponse(MonitorProblemSerializer, description="Te groot"),
            **problems(403, 404, 409, 415),
        },
    )
    def post(self, request: Request, id: int) -> Any:
        try:
            no_query(request)
        except Problem as exc:
            raise _one_error(exc.detail) from None
        cycle = visible_cycle(request, id)
        user = request.user
        if not user.is_authenticated:
            raise Problem(401, _("Log in met een token (Authorization: Token …)."))
        if not monitor.may_upload(user, cycle):
            raise Problem(403, _("U mag voor deze prestatieafspraken geen cijfers inleveren."))
        data, filename = _uploaded(request._request)
        if job_api.wants_async(request):
            return _start_job(request, cycle, data, filename)
        try:
            # read in the request, within the time limit the worker has for the web upload
            plan = monitor.import_monitor(
                user, cycle, data, filename, uploads.Watch(upload_jobs.time_limit())
            )
        except monitor.MonitorRejected as exc:
            raise _rejected(exc) from None
        except uploads.TimeUp:
            message = upload_jobs.time_up_message()
            raise _rejected(
                monitor.MonitorRejected([monitor.RowError(None, None, None, message)])
            ) from None
        return Response(MonitorImportSerializer(plan.summary()).data)


class TargetsCsv(ApiView):
    @extend_schema(
        operation_id="downloadTargetsCsv",
        summary="Alle normen en realisaties van een cyclus als CSV (open data)",
        description="UTF-8, komma als scheidingsteken, punt als decimaalteken; één regel "
        "per realisatie (een norm zonder realisatie: één regel met lege realisatie). "
        "Kolommen: " + ", ".join(f"`{c}`" for c in monitor.CSV_COLUMNS) + ".",
        parameters=[CYCLE_ID],
        responses={(200, "text/csv"): str, **problems(404)},
    )
    def get(self, request: Request, id: int) -> Any:
        no_query(request)
        cycle = visible_cycle(request, id)
        response = HttpResponse(monitor.targets_csv(cycle), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="targets-cycle-{cycle.pk}.csv"'
        return response


# --- Documents made in this request ----------------------------------------------------------

SYNC_DESCRIPTION = (
    "Wordt direct gemaakt, in deze aanvraag. Een groot document (veel afspraken, vooral als "
    "PDF) kan langer duren dan een client of proxy wacht; vraag het dan aan met "
    "`POST /cycles/{id}/document-requests` en download het als het klaar is. Zonder token "
    "noemt het document alleen organisaties, geen personen (projectleider, ondertekenaar)."
)


def refuse_if_busy(request: Request) -> None:
    """429 for an anonymous client that asked for too many documents in a short time."""
    wait = ratelimit.refused(request)
    if wait is not None:
        raise Problem(
            429,
            _(
                "U heeft in korte tijd te veel documenten laten maken. Probeer het over "
                "%(seconds)s seconden opnieuw, of log in."
            )
            % {"seconds": wait},
            headers={"Retry-After": str(wait)},
        )


def _document(request: Request, pk: int, kind: str, query_class: Any) -> HttpResponse:
    query = read_query(request, query_class)
    cycle = visible_cycle(request, pk)
    refuse_if_busy(request)
    try:
        document = reports.render(
            cycle,
            kind,
            year=query.get("year"),
            fmt=query.get("format") or "",
            people=request.user.is_authenticated,
        )
    except ValidationError as exc:
        raise invalid([{"name": "year", "reason": " ".join(exc.messages)}]) from None
    response = HttpResponse(document.content, content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    return response


def _document_schema(operation: str, summary: str, formats: tuple[str, ...], query: Any) -> Any:
    return extend_schema(
        operation_id=operation,
        summary=summary,
        description=SYNC_DESCRIPTION,
        parameters=[CYCLE_ID, query],
        responses={
            **{(200, MEDIA[f]): OpenApiTypes.BINARY for f in formats},
            **problems(400, 404, 429),
        },
    )


class AgreementsDocument(ApiView):
    @_document_schema(
        "getAgreementsDocument",
        "De afspraken als document, met ondertekening per partij (PDF of Word)",
        ("pdf", "docx"),
        DocumentQuery,
    )
    def get(self, request: Request, id: int) -> Any:
        return _document(request, id, "agreements", DocumentQuery)


class EvaluationDocument(ApiView):
    @_document_schema(
        "getEvaluationDocument",
        "Evaluatie van een jaar: per thema elke afspraak met status, normen en oordeel",
        ("pdf", "docx"),
        YearDocumentQuery,
    )
    def get(self, request: Request, id: int) -> Any:
        return _document(request, id, "evaluation", YearDocumentQuery)


class CouncilLetterDocument(ApiView):
    @_document_schema(
        "getCouncilLetter",
        "Concept-raadsinformatiebrief over de evaluatie van een jaar (Word)",
        ("docx",),
        LetterQuery,
    )
    def get(self, request: Request, id: int) -> Any:
        return _document(request, id, "council-letter", LetterQuery)


# --- Documents made in the background (see services.request_document) ---------------------


def _document_request_json(request: Request, asked: DocumentRequest) -> Any:
    download = None
    if asked.is_ready:
        download = request.build_absolute_uri(
            reverse("api-document-request-download", args=[asked.pk])
        )
    data = {
        "id": asked.pk,
        "cycle": asked.cycle_id,
        "kind": asked.kind,
        "format": asked.fmt,
        "year": asked.year,
        "status": asked.status,
        "requestedAt": asked.requested_at,
        "finishedAt": asked.finished_at,
        "error": asked.error if asked.is_failed else None,
        "download": download,
    }
    return DocumentRequestSerializer(data).data


def _document_input(cycle: Cycle, data: dict[str, Any]) -> tuple[str, str, int | None]:
    """Kind, format and year from the checked body; a 400 naming the field otherwise."""
    kind = data["kind"]
    formats = reports.FORMATS[kind]
    fmt = data.get("format", formats[0])
    if fmt not in formats:
        raise invalid(
            [
                {
                    "name": "format",
                    "reason": _("Voor dit document een van deze: %(formats)s.")
                    % {"formats": ", ".join(formats)},
                }
            ]
        )
    if kind == "agreements":
        return kind, fmt, None
    year = data.get("year")
    if year is None:
        raise invalid([{"name": "year", "reason": _("Verplicht voor dit document.")}])
    if not (cycle.start_year <= year <= cycle.end_year):
        raise invalid(
            [
                {
                    "name": "year",
                    "reason": _("Een jaar binnen de looptijd %(period)s.")
                    % {"period": cycle.period_label},
                }
            ]
        )
    return kind, fmt, year


class DocumentRequests(ApiView):
    @extend_schema(
        operation_id="requestDocument",
        summary="Een document laten maken in de achtergrond (PDF of Word)",
        description="Voor documenten die te groot zijn om direct te downloaden. Het "
        "antwoord is het documentverzoek; `Location` wijst naar de status. Vraag die op "
        "tot `status` `ready` (download via `download`) of `failed` (reden in `error`) "
        "is. Wie de cyclus mag zien, mag een document laten maken; een gepubliceerde "
        "cyclus ook zonder token. Er wachten hoogstens "
        f"{services.MAX_WAITING_PER_USER} documenten per gebruiker tegelijk, en "
        f"{services.MAX_WAITING_ANONYMOUS} voor alle bezoekers zonder token samen; daarboven "
        "volgt 429. Een document wordt een week bewaard.",
        parameters=[
            CYCLE_ID,
            OpenApiParameter(
                "Location",
                {"type": "string", "format": "uri"},  # type: ignore[arg-type]
                OpenApiParameter.HEADER,
                response=[202],
                description="Adres van het documentverzoek (de status)",
            ),
            OpenApiParameter(
                "Retry-After",
                int,
                OpenApiParameter.HEADER,
                response=[429],
                description="Aantal seconden voordat u het opnieuw kunt proberen",
            ),
        ],
        request=DocumentRequestInputSerializer,
        responses={
            202: OpenApiResponse(
                DocumentRequestSerializer,
                description="Aangenomen; het document wordt gemaakt (of is al klaar)",
            ),
            429: OpenApiResponse(
                ProblemSerializer,
                description="Er wachten al te veel documenten; er is niets opgeslagen. "
                "Probeer het na `Retry-After` seconden opnieuw.",
            ),
            **problems(400, 404, 409, 415),
        },
    )
    def post(self, request: Request, id: int) -> Response:
        no_query(request)
        cycle = visible_cycle(request, id)
        kind, fmt, year = _document_input(cycle, read_body(request, DocumentRequestInputSerializer))
        refuse_if_busy(request)
        try:
            made = services.request_document(request.user, cycle, kind, year=year, fmt=fmt)
        except ValidationError as exc:
            # The input was checked above, so the service refuses only a full queue.
            raise Problem(
                429,
                " ".join(exc.messages),
                title=_("Te veel verzoeken tegelijk"),
                headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
            ) from None
        # With the immediate backend the document is made by now; report what is stored.
        made = DocumentRequest.objects.defer("content").get(pk=made.pk)
        response = Response(_document_request_json(request, made), status=202)
        response["Location"] = request.build_absolute_uri(
            reverse("api-document-request", args=[made.pk])
        )
        return response


def _visible_document_request(request: Request, request_id: int, queryset: Any) -> DocumentRequest:
    """The request, if its cycle is one the client may view; 404 like the cycle otherwise."""
    asked = queryset.select_related("cycle__municipality").filter(pk=request_id).first()
    if asked is None or not access.can_view_cycle(request.user, asked.cycle):
        raise Problem(404, _("Dit documentverzoek bestaat niet of is niet openbaar."))
    return asked  # type: ignore[no-any-return]


class DocumentRequestStatus(ApiView):
    @extend_schema(
        operation_id="getDocumentRequest",
        summary="De status van een documentverzoek",
        description="Voor iedereen die de cyclus van het verzoek mag zien.",
        parameters=[REQUEST_ID],
        responses={200: DocumentRequestSerializer, **problems(404)},
    )
    def get(self, request: Request, id: int) -> Response:
        no_query(request)
        asked = _visible_document_request(request, id, DocumentRequest.objects.defer("content"))
        response = Response(_document_request_json(request, asked))
        patch_cache_control(response, no_store=True)
        return response


class DocumentRequestDownload(ApiView):
    @extend_schema(
        operation_id="downloadRequestedDocument",
        summary="Het gemaakte document downloaden",
        description="Alleen als `status` `ready` is; anders 409 met in `detail` of het "
        "document nog wordt gemaakt of dat het maken is mislukt. Een document dat met een "
        "token is aangevraagd noemt personen en is zonder token niet te downloaden (404).",
        parameters=[
            REQUEST_ID,
            OpenApiParameter(
                "Content-Disposition",
                str,
                OpenApiParameter.HEADER,
                response=[200],
                description="attachment met de bestandsnaam",
            ),
        ],
        responses={
            **{(200, media): OpenApiTypes.BINARY for media in MEDIA.values()},
            **problems(404, 409),
        },
    )
    def get(self, request: Request, id: int) -> Any:
        no_query(request)
        asked = _visible_document_request(request, id, DocumentRequest.objects.all())
        if not services.may_download(request.user, asked):
            # a document with people's names, for a client without a token
            raise Problem(404, _("Dit documentverzoek bestaat niet of is niet openbaar."))
        if asked.is_pending:
            raise Problem(
                409,
                _(
                    "Het document wordt nog gemaakt. Vraag de status op en download het als die "
                    "‘ready’ is."
                ),
            )
        if asked.is_failed:
            raise Problem(
                409,
                _("Het maken van dit document is mislukt; vraag het opnieuw aan. Reden: %(error)s")
                % {"error": asked.error},
            )
        response = HttpResponse(bytes(asked.content), content_type=asked.content_type)
        response["Content-Disposition"] = f'attachment; filename="{asked.filename}"'
        patch_cache_control(response, private=True)
        return response
