"""API v1 for upload jobs: an import asked for with ``Prefer: respond-async`` (RFC 7240).

The import endpoints run their gate (permission, size, type) and start a job through
:mod:`.services`, as the web does; they answer 202 with ``Location`` pointing here. A client
polls the job until it is read, then confirms it; only the uploader sees the job (404 for
anybody else, so its file name and errors stay the uploader's business).
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from woonafspraken.api.framework import (
    ApiView,
    Problem,
    ProblemSerializer,
    camel,
    id_parameter,
    no_query,
    problems,
    require_token,
)

from . import services
from .models import UploadJob
from .registry import Rejected, handler_for

RESPOND_ASYNC = "respond-async"
JOB_ID = id_parameter("id van het ingelezen bestand")

#: The request header of an import that asks for a job instead of an answer in the request.
PREFER = OpenApiParameter(
    "Prefer",
    str,
    OpenApiParameter.HEADER,
    description="`respond-async` (RFC 7240): het bestand wordt na de controle aan de poort in "
    "de achtergrond gelezen; het antwoord is dan 202 met `Location` naar het ingelezen "
    "bestand (`/upload-jobs/{id}`). Zonder deze voorkeur wordt het bestand meteen gelezen.",
)
#: The response headers of a 202 from an import.
ACCEPTED_HEADERS = [
    OpenApiParameter(
        "Location",
        {"type": "string", "format": "uri"},  # type: ignore[arg-type]
        OpenApiParameter.HEADER,
        response=[202],
        description="Adres van het ingelezen bestand (de status)",
    ),
    OpenApiParameter(
        "Preference-Applied",
        str,
        OpenApiParameter.HEADER,
        response=[202],
        description="`respond-async`",
    ),
]

# --- Shapes ----------------------------------------------------------------------------------


class UploadJobErrorSerializer(serializers.Serializer[Any]):
    sheet = serializers.CharField(allow_null=True, help_text="werkblad, null bij CSV")
    row = serializers.IntegerField(allow_null=True, help_text="rij; null: het hele bestand")
    column = serializers.CharField(allow_null=True)
    columnName = serializers.CharField(allow_null=True)
    message = serializers.CharField()


class UploadJobLinksSerializer(serializers.Serializer[Any]):
    self = serializers.URLField()
    confirm = serializers.URLField(
        allow_null=True, help_text="Alleen als `status` `ready` is en er iets op te slaan is"
    )


class UploadJobSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=("housing", "monitor", "bid"))
    filename = serializers.CharField()
    status = serializers.ChoiceField(
        choices=UploadJob.Status.values,
        help_text="`queued` wacht, `reading` wordt gelezen, `ready` is gelezen en wacht op "
        "bevestiging, `failed` is geweigerd (zie `errors`), `applied` is opgeslagen",
    )
    statusLabel = serializers.CharField(help_text="de status in de taal van het antwoord")
    progress = serializers.IntegerField(min_value=0, max_value=100, help_text="in procenten")
    canConfirm = serializers.BooleanField()
    preview = serializers.DictField(
        help_text="Wat opslaan zou schrijven (bij `ready` en `applied`). Woongegevens: "
        "`table`, `rows`, `years`, `replaces`, `headers`, `sample`; monitor: `year`, "
        "`organisation`, `created`, `changed`, `unchanged`, `changes`."
    )
    errors = UploadJobErrorSerializer(
        many=True, help_text="Elke fout (bij `failed`), in de taal waarin het bestand is gelezen"
    )
    errorCount = serializers.IntegerField(help_text="alle fouten, ook die niet in `errors` staan")
    language = serializers.CharField(help_text="de taal waarin het bestand is gelezen")
    createdAt = serializers.DateTimeField()
    finishedAt = serializers.DateTimeField(allow_null=True)
    appliedAt = serializers.DateTimeField(allow_null=True)
    links = UploadJobLinksSerializer()


class UploadJobAppliedSerializer(UploadJobSerializer):
    message = serializers.CharField(help_text="wat er is opgeslagen, in de taal van het antwoord")


class UploadJobProblemSerializer(ProblemSerializer):
    errors = UploadJobErrorSerializer(many=True, required=False)
    errorCount = serializers.IntegerField(required=False)


# --- Helpers for the import endpoints --------------------------------------------------------


def wants_async(request: Request) -> bool:
    """Whether a ``Prefer`` header asks for ``respond-async`` (other preferences are ignored)."""
    for header in request.headers.get("Prefer", "").split(","):
        token = header.split(";")[0].split("=")[0].strip().lower()
        if token == RESPOND_ASYNC:
            return True
    return False


def _camel(data: Any) -> Any:
    if isinstance(data, dict):
        return {camel(str(k)): _camel(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_camel(v) for v in data]
    return data


def _errors(job: UploadJob) -> list[dict[str, Any]]:
    return [
        {
            "sheet": e.get("sheet"),
            "row": e.get("row"),
            "column": e.get("column"),
            "columnName": e.get("column_name"),
            "message": e.get("message") or "",
        }
        for e in job.errors
    ]


def job_json(request: Request, job: UploadJob) -> dict[str, Any]:
    can_confirm = job.status == UploadJob.Status.READY and handler_for(job.kind).can_apply(job)
    confirm = reverse("api-upload-job-confirm", args=[job.pk])
    return {
        "id": job.pk,
        "kind": job.kind,
        "filename": job.filename,
        "status": job.status,
        "statusLabel": str(job.get_status_display()),
        "progress": job.progress,
        "canConfirm": can_confirm,
        "preview": _camel(job.preview) if job.status != UploadJob.Status.FAILED else {},
        "errors": _errors(job),
        "errorCount": job.error_total,
        "language": job.language,
        "createdAt": job.created_at,
        "finishedAt": job.finished_at,
        "appliedAt": job.applied_at,
        "links": {
            "self": request.build_absolute_uri(reverse("api-upload-job", args=[job.pk])),
            "confirm": request.build_absolute_uri(confirm) if can_confirm else None,
        },
    }


def accepted(request: Request, job: UploadJob) -> Response:
    """202 for a started job: where to follow it, and what is known of it by now."""
    # With the immediate backend the file is read by now; report what is stored.
    job = UploadJob.objects.defer("content", "staged").get(pk=job.pk)
    response = Response(UploadJobSerializer(job_json(request, job)).data, status=202)
    response["Location"] = request.build_absolute_uri(reverse("api-upload-job", args=[job.pk]))
    response["Preference-Applied"] = RESPOND_ASYNC
    return response


def _job(request: Request, pk: int) -> UploadJob:
    user = require_token(request)
    job = services.job_for(user, pk)
    if job is None:
        raise Problem(404, _("Dit ingelezen bestand bestaat niet of is niet van u."))
    return services.expire_if_stuck(job)


# --- Views -----------------------------------------------------------------------------------


class UploadJobStatus(ApiView):
    @extend_schema(
        operation_id="getUploadJob",
        summary="De status van een ingelezen bestand (token)",
        description="Na een import met `Prefer: respond-async`. Vraag de status op tot die "
        "`ready` (bevestig dan met `links.confirm`), `failed` (zie `errors`) of `applied` is. "
        "Alleen wie het bestand inleverde ziet het; voor ieder ander 404.",
        parameters=[JOB_ID],
        responses={200: UploadJobSerializer, **problems(404)},
    )
    def get(self, request: Request, id: int) -> Response:
        no_query(request)
        job = _job(request, id)
        response = Response(UploadJobSerializer(job_json(request, job)).data)
        patch_cache_control(response, no_store=True)
        return response


class UploadJobConfirm(ApiView):
    @extend_schema(
        operation_id="confirmUploadJob",
        summary="Een gelezen bestand opslaan (token)",
        description="Schrijft wat `preview` toont, alles of niets, met de historie, net als "
        "Opslaan op de pagina; het recht wordt opnieuw gecontroleerd. Alleen bij `status` "
        "`ready` met iets op te slaan; anders 409. Zijn de gegevens intussen zo veranderd "
        "dat het niet meer kan, dan volgt ook 409 met de fouten in `errors` en wordt er "
        "niets opgeslagen.",
        parameters=[JOB_ID],
        request=None,
        responses={
            200: OpenApiResponse(
                UploadJobAppliedSerializer, description="Opgeslagen; `message` zegt wat"
            ),
            409: OpenApiResponse(
                UploadJobProblemSerializer,
                description="Niet (meer) op te slaan; er is niets opgeslagen",
            ),
            **problems(403, 404),
        },
    )
    def post(self, request: Request, id: int) -> Response:
        no_query(request)
        job = _job(request, id)
        try:
            message = services.confirm(request.user, job)
        except ValidationError as exc:
            raise Problem(409, " ".join(exc.messages)) from None
        except Rejected:
            job.refresh_from_db()
            raise Problem(
                409,
                _("Het bestand kan niet meer worden opgeslagen; er is niets opgeslagen."),
                errors=_errors(job),
                errorCount=job.error_total,
            ) from None
        job.refresh_from_db()
        body = {**job_json(request, job), "message": message}
        return Response(UploadJobAppliedSerializer(body).data)
