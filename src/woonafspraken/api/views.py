"""API v1: cycles, agreements, targets and measurements (thin views over selectors/services)."""

from collections.abc import Iterable
from typing import Any, get_args

from django.db.models import Q
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from woonafspraken import verdicts
from woonafspraken.accounts import access
from woonafspraken.agreements import evaluation, selectors, services
from woonafspraken.agreements.models import Agreement, Cycle, Indicator, Target

from .framework import (
    MAX_ID,
    ApiView,
    InputSerializer,
    NumberField,
    NumberOrLabelField,
    PageQuery,
    Problem,
    RefSerializer,
    id_parameter,
    ids,
    no_query,
    number,
    paginate,
    paginated,
    problems,
    read_body,
    read_query,
    ref,
    year_field,
)

# --- Shapes ----------------------------------------------------------------------------------


class MunicipalitySerializer(serializers.Serializer[Any]):
    cbsCode = serializers.CharField(help_text="CBS-gemeentecode, bijv. GM0935")
    name = serializers.CharField()


class PeriodSerializer(serializers.Serializer[Any]):
    start = serializers.IntegerField(help_text="eerste jaar")
    end = serializers.IntegerField(help_text="laatste jaar")


class FindingSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    text = serializers.CharField()
    source = serializers.CharField(allow_blank=True)


class ThemeAssignmentSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    year = serializers.IntegerField()
    title = serializers.CharField()
    text = serializers.CharField(
        allow_blank=True, help_text="de opdracht; leeg als die niet bekend is"
    )
    findings = FindingSerializer(many=True)


class ThemeSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    order = serializers.IntegerField()
    leadOrganisation = RefSerializer(allow_null=True)
    projectLeader = serializers.CharField(
        allow_blank=True,
        help_text="de projectleider (een persoon); leeg zonder token: zonder token noemt de "
        "API alleen organisaties",
    )
    assignments = ThemeAssignmentSerializer(
        many=True, help_text="bestuursopdrachten van het thema, met hun conclusies op volgorde"
    )


class PartySerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.CharField()


class CycleSummarySerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    title = serializers.CharField()
    municipality = MunicipalitySerializer()
    period = PeriodSerializer()
    published = serializers.BooleanField()


class CycleSerializer(CycleSummarySerializer):
    parties = PartySerializer(many=True)
    themes = ThemeSerializer(many=True)


class AssessmentSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    status = serializers.ChoiceField(choices=get_args(verdicts.Status))
    explanation = serializers.CharField(allow_blank=True)
    version = serializers.IntegerField()


class AgreementSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    number = serializers.CharField(allow_blank=True)
    title = serializers.CharField()
    text = serializers.CharField(allow_blank=True)
    kind = serializers.ChoiceField(choices=Agreement.Kind.values)
    theme = RefSerializer()
    leadParty = RefSerializer(allow_null=True)
    involvedParties = RefSerializer(many=True)
    assessment = AssessmentSerializer(allow_null=True, help_text="null: nog niet beoordeeld")


class AgreementRefSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    number = serializers.CharField(allow_blank=True)
    title = serializers.CharField()


class IndicatorSerializer(serializers.Serializer[Any]):
    name = serializers.CharField()
    unit = serializers.ChoiceField(choices=Indicator.Unit.values)


class NormSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=get_args(verdicts.Kind))
    value = NumberField(required=False, help_text="bij min, max en exact")
    tolerance = NumberField(required=False, help_text="bij exact")
    low = NumberField(required=False, help_text="bij range")
    high = NumberField(required=False, help_text="bij range")
    label = serializers.CharField(required=False, help_text="bij label_at_least")


class TargetSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    agreement = AgreementRefSerializer()
    theme = RefSerializer()
    indicator = IndicatorSerializer()
    party = RefSerializer(allow_null=True, help_text="null: de partijen gezamenlijk")
    year = serializers.IntegerField(
        allow_null=True, help_text="null: de hele looptijd (zie period)"
    )
    period = PeriodSerializer(allow_null=True, help_text="bij een norm over de looptijd")
    norm = NormSerializer()
    asOf = serializers.IntegerField(help_text="het jaar waarin is beoordeeld")
    realised = NumberOrLabelField(
        allow_null=True, help_text="getal, of energielabel; null: nog geen realisatie"
    )
    verdict = serializers.ChoiceField(choices=get_args(verdicts.VerdictCode))
    margin = NumberField(
        allow_null=True, help_text="realisatie min norm, in de eenheid van de indicator"
    )
    expected = NumberField(allow_null=True)
    version = serializers.IntegerField(help_text="versie van de realisatie in asOf (0: nog geen)")


class MeasurementInputSerializer(InputSerializer):
    target = ids("de norm")
    value = NumberOrLabelField(help_text="getal, of energielabel (A++++ … G)")
    year = year_field(required=False, help_text="verplicht bij een norm over de looptijd")
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    source = serializers.CharField(required=False, allow_blank=True, max_length=500)
    version = serializers.IntegerField(
        required=False,
        default=0,
        min_value=0,
        max_value=1_000_000,
        help_text="de versie die u zag; 0 voor een nieuwe waarde",
    )


class MeasurementSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    target = serializers.IntegerField()
    year = serializers.IntegerField()
    value = NumberOrLabelField(allow_null=True, help_text="getal, of energielabel")
    note = serializers.CharField(allow_blank=True)
    source = serializers.CharField(allow_blank=True)
    version = serializers.IntegerField()
    recordedAt = serializers.DateTimeField()
    verdict = serializers.ChoiceField(choices=get_args(verdicts.VerdictCode))
    margin = NumberField(allow_null=True)


class CyclesQuery(PageQuery):
    pass


class CycleYearQuery(PageQuery):
    cycle = serializers.IntegerField(min_value=1, max_value=MAX_ID, help_text="id van de cyclus")
    year = year_field(required=False, help_text="een jaar binnen de looptijd van de cyclus")


# --- Helpers ---------------------------------------------------------------------------------


def visible_cycle(request: Request, pk: int) -> Cycle:
    """The cycle if the caller may see it; the same 404 when it does not exist or is hidden."""
    cycle = Cycle.objects.select_related("municipality").filter(pk=pk).first()
    if cycle is None or not access.can_view_cycle(request.user, cycle):
        raise Problem(404, _("Deze prestatieafspraken bestaan niet of zijn niet openbaar."))
    return cycle


def _cycle_json(cycle: Cycle) -> dict[str, Any]:
    return {
        "id": cycle.pk,
        "title": cycle.title,
        "municipality": {"cbsCode": cycle.municipality.cbs_code, "name": cycle.municipality.name},
        "period": {"start": cycle.start_year, "end": cycle.end_year},
        "published": cycle.published,
    }


def _agreement_json(a: Agreement) -> dict[str, Any]:
    assessment = a.year_assessments[0] if a.year_assessments else None  # type: ignore[attr-defined]
    return {
        "id": a.pk,
        "number": a.number,
        "title": a.title,
        "text": a.text,
        "kind": a.kind,
        "theme": {"id": a.theme_id, "name": a.theme.name},
        "leadParty": ref(a.lead_party),
        "involvedParties": [ref(p) for p in a.involved_parties.all()],
        "assessment": (
            {
                "year": assessment.year,
                "status": assessment.status,
                "explanation": assessment.explanation,
                "version": assessment.version,
            }
            if assessment
            else None
        ),
    }


def norm_json(t: Target) -> dict[str, Any]:
    if t.kind == "range":
        return {"kind": t.kind, "low": t.low, "high": t.high}
    if t.kind == "label_at_least":
        return {"kind": t.kind, "label": t.label}
    norm: dict[str, Any] = {"kind": t.kind, "value": t.value}
    if t.kind == "exact":
        norm["tolerance"] = t.tolerance
    return norm


