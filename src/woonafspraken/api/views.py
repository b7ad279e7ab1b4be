"""API v1 endpoints: parse input, call selectors or services, shape JSON."""

from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from woonafspraken.accounts import access
from woonafspraken.agreements import evaluation, selectors, services
from woonafspraken.agreements.models import Agreement, Cycle, Target

from .framework import TITLES, Problem, endpoint, int_param, json_body, number, paginate


def _cycle_json(cycle: Cycle) -> dict[str, Any]:
    return {
        "id": cycle.pk,
        "title": cycle.title,
        "municipality": {"cbsCode": cycle.municipality.cbs_code, "name": cycle.municipality.name},
        "period": {"start": cycle.start_year, "end": cycle.end_year},
        "published": cycle.published,
    }


def _visible_cycle(request: HttpRequest, pk: int) -> Cycle:
    cycle = get_object_or_404(Cycle.objects.select_related("municipality"), pk=pk)
    if not access.can_view_cycle(request.api_user, cycle):  # type: ignore[attr-defined]
        raise Problem(
            404, TITLES[404], "Deze prestatieafspraken bestaan niet of zijn niet openbaar."
        )
    return cycle


@endpoint("GET")
def cycles(request: HttpRequest) -> Any:
    items = list(selectors.visible_cycles(request.api_user).order_by("-start_year", "id"))  # type: ignore[attr-defined]
    return paginate(request, items, _cycle_json)


@endpoint("GET")
def cycle(request: HttpRequest, pk: int) -> Any:
    c = _visible_cycle(request, pk)
    data = _cycle_json(c)
    data["parties"] = [
        {"id": p.pk, "name": p.name, "kind": p.kind} for p in c.parties.order_by("name")
    ]
    data["themes"] = [
        {
            "id": t.pk,
            "name": t.name,
            "order": t.order,
            "leadOrganisation": (
                {"id": t.lead_organisation.pk, "name": t.lead_organisation.name}
                if t.lead_organisation
                else None
            ),
            "projectLeader": t.project_leader_label,
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


@endpoint("GET")
def agreements(request: HttpRequest) -> Any:
    cycle_id = int_param(request, "cycle", required=True)
    c = _visible_cycle(request, cycle_id)  # type: ignore[arg-type]
    year = int_param(request, "year") or c.start_year
    items = list(
        selectors.agreements_queryset(year)
        .filter(theme__cycle=c)
        .order_by("theme__order", "order", "id")
    )

    def render(a: Agreement) -> dict[str, Any]:
        assessment = a.year_assessments[0] if a.year_assessments else None  # type: ignore[attr-defined]
        return {
            "id": a.pk,
            "number": a.number,
            "title": a.title,
            "text": a.text,
            "kind": a.kind,
            "theme": {"id": a.theme_id, "name": a.theme.name},
            "leadParty": {"id": a.lead_party.pk, "name": a.lead_party.name}
            if a.lead_party
            else None,
            "involvedParties": [{"id": p.pk, "name": p.name} for p in a.involved_parties.all()],
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

    return paginate(request, items, render)


def _norm_json(t: Target) -> dict[str, Any]:
    if t.kind == "range":
        return {"kind": t.kind, "low": number(t.low), "high": number(t.high)}
    if t.kind == "label_at_least":
        return {"kind": t.kind, "label": t.label}
    norm: dict[str, Any] = {"kind": t.kind, "value": number(t.value)}
    if t.kind == "exact":
        norm["tolerance"] = number(t.tolerance)
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
        "theme": {"id": t.agreement.theme.pk, "name": t.agreement.theme.name},
        "indicator": {"name": t.indicator.name, "unit": t.indicator.unit},
        "party": {"id": t.party.pk, "name": t.party.name} if t.party else None,
        "year": t.year,
        "period": None if t.year else {"start": c.start_year, "end": c.end_year},
        "norm": _norm_json(t),
        "asOf": e.year,
        "realised": realised,
        "verdict": e.verdict,
        "margin": number(e.margin),
        "expected": number(e.result.expected),
        "version": e.measurement.version if e.measurement else 0,
    }


@endpoint("GET")
def targets(request: HttpRequest) -> Any:
    cycle_id = int_param(request, "cycle", required=True)
    c = _visible_cycle(request, cycle_id)  # type: ignore[arg-type]
    year = int_param(request, "year")
    if year is not None and not (c.start_year <= year <= c.end_year):
        raise Problem(400, TITLES[400], f"Het jaar ligt buiten de looptijd {c.period_label}.")
    qs = (
        selectors.targets_queryset()
        .select_related("agreement__theme")
        .filter(agreement__theme__cycle=c)
        .order_by("agreement__theme__order", "agreement__order", "order", "id")
    )
    if year is not None:
        qs = qs.filter(Q(year=year) | Q(year__isnull=True))
    items = list(qs)
    by_agreement: dict[int, list[Target]] = {}
    for t in items:
        by_agreement.setdefault(t.agreement_id, []).append(t)
    evaluated = [
        evaluation.evaluate(t, year or t.year or c.end_year, c, by_agreement[t.agreement_id])
        for t in items
    ]
    return paginate(request, evaluated, lambda e: target_json(e, c))


@endpoint("POST")
def measurements(request: HttpRequest) -> Any:
    user = request.api_user  # type: ignore[attr-defined]
    if not user.is_authenticated:
        raise Problem(401, TITLES[401], "Log in met een token (Authorization: Token …).")
    data = json_body(request)
    target_id = data.get("target")
    if isinstance(target_id, bool) or not isinstance(target_id, int):
        raise Problem(400, TITLES[400], "‘target’ moet het nummer (id) van een norm zijn.")
    if "value" not in data:
        raise Problem(400, TITLES[400], "‘value’ ontbreekt.")
    for name in ("note", "source"):
        if name in data and not isinstance(data[name], str):
            raise Problem(400, TITLES[400], f"‘{name}’ moet tekst zijn.")
    year = data.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise Problem(400, TITLES[400], "‘year’ moet een jaartal zijn.")
    version = data.get("version", 0)
    if isinstance(version, bool) or not isinstance(version, int):
        raise Problem(400, TITLES[400], "‘version’ moet een geheel getal zijn.")
    target = Target.objects.filter(pk=target_id).select_related("agreement__theme__cycle").first()
    if target is None or not access.can_view_cycle(user, target.agreement.theme.cycle):
        raise Problem(404, TITLES[404], f"Norm {target_id} bestaat niet.")
    value = data["value"]
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, str)):
        raise Problem(400, TITLES[400], "‘value’ moet een getal zijn.")
    m = services.record_measurement(
        user,
        target,
        value=value,
        year=year,
        note=data.get("note", ""),
        source=data.get("source", ""),
        expected_version=version,
        channel="api",
    )
    c = target.agreement.theme.cycle
    fresh = selectors.targets_queryset().select_related("agreement__theme").get(pk=target.pk)
    e = evaluation.evaluate(fresh, m.year, c)
    return 201 if m.version == 1 else 200, {
        "id": m.pk,
        "target": target.pk,
        "year": m.year,
        "value": m.label or number(m.value),
        "note": m.note,
        "source": m.source,
        "version": m.version,
        "recordedAt": m.recorded_at.isoformat(),
        "verdict": e.verdict,
        "margin": number(e.margin),
    }
