"""API v1 for the process: milestones (the planning), approvals, phases, the calendar feed
and the dispute points. Writes go through :mod:`.services` (access checked, audited, atomic)."""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from woonafspraken import versions
from woonafspraken.accounts import access
from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Cycle
from woonafspraken.api.framework import (
    ApiView,
    InputSerializer,
    Problem,
    RefSerializer,
    id_parameter,
    ids,
    no_query,
    problems,
    read_body,
    ref,
    require_token,
    service_errors,
    year_field,
)
from woonafspraken.api.views import visible_cycle

from . import services, views, workflow
from .models import Approval, DisputePoint, Milestone, PhaseChange

CYCLE_ID = id_parameter("id van de cyclus")


class MilestoneSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Milestone.Kind.values)
    title = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField(allow_null=True)
    legal = serializers.BooleanField(help_text="een wettelijke termijn")
    editable = serializers.BooleanField()
    basis = serializers.CharField(allow_blank=True, help_text="grondslag")


class MilestonesSerializer(serializers.Serializer[Any]):
    results = MilestoneSerializer(many=True)


class ApprovalSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    organisation = RefSerializer()
    decisionBody = serializers.ChoiceField(choices=Approval.DecisionBody.values)
    signatory = serializers.CharField(
        allow_null=True, help_text="naam van wie tekende; leeg zonder token (privacy)"
    )
    decidedOn = serializers.DateField()
    amendment = serializers.IntegerField(allow_null=True, help_text="id van de wijziging")


class ApprovalsSerializer(serializers.Serializer[Any]):
    phase = serializers.ChoiceField(choices=Cycle.Phase.values)
    results = ApprovalSerializer(many=True)
    missing = RefSerializer(many=True, help_text="partijen die nog moeten goedkeuren")


class ApprovalInputSerializer(InputSerializer):
    organisation = ids("de partij")
    decisionBody = serializers.ChoiceField(choices=Approval.DecisionBody.values)
    decidedOn = serializers.DateField(help_text="datum van het besluit (jjjj-mm-dd)")


def milestone_json(m: Milestone) -> dict[str, Any]:
    return {
        "id": m.pk,
        "kind": m.kind,
        "title": m.title,
        "start": m.starts_on,
        "end": m.ends_on,
        "legal": m.legal,
        "editable": m.editable,
        "basis": m.basis,
    }


def approval_json(a: Approval, public: bool = False) -> dict[str, Any]:
    """``public``: a visitor without an account sees the organisation, not the person."""
    return {
        "id": a.pk,
        "organisation": ref(a.organisation),
        "decisionBody": a.decision_body,
        "signatory": None if public else a.signatory.get_full_name() or a.signatory.username,
        "decidedOn": a.decided_on,
        "amendment": a.amendment_id,
    }


@contextmanager
def process_errors(names: Mapping[str, str] | None = None) -> Iterator[None]:
    """Around a process service: its refusals as :func:`service_errors` gives them (400 with
    ``invalidParams``), and what the state of the data does not allow as a 409: a date the law
    fixes, a point already resolved, a phase that does not allow it."""
    try:
        with service_errors(names):
            try:
                yield
            except ValidationError as exc:
                if getattr(exc, "code", None) == services.FIXED_BY_LAW:
                    raise Problem(409, " ".join(exc.messages)) from None
                raise
    except services.ProcessConflict as exc:
        raise Problem(409, exc.message) from None


def _milestones(cycle: Cycle) -> Response:
    results = [milestone_json(m) for m in cycle.milestones.order_by("starts_on", "id")]
    return Response(MilestonesSerializer({"results": results}).data)


#: The service's field names in the API's spelling.
MILESTONE_NAMES = {"starts_on": "start", "ends_on": "end"}


class MilestoneInputSerializer(InputSerializer):
    kind = serializers.ChoiceField(
        choices=[k.value for k in services.PRACTICE_KINDS],
        help_text="een mijlpaal van de eigen planning; de wettelijke termijnen komen uit "
        "planLegalMilestones",
    )
    title = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text="leeg: de soort"
    )
    start = serializers.DateField(help_text="jjjj-mm-dd")
    end = serializers.DateField(
        required=False, allow_null=True, help_text="tot en met (jjjj-mm-dd); leeg: één dag"
    )


class MilestoneChangeSerializer(InputSerializer):
    title = serializers.CharField(max_length=200, required=False)
    start = serializers.DateField(required=False, help_text="jjjj-mm-dd")
    end = serializers.DateField(
        required=False, allow_null=True, help_text="tot en met (jjjj-mm-dd); null: geen einddatum"
    )


