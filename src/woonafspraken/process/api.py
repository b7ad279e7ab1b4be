"""API v1 for the process: milestones, approvals, the calendar feed."""

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

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
)
from woonafspraken.api.views import visible_cycle

from . import services, views, workflow
from .models import Approval, Milestone, PhaseChange

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


class Milestones(ApiView):
    @extend_schema(
        operation_id="listMilestones",
        summary="Mijlpalen van een cyclus (wettelijke en praktijkdata)",
        parameters=[CYCLE_ID],
        responses={200: MilestonesSerializer, **problems(404)},
    )
    def get(self, request: Request, id: int) -> Response:
        no_query(request)
        cycle = visible_cycle(request, id)
        results = [milestone_json(m) for m in cycle.milestones.order_by("starts_on", "id")]
        return Response(MilestonesSerializer({"results": results}).data)


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
