"""Process pages: thin, reading through selectors and writing through services."""

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from woonafspraken import ratelimit, versions
from woonafspraken.accounts import access
from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Agreement, Cycle, Target
from woonafspraken.agreements.services import Conflict
from woonafspraken.forms import error_list

from . import documents, forms, ical, rules, selectors, services, workflow
from .models import Amendment, Approval, DisputePoint, SignedVersion


def _cycle(request: HttpRequest, pk: int) -> Cycle:
    cycle = get_object_or_404(Cycle.objects.select_related("municipality"), pk=pk)
    if not access.can_view_cycle(request.user, cycle):
        if not request.user.is_authenticated:
            raise Http404
        raise PermissionDenied(_("U heeft geen toegang tot deze prestatieafspraken."))
    return cycle


def _signable(user: Any, cycle: Cycle, done: set[int]) -> list[Organisation]:
    return [
        p
        for p in cycle.parties.order_by("name")
        if p.pk not in done and services.is_signatory(user, p)
    ]


#: The process page's parts, each a tab of its own, in the order of the cycle's phases.
PARTS = (
    ("planning", gettext_lazy("Planning")),
    ("goedkeuren", gettext_lazy("Besluitvorming en ondertekening")),
    ("uitvoering", gettext_lazy("Uitvoering en amendementen")),
    ("geschil", gettext_lazy("Geschil")),
    ("geschiedenis", gettext_lazy("Fasegeschiedenis")),
)
#: The part a phase opens with: what the parties do now.
PART_OF_PHASE = {
    workflow.PREPARATION: "planning",
    workflow.BIDS: "planning",
    workflow.NEGOTIATION: "planning",
    workflow.DECISION: "goedkeuren",
    workflow.SIGNED: "goedkeuren",
    workflow.MONITORING: "uitvoering",
    workflow.EVALUATION: "uitvoering",
    workflow.CLOSED: "uitvoering",
}


def _part(request: HttpRequest, cycle: Cycle) -> str:
    wanted = request.GET.get("deel", "")
    return wanted if wanted in dict(PARTS) else PART_OF_PHASE.get(cycle.phase, "planning")


