"""Pages for governance, policy and bids. Thin: read through :mod:`.selectors`, write through
:mod:`.services`."""

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from woonafspraken import uploads, versions
from woonafspraken.accounts import access as accounts_access
from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements import evaluation
from woonafspraken.agreements import forms as agreement_forms
from woonafspraken.agreements.forms import show_errors
from woonafspraken.agreements.models import Agreement, Cycle
from woonafspraken.agreements.services import Conflict
from woonafspraken.audit import selectors as audit_selectors
from woonafspraken.forms import error_list
from woonafspraken.uploadjobs import services as upload_jobs

from . import access, excel, forms, selectors, services
from .models import (
    ActionItem,
    Bid,
    BidItem,
    Body,
    Meeting,
    PolicyDocument,
    PolicyGoal,
    Section,
)
from .upload_jobs import KIND as BID_JOB

T = TypeVar("T")


def _deny(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise Http404
    raise PermissionDenied(_("U heeft hier geen toegang toe."))


def _message_of(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _saved(form: Any, write: Callable[[dict[str, Any]], T]) -> T | None:
    """``write`` with the form's data when every field is right; the service's refusal goes
    into the form beside its field. None when nothing was written (the form says why)."""
    if not form.is_valid():
        return None
    try:
        return write(form.cleaned_data)
    except ValidationError as exc:
        show_errors(form, exc)
        return None


# --- Governance --------------------------------------------------------------------------------


def _body_form(request: HttpRequest, data: Any = None) -> forms.BodyForm:
    municipalities = access.manageable_municipalities(request.user)
    return forms.BodyForm(
        data,
        municipalities=municipalities,
        organisations=selectors.organisations_in(municipalities),
        themes=selectors.themes_in(municipalities),
    )


def body_list(request: HttpRequest) -> HttpResponse:
    return _body_list_page(request, _body_form(request))


def _body_list_page(request: HttpRequest, form: forms.BodyForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "governance/body_list.html",
        {"bodies": list(selectors.bodies(request.user)), "form": form},
        status=status,
    )


@login_required
@require_POST
def create_body(request: HttpRequest) -> HttpResponse:
    form = _body_form(request, request.POST)
    body = _saved(
        form,
        lambda data: services.create_body(
            request.user,
            data["municipality"],
            kind=data["kind"],
            name=data["name"],
            theme_name=data["theme_name"],
            theme=data["theme"],
            lead_organisation=data["lead_organisation"],
            member_organisations=list(data["member_organisations"]),
        ),
    )
    if body is None:
        return _body_list_page(request, form, status=400)
    messages.success(request, _("Overleg ingesteld."))
    return redirect("governance:body", pk=body.pk)


def _body(request: HttpRequest, pk: int) -> Body:
    body = get_object_or_404(
        Body.objects.select_related("municipality", "lead_organisation", "theme"), pk=pk
    )
    if not access.can_view_governance(request.user, body.municipality):
        _deny(request)
    return body


def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _body_page(request, _body(request, pk))


def _body_page(
    request: HttpRequest,
    body: Body,
    *,
    members_form: forms.BodyMembersForm | None = None,
    meeting_form: forms.MeetingForm | None = None,
) -> HttpResponse:
    """The body's page; a form given is one that was refused, shown again with its errors."""
    can_manage = access.can_manage_body(request.user, body)
    members, organisations = _offered_members(body, can_manage)
    if members_form is None:
        members_form = forms.BodyMembersForm(
            organisations=organisations,
            initial={
                "member_organisations": [o.pk for o in members],
                "version": services.body_members_version(body),
            },
        )
    refused = members_form.is_bound or meeting_form is not None
    return render(
        request,
        "governance/body_detail.html",
        {
            "body": body,
            "members": members,
            "meetings": list(body.meetings.all()),
            "history": audit_selectors.for_objects(body),
            "can_manage": can_manage,
            "members_form": members_form,
            "meeting_form": meeting_form or forms.MeetingForm(auto_id="meeting-%s"),
        },
        status=400 if refused else 200,
    )


def _offered_members(body: Body, can_manage: bool) -> tuple[list[Organisation], list[Any]]:
    """The body's members, and the organisations its members form offers to who manages it:
    those of the municipality, archived ones only while they are a member."""
    members = list(body.member_organisations.order_by("name"))
    if not can_manage:
        return members, []
    return members, list(
        Organisation.objects.filter(municipality=body.municipality)
        .filter(Q(archived_at__isnull=True) | Q(pk__in=[o.pk for o in members]))
        .order_by("name")
    )


@login_required
@require_POST
def update_body_members(request: HttpRequest, pk: int) -> HttpResponse:
    body = _body(request, pk)
    offered = _offered_members(body, access.can_manage_body(request.user, body))[1]
    form = forms.BodyMembersForm(request.POST, organisations=offered)
    if form.is_valid():
        try:
            services.update_body_members(
                request.user,
                body,
                member_organisations=list(form.cleaned_data["member_organisations"]),
                expected_version=form.cleaned_data["version"] or None,
            )
        except ValidationError as exc:
            show_errors(form, exc)
        except Conflict as exc:  # the page shows the current members, to choose again
            messages.error(request, exc.message)
            return redirect("governance:body", pk=body.pk)
        else:
            messages.success(request, _("Leden van het overleg opgeslagen."))
            return redirect("governance:body", pk=body.pk)
    return _body_page(request, body, members_form=form)


@login_required
@require_POST
def add_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    body = _body(request, pk)
    form = forms.MeetingForm(request.POST, auto_id="meeting-%s")
    meeting = _saved(form, lambda data: services.add_meeting(request.user, body, **data))
    if meeting is None:
        return _body_page(request, body, meeting_form=form)
    messages.success(request, _("Vergadering vastgelegd."))
    return redirect("governance:meeting", pk=meeting.pk)


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("body__municipality"), pk=pk)
    if not access.can_view_governance(request.user, meeting.body.municipality):
        _deny(request)
    return meeting


def _municipality_agreements(meeting: Meeting) -> list[Agreement]:
    return list(
        Agreement.objects.filter(theme__cycle__municipality=meeting.body.municipality)
        .select_related("theme__cycle")
        .order_by("-theme__cycle__start_year", "theme__order", "order", "id")
    )


def _meeting_organisations(meeting: Meeting) -> list[Organisation]:
    """The organisations an action item of ``meeting`` can be given to."""
    return list(
        Organisation.objects.filter(
            municipality=meeting.body.municipality, archived_at__isnull=True
        )
    )


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_page(request, _meeting(request, pk))


def _meeting_page(
    request: HttpRequest,
    meeting: Meeting,
    *,
    refused: Any = None,
    status: int = 200,
) -> HttpResponse:
    """The meeting page; ``refused`` is a form that was refused, shown again with its errors
    and what was typed (an edit refused because of a change meanwhile shows the current
    texts above it)."""
    can_manage = access.can_manage_body(request.user, meeting.body)
    # Visitors without an account see agenda and decisions; minutes, action items and who
    # changed what stay with the parties (privacy by default).
    public = not request.user.is_authenticated
    items = (
        []
        if public
        else list(
            meeting.action_items.select_related(
                "owner_organisation", "owner_person", "meeting__body"
            )
        )
    )
    decisions = list(meeting.decisions.prefetch_related("agreements"))
    today = timezone.localdate()
    version = services.meeting_version(meeting)
    context: dict[str, Any] = {
        "meeting": meeting,
        "body": meeting.body,
        "decisions": decisions,
        "rows": [
            {
                "item": i,
                "overdue": i.is_overdue(today),
                "can_update": access.can_update_action_item(request.user, i),
            }
            for i in items
        ],
        "statuses": ActionItem.Status.choices,
        "can_manage": can_manage,
        "version": version,
        "history": [] if public else audit_selectors.for_objects(meeting, *decisions, *items),
    }
    if can_manage:
        edit_form = forms.MeetingEditForm(
            initial={
                "date": meeting.date,
                "agenda": meeting.agenda,
                "minutes": meeting.minutes,
                "version": version,
            }
        )
        if isinstance(refused, forms.MeetingEditForm):
            edit_form = refused
            edit_form.data = edit_form.data.copy()
            edit_form.data["version"] = version  # saving again is a deliberate choice
        context |= {
            "edit_form": edit_form,
            "draft": edit_form.is_bound,
            "decision_form": refused
            if isinstance(refused, forms.DecisionForm)
            else forms.DecisionForm(agreements=_municipality_agreements(meeting)),
            "item_form": refused
            if isinstance(refused, forms.ActionItemForm)
            else forms.ActionItemForm(
                municipality_id=meeting.body.municipality_id,
                organisations=_meeting_organisations(meeting),
            ),
        }
    return render(request, "governance/meeting_detail.html", context, status=status)


@login_required
@require_POST
def edit_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = forms.MeetingEditForm(request.POST)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.update_meeting(
                request.user,
                meeting,
                changes={
                    "date": data["date"],
                    "agenda": data["agenda"],
                    "minutes": data["minutes"],
                },
                expected_version=data["version"],
            )
        except ValidationError as exc:
            show_errors(form, exc)
            meeting.refresh_from_db()
            if data["version"] != services.meeting_version(meeting):
                status = 409
        else:
            messages.success(request, _("Agenda en verslag opgeslagen."))
            return redirect("governance:meeting", pk=meeting.pk)
    return _meeting_page(request, meeting, refused=form, status=status)


@login_required
@require_POST
def add_decision(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = forms.DecisionForm(request.POST, agreements=_municipality_agreements(meeting))
    decision = _saved(
        form,
        lambda data: services.add_decision(
            request.user, meeting, text=data["text"], agreements=list(data["agreements"])
        ),
    )
    if decision is None:
        return _meeting_page(request, meeting, refused=form, status=400)
    messages.success(request, _("Besluit vastgelegd."))
    return redirect("governance:meeting", pk=meeting.pk)


@login_required
@require_POST
def add_action_item(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = forms.ActionItemForm(
        request.POST,
        municipality_id=meeting.body.municipality_id,
        organisations=_meeting_organisations(meeting),
    )
    if _saved(form, lambda data: services.add_action_item(request.user, meeting, **data)) is None:
        return _meeting_page(request, meeting, refused=form, status=400)
    messages.success(request, _("Actiepunt vastgelegd."))
    return redirect("governance:meeting", pk=meeting.pk)


@login_required
@require_POST
def update_action_item(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        ActionItem.objects.select_related("meeting__body__municipality"), pk=pk
    )
    if not access.can_view_governance(request.user, item.meeting.body.municipality):
        _deny(request)
    error = ""
    form = forms.ActionItemStatusForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(error_list(form))
        item = services.update_action_item(
            request.user,
            item,
            status=form.cleaned_data["status"],
            expected_version=form.cleaned_data["version"] or None,
        )
    except ValidationError as exc:
        error = _message_of(exc)
    except Conflict as exc:
        error = exc.message
    if request.headers.get("HX-Request"):
        item = ActionItem.objects.select_related(
            "owner_organisation", "owner_person", "meeting__body"
        ).get(pk=item.pk)
        row = {
            "item": item,
            "overdue": item.is_overdue(timezone.localdate()),
            "can_update": access.can_update_action_item(request.user, item),
            "error": error,
            "saved": not error,
        }
        return render(
            request,
            "governance/_action_item_row.html",
            {"row": row, "statuses": ActionItem.Status.choices},
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Status van het actiepunt opgeslagen."))
    back = request.POST.get("next", "")
    if back == "overview":
        return redirect("governance:action_items")
    return redirect("governance:meeting", pk=item.meeting_id)


@login_required
def action_item_overview(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    overdue, upcoming = selectors.open_action_items(request.user, today)

    def rows(items: list[ActionItem], late: bool) -> list[dict[str, Any]]:
        return [
            {
                "item": i,
                "overdue": late,
                "can_update": access.can_update_action_item(request.user, i),
            }
            for i in items
        ]

    return render(
        request,
        "governance/action_items.html",
        {
            "today": today,
            "overdue": rows(overdue, True),
            "upcoming": rows(upcoming, False),
            "statuses": ActionItem.Status.choices,
        },
    )


# --- Policy ------------------------------------------------------------------------------------


def policy(request: HttpRequest) -> HttpResponse:
    return _policy_page(request)


def _policy_page(
    request: HttpRequest,
    *,
    document_form: forms.PolicyDocumentForm | None = None,
    goal_form: forms.GoalForm | None = None,
    goal_document: int | None = None,
) -> HttpResponse:
    """The policy page; a form given is one that was refused (``goal_form`` that of the document
    ``goal_document``), shown again with its errors and answered with 400."""
    municipalities = access.manageable_municipalities(request.user)
    manageable = {m.pk for m in municipalities}
    documents = []
    for document in selectors.policy_documents(request.user):
        can_manage = document.municipality_id in manageable
        form = None
        if can_manage:
            refused = goal_form is not None and goal_document == document.pk
            form = goal_form if refused else forms.GoalForm(document=document)
        documents.append(
            {
                "document": document,
                "goals": list(document.goals.all()),
                "can_manage": can_manage,
                "goal_form": form,
            }
        )
    return render(
        request,
        "governance/policy.html",
        {
            "documents": documents,
            "unserved": [
                goal
                for entry in documents
                for goal in entry["goals"]
                if goal.agreement_count == 0  # type: ignore[attr-defined]
            ],
            "municipalities": municipalities,
            "document_form": document_form
            or forms.PolicyDocumentForm(
                municipalities=municipalities, initial={"year": timezone.localdate().year}
            ),
        },
        status=200 if document_form is None and goal_form is None else 400,
    )


@login_required
@require_POST
def create_policy_document(request: HttpRequest) -> HttpResponse:
    form = forms.PolicyDocumentForm(
        request.POST, municipalities=access.manageable_municipalities(request.user)
    )
    document = _saved(
        form,
        lambda data: services.create_policy_document(
            request.user,
            data["municipality"],
            kind=data["kind"],
            title=data["title"],
            year=data["year"],
        ),
    )
    if document is None:
        return _policy_page(request, document_form=form)
    messages.success(request, _("Beleidsdocument vastgelegd. Voeg nu de doelen per thema toe."))
    return redirect(reverse("governance:policy") + f"#document-{document.pk}")


@login_required
@require_POST
def add_goal(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(PolicyDocument.objects.select_related("municipality"), pk=pk)
    if not access.can_view_governance(request.user, document.municipality):
        _deny(request)
    form = forms.GoalForm(request.POST, document=document)
    goal = _saved(form, lambda data: services.add_goal(request.user, document, **data))
    if goal is None:
        return _policy_page(request, goal_form=form, goal_document=document.pk)
    messages.success(request, _("Doel toegevoegd."))
    return redirect("governance:goal", pk=goal.pk)


def _goal(request: HttpRequest, pk: int) -> PolicyGoal:
    goal = get_object_or_404(PolicyGoal.objects.select_related("document__municipality"), pk=pk)
    if not access.can_view_governance(request.user, goal.document.municipality):
        _deny(request)
    return goal


def goal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _goal_page(request, _goal(request, pk))


def _goal_page(
    request: HttpRequest,
    goal: PolicyGoal,
    *,
    measure_form: forms.GoalMeasureForm | None = None,
    link_form: forms.GoalLinkForm | None = None,
) -> HttpResponse:
    """The goal's page; a form given is one that was refused, shown again with its errors."""
    # the parties are prefetched: deciding access per cycle then costs no query per agreement
    linked = [
        link.agreement
        for link in goal.links.select_related(
            "agreement__theme__cycle__municipality"
        ).prefetch_related(
            "agreement__theme__cycle__parties",
            "agreement__targets__indicator",
            "agreement__targets__party",
            "agreement__targets__measurements",
        )
        if accounts_access.can_view_cycle(request.user, link.agreement.theme.cycle)
    ]
    linked.sort(key=lambda a: (-a.theme.cycle.start_year, a.theme.order, a.order, a.pk))
    # what every party agreed and achieved: each agreement's targets in its latest year with
    # figures (the first year of the cycle when there are none yet)
    for agreement in linked:
        cycle = agreement.theme.cycle
        targets = list(agreement.targets.all())
        years = [
            m.year
            for t in targets
            for m in t.measurements.all()
            if cycle.start_year <= m.year <= cycle.end_year
        ]
        year = max(years, default=cycle.start_year)
        agreement.goal_year = year  # type: ignore[attr-defined]
        agreement.goal_evaluated = evaluation.evaluate_agreement_targets(  # type: ignore[attr-defined]
            [t for t in targets if t.year in (None, year)], year, cycle
        )
    cycles = list(
        Cycle.objects.filter(municipality=goal.document.municipality).prefetch_related("parties")
    )
    editable = [c for c in cycles if accounts_access.can_edit_agreements(request.user, c)]
    candidates = list(
        Agreement.objects.filter(theme__cycle__in=editable)
        .exclude(pk__in=[a.pk for a in linked])
        .select_related("theme__cycle")
        .order_by("-theme__cycle__start_year", "theme__order", "order", "id")
    )
    if link_form is not None:  # the refused form offers what the page offers
        forms.offer(link_form.fields["agreement"], candidates, forms.agreement_label)
    check = None
    if goal.measure and goal.minimum_share is not None:
        from woonafspraken.housing import selectors as housing_selectors

        check = housing_selectors.goal_check(
            goal.document.municipality_id, goal.measure, goal.minimum_share
        )
    return render(
        request,
        "governance/goal_detail.html",
        {
            "goal": goal,
            "check": check,
            "can_manage": access.can_manage_governance(request.user, goal.document.municipality_id),
            "measure_form": measure_form
            or forms.GoalMeasureForm(
                initial={"measure": goal.measure, "minimum_share": goal.minimum_share}
            ),
            "agreements": linked,
            "bid_items": _goal_bid_items(request.user, goal, cycles),
            "candidates": candidates,
            "link_form": link_form or forms.GoalLinkForm(candidates=candidates),
            "editable_cycles": {c.pk for c in editable},
        },
        status=200 if measure_form is None and link_form is None else 400,
    )


def _goal_bid_items(user: Any, goal: PolicyGoal, cycles: list[Cycle]) -> list[BidItem]:
    """The bid lines that serve ``goal``, of the bids ``user`` may see, in one query."""
    per_cycle = [
        Q(cycle=cycle) & allowed
        for cycle in cycles
        if (allowed := access.visible_bids_filter(user, cycle)) is not None
    ]
    if not per_cycle:  # no bid of any cycle (an anonymous visitor): no query at all
        return []
    visible = per_cycle[0]
    for condition in per_cycle[1:]:
        visible |= condition
    items = list(
        BidItem.objects.filter(goal=goal, bid__in=Bid.objects.filter(visible))
        .select_related("bid__corporation")
        .order_by("-bid__year", "bid__corporation__name", "section", "order", "pk")
    )
    for item in items:  # only the years with a planned number
        item.goal_planned = [  # type: ignore[attr-defined]
            (year, value) for year, value in item.planned_by_year() if value is not None
        ]
    return items


@login_required
@require_POST
def goal_measure(request: HttpRequest, pk: int) -> HttpResponse:
    """Make a goal checkable against the planned new build (or no longer)."""
    goal = _goal(request, pk)
    form = forms.GoalMeasureForm(request.POST)
    if _saved(form, lambda data: services.set_goal_measure(request.user, goal, **data)) is None:
        return _goal_page(request, _goal(request, pk), measure_form=form)
    messages.success(request, _("De toets van dit doel is bewaard."))
    return redirect("governance:goal", pk=goal.pk)


@login_required
@require_POST
def link_goal(request: HttpRequest, pk: int) -> HttpResponse:
    goal = _goal(request, pk)
    form = forms.GoalLinkForm(request.POST, candidates=[])
    if form.is_valid():
        agreement = form.cleaned_data["agreement"]
        try:
            if request.POST.get("action") == "unlink":
                services.unlink_goal(request.user, goal, agreement)
                messages.success(request, _("Koppeling verwijderd."))
            else:
                services.link_goal(request.user, goal, agreement)
                messages.success(request, _("Afspraak gekoppeld aan dit doel."))
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            return redirect("governance:goal", pk=goal.pk)
    return _goal_page(request, goal, link_form=form)


# --- Bids --------------------------------------------------------------------------------------


def _cycle(request: HttpRequest, pk: int) -> Cycle:
    cycle = get_object_or_404(Cycle.objects.select_related("municipality"), pk=pk)
    if not accounts_access.can_view_cycle(request.user, cycle):
        _deny(request)
    return cycle


@login_required
def bid_list(request: HttpRequest, pk: int) -> HttpResponse:
    return _bid_list_page(request, _cycle(request, pk))


def _bid_list_page(
    request: HttpRequest, cycle: Cycle, form: forms.StartBidForm | None = None
) -> HttpResponse:
    corporations = access.bid_corporations_for(request.user, cycle)
    if form is None:  # the bid belongs to the cycle's year, whatever today's date
        form = forms.StartBidForm(corporations=corporations, initial={"year": cycle.start_year})
    return render(
        request,
        "governance/bid_list.html",
        {
            "cycle": cycle,
            "bids": selectors.visible_bids(request.user, cycle),
            "corporations": corporations,
            "form": form,
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def start_bid(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk)
    form = forms.StartBidForm(
        request.POST, corporations=access.bid_corporations_for(request.user, cycle)
    )
    bid = _saved(  # every problem at once, nothing written
        form,
        lambda data: services.start_bid(
            request.user, cycle, data["corporation"], year=data["year"]
        ),
    )
    if bid is None:
        return _bid_list_page(request, cycle, form)
    messages.success(request, _("Concept-bod aangemaakt."))
    return redirect("governance:bid", pk=bid.pk)


def _bid(request: HttpRequest, pk: int) -> Bid:
    bid = get_object_or_404(Bid.objects.select_related("cycle__municipality", "corporation"), pk=pk)
    if not access.can_view_bid(request.user, bid):
        _deny(request)
    return bid


@login_required
def bid_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _bid_page(request, _bid(request, pk))


def _item_form(
    bid: Bid, goals: list[PolicyGoal], data: Any = None, item: BidItem | None = None
) -> forms.BidItemForm:
    """The form of one bid row: a new one, or ``item`` as it is now."""
    if item is None:
        return forms.BidItemForm(
            data, goals=goals, years=bid.planned_years, ids="new-item", new=True
        )
    initial = {
        "section": item.section,
        "description": item.description,
        "postcode": item.postcode,
        "goal": item.goal_id,
        "version": services.bid_item_version(item),
        **{f"planned_{i}": value for i, value in enumerate(item.planned, start=1)},
    }
    return forms.BidItemForm(
        data, goals=goals, years=bid.planned_years, ids=f"item-{item.pk}", initial=initial
    )


def _bid_page(
    request: HttpRequest,
    bid: Bid,
    errors: list[str] | None = None,
    *,
    refused: Any = None,
    refused_item: int | None = None,
    status: int = 200,
) -> HttpResponse:
    """The bid page; ``refused`` is a form that was refused (``refused_item`` the row whose
    form it is), shown again with its errors and what was typed."""
    texts = {s.section: s.text for s in bid.sections.all()}
    items = list(bid.items.select_related("agreement", "goal"))
    can_convert = accounts_access.can_edit_agreements(request.user, bid.cycle)
    can_edit = access.can_edit_bid(request.user, bid)
    item_form = texts_form = None
    if can_edit:  # each line's form offers the municipality's goals, read once
        goals = list(services.bid_goals(bid).values())
        for item in items:
            item.form = (  # type: ignore[attr-defined]
                refused if refused_item == item.pk else _item_form(bid, goals, item=item)
            )
        item_form = (
            refused
            if isinstance(refused, forms.BidItemForm) and refused_item is None
            else _item_form(bid, goals)
        )
        if isinstance(refused, forms.BidTextsForm):
            texts_form = refused
        else:
            # Texts refused because someone else changed them meanwhile come back in the form.
            draft = request.session.pop(f"governance.bid_draft.{bid.pk}", None) or {}
            texts_form = forms.BidTextsForm(
                initial={
                    **{f"section-{s}": draft.get(s, texts.get(s, "")) for s in Section.values},
                    **{f"version-{s}": versions.text_version(texts.get(s)) for s in Section.values},
                }
            )
            texts_form.drafted = set(draft)  # type: ignore[attr-defined]
            for letter in draft:
                field = texts_form.fields.get(f"section-{letter}")
                if field is not None:
                    field.widget.attrs["aria-describedby"] = f"text-{letter}-draft"
    return render(
        request,
        "governance/bid_detail.html",
        {
            "bid": bid,
            "cycle": bid.cycle,
            "sections": [
                {
                    "letter": letter,
                    "label": label,
                    "text": texts.get(letter, ""),
                    "field": texts_form[f"section-{letter}"] if texts_form else None,
                    "version": texts_form[f"version-{letter}"] if texts_form else None,
                    "drafted": letter in getattr(texts_form, "drafted", ()),
                    "items": [i for i in items if i.section == letter],
                }
                for letter, label in Section.choices
            ],
            "years": bid.planned_years,
            "can_edit": can_edit,
            "texts_form": texts_form,
            "item_form": item_form,
            "refused_item": refused_item,
            "can_convert": can_convert,
            "errors": errors or [],
            "history": selectors.bid_history(bid),
        },
        status=status,
    )


@login_required
@require_POST
def save_bid_texts(request: HttpRequest, pk: int) -> HttpResponse:
    bid = _bid(request, pk)
    form = forms.BidTextsForm(request.POST)
    if form.is_valid():
        sections, seen = form.sections(), form.seen()
        try:
            services.save_bid_content(
                request.user, bid, sections=sections, items=None, expected_versions=seen
            )
        except services.BidRejected as exc:
            form.reject(exc)
        except ValidationError as exc:  # the cycle's phase does not allow it
            show_errors(form, exc)
        except Conflict as exc:
            # Keep what the person typed: the page shows it again, over the current texts.
            request.session[f"governance.bid_draft.{bid.pk}"] = {
                letter: text
                for letter, text in sections.items()
                if versions.text_version(text) != seen.get(letter)
            }
            messages.error(request, exc.message)
            return redirect("governance:bid", pk=bid.pk)
        else:
            messages.success(request, _("Teksten van het bod opgeslagen."))
            return redirect("governance:bid", pk=bid.pk)
    return _bid_page(request, bid, refused=form, status=400)


@login_required
@require_POST
def add_bid_item(request: HttpRequest, pk: int) -> HttpResponse:
    bid = _bid(request, pk)
    form = _item_form(bid, list(services.bid_goals(bid).values()), request.POST)
    if form.is_valid():
        try:
            services.add_bid_item(request.user, bid, item=form.item())
        except services.BidRejected as exc:
            form.reject(exc)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Regel toegevoegd."))
            return redirect("governance:bid", pk=bid.pk)
    return _bid_page(request, bid, refused=form, status=400)


def _bid_item(request: HttpRequest, pk: int) -> BidItem:
    item = get_object_or_404(BidItem, pk=pk)
    item.bid = _bid(request, item.bid_id)
    return item


@login_required
@require_POST
def update_bid_item(request: HttpRequest, pk: int) -> HttpResponse:
    item = _bid_item(request, pk)
    form = _item_form(item.bid, list(services.bid_goals(item.bid).values()), request.POST, item)
    if form.is_valid():
        try:
            services.update_bid_item(
                request.user,
                item,
                changes=form.item(),
                expected_version=form.cleaned_data["version"] or None,
            )
        except services.BidRejected as exc:
            form.reject(exc)
        except ValidationError as exc:
            show_errors(form, exc)
        except Conflict as exc:  # the page shows the row as it is now
            messages.error(request, exc.message)
            return redirect(reverse("governance:bid", args=[item.bid_id]) + f"#item-{item.pk}")
        else:
            messages.success(request, _("Regel opgeslagen."))
            return redirect(reverse("governance:bid", args=[item.bid_id]) + f"#item-{item.pk}")
    return _bid_page(request, item.bid, refused=form, refused_item=item.pk, status=400)


@login_required
@require_POST
def remove_bid_item(request: HttpRequest, pk: int) -> HttpResponse:
    item = _bid_item(request, pk)
    form = forms.VersionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(error_list(form))
        services.remove_bid_item(
            request.user, item, expected_version=form.cleaned_data["version"] or None
        )
    except ValidationError as exc:
        messages.error(request, _message_of(exc))
    except Conflict as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Regel verwijderd."))
    return redirect("governance:bid", pk=item.bid_id)


@login_required
@require_POST
def submit_bid(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        bid = services.submit_bid(request.user, _bid(request, pk))
    except ValidationError as exc:
        messages.error(request, _message_of(exc))
        return redirect("governance:bid", pk=pk)
    if bid.late:
        messages.warning(request, _("Bod ingediend, na de termijn van 1 juli."))
    else:
        messages.success(request, _("Bod ingediend."))
    return redirect("governance:bid", pk=bid.pk)


@login_required
def bid_excel(request: HttpRequest, pk: int) -> HttpResponse:
    bid = _bid(request, pk)
    response = HttpResponse(
        excel.export_bid(bid),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{excel.filename_for(bid)}"'
    return response


@login_required
@require_POST
def bid_excel_import(request: HttpRequest, pk: int) -> HttpResponse:
    """The upload gate, then a job that reads the workbook in the background (its page
    follows, with the lines or every error; nothing changes before the user confirms)."""
    bid = _bid(request, pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Kies een Excel-bestand."))
        return redirect("governance:bid", pk=bid.pk)
    try:
        data = uploads.check(
            upload,
            kind=excel.UPLOAD_KIND,
            permitted=lambda: access.can_edit_bid(request.user, bid),
        )
    except uploads.UploadRejected as exc:
        messages.error(request, _("Er is niets ingelezen: verbeter de fouten hieronder."))
        return _bid_page(request, bid, errors=[exc.message], status=400)
    job = upload_jobs.start(
        request.user,
        BID_JOB,
        filename=upload.name or excel.filename_for(bid),
        data=data,
        params={"bid": bid.pk},
    )
    return redirect("uploadjobs:job", job.pk)


@login_required
@require_http_methods(["GET", "POST"])
def bid_item_to_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    """A bid line becomes a concept agreement in one step: the form offers the cycle's themes."""
    item = get_object_or_404(BidItem.objects.select_related("bid__cycle", "agreement"), pk=pk)
    item.bid = _bid(request, item.bid_id)
    cycle = item.bid.cycle
    if not accounts_access.can_edit_agreements(request.user, cycle):
        _deny(request)
    if item.agreement is not None:
        messages.info(request, _("Van deze regel is al een afspraak gemaakt."))
        return redirect(reverse("agreement", args=[item.agreement.pk]))
    form = agreement_forms.ConceptAgreementForm(request.POST or None, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agreement = services.turn_item_into_agreement(
                request.user,
                item,
                theme=data["theme"],
                indicator=data["indicator"],
                number=data["number"],
                kind=data["kind"],
            )
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            messages.success(request, _("Concept-afspraak gemaakt uit de regel van het bod."))
            return redirect(reverse("agreement", args=[agreement.pk]))
    return render(
        request,
        "governance/bid_item_agreement.html",
        {"item": item, "cycle": cycle, "form": form},
        status=400 if form.errors else 200,
    )