class LegalMilestonesInputSerializer(InputSerializer):
    year = year_field(
        help_text="het jaar waarin de afspraken worden gemaakt (het bod komt vóór 1 juli); "
        "van vijf jaar vóór het begin van de looptijd tot en met het laatste jaar"
    )


class Milestones(ApiView):
    @extend_schema(
        operation_id="listMilestones",
        summary="Mijlpalen van een cyclus (wettelijke en praktijkdata)",
        parameters=[CYCLE_ID],
        responses={200: MilestonesSerializer, **problems(404)},
    )
    def get(self, request: Request, id: int) -> Response:
        no_query(request)
        return _milestones(visible_cycle(request, id))

    @extend_schema(
        operation_id="createMilestone",
        summary="Een mijlpaal aan de planning toevoegen (coördinator van de gemeente)",
        description="Een datum van de eigen werkwijze: onderhandeling, besluitvorming, "
        "ondertekening, raadsinformatiebrief of evaluatie. De data die de wet vastlegt, komen "
        "uit `POST /cycles/{id}/legal-milestones`. Herinneringen en de agenda volgen de "
        "planning.",
        parameters=[CYCLE_ID],
        request=MilestoneInputSerializer,
        responses={201: MilestoneSerializer, **problems(400, 403, 404, 415)},
    )
    def post(self, request: Request, id: int) -> Response:
        no_query(request)
        cycle = visible_cycle(request, id)
        user = require_token(request)
        data = read_body(request, MilestoneInputSerializer)
        with process_errors(MILESTONE_NAMES):
            milestone = services.add_milestone(
                user,
                cycle,
                kind=data["kind"],
                title=data.get("title", ""),
                starts_on=data["start"],
                ends_on=data.get("end"),
            )
        return Response(MilestoneSerializer(milestone_json(milestone)).data, status=201)


class LegalMilestones(ApiView):
    @extend_schema(
        operation_id="planLegalMilestones",
        summary="De wettelijke termijnen in de planning zetten (coördinator van de gemeente)",
        description="Voor de afspraken die in `year` worden gemaakt: het bod van de "
        "corporaties uiterlijk 1 juli, de termijn voor een geschil van 1 juli tot 29 januari "
        "en, zodra de onderhandeling is begonnen, de datum zes maanden later. Nog eens "
        "vragen verdubbelt niets. Het antwoord is de hele planning van de cyclus.",
        parameters=[CYCLE_ID],
        request=LegalMilestonesInputSerializer,
        responses={200: MilestonesSerializer, **problems(400, 403, 404, 415)},
    )
    def post(self, request: Request, id: int) -> Response:
        no_query(request)
        cycle = visible_cycle(request, id)
        user = require_token(request)
        data = read_body(request, LegalMilestonesInputSerializer)
        with process_errors():
            services.plan_legal_milestones(user, cycle, data["year"])
        return _milestones(cycle)


def _visible_milestone(request: Request, pk: int) -> Milestone:
    milestone = Milestone.objects.select_related("cycle__municipality").filter(pk=pk).first()
    if milestone is None or not access.can_view_cycle(request.user, milestone.cycle):
        raise Problem(404, _("Deze mijlpaal bestaat niet (of is niet openbaar)."))
    return milestone


class MilestoneDetail(ApiView):
    @extend_schema(
        operation_id="changeMilestone",
        summary="Een mijlpaal verschuiven of hernoemen (coördinator van de gemeente)",
        description="Alleen de velden die u meestuurt veranderen; `end` null haalt de "
        "einddatum weg. Een datum die de wet vastlegt, verschuift niet (409).",
        parameters=[id_parameter("id van de mijlpaal")],
        request=MilestoneChangeSerializer,
        responses={200: MilestoneSerializer, **problems(400, 403, 404, 409, 415)},
    )
    def patch(self, request: Request, id: int) -> Response:
        no_query(request)
        milestone = _visible_milestone(request, id)
        user = require_token(request)
        data = read_body(request, MilestoneChangeSerializer)
        with process_errors(MILESTONE_NAMES):
            milestone = services.update_milestone(
                user,
                milestone,
                starts_on=data.get("start", milestone.starts_on),
                ends_on=data.get("end", milestone.ends_on),
                title=data.get("title"),
            )
        return Response(MilestoneSerializer(milestone_json(milestone)).data)

    @extend_schema(
        operation_id="deleteMilestone",
        summary="Een mijlpaal uit de planning schrappen (coördinator van de gemeente)",
        description="Een datum die de wet vastlegt, blijft staan (409).",
        parameters=[id_parameter("id van de mijlpaal")],
        responses={204: None, **problems(403, 404, 409)},
    )
    def delete(self, request: Request, id: int) -> Response:
        no_query(request)
        milestone = _visible_milestone(request, id)
        user = require_token(request)
        with process_errors():
            services.remove_milestone(user, milestone)
        return Response(status=204)


