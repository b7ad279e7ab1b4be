"""Process pages: thin, reading through selectors and writing through services."""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from woonafspraken.accounts import access
from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Agreement, Cycle

from . import documents, ical, rules, selectors, services, workflow
from .models import Amendment, Approval, SignedVersion


def _cycle(request: HttpRequest, pk: int) -> Cycle:
    cycle = get_object_or_404(Cycle.objects.select_related("municipality"), pk=pk)
    if not access.can_view_cycle(request.user, cycle):
        if not request.user.is_authenticated:
            raise Http404
        raise PermissionDenied(_("U heeft geen toegang tot deze prestatieafspraken."))
    return cycle


def _date(raw: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat((raw or "").strip())
    except ValueError:
        return None


def _signable(user: Any, cycle: Cycle, done: set[int]) -> list[Organisation]:
    return [
        p
        for p in cycle.parties.order_by("name")
        if p.pk not in done and services.is_signatory(user, p)
    ]


def cycle_process(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk)
    today = timezone.localdate()
    year = selectors.current_year(cycle, today)
    deliveries = selectors.delivery(cycle, year)
    done = {d.organisation.pk for d in deliveries if d.approval}
    versions = list(cycle.signed_versions.select_related("amendment"))
    for version in versions:
        documents.signed_pdf(version)
    try:
        documents.check_dispute(cycle, today)
        dispute_refusal = ""
    except documents.DisputeRefused as exc:
        dispute_refusal = exc.message
    context = {
        "cycle": cycle,
        "year": year,
        "phase_label": services.phase_label(cycle.phase),
        "next_phases": [
            (p, services.phase_label(p)) for p in workflow.next_phases(request.user, cycle)
        ],
        "history": cycle.phase_changes.select_related("changed_by"),
        "milestones": cycle.milestones.all(),
        "deliveries": deliveries,
        "signable": _signable(request.user, cycle, done)
        if cycle.phase == workflow.DECISION
        else [],
        "decision_bodies": Approval.DecisionBody.choices,
        "versions": versions,
        "amendments": cycle.amendments.all(),
        "frozen": rules.is_frozen(cycle),
        "can_propose": rules.is_frozen(cycle) and access.can_edit_agreements(request.user, cycle),
        "agreements": Agreement.objects.filter(theme__cycle=cycle).order_by(
            "theme__order", "order", "id"
        ),
        "dispute_refusal": dispute_refusal,
        "is_party": access.is_party_member(request.user, cycle) or access.is_admin(request.user),
        "today": today,
        "can_plan": workflow.is_municipal_coordinator(request.user, cycle),
    }
    return render(request, "process/cycle_process.html", context)


def _back(cycle: Cycle) -> HttpResponse:
    return redirect(reverse("cycle_process", args=[cycle.pk]))


def _error(request: HttpRequest, exc: Exception) -> None:
    if isinstance(exc, ValidationError):
        text = " ".join(exc.messages)
    else:
        text = getattr(exc, "message", None) or str(exc)
    messages.error(request, _("Niet gelukt: %(m)s") % {"m": text})


@login_required
@require_POST
def change_phase(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk)
    try:
        services.change_phase(
            request.user, cycle, request.POST.get("to", ""), request.POST.get("note", "")
        )
    except (ValidationError, PermissionDenied, services.ProcessConflict) as exc:
        _error(request, exc)
    else:
        messages.success(request, _("De fase is gewijzigd."))
    return _back(cycle)


def _organisation(request: HttpRequest, cycle: Cycle) -> Organisation:
    return get_object_or_404(cycle.parties, pk=request.POST.get("organisation") or 0)


@login_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk)
    try:
        services.approve_cycle(
            request.user,
            cycle,
            _organisation(request, cycle),
            request.POST.get("decision_body", ""),
            _date(request.POST.get("decided_on")),  # type: ignore[arg-type]
            document=request.FILES.get("document"),
        )
    except (ValidationError, PermissionDenied, services.ProcessConflict) as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Uw goedkeuring is vastgelegd."))
    return _back(cycle)


