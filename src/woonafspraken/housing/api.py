"""API v1 for housing data: the analyses of a cycle as JSON, and the import of housing tables.

An analysis answers with the same table, chart points and findings as the page, plus the data
sets it was computed from (source, reference date, fictional). An import takes the same CSV or
Excel file as the page, through the same all-or-nothing service and upload gate: a file with
errors is refused with every row error listed and nothing is written.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from woonafspraken import uploads
from woonafspraken.accounts import access
from woonafspraken.analysis import NAMES
from woonafspraken.api.framework import (
    ApiView,
    InvalidInputProblemSerializer,
    NumberField,
    PageQuery,
    Problem,
    StrictSerializer,
    flag,
    id_parameter,
    no_query,
    number,
    paginate,
    paginated,
    problems,
    read_query,
)
from woonafspraken.api.views import visible_cycle
from woonafspraken.uploadjobs import api as job_api
from woonafspraken.uploadjobs import services as upload_jobs

from . import presentation, selectors, services, tables
from .models import Dataset, Table
from .upload_jobs import KIND as HOUSING_JOB
from .upload_jobs import job_params

CYCLE_ID = id_parameter("id van de cyclus")
FILE_FIELD = "file"
#: The largest request an import reads: the largest file the gate lets through, plus the form.
MAX_REQUEST_SIZE = max(k.max_size for k in services.UPLOAD_KINDS.values()) + 256 * 1024

# --- Shapes ----------------------------------------------------------------------------------


@extend_schema_field(
    {
        "oneOf": [{"type": "number"}, {"type": "string", "maxLength": 300}, {"type": "boolean"}],
        "nullable": True,
    }
)
class CellField(serializers.Field[Any, Any, Any, Any]):
    """A table cell: a number, a text, yes/no, or null for a figure that cannot be computed."""

    def to_representation(self, value: Any) -> Any:
        return value


class AnalysisColumnSerializer(serializers.Serializer[Any]):
    key = serializers.CharField(help_text="vaste Engelse sleutel, bijv. `year`, `demand`")
    unit = serializers.ChoiceField(
        choices=("year", "count", "percent", "euro", "text", "ratio", "flag")
    )
    title = serializers.CharField(help_text="kolomkop in de taal van het antwoord")


class AnalysisTableSerializer(serializers.Serializer[Any]):
    key = serializers.CharField(help_text="welke tabel, bijv. `income-gap`")
    columns = AnalysisColumnSerializer(many=True)
    rows = serializers.ListField(
        child=serializers.ListField(child=CellField()),
        help_text="per rij de cellen in de volgorde van `columns`",
    )


class ChartPointSerializer(serializers.Serializer[Any]):
    x = serializers.CharField(help_text="een jaar of een naam op de horizontale as")
    series = serializers.CharField(help_text="vaste Engelse sleutel van de reeks")
    seriesTitle = serializers.CharField(help_text="naam van de reeks in de taal van het antwoord")
    y = NumberField()


class HousingSourceSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(help_text="id van de gegevensset")
    table = serializers.ChoiceField(choices=Table.values)
    source = serializers.CharField()
    sourceDate = serializers.DateField(help_text="peildatum van de bron")
    fictional = serializers.BooleanField(help_text="verzonnen cijfers (bijv. de demo)")
    rows = serializers.IntegerField(help_text="aantal ingelezen regels")


class PrognosisScenarioSerializer(serializers.Serializer[Any]):
    baseYear = serializers.IntegerField()
    endYear = serializers.IntegerField()
    householdGrowth = NumberField(help_text="groei van het aantal huishoudens, % per jaar")
    incomeShift = NumberField(help_text="verschuiving van de doelgroep, procentpunt per jaar")
    reliance = NumberField(help_text="deel van de doelgroep dat op sociale huur is aangewezen, %")
    newBuildPerYear = serializers.IntegerField()
    salesPerYear = serializers.IntegerField()
    demolitionPerYear = serializers.IntegerField()
    liberalisationPerYear = serializers.IntegerField()


class AnalysisSerializer(serializers.Serializer[Any]):
    name = serializers.ChoiceField(choices=NAMES)
    title = serializers.CharField()
    explanation = serializers.CharField()
    cycle = serializers.IntegerField(help_text="id van de cyclus")
    municipality = serializers.CharField(help_text="CBS-code van de gemeente, bijv. GM0935")
    available = serializers.BooleanField(help_text="false: er is (nog) geen uitkomst")
    missing = serializers.CharField(allow_null=True, help_text="waarom er geen uitkomst is")
    fictional = serializers.BooleanField(help_text="true als een van de bronnen fictief is")
    sources = HousingSourceSerializer(many=True, help_text="de gegevenssets waaruit is gerekend")
    scenario = PrognosisScenarioSerializer(allow_null=True, help_text="alleen bij `prognosis`")
    columns = AnalysisColumnSerializer(many=True)
    rows = serializers.ListField(
        child=serializers.ListField(child=CellField()),
        help_text="per rij de cellen in de volgorde van `columns`",
    )
    tables = AnalysisTableSerializer(many=True, help_text="verdere tabellen")
    chart = serializers.ChoiceField(
        choices=("line", "bar"), allow_null=True, help_text="soort grafiek"
    )
    points = ChartPointSerializer(many=True, help_text="de punten van de grafiek")
    notes = serializers.ListField(child=serializers.CharField(), help_text="bevindingen")


class HousingDatasetSerializer(HousingSourceSerializer):
    note = serializers.CharField(allow_blank=True)


class HousingDatasetsQuery(PageQuery):
    table = serializers.ChoiceField(choices=Table.values, required=False)


class HousingImportFormSerializer(StrictSerializer):
    """The form fields of an import (``multipart/form-data``) besides the file."""

    table = serializers.ChoiceField(choices=Table.values, help_text="welke tabel het bestand is")
    source = serializers.CharField(max_length=300, help_text="bron van de cijfers")
    sourceDate = serializers.DateField(help_text="peildatum van de bron (JJJJ-MM-DD)")
    fictional = flag(required=False, default=False, help_text="verzonnen cijfers")
    replace = flag(
        required=False,
        default=True,
        help_text="vervangt eerdere sets van deze tabel met dezelfde jaren",
    )


class HousingImportSerializer(serializers.Serializer[Any]):
    dataset = HousingDatasetSerializer()
    replaced = serializers.ListField(
        child=serializers.CharField(), help_text="de vervangen eerdere sets"
    )


class HousingRowErrorSerializer(serializers.Serializer[Any]):
    line = serializers.IntegerField(
        allow_null=True, help_text="regelnummer in het bestand (kop = 1); null: het hele bestand"
    )
    column = serializers.CharField(allow_blank=True, help_text="kolomnaam, leeg voor de regel")
    message = serializers.CharField()


class HousingImportProblemSerializer(InvalidInputProblemSerializer):
    """The file is refused and nothing is stored; ``errors`` lists every row error."""

    errors = HousingRowErrorSerializer(many=True, required=False)
    errorCount = serializers.IntegerField(required=False)


# --- Analyses --------------------------------------------------------------------------------


def _cell(value: Any) -> Any:
    return number(value) if isinstance(value, Decimal) else value


def _columns(columns: Any) -> list[dict[str, str]]:
    return [
        {"key": c.key, "unit": c.unit, "title": str(presentation.COLUMNS.get(c.key, c.key))}
        for c in columns
    ]


def _rows(rows: Any) -> list[list[Any]]:
    return [[_cell(v) for v in row] for row in rows]


def source_json(dataset: Dataset) -> dict[str, Any]:
    return {
        "id": dataset.pk,
        "table": dataset.table,
        "source": dataset.source,
        "sourceDate": dataset.source_date,
        "fictional": dataset.fictional,
        "rows": dataset.rows_count,
    }


def _scenario_json(cycle: Any) -> dict[str, Any]:
    s = selectors.scenario_of(cycle)
    return {
        "baseYear": s.base_year,
        "endYear": s.end_year,
        "householdGrowth": s.household_growth,
        "incomeShift": s.income_shift,
        "reliance": s.reliance,
        "newBuildPerYear": s.new_build_per_year,
        "salesPerYear": s.sales_per_year,
        "demolitionPerYear": s.demolition_per_year,
        "liberalisationPerYear": s.liberalisation_per_year,
    }


def analysis_json(cycle: Any, outcome: selectors.Outcome) -> dict[str, Any]:
    result = outcome.result
    return {
        "name": outcome.name,
        "title": str(presentation.TITLES[outcome.name]),
        "explanation": str(presentation.EXPLANATIONS[outcome.name]),
        "cycle": cycle.pk,
        "municipality": cycle.municipality.cbs_code,
        "available": result is not None,
        "missing": outcome.missing or None,
        "fictional": outcome.fictional,
        "sources": [source_json(d) for d in outcome.datasets],
        "scenario": _scenario_json(cycle) if outcome.name == "prognosis" else None,
        "columns": _columns(result.table.columns) if result else [],
        "rows": _rows(result.table.rows) if result else [],
        "tables": [
            {"key": key, "columns": _columns(t.columns), "rows": _rows(t.rows)}
            for key, t in (result.more if result else ())
        ],
        "chart": result.chart if result else None,
        "points": [
            {
                "x": p.x,
                "series": p.series,
                "seriesTitle": str(presentation.SERIES.get(p.series, p.series)),
                "y": p.y,
            }
            for p in (result.points if result else ())
        ],
        "notes": presentation.notes(outcome.name, outcome.detail) if result else [],
    }


class Analysis(ApiView):
    @extend_schema(
        operation_id="getAnalysis",
        summary="Eén analyse van de woongegevens van een cyclus",
        description="Dezelfde tabel, grafiekpunten en bevindingen als op de pagina Analyses, "
        "met de gegevenssets waaruit is gerekend (bron, peildatum, fictief). Zonder gegevens: "
        "`available` is false en `missing` zegt waarom. Namen: "
        + ", ".join(f"`{n}`" for n in NAMES)
        + ".",
        parameters=[
            CYCLE_ID,
            OpenApiParameter(
                "name",
                {"type": "string", "enum": list(NAMES)},  # type: ignore[arg-type]
                OpenApiParameter.PATH,
                description="naam van de analyse",
            ),
        ],
        responses={200: AnalysisSerializer, **problems(400, 404)},
    )
    def get(self, request: Request, id: int, name: str) -> Response:
        no_query(request)
        cycle = visible_cycle(request, id)
        if name not in NAMES:
            raise Problem(
                404,
                _("Deze analyse bestaat niet. Kies uit: %(names)s.") % {"names": ", ".join(NAMES)},
            )
        outcome = selectors.run(cycle, name)
        return Response(AnalysisSerializer(analysis_json(cycle, outcome)).data)


# --- Housing data sets -----------------------------------------------------------------------


def _import_problem(errors: list[dict[str, Any]], status: int = 400) -> Problem:
    return Problem(
        status,
        _("Het bestand is niet ingelezen: %(n)s fout(en); er is niets opgeslagen.")
        % {"n": len(errors)},
        errors=errors,
        errorCount=len(errors),
    )


def _row_errors(errors: list[tables.RowError]) -> list[dict[str, Any]]:
    return [{"line": e.line, "column": e.column, "message": e.text_in(_)} for e in errors]


def _refused(message: str, status: int = 400) -> Problem:
    """The whole file is refused (not one row): one error without a line."""
    return _import_problem([{"line": None, "column": "", "message": message}], status)


def _start_job(request: Request, cycle: Any, upload: Any, data: dict[str, Any]) -> Response:
    """``Prefer: respond-async``: the gate, then a job read in the background (as the web)."""
    try:
        content = services.check_upload(
            request.user,
            cycle.municipality,
            data["table"],
            filename=upload.name or "",
            data=upload,
            source=data["source"],
        )
    except ValidationError as error:
        code = getattr(error, "code", None)
        raise _refused(" ".join(error.messages), 413 if code == "too_large" else 400) from None
    job = upload_jobs.start(
        request.user,
        HOUSING_JOB,
        filename=upload.name or "",
        data=content,
        params=job_params(
            cycle,
            table=data["table"],
            source=data["source"],
            source_date=data["sourceDate"],
            fictional=data["fictional"],
            replace=data["replace"],
        ),
    )
    return job_api.accepted(request, job)


class Datasets(ApiView):
    @extend_schema(
        operation_id="listHousingDatasets",
        summary="Ingelezen woongegevens van de gemeente van een cyclus",
        description="Elke gegevensset met tabel, bron, peildatum en of de cijfers fictief "
        "zijn; de regels zelf niet.",
        parameters=[CYCLE_ID, HousingDatasetsQuery],
        responses={200: paginated(HousingDatasetSerializer), **problems(400, 404)},
    )
    def get(self, request: Request, id: int) -> Response:
        query = read_query(request, HousingDatasetsQuery)
        cycle = visible_cycle(request, id)
        sets = Dataset.objects.filter(municipality=cycle.municipality)
        if query.get("table"):
            sets = sets.filter(table=query["table"])
        sets = sets.order_by("table", "-source_date", "id")
        return paginate(
            request,
            query,
            sets,
            lambda page: (
                HousingDatasetSerializer(
                    [{**source_json(d), "note": d.note} for d in page], many=True
                ).data
            ),
        )

    @extend_schema(
        operation_id="importHousingData",
        summary="Een tabel met woongegevens inlezen (CSV of Excel, token)",
        description="Hetzelfde bestand als op de pagina Woongegevens, volgens het sjabloon van "
        "de tabel (`"
        + "`, `".join(Table.values)
        + "`), als `multipart/form-data`. Alles of niets: eerst wordt elke regel "
        "gecontroleerd; bij een fout wordt niets opgeslagen en noemt `errors` elke fout met "
        "regel en kolom. Het bestand gaat eerst door de uploadpoort (CSV hoogstens "
        f"{uploads.CSV.max_size // uploads.MB} MB, Excel hoogstens "
        f"{uploads.XLSX.max_size // uploads.MB} MB, geen macro's). Met `replace` (standaard) "
        "vervangt de set eerdere sets van dezelfde tabel met dezelfde jaren. Met "
        "`Prefer: respond-async` volgt na de poort 202: het bestand wordt in de achtergrond "
        "gelezen en pas opgeslagen na `POST /upload-jobs/{id}/confirm`.",
        parameters=[CYCLE_ID, job_api.PREFER, *job_api.ACCEPTED_HEADERS],
        request={
            "multipart/form-data": {
                "type": "object",
                "required": [FILE_FIELD, "table", "source", "sourceDate"],
                "properties": {
                    FILE_FIELD: {
                        "type": "string",
                        "format": "binary",
                        "description": "het bestand (.csv of .xlsx)",
                    },
                    "table": {"type": "string", "enum": list(Table.values)},
                    "source": {"type": "string", "minLength": 1, "maxLength": 300},
                    "sourceDate": {"type": "string", "format": "date"},
                    "fictional": {"type": "boolean", "default": False},
                    "replace": {"type": "boolean", "default": True},
                },
            },
        },
        responses={
            201: OpenApiResponse(HousingImportSerializer, description="Ingelezen"),
            202: OpenApiResponse(
                job_api.UploadJobSerializer,
                description="Met `Prefer: respond-async`: door de poort en aangenomen; het "
                "bestand wordt in de achtergrond gelezen (`Location`)",
            ),
            400: OpenApiResponse(
                HousingImportProblemSerializer,
                description="Geweigerd; er is niets opgeslagen. `errors` noemt elke fout.",
            ),
            413: OpenApiResponse(HousingImportProblemSerializer, description="Te groot"),
            **problems(403, 404, 415),
        },
    )
    def post(self, request: Request, id: int) -> Response:
        no_query(request)
        cycle = visible_cycle(request, id)
        if not request.user.is_authenticated:
            raise Problem(401, _("Log in met een token (Authorization: Token …)."))
        if not access.can_manage_housing_data(request.user, cycle.municipality_id):
            raise Problem(403, _("U mag geen woongegevens van deze gemeente inlezen."))
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REQUEST_SIZE:
            raise _refused(
                _("Het bestand is groter dan %(mb)s MB.") % {"mb": MAX_REQUEST_SIZE // uploads.MB},
                413,
            )
        if (request.content_type or "").split(";")[0].strip() != "multipart/form-data":
            raise Problem(
                415,
                _("Stuur het bestand als multipart/form-data in het veld ‘%(field)s’.")
                % {"field": FILE_FIELD},
            )
        # Django's own request reads the form: the API's parsers take JSON only
        django_request = request._request
        fields = {key: django_request.POST.get(key) for key in django_request.POST}
        form = HousingImportFormSerializer(data=fields)
        form.is_valid(raise_exception=True)
        upload = django_request.FILES.get(FILE_FIELD)
        if upload is None:
            raise _refused(_("Stuur het bestand in het veld ‘%(field)s’.") % {"field": FILE_FIELD})
        data = form.validated_data
        if job_api.wants_async(request):
            return _start_job(request, cycle, upload, data)
        try:
            result = services.import_table(
                request.user,
                cycle.municipality,
                data["table"],
                filename=upload.name or "",
                data=upload,
                source=data["source"],
                source_date=data["sourceDate"],
                fictional=data["fictional"],
                replace=data["replace"],
                watch=uploads.Watch(upload_jobs.time_limit()),
            )
        except services.ImportRefused as refused:
            raise _import_problem(_row_errors(refused.errors)) from None
        except uploads.TimeUp:
            raise _refused(upload_jobs.time_up_message()) from None
        except ValidationError as error:
            code = getattr(error, "code", None)
            raise _refused(" ".join(error.messages), 413 if code == "too_large" else 400) from None
        dataset = result.dataset
        body = {
            "dataset": {**source_json(dataset), "note": dataset.note},
            "replaced": result.replaced,
        }
        return Response(HousingImportSerializer(body).data, status=201)