def target_json(e: evaluation.Evaluated, c: Cycle) -> dict[str, Any]:
    t = e.target
    realised = e.realised if isinstance(e.realised, str) else number(e.realised)
    return {
        "id": t.pk,
        "agreement": {
            "id": t.agreement.pk,
            "number": t.agreement.number,
            "title": t.agreement.title,
        },
        "theme": ref(t.agreement.theme),
        "indicator": {"name": t.indicator.name, "unit": t.indicator.unit},
        "party": ref(t.party),
        "year": t.year,
        "period": None if t.year else {"start": c.start_year, "end": c.end_year},
        "norm": norm_json(t),
        "asOf": e.year,
        "realised": realised,
        "verdict": e.verdict,
        "margin": e.margin,
        "expected": e.result.expected,
        "version": e.measurement.version if e.measurement else 0,
    }


def _many(serializer: type[serializers.Serializer[Any]], items: Iterable[Any]) -> list[Any]:
    return list(serializer(list(items), many=True).data)


# --- Views -----------------------------------------------------------------------------------


class Cycles(ApiView):
    @extend_schema(
        operation_id="listCycles",
        summary="Prestatieafspraken (cycli) die u mag zien; gepubliceerde voor iedereen",
        parameters=[CyclesQuery],
        responses={200: paginated(CycleSummarySerializer), **problems(400, 404)},
    )
    def get(self, request: Request) -> Response:
        query = read_query(request, CyclesQuery)
        qs = selectors.visible_cycles(request.user).order_by("-start_year", "id")
        return paginate(
            request,
            query,
            qs,
            lambda page: _many(CycleSummarySerializer, (_cycle_json(c) for c in page)),
        )


class CycleDetail(ApiView):
    @extend_schema(
        operation_id="getCycle",
        summary="Eén cyclus met partijen en thema's",
        parameters=[id_parameter("id van de cyclus")],
        responses={200: CycleSerializer, **problems(404)},
    )
    def get(self, request: Request, id: int) -> Response:
        no_query(request)
        cycle = visible_cycle(request, id)
        people = request.user.is_authenticated
        return Response(CycleSerializer(cycle_detail_json(cycle, people=people)).data)


def cycle_detail_json(c: Cycle, *, people: bool = False) -> dict[str, Any]:
    """A cycle with its parties and themes (``getCycle``); the project leaders (people) only
    with ``people``, for a client with a token."""
    data = _cycle_json(c)
    data["parties"] = [
        {"id": p.pk, "name": p.name, "kind": p.kind} for p in c.parties.order_by("name", "id")
    ]
    data["themes"] = [
        {
            "id": t.pk,
            "name": t.name,
            "order": t.order,
            "leadOrganisation": ref(t.lead_organisation),
            "projectLeader": t.project_leader_label if people else "",
            "assignments": [
                {
                    "id": a.pk,
                    "year": a.year,
                    "title": a.title,
                    "text": a.text,
                    "findings": [
                        {"id": f.pk, "text": f.text, "source": f.source} for f in a.findings.all()
                    ],
                }
                for a in t.assignments.all()
            ],
        }
        for t in selectors.themes_with_assignments().filter(cycle=c)
    ]
    return data


class Agreements(ApiView):
    @extend_schema(
        operation_id="listAgreements",
        summary="Afspraken van een cyclus met hun evaluatie in een jaar",
        description="Zonder `year`: de evaluatie in het eerste jaar van de looptijd.",
        parameters=[CycleYearQuery],
        responses={200: paginated(AgreementSerializer), **problems(400, 404)},
    )
    def get(self, request: Request) -> Response:
        query = read_query(request, CycleYearQuery)
        c = visible_cycle(request, query["cycle"])
        year = query.get("year") or c.start_year
        _check_year(c, year)
        qs = (
            selectors.agreements_queryset(year)
            .filter(theme__cycle=c)
            .order_by("theme__order", "order", "id")
        )
        return paginate(
            request,
            query,
            qs,
            lambda page: _many(AgreementSerializer, (_agreement_json(a) for a in page)),
        )