class Calendar(ApiView):
    @extend_schema(
        operation_id="cycleCalendar",
        summary="De mijlpalen als iCalendar-agenda (RFC 5545)",
        parameters=[CYCLE_ID],
        responses={(200, "text/calendar"): str, **problems(404)},
    )
    def get(self, request: Request, id: int) -> Any:
        no_query(request)
        return views.ics_response(request._request, visible_cycle(request, id))


class Approvals(ApiView):
    @extend_schema(
        operation_id="listApprovals",
        summary="Goedkeuringen per partij en wie nog moet goedkeuren",
        parameters=[CYCLE_ID],
        responses={200: ApprovalsSerializer, **problems(404)},
    )
    def get(self, request: Request, id: int) -> Response:
        no_query(request)
        cycle = visible_cycle(request, id)
        approvals = cycle.approvals.select_related("organisation", "signatory").order_by("id")
        data = {
            "phase": cycle.phase,
            "results": [
                approval_json(a, public=not request.user.is_authenticated) for a in approvals
            ],
            "missing": [ref(o) for o in services.missing_approvals(cycle)],
        }
        return Response(ApprovalsSerializer(data).data)

    @extend_schema(
        operation_id="approveCycle",
        summary="Goedkeuren namens een partij (alleen een ondertekenaar van die partij)",
        description="Als de laatste partij goedkeurt, wordt de cyclus ondertekend.",
        parameters=[CYCLE_ID],
        request=ApprovalInputSerializer,
        responses={201: ApprovalSerializer, **problems(400, 403, 404, 409, 415)},
    )
    def post(self, request: Request, id: int) -> Response:
        no_query(request)
        cycle = visible_cycle(request, id)
        user = request.user
        if not user.is_authenticated:
            raise Problem(401, _("Log in met een token (Authorization: Token …)."))
        data = read_body(request, ApprovalInputSerializer)
        organisation = cycle.parties.filter(pk=data["organisation"]).first()
        if organisation is None:
            raise Problem(
                400,
                _("Deze organisatie is geen partij in deze cyclus."),
                invalidParams=[{"name": "organisation", "reason": _("geen partij")}],
            )
        try:
            approval = services.approve_cycle(
                user, cycle, organisation, data["decisionBody"], data["decidedOn"]
            )
        except services.ProcessConflict as exc:
            raise Problem(409, exc.message) from None
        approval = Approval.objects.select_related("organisation", "signatory").get(pk=approval.pk)
        return Response(ApprovalSerializer(approval_json(approval)).data, status=201)


class PhaseInputSerializer(InputSerializer):
    to = serializers.ChoiceField(choices=workflow.PHASES, help_text="de nieuwe fase")
    reason = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        help_text="toelichting; verplicht bij het heropenen van een afgesloten cyclus",
    )


class PhaseChangeSerializer(serializers.Serializer[Any]):
    cycle = serializers.IntegerField(help_text="id van de cyclus")
    fromPhase = serializers.ChoiceField(choices=Cycle.Phase.values)
    toPhase = serializers.ChoiceField(choices=Cycle.Phase.values)
    changedAt = serializers.DateTimeField()
    changedBy = serializers.CharField(allow_null=True)
    reason = serializers.CharField(allow_blank=True)


def phase_change_json(change: PhaseChange) -> dict[str, Any]:
    return {
        "cycle": change.cycle_id,
        "fromPhase": change.from_phase,
        "toPhase": change.to_phase,
        "changedAt": change.changed_at,
        "changedBy": change.changed_by.get_username() if change.changed_by else None,
        "reason": change.note,
    }


class CyclePhase(ApiView):
    @extend_schema(
        operation_id="changeCyclePhase",
        summary="De fase van een cyclus wijzigen (coördinator; heropenen: beheerder, met reden)",
        description="Welke overgangen mogen staat in één tabel (process.workflow). Een "
        "afgesloten cyclus heropenen kan alleen een beheerder van de gemeente, met `reason`; "
        "de reden blijft in de geschiedenis. Een overgang die niet mag: 409.",
        parameters=[CYCLE_ID],
        request=PhaseInputSerializer,
        responses={201: PhaseChangeSerializer, **problems(400, 403, 404, 409, 415)},
    )
    def post(self, request: Request, id: int) -> Response:
        no_query(request)
        cycle = visible_cycle(request, id)
        if not request.user.is_authenticated:
            raise Problem(401, _("Log in met een token (Authorization: Token …)."))
        data = read_body(request, PhaseInputSerializer)
        try:
            change = services.change_phase(request.user, cycle, data["to"], data.get("reason", ""))
        except services.ProcessConflict as exc:
            raise Problem(409, exc.message) from None
        change = PhaseChange.objects.select_related("changed_by").get(pk=change.pk)
        return Response(PhaseChangeSerializer(phase_change_json(change)).data, status=201)