def cycle_process(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_process(request, _cycle(request, pk))


def _render_process(
    request: HttpRequest, cycle: Cycle, phase_form: Any = None, status: int = 200
) -> HttpResponse:
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
    can_propose = rules.is_frozen(cycle) and access.can_edit_agreements(request.user, cycle)
    is_party = access.is_party_member(request.user, cycle) or access.is_admin(request.user)
    part = _part(request, cycle)
    base = reverse("cycle_process", args=[cycle.pk])
    can_plan = workflow.is_municipal_coordinator(request.user, cycle)
    context = {
        "part": part,
        "parts": [
            {"key": key, "label": label, "url": f"{base}?deel={key}", "current": key == part}
            for key, label in PARTS
        ],
        "cycle": cycle,
        "year": year,
        "phase_label": services.phase_label(cycle.phase),
        "phase_form": phase_form or forms.PhaseForm(user=request.user, cycle=cycle),
        "signing_blockers": services.signing_blockers(cycle)
        if cycle.phase in (workflow.NEGOTIATION, workflow.DECISION)
        else [],
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
        "can_propose": can_propose,
        "agreements": Agreement.objects.filter(theme__cycle=cycle).order_by(
            "theme__order", "order", "id"
        ),
        "targets": _target_choices(cycle) if can_propose else [],
        "dispute_refusal": dispute_refusal,
        "is_party": is_party,
        "dispute_points": cycle.dispute_points.count() if is_party else 0,
        "today": today,
        "can_plan": can_plan,
        "milestone_form": forms.NewMilestoneForm() if can_plan else None,
        "legal_form": forms.LegalMilestonesForm(initial={"year": cycle.start_year - 1})
        if can_plan
        else None,
    }
    return render(request, "process/cycle_process.html", context, status=status)


def _target_choices(cycle: Cycle) -> list[tuple[int, str]]:
    """Every target of the cycle with its current norm, for the amendment form."""
    targets = (
        Target.objects.filter(agreement__theme__cycle=cycle)
        .select_related("agreement", "indicator", "party")
        .order_by("agreement__theme__order", "agreement__order", "agreement_id", "order", "id")
    )
    return [(t.pk, f"{t.agreement.number} {t}: {services.norm_text(t)}") for t in targets]


def _back(cycle: Cycle, part: str = "") -> HttpResponse:
    """Back to the process page, on the part where the reader was."""
    url = reverse("cycle_process", args=[cycle.pk])
    return redirect(f"{url}?deel={part}#{part}" if part else url)


def _refused(request: HttpRequest, form: Any) -> bool:
    """Whether ``form`` is wrong; if so, every problem at once in one message (nothing done)."""
    if form.is_valid():
        return False
    messages.error(request, _("Niet gelukt: %(m)s") % {"m": " ".join(error_list(form))})
    return True


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
    form = forms.PhaseForm(request.POST, user=request.user, cycle=cycle)
    if form.is_valid():
        try:
            services.change_phase(
                request.user, cycle, form.cleaned_data["to"], form.cleaned_data["note"]
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, errors in exc.error_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        except (PermissionDenied, services.ProcessConflict) as exc:
            _error(request, exc)
            return _back(cycle)
        else:
            messages.success(request, _("De fase is gewijzigd."))
            return _back(cycle)
    cycle.refresh_from_db()
    return _render_process(request, cycle, phase_form=form, status=400)


def _approved(request: HttpRequest, cycle: Cycle, approve: Any) -> bool:
    """Read the approval form and record it with ``approve(organisation, decision_body,
    decided_on, document=…)``; every problem with the input at once as one message."""
    form = forms.ApprovalForm(request.POST, request.FILES, cycle=cycle)
    if _refused(request, form):
        return False
    d = form.cleaned_data
    try:
        approve(d["organisation"], d["decision_body"], d["decided_on"], document=d["document"])
    except (ValidationError, PermissionDenied, services.ProcessConflict) as exc:
        _error(request, exc)
        return False
    return True


@login_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk)
    if _approved(request, cycle, partial(services.approve_cycle, request.user, cycle)):
        messages.success(request, _("Uw goedkeuring is vastgelegd."))
    return _back(cycle, "goedkeuren")


def signed_pdf(request: HttpRequest, pk: int, version: int) -> HttpResponse:
    """The signed version: the record for someone logged in who may view the cycle, the public
    copy without people's names for a visitor (issue 11 point 7)."""
    cycle = _cycle(request, pk)
    v = get_object_or_404(SignedVersion, cycle=cycle, pk=version)
    people = request.user.is_authenticated
    if (not v.pdf or not people) and (busy := ratelimit.too_busy(request)):
        return busy  # making a PDF is limited like any document
    if people:  # the signed record itself, byte for byte: its fingerprint is published
        content, name = bytes(documents.signed_pdf(v).pdf), f"ondertekend-{cycle.pk}-{v.pk}"
    else:  # a visitor gets the public copy without the names of who signed (AVG)
        content, name = documents.public_signed_pdf(v), f"ondertekend-{cycle.pk}-{v.pk}-openbaar"
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    patch_cache_control(response, private=True)
    return response


@require_GET
def approval_document(request: HttpRequest, pk: int) -> HttpResponse:
    """The decision document of an approval, to whoever may view its cycle: anyone once the
    cycle is published, before that only the parties and the municipality. The file lives in
    the configured storage, never under a public URL."""
    approval = get_object_or_404(Approval.objects.select_related("organisation"), pk=pk)
    _cycle(request, approval.cycle_id)
    if not approval.document:
        raise Http404
    try:
        handle = approval.document.open("rb")
    except OSError:
        raise Http404 from None
    name = slugify(f"besluit {approval.organisation.name} {approval.decided_on:%Y-%m-%d}")
    response = FileResponse(
        handle, as_attachment=True, filename=f"{name}.pdf", content_type="application/pdf"
    )
    patch_cache_control(response, private=True)
    response["Content-Security-Policy"] = "sandbox"
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
    form = forms.AmendmentForm(request.POST, cycle=cycle)
    if _refused(request, form):
        return _back(cycle)
    try:
        amendment = services.propose_amendment(
            request.user, cycle, form.cleaned_data["description"], form.changes()
        )
    except (ValidationError, services.ProcessConflict) as exc:
        _error(request, exc)
        return _back(cycle)
    messages.success(request, _("Het wijzigingsvoorstel is ingediend."))
    return redirect(reverse("amendment", args=[amendment.pk]))


FIELD_LABELS = {"title": gettext_lazy("titel"), "text": gettext_lazy("tekst")}


def _change_rows(amendment: Amendment) -> list[dict[str, Any]]:
    """One row per changed agreement field and one per target: its whole norm, old and new."""
    rows: list[dict[str, Any]] = []
    seen: set[int] = set()
    for c in amendment.changes:
        if c["object"] == "agreement":
            rows.append(
                {
                    "label": c["label"],
                    "agreement": c["id"],
                    "field": FIELD_LABELS.get(c["field"], c["field"]),
                    "old": c["old"],
                    "new": c["new"],
                }
            )
        elif "new_norm" in c and c["id"] not in seen:
            seen.add(c["id"])
            rows.append(
                {
                    "label": c["label"],
                    "field": _("norm"),
                    "old": c["old_norm"],
                    "new": c["new_norm"],
                }
            )
        elif "new_norm" not in c:
            rows.append(
                {"label": c["label"], "field": c["field"], "old": c["old"], "new": c["new"]}
            )
    return rows


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
            "rows": _change_rows(amendment),
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
    if _approved(request, cycle, partial(services.approve_amendment, request.user, amendment)):
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


def _plan(request: HttpRequest, cycle: Cycle, form: Any, write: Any, success: str) -> HttpResponse:
    """Run a planning change with the form's data (or without a form); every problem at once
    as a message, and back to the planning."""
    if form is not None and _refused(request, form):
        return _back(cycle, "planning")
    try:
        write(form.cleaned_data if form is not None else {})
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, success)
    return _back(cycle, "planning")