def _check_year(c: Cycle, year: int) -> None:
    if not (c.start_year <= year <= c.end_year):
        raise Problem(
            400,
            _("Het jaar ligt buiten de looptijd %(period)s.") % {"period": c.period_label},
            invalidParams=[{"name": "year", "reason": c.period_label}],
        )


class Targets(ApiView):
    @extend_schema(
        operation_id="listTargets",
        summary="Normen met realisatie, oordeel en marge",
        description="Zonder `year` wordt een jaarnorm in zijn eigen jaar beoordeeld en een "
        "norm over de looptijd aan het eind ervan.",
        parameters=[CycleYearQuery],
        responses={200: paginated(TargetSerializer), **problems(400, 404)},
    )
    def get(self, request: Request) -> Response:
        query = read_query(request, CycleYearQuery)
        c = visible_cycle(request, query["cycle"])
        year = query.get("year")
        if year is not None:
            _check_year(c, year)
        qs = (
            selectors.targets_queryset()
            .select_related("agreement__theme")
            .filter(agreement__theme__cycle=c)
            .order_by("agreement__theme__order", "agreement__order", "order", "id")
        )
        if year is not None:
            qs = qs.filter(Q(year=year) | Q(year__isnull=True))

        def render(page: Iterable[Target]) -> list[Any]:
            targets = list(page)
            # A joint norm is judged on the parties' figures: load the page's agreements' norms.
            siblings: dict[int, list[Target]] = {}
            for t in qs.filter(agreement_id__in={t.agreement_id for t in targets}):
                siblings.setdefault(t.agreement_id, []).append(t)
            evaluated = [
                evaluation.evaluate(t, year or t.year or c.end_year, c, siblings[t.agreement_id])
                for t in targets
            ]
            return _many(TargetSerializer, (target_json(e, c) for e in evaluated))

        return paginate(request, query, qs, render)


class Measurements(ApiView):
    @extend_schema(
        operation_id="recordMeasurement",
        summary="Realisatie vastleggen of corrigeren (token)",
        description="201 voor een nieuwe realisatie, 200 voor een correctie. Geef de `version` "
        "die u zag: is de waarde intussen gewijzigd, dan volgt 409 met de huidige waarde.",
        request=MeasurementInputSerializer,
        responses={
            201: MeasurementSerializer,
            200: MeasurementSerializer,
            **problems(400, 403, 404, 409, 415),
        },
    )
    def post(self, request: Request) -> Response:
        no_query(request)
        user = request.user
        if not user.is_authenticated:
            raise Problem(401, _("Log in met een token (Authorization: Token …)."))
        data = read_body(request, MeasurementInputSerializer)
        target = (
            Target.objects.filter(pk=data["target"])
            .select_related("agreement__theme__cycle")
            .first()
        )
        if target is None or not access.can_view_cycle(user, target.agreement.theme.cycle):
            raise Problem(404, _("Norm %(id)s bestaat niet.") % {"id": data["target"]})
        m = services.record_measurement(
            user,
            target,
            value=data["value"],
            year=data.get("year"),
            note=data.get("note", ""),
            source=data.get("source", ""),
            expected_version=data["version"],
            channel="api",
        )
        c = target.agreement.theme.cycle
        fresh = selectors.targets_queryset().select_related("agreement__theme").get(pk=target.pk)
        e = evaluation.evaluate(fresh, m.year, c)
        body = {
            "id": m.pk,
            "target": target.pk,
            "year": m.year,
            "value": m.label or number(m.value),
            "note": m.note,
            "source": m.source,
            "version": m.version,
            "recordedAt": m.recorded_at,
            "verdict": e.verdict,
            "margin": e.margin,
        }
        return Response(MeasurementSerializer(body).data, status=201 if m.version == 1 else 200)