# --- Dispute points (for the parties of the cycle only) -----------------------------------


def _party(user: Any, cycle: Cycle) -> bool:
    """Whether ``user`` sees what only the parties see, as the web decides
    (:func:`services.require_party`)."""
    try:
        services.require_party(user, cycle)
    except PermissionDenied:
        return False
    return True


def party_cycle(request: Request, pk: int) -> Cycle:
    """The cycle for what only its parties see; anybody else gets the 404 of a cycle that
    does not exist."""
    cycle = visible_cycle(request, pk)
    if not _party(request.user, cycle):
        raise Problem(404, _("Deze prestatieafspraken bestaan niet of zijn niet openbaar."))
    return cycle


def _party_point(request: Request, pk: int) -> DisputePoint:
    point = DisputePoint.objects.select_related("cycle__municipality").filter(pk=pk).first()
    if point is None or not _party(request.user, point.cycle):
        raise Problem(
            404, _("Dit geschilpunt bestaat niet (of u bent geen partij in deze cyclus).")
        )
    return point


class DisputePositionSerializer(serializers.Serializer[Any]):
    organisation = RefSerializer()
    position = serializers.CharField(allow_null=True, help_text="null: nog geen standpunt")
    version = serializers.CharField(
        help_text="geef deze mee bij setDisputePosition (409 als het standpunt intussen is "
        "gewijzigd)"
    )


class DisputePointSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    subject = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    open = serializers.BooleanField(help_text="een open geschilpunt staat ondertekenen in de weg")
    resolvedAt = serializers.DateTimeField(allow_null=True)
    resolution = serializers.CharField(allow_blank=True, help_text="hoe het is opgelost")
    positions = DisputePositionSerializer(
        many=True, help_text="het standpunt van elke partij, ook als die er nog geen gaf"
    )


class DisputePointsSerializer(serializers.Serializer[Any]):
    results = DisputePointSerializer(many=True)


def position_json(organisation: Organisation, position: str | None) -> dict[str, Any]:
    return {
        "organisation": ref(organisation),
        "position": position,
        "version": versions.text_version(position),
    }


def dispute_point_json(point: DisputePoint, parties: list[Organisation]) -> dict[str, Any]:
    """``point`` with the position of each of ``parties`` (and of a former party that gave
    one)."""
    stated = {p.organisation_id: p for p in point.positions.all()}
    former = [p.organisation for pk, p in stated.items() if pk not in {o.pk for o in parties}]
    return {
        "id": point.pk,
        "subject": point.subject,
        "description": point.description,
        "open": point.is_open,
        "resolvedAt": point.resolved_at,
        "resolution": point.resolution,
        "positions": [
            position_json(o, stated[o.pk].position if o.pk in stated else None)
            for o in [*parties, *former]
        ],
    }


def _parties(cycle: Cycle) -> list[Organisation]:
    return list(cycle.parties.order_by("kind", "name", "id"))


def _point_response(point: DisputePoint, status: int = 200) -> Response:
    point = DisputePoint.objects.prefetch_related("positions__organisation").get(pk=point.pk)
    body = dispute_point_json(point, _parties(point.cycle))
    return Response(DisputePointSerializer(body).data, status=status)


class PositionInputSerializer(InputSerializer):
    organisation = ids("de partij")
    position = serializers.CharField(max_length=20000)

    def validate_organisation(self, value: int) -> int:
        parties = self.context.get("parties")
        if parties is not None and value not in parties:
            raise serializers.ValidationError(_("Deze organisatie is geen partij in deze cyclus."))
        return value