def _milestone(request: HttpRequest, pk: int) -> Any:
    from .models import Milestone

    milestone = get_object_or_404(Milestone.objects.select_related("cycle"), pk=pk)
    milestone.cycle = _cycle(request, milestone.cycle_id)
    return milestone


@login_required
@require_POST
def move_milestone(request: HttpRequest, pk: int) -> HttpResponse:
    """A coordinator moves a practice milestone (negotiation, decision, signing, ...)."""
    milestone = _milestone(request, pk)
    return _plan(
        request,
        milestone.cycle,
        forms.MilestoneForm(request.POST),
        lambda d: services.update_milestone(request.user, milestone, **d),
        _("Planning bijgewerkt."),
    )


@login_required
@require_POST
def remove_milestone(request: HttpRequest, pk: int) -> HttpResponse:
    """A coordinator takes a practice milestone out of the planning."""
    milestone = _milestone(request, pk)
    return _plan(
        request,
        milestone.cycle,
        None,
        lambda _d: services.remove_milestone(request.user, milestone),
        _("‘%(t)s’ is uit de planning geschrapt.") % {"t": milestone.display_title},
    )


@login_required
@require_POST
def add_milestone(request: HttpRequest, pk: int) -> HttpResponse:
    """A coordinator adds a practice milestone (negotiation, decision, signing, ...)."""
    cycle = _cycle(request, pk)
    return _plan(
        request,
        cycle,
        forms.NewMilestoneForm(request.POST),
        lambda d: services.add_milestone(request.user, cycle, **d),
        _("Planning bijgewerkt."),
    )


@login_required
@require_POST
def legal_milestones(request: HttpRequest, pk: int) -> HttpResponse:
    """A coordinator puts the law's dates for the agreements of a year in the planning."""
    cycle = _cycle(request, pk)
    return _plan(
        request,
        cycle,
        forms.LegalMilestonesForm(request.POST),
        lambda d: services.plan_legal_milestones(request.user, cycle, d["year"]),
        _("De wettelijke termijnen staan in de planning."),
    )


# --- Dispute points (Rtiv 2015 art. 19a–19d: every point with every party's position) -------