def signed_pdf(request: HttpRequest, pk: int, version: int) -> HttpResponse:
    cycle = _cycle(request, pk)
    v = documents.signed_pdf(get_object_or_404(SignedVersion, cycle=cycle, pk=version))
    response = HttpResponse(bytes(v.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="ondertekend-{cycle.pk}-{v.pk}.pdf"'
    return response


def agenda(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk)
    return ics_response(request, cycle)


def ics_response(request: HttpRequest, cycle: Cycle) -> HttpResponse:
    body = ical.calendar(
        cycle.title,
        cycle.milestones.all(),
        domain=request.get_host().split(":")[0] or "woonafspraken",
        stamp=timezone.now(),
    )
    response = HttpResponse(body.encode(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="agenda-{cycle.pk}.ics"'
    return response


@login_required
@require_POST
def propose_amendment(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk)
    agreement = Agreement.objects.filter(
        theme__cycle=cycle, pk=request.POST.get("agreement") or 0
    ).first()
    changes = []
    if agreement is not None:
        for field in ("title", "text"):
            new = request.POST.get(field, "").strip()
            if new and new != getattr(agreement, field):
                changes.append(
                    {"object": "agreement", "id": agreement.pk, "field": field, "new": new}
                )
    try:
        amendment = services.propose_amendment(
            request.user, cycle, request.POST.get("description", ""), changes
        )
    except (ValidationError, PermissionDenied, services.ProcessConflict) as exc:
        _error(request, exc)
        return _back(cycle)
    messages.success(request, _("Het wijzigingsvoorstel is ingediend."))
    return redirect(reverse("amendment", args=[amendment.pk]))


def amendment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    amendment = get_object_or_404(Amendment.objects.select_related("cycle", "proposed_by"), pk=pk)
    cycle = _cycle(request, amendment.cycle_id)
    approvals = list(amendment.approvals.select_related("organisation", "signatory"))
    done = {a.organisation_id for a in approvals}
    return render(
        request,
        "process/amendment.html",
        {
            "cycle": cycle,
            "amendment": amendment,
            "approvals": approvals,
            "missing": services.missing_approvals(cycle, amendment),
            "signable": _signable(request.user, cycle, done)
            if amendment.status == Amendment.Status.PROPOSED
            else [],
            "decision_bodies": Approval.DecisionBody.choices,
            "version": getattr(amendment, "version", None),
        },
    )


@login_required
@require_POST
def approve_amendment(request: HttpRequest, pk: int) -> HttpResponse:
    amendment = get_object_or_404(Amendment, pk=pk)
    cycle = _cycle(request, amendment.cycle_id)
    try:
        services.approve_amendment(
            request.user,
            amendment,
            _organisation(request, cycle),
            request.POST.get("decision_body", ""),
            _date(request.POST.get("decided_on")),  # type: ignore[arg-type]
            document=request.FILES.get("document"),
        )
    except (ValidationError, PermissionDenied, services.ProcessConflict) as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Uw goedkeuring van het amendement is vastgelegd."))
    return redirect(reverse("amendment", args=[amendment.pk]))


@login_required
def dispute(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in ("docx", "pdf"):
        raise Http404
    cycle = _cycle(request, pk)
    services.require_party(request.user, cycle)
    try:
        d = documents.dossier(cycle, timezone.localdate())
    except documents.DisputeRefused as exc:
        messages.error(request, exc.message)
        return _back(cycle)
    if fmt == "docx":
        content = documents.dispute_docx(d)
        kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        content, kind = documents.dispute_pdf(d), "application/pdf"
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="geschil-{cycle.pk}.{fmt}"'
    return response


@login_required
@require_POST
def move_milestone(request: HttpRequest, pk: int) -> HttpResponse:
    """A coordinator moves a practice milestone (negotiation, decision, signing, ...)."""
    from .models import Milestone

    milestone = get_object_or_404(Milestone.objects.select_related("cycle"), pk=pk)
    cycle = _cycle(request, milestone.cycle_id)
    starts_on = _date(request.POST.get("starts_on"))
    if starts_on is None:
        messages.error(request, _("Niet gelukt: vul een geldige begindatum in."))
        return _back(cycle)
    raw_end = request.POST.get("ends_on", "").strip()
    ends_on = _date(raw_end) if raw_end else None
    if raw_end and ends_on is None:
        messages.error(request, _("Niet gelukt: vul een geldige einddatum in."))
        return _back(cycle)
    try:
        services.update_milestone(request.user, milestone, starts_on=starts_on, ends_on=ends_on)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Planning bijgewerkt."))
    return _back(cycle)