class DisputePointInputSerializer(InputSerializer):
    subject = serializers.CharField(max_length=300)
    description = serializers.CharField(max_length=20000, required=False, allow_blank=True)
    positions = PositionInputSerializer(
        many=True,
        required=False,
        max_length=100,
        help_text="de standpunten die u vastlegt: alleen voor een partij waarvoor u mag "
        "schrijven (anders 403)",
    )

    def validate_positions(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        named = [p["organisation"] for p in value]
        if len(set(named)) != len(named):
            raise serializers.ValidationError(_("Geef per partij één standpunt."))
        return value


class PositionChangeSerializer(InputSerializer):
    position = serializers.CharField(max_length=20000)
    version = serializers.CharField(
        max_length=64,
        required=False,
        help_text="de `version` van het standpunt dat u zag (uit listDisputePoints); is het "
        "intussen gewijzigd, dan volgt 409 met het huidige standpunt",
    )


class ResolutionInputSerializer(InputSerializer):
    resolution = serializers.CharField(max_length=10000, help_text="hoe de partijen het oplosten")


POINT_ID = id_parameter("id van het geschilpunt")
ORGANISATION_ID = id_parameter("id van de partij", name="organisationId")


class DisputePoints(ApiView):
    @extend_schema(
        operation_id="listDisputePoints",
        summary="Geschilpunten van een cyclus met het standpunt van elke partij (alleen partijen)",
        description="Alleen voor de partijen van de cyclus; voor ieder ander 404.",
        parameters=[CYCLE_ID],
        responses={200: DisputePointsSerializer, **problems(404)},
    )
    def get(self, request: Request, id: int) -> Response:
        no_query(request)
        cycle = party_cycle(request, id)
        parties = _parties(cycle)
        points = cycle.dispute_points.prefetch_related("positions__organisation")
        results = [dispute_point_json(p, parties) for p in points.order_by("order", "id")]
        return Response(DisputePointsSerializer({"results": results}).data)

    @extend_schema(
        operation_id="createDisputePoint",
        summary="Een geschilpunt vastleggen, met de eigen standpunten (partij)",
        description="Wie voor een partij mag schrijven, legt een punt vast, met de "
        "standpunten van de partijen waarvoor hij schrijft. Een coördinator schrijft alleen "
        "voor de eigen organisatie. Een afgesloten cyclus: 409.",
        parameters=[CYCLE_ID],
        request=DisputePointInputSerializer,
        responses={201: DisputePointSerializer, **problems(400, 403, 404, 409, 415)},
    )
    def post(self, request: Request, id: int) -> Response:
        no_query(request)
        cycle = party_cycle(request, id)
        user = require_token(request)
        parties = {o.pk: o for o in _parties(cycle)}
        data = read_body(request, DisputePointInputSerializer, context={"parties": parties})
        with process_errors():
            point = services.add_dispute_point(
                user,
                cycle,
                subject=data["subject"],
                description=data.get("description", ""),
                positions={
                    parties[p["organisation"]]: p["position"] for p in data.get("positions", [])
                },
            )
        return _point_response(point, status=201)


class DisputePositionDetail(ApiView):
    @extend_schema(
        operation_id="setDisputePosition",
        summary="Het standpunt van een partij over een geschilpunt vastleggen of wijzigen",
        description="Alleen wie voor die partij mag schrijven (403). Geef de `version` die u "
        "zag: heeft iemand anders het standpunt intussen gewijzigd, dan volgt 409 met het "
        "huidige standpunt in `current` en blijft alles zoals het was.",
        parameters=[POINT_ID, ORGANISATION_ID],
        request=PositionChangeSerializer,
        responses={200: DisputePositionSerializer, **problems(400, 403, 404, 409, 415)},
    )
    def put(self, request: Request, id: int, organisationId: int) -> Response:
        no_query(request)
        point = _party_point(request, id)
        organisation = point.cycle.parties.filter(pk=organisationId).first()
        if organisation is None:
            raise Problem(404, _("Deze organisatie is geen partij in deze cyclus."))
        user = require_token(request)
        data = read_body(request, PositionChangeSerializer)
        with process_errors():
            stated = services.set_dispute_position(
                user, point, organisation, data["position"], expected_version=data.get("version")
            )
        return Response(
            DisputePositionSerializer(position_json(organisation, stated.position)).data
        )


class DisputeResolution(ApiView):
    @extend_schema(
        operation_id="resolveDisputePoint",
        summary="Vastleggen hoe een geschilpunt is opgelost (coördinator van de gemeente)",
        description="Een open geschilpunt staat ondertekenen in de weg. Een punt dat al is "
        "opgelost: 409.",
        parameters=[POINT_ID],
        request=ResolutionInputSerializer,
        responses={200: DisputePointSerializer, **problems(400, 403, 404, 409, 415)},
    )
    def post(self, request: Request, id: int) -> Response:
        no_query(request)
        point = _party_point(request, id)
        user = require_token(request)
        data = read_body(request, ResolutionInputSerializer)
        with process_errors():
            services.resolve_dispute_point(
                user, point, resolution=data["resolution"], channel="api"
            )
        return _point_response(point)