def _dispute_page(request: HttpRequest, pk: int) -> Cycle:
    cycle = _cycle(request, pk)
    services.require_party(request.user, cycle)
    return cycle


def _points_back(cycle: Cycle, anchor: str = "") -> HttpResponse:
    return redirect(reverse("dispute_points", args=[cycle.pk]) + anchor)


@login_required
def dispute_points(request: HttpRequest, pk: int) -> HttpResponse:
    """The cycle's dispute points with every party's position; POST adds a point."""
    cycle = _dispute_page(request, pk)
    parties = list(cycle.parties.order_by("kind", "name"))
    writable = {p.pk for p in parties if services.may_state_position(request.user, cycle, p)}
    own = [p for p in parties if p.pk in writable]
    if request.method == "POST":
        form = forms.DisputePointForm(request.POST, own=own)
        if _refused(request, form):
            return _points_back(cycle)
        try:
            point = services.add_dispute_point(
                request.user,
                cycle,
                subject=form.cleaned_data["subject"],
                description=form.cleaned_data["description"],
                positions=form.positions(),
            )
        except ValidationError as exc:
            _error(request, exc)
            return _points_back(cycle)
        messages.success(request, _("Het geschilpunt is vastgelegd."))
        return _points_back(cycle, f"#punt-{point.pk}")
    points = []
    drafts = request.session.pop(DRAFTS, None) or {}
    for point in cycle.dispute_points.prefetch_related("positions"):
        stated = {s.organisation_id: s.position for s in point.positions.all()}
        entries = [
            {
                "party": p,
                "position": stated.get(p.pk, ""),
                "writable": p.pk in writable,
                "version": versions.text_version(stated.get(p.pk)),
                "draft": drafts.get(f"{point.pk}-{p.pk}"),
            }
            for p in parties
        ]
        points.append((point, entries))
    return render(
        request,
        "process/dispute_points.html",
        {
            "cycle": cycle,
            "points": points,
            "own": own,
            "may_resolve": workflow.is_municipal_coordinator(request.user, cycle),
        },
    )


@login_required
@require_POST
def resolve_dispute(request: HttpRequest, pk: int) -> HttpResponse:
    """The municipality's coordinator records how the parties settled a point; an open point
    stands in the way of signing."""
    point = get_object_or_404(DisputePoint.objects.select_related("cycle"), pk=pk)
    cycle = _dispute_page(request, point.cycle_id)
    form = forms.DisputeResolutionForm(request.POST)
    if _refused(request, form):
        return _points_back(cycle, f"#punt-{point.pk}")
    try:
        services.resolve_dispute_point(
            request.user, point, resolution=form.cleaned_data["resolution"]
        )
    except (ValidationError, services.ProcessConflict) as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Het geschilpunt ‘%(s)s’ is opgelost.") % {"s": point.subject})
    return _points_back(cycle, f"#punt-{point.pk}")


# Positions refused because someone else changed them meanwhile, shown again once.
DRAFTS = "process.position_drafts"


@login_required
@require_POST
def dispute_position(request: HttpRequest, pk: int) -> HttpResponse:
    """A party adds or changes its own position on one dispute point."""
    point = get_object_or_404(DisputePoint.objects.select_related("cycle"), pk=pk)
    cycle = _dispute_page(request, point.cycle_id)
    form = forms.DisputePositionForm(request.POST)
    if _refused(request, form):
        return _points_back(cycle, f"#punt-{point.pk}")
    organisation = form.cleaned_data["organisation"]
    try:
        services.set_dispute_position(
            request.user,
            point,
            organisation,
            form.cleaned_data["position"],
            expected_version=form.cleaned_data["version"] or None,
        )
    except ValidationError as exc:
        _error(request, exc)
    except Conflict as exc:
        # Keep what the person typed: the page shows it again beside the current position.
        drafts = request.session.get(DRAFTS, {})
        drafts[f"{point.pk}-{organisation.pk}"] = form.cleaned_data["position"]
        request.session[DRAFTS] = drafts
        _error(request, exc)
    else:
        messages.success(
            request, _("Het standpunt van %(org)s is opgeslagen.") % {"org": organisation.name}
        )
    return _points_back(cycle, f"#punt-{point.pk}")
