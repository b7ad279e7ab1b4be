"""API v1 for the process: milestones, approvals, the calendar feed."""

import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from woonafspraken.api.framework import TITLES, Problem, endpoint, json_body
from woonafspraken.api.views import _visible_cycle

from . import services, views
from .models import Approval, Milestone


def milestone_json(m: Milestone) -> dict[str, Any]:
    return {
        "id": m.pk,
        "kind": m.kind,
        "title": m.title,
        "start": m.starts_on.isoformat(),
        "end": m.ends_on.isoformat() if m.ends_on else None,
        "legal": m.legal,
        "editable": m.editable,
        "basis": m.basis,
    }


def approval_json(a: Approval) -> dict[str, Any]:
    return {
        "id": a.pk,
        "organisation": {"id": a.organisation.pk, "name": a.organisation.name},
        "decisionBody": a.decision_body,
        "signatory": a.signatory.get_full_name() or a.signatory.username,
        "decidedOn": a.decided_on.isoformat(),
        "amendment": a.amendment_id,
    }


@endpoint("GET")
def milestones(request: HttpRequest, pk: int) -> Any:
    cycle = _visible_cycle(request, pk)
    return {"results": [milestone_json(m) for m in cycle.milestones.all()]}


@endpoint("GET")
def calendar(request: HttpRequest, pk: int) -> Any:
    return views.ics_response(request, _visible_cycle(request, pk))


@endpoint("GET", "POST")
def approvals(request: HttpRequest, pk: int) -> Any:
    cycle = _visible_cycle(request, pk)
    if request.method == "GET":
        qs = cycle.approvals.select_related("organisation", "signatory")
        return {
            "phase": cycle.phase,
            "results": [approval_json(a) for a in qs],
            "missing": [{"id": o.pk, "name": o.name} for o in services.missing_approvals(cycle)],
        }
    user = request.api_user  # type: ignore[attr-defined]
    if not user.is_authenticated:
        raise Problem(401, TITLES[401], "Log in met een token (Authorization: Token …).")
    data = json_body(request)
    organisation_id = data.get("organisation")
    if isinstance(organisation_id, bool) or not isinstance(organisation_id, int):
        raise Problem(400, TITLES[400], "‘organisation’ moet het nummer (id) van een partij zijn.")
    organisation = cycle.parties.filter(pk=organisation_id).first()
    if organisation is None:
        raise Problem(400, TITLES[400], "Deze organisatie is geen partij in deze cyclus.")
    decided_on = data.get("decided_on", data.get("decidedOn"))
    try:
        day = datetime.date.fromisoformat(str(decided_on))
    except ValueError:
        raise Problem(400, TITLES[400], "‘decided_on’ moet een datum zijn (jjjj-mm-dd).") from None
    try:
        approval = services.approve_cycle(
            user, cycle, organisation, str(data.get("decision_body", "")), day
        )
    except services.ProcessConflict as exc:
        raise Problem(409, TITLES[409], exc.message) from None
    approval = get_object_or_404(
        Approval.objects.select_related("organisation", "signatory"), pk=approval.pk
    )
    return 201, approval_json(approval)
