"""Pages for governance, policy and bids. Thin: read through :mod:`.selectors`, write through
:mod:`.services`."""

import datetime
from typing import Any

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
from woonafspraken.accounts.models import Municipality, Organisation
from woonafspraken.agreements import evaluation
from woonafspraken.agreements import forms as agreement_forms
from woonafspraken.agreements.models import Agreement, Cycle, Theme
from woonafspraken.agreements.services import Conflict
from woonafspraken.audit import selectors as audit_selectors
from woonafspraken.forms import error_list
from woonafspraken.uploadjobs import services as upload_jobs

from . import access, excel, selectors, services
from .forms import BidItemGoalForm, GoalMeasureForm, StartBidForm
from .models import (
    BID_YEARS,
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


def _deny(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise Http404
    raise PermissionDenied(_("U heeft hier geen toegang toe."))


def _message_of(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _date(raw: str | None) -> datetime.date | None:
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise ValidationError(_("Vul een geldige datum in (jjjj-mm-dd).")) from None


def _ids(request: HttpRequest, name: str) -> list[int]:
    return [int(x) for x in request.POST.getlist(name) if x.isdigit() and len(x) <= 18]


def _id(request: HttpRequest, name: str) -> int | None:
    raw = request.POST.get(name, "")
    return int(raw) if raw.isdigit() and len(raw) <= 18 else None


def _municipality(request: HttpRequest) -> Municipality:
    """The municipality chosen in a form; whether the user may write there is the service's
    business."""
    return get_object_or_404(Municipality, pk=_id(request, "municipality") or 0)


# --- Governance --------------------------------------------------------------------------------


def body_list(request: HttpRequest) -> HttpResponse:
    municipalities = access.manageable_municipalities(request.user)
    return render(
        request,
        "governance/body_list.html",
        {
            "bodies": list(selectors.bodies(request.user)),
            "municipalities": municipalities,
            "kinds": Body.Kind.choices,
            "organisations": selectors.organisations_in(municipalities),
            "themes": selectors.themes_in(municipalities),
        },
    )


@login_required
@require_POST
def create_body(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    theme_id = _id(request, "theme")
    lead_id = _id(request, "lead_organisation")
    try:
        body = services.create_body(
            request.user,
            municipality,
            kind=request.POST.get("kind", ""),
            name=request.POST.get("name", ""),
            theme_name=request.POST.get("theme_name", ""),
            theme=get_object_or_404(Theme.objects.select_related("cycle"), pk=theme_id)
            if theme_id
            else None,
            lead_organisation=get_object_or_404(Organisation, pk=lead_id) if lead_id else None,
            member_organisations=list(
                Organisation.objects.filter(pk__in=_ids(request, "member_organisations"))
            ),
        )
    except ValidationError as exc:
        messages.error(request, _message_of(exc))
        return redirect("governance:bodies")
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
    body = _body(request, pk)
    members = list(body.member_organisations.order_by("name"))
    can_manage = access.can_manage_body(request.user, body)
    return render(
        request,
        "governance/body_detail.html",
        {
            "body": body,
            "members": members,
            "member_ids": {o.pk for o in members},
            "meetings": list(body.meetings.all()),
            "history": audit_selectors.for_objects(body),
            "can_manage": can_manage,
            "members_version": services.body_members_version(body),
            "organisations": list(
                Organisation.objects.filter(municipality=body.municipality)
                .filter(Q(archived_at__isnull=True) | Q(pk__in=[o.pk for o in members]))
                .order_by("name")
            )
            if can_manage
            else [],
        },
    )


@login_required
@require_POST
def update_body_members(request: HttpRequest, pk: int) -> HttpResponse:
    body = _body(request, pk)
    chosen = list(Organisation.objects.filter(pk__in=_ids(request, "member_organisations")))
    try:
        services.update_body_members(
            request.user,
            body,
            member_organisations=chosen,
            expected_version=request.POST.get("version") or None,
        )
    except ValidationError as exc:
        messages.error(request, _message_of(exc))
    except Conflict as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Leden van het overleg opgeslagen."))
    return redirect("governance:body", pk=body.pk)


@login_required
@require_POST
def add_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    body = _body(request, pk)
    try:
        date = _date(request.POST.get("date"))
        if date is None:
            raise ValidationError(_("Vul een geldige datum in (jjjj-mm-dd)."))
        meeting = services.add_meeting(
            request.user,
            body,
            date=date,
            agenda=request.POST.get("agenda", ""),
            minutes=request.POST.get("minutes", ""),
        )
    except ValidationError as exc:
        messages.error(request, _message_of(exc))
        return redirect("governance:body", pk=body.pk)
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


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_page(request, _meeting(request, pk))


def _meeting_page(
    request: HttpRequest,
    meeting: Meeting,
    draft: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The meeting page; ``draft`` is an edit that was refused, shown again in the form so the
    typed text is not lost."""
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
    return render(
        request,
        "governance/meeting_detail.html",
        {
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
            "version": services.meeting_version(meeting),
            "history": [] if public else audit_selectors.for_objects(meeting, *decisions, *items),
            "draft": draft,
            "form": draft
            or {
                "date": meeting.date.isoformat(),
                "agenda": meeting.agenda,
                "minutes": meeting.minutes,
            },
            "agreements": _municipality_agreements(meeting) if can_manage else [],
            "organisations": list(
                Organisation.objects.filter(
                    municipality=meeting.body.municipality, archived_at__isnull=True
                )
            )
            if can_manage
            else [],
        },
        status=status,
    )


@login_required
@require_POST
def edit_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    draft = {f: request.POST.get(f, "") for f in ("date", "agenda", "minutes")}
    try:
        date = _date(request.POST.get("date"))
        if date is None:
            raise ValidationError(_("Vul een geldige datum in (jjjj-mm-dd)."))
        services.update_meeting(
            request.user,
            meeting,
            changes={
                "date": date,
                "agenda": request.POST.get("agenda", ""),
                "minutes": request.POST.get("minutes", ""),
            },
            expected_version=request.POST.get("version", ""),
        )
    except ValidationError as exc:
        messages.error(request, _message_of(exc))
        meeting.refresh_from_db()
        stale = request.POST.get("version", "") != services.meeting_version(meeting)
        return _meeting_page(request, meeting, draft=draft, status=409 if stale else 400)
    messages.success(request, _("Agenda en verslag opgeslagen."))
    return redirect("governance:meeting", pk=meeting.pk)


@login_required
@require_POST
def add_decision(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    ids = [int(x) for x in request.POST.getlist("agreements") if x.isdigit()]
    chosen = list(Agreement.objects.filter(pk__in=ids).select_related("theme__cycle"))
    try:
        services.add_decision(
            request.user, meeting, text=request.POST.get("text", ""), agreements=chosen
        )
    except ValidationError as exc:
        messages.error(request, _message_of(exc))
    else:
        messages.success(request, _("Besluit vastgelegd."))
    return redirect("governance:meeting", pk=meeting.pk)


@login_required
@require_POST
def add_action_item(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    owner_id = request.POST.get("owner_organisation") or ""
    owner = (
        Organisation.objects.filter(
            pk=int(owner_id), municipality=meeting.body.municipality
        ).first()
        if owner_id.isdigit()
        else None
    )
    try:
        services.add_action_item(
            request.user,
            meeting,
            description=request.POST.get("description", ""),
            owner_organisation=owner,
            due_date=_date(request.POST.get("due_date")),
        )
    except ValidationError as exc:
        messages.error(request, _message_of(exc))
    else:
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
    try:
        item = services.update_action_item(
            request.user,
            item,
            status=request.POST.get("status", ""),
            expected_version=request.POST.get("version") or None,
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
    municipalities = access.manageable_municipalities(request.user)
    manageable = {m.pk for m in municipalities}
    documents = [
        {
            "document": document,
            "goals": list(document.goals.all()),
            "can_manage": document.municipality_id in manageable,
        }
        for document in selectors.policy_documents(request.user)
    ]
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
            "kinds": PolicyDocument.Kind.choices,
            "this_year": timezone.localdate().year,
        },
    )


@login_required
@require_POST
def create_policy_document(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    year = request.POST.get("year", "").strip()
    try:
        if not year.isdigit():
            raise ValidationError(_("Vul een geldig jaar in (bijvoorbeeld 2018)."))
        document = services.create_policy_document(
            request.user,
            municipality,
            kind=request.POST.get("kind", ""),
            title=request.POST.get("title", ""),
            year=int(year),
        )
    except ValidationError as exc:
        messages.error(request, _message_of(exc))
        return redirect("governance:policy")
    messages.success(request, _("Beleidsdocument vastgelegd. Voeg nu de doelen per thema toe."))
    return redirect(reverse("governance:policy") + f"#document-{document.pk}")


@login_required
@require_POST
def add_goal(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(PolicyDocument.objects.select_related("municipality"), pk=pk)
    if not access.can_view_governance(request.user, document.municipality):
        _deny(request)
    try:
        goal = services.add_goal(
            request.user,
            document,
            theme_name=request.POST.get("theme_name", ""),
            title=request.POST.get("title", ""),
            text=request.POST.get("text", ""),
        )
    except ValidationError as exc:
        messages.error(request, _message_of(exc))
        return redirect(reverse("governance:policy") + f"#document-{document.pk}")
    messages.success(request, _("Doel toegevoegd."))
    return redirect("governance:goal", pk=goal.pk)


def _goal(request: HttpRequest, pk: int) -> PolicyGoal:
    goal = get_object_or_404(PolicyGoal.objects.select_related("document__municipality"), pk=pk)
    if not access.can_view_governance(request.user, goal.document.municipality):
        _deny(request)
    return goal


def goal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    goal = _goal(request, pk)
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
            "measures": PolicyGoal.Measure.choices,
            "can_manage": access.can_manage_governance(request.user, goal.document.municipality_id),
            "agreements": linked,
            "bid_items": _goal_bid_items(request.user, goal, cycles),
            "candidates": candidates,
            "editable_cycles": {c.pk for c in editable},
        },
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
    form = GoalMeasureForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("governance:goal", pk=goal.pk)
    try:
        services.set_goal_measure(
            request.user,
            goal,
            measure=form.cleaned_data["measure"],
            minimum_share=form.cleaned_data["minimum_share"],
        )
    except ValidationError as exc:
        messages.error(request, _message_of(exc))
        return redirect("governance:goal", pk=goal.pk)
    messages.success(request, _("De toets van dit doel is bewaard."))
    return redirect("governance:goal", pk=goal.pk)


@login_required
@require_POST
def link_goal(request: HttpRequest, pk: int) -> HttpResponse:
    goal = _goal(request, pk)
    agreement_id = request.POST.get("agreement", "")
    agreement = get_object_or_404(
        Agreement.objects.select_related("theme__cycle"),
        pk=int(agreement_id) if agreement_id.isdigit() else 0,
    )
    try:
        if request.POST.get("action") == "unlink":
            services.unlink_goal(request.user, goal, agreement)
            messages.success(request, _("Koppeling verwijderd."))
        else:
            services.link_goal(request.user, goal, agreement)
            messages.success(request, _("Afspraak gekoppeld aan dit doel."))
    except ValidationError as exc:
        messages.error(request, _message_of(exc))
    return redirect("governance:goal", pk=goal.pk)


# --- Bids --------------------------------------------------------------------------------------


def _cycle(request: HttpRequest, pk: int) -> Cycle:
    cycle = get_object_or_404(Cycle.objects.select_related("municipality"), pk=pk)
    if not accounts_access.can_view_cycle(request.user, cycle):
        _deny(request)
    return cycle


@login_required
def bid_list(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk)
    return render(
        request,
        "governance/bid_list.html",
        {
            "cycle": cycle,
            "bids": selectors.visible_bids(request.user, cycle),
            "corporations": access.bid_corporations_for(request.user, cycle),
            # the bid belongs to the cycle's year, whatever today's date (a cycle set up late)
            "this_year": cycle.start_year,
        },
    )


@login_required
@require_POST
def start_bid(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk)
    form = StartBidForm(request.POST)
    if not form.is_valid():  # every problem at once, nothing written
        messages.error(request, " ".join(error_list(form)))
        return redirect("governance:bids", pk=cycle.pk)
    try:
        bid = services.start_bid(
            request.user, cycle, form.cleaned_data["corporation"], year=form.cleaned_data["year"]
        )
    except ValidationError as exc:
        messages.error(request, _message_of(exc))
        return redirect("governance:bids", pk=cycle.pk)
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


def _bid_page(
    request: HttpRequest, bid: Bid, errors: list[str] | None = None, status: int = 200
) -> HttpResponse:
    texts = {s.section: s.text for s in bid.sections.all()}
    items = list(bid.items.select_related("agreement", "goal"))
    can_convert = accounts_access.can_edit_agreements(request.user, bid.cycle)
    can_edit = access.can_edit_bid(request.user, bid)
    goal_form = None
    if can_edit:  # each line's form offers the municipality's goals, read once
        goals = list(services.bid_goals(bid).values())
        for item in items:
            item.goal_form = BidItemGoalForm(  # type: ignore[attr-defined]
                goals, initial={"goal": item.goal_id}, auto_id=f"item-{item.pk}-%s"
            )
        goal_form = BidItemGoalForm(goals, auto_id="new-item-%s")
    # Texts refused because someone else changed them meanwhile come back into the form.
    draft = request.session.pop(f"governance.bid_draft.{bid.pk}", None) or {}
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
                    "version": versions.text_version(texts.get(letter)),
                    "draft": draft.get(letter, texts.get(letter, "")),
                    "drafted": letter in draft,
                    "items": [i for i in items if i.section == letter],
                }
                for letter, label in Section.choices
            ],
            "years": bid.planned_years,
            "section_choices": Section.choices,
            "can_edit": can_edit,
            "goal_form": goal_form,
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
    sections = {letter: request.POST.get(f"section-{letter}", "") for letter in Section.values}
    seen = {
        letter: version
        for letter in Section.values
        if (version := request.POST.get(f"version-{letter}"))
    }
    try:
        services.save_bid_content(
            request.user, bid, sections=sections, items=None, expected_versions=seen
        )
    except services.BidRejected as exc:
        messages.error(request, " ".join(e.message for e in exc.errors))
    except ValidationError as exc:  # the cycle's phase does not allow it
        messages.error(request, _message_of(exc))
    except Conflict as exc:
        # Keep what the person typed: the page shows it again, over the current texts.
        request.session[f"governance.bid_draft.{bid.pk}"] = {
            letter: text
            for letter, text in sections.items()
            if versions.text_version(text) != seen.get(letter)
        }
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Teksten van het bod opgeslagen."))
    return redirect("governance:bid", pk=bid.pk)


def _bid_item_input(request: HttpRequest, bid: Bid) -> dict[str, Any]:
    """One bid row as the form sends it, in the shape the API and the Excel import give."""
    form = BidItemGoalForm(list(services.bid_goals(bid).values()), request.POST)
    # a goal the form does not offer goes on to the service, which reports it with the rest
    goal = form.cleaned_data["goal"] if form.is_valid() else request.POST.get("goal")
    return {
        "section": request.POST.get("section", ""),
        "description": request.POST.get("description", ""),
        "postcode": request.POST.get("postcode", ""),
        "planned": [request.POST.get(f"planned_{i}", "") for i in range(1, BID_YEARS + 1)],
        "goal": goal,
    }


def _bid_item_rejected(bid: Bid, exc: services.BidRejected) -> str:
    """The row's problems, each with the label of its field as the form shows it."""
    labels = {
        "section": _("Onderdeel"),
        "description": _("Omschrijving"),
        "postcode": _("Postcode"),
        "goal": _("Beleidsdoel"),
    }
    for position, year in enumerate(bid.planned_years, start=1):
        labels[f"planned_{position}"] = _("Gepland in %(year)s") % {"year": year}
    problems = " ".join(f"{labels.get(e.field, e.field)}: {e.message}" for e in exc.errors)
    return _("De regel is niet opgeslagen. %(problems)s") % {"problems": problems}


@login_required
@require_POST
def add_bid_item(request: HttpRequest, pk: int) -> HttpResponse:
    bid = _bid(request, pk)
    try:
        services.add_bid_item(request.user, bid, item=_bid_item_input(request, bid))
    except services.BidRejected as exc:
        messages.error(request, _bid_item_rejected(bid, exc))
    except ValidationError as exc:
        messages.error(request, _message_of(exc))
    else:
        messages.success(request, _("Regel toegevoegd."))
    return redirect("governance:bid", pk=bid.pk)


def _bid_item(request: HttpRequest, pk: int) -> BidItem:
    item = get_object_or_404(BidItem, pk=pk)
    item.bid = _bid(request, item.bid_id)
    return item


@login_required
@require_POST
def update_bid_item(request: HttpRequest, pk: int) -> HttpResponse:
    item = _bid_item(request, pk)
    try:
        services.update_bid_item(
            request.user,
            item,
            changes=_bid_item_input(request, item.bid),
            expected_version=request.POST.get("version") or None,
        )
    except services.BidRejected as exc:
        messages.error(request, _bid_item_rejected(item.bid, exc))
    except ValidationError as exc:
        messages.error(request, _message_of(exc))
    except Conflict as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Regel opgeslagen."))
    return redirect(reverse("governance:bid", args=[item.bid_id]) + f"#item-{item.pk}")


@login_required
@require_POST
def remove_bid_item(request: HttpRequest, pk: int) -> HttpResponse:
    item = _bid_item(request, pk)
    try:
        services.remove_bid_item(
            request.user, item, expected_version=request.POST.get("version") or None
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
            agreement_forms.show_errors(form, exc)
        else:
            messages.success(request, _("Concept-afspraak gemaakt uit de regel van het bod."))
            return redirect(reverse("agreement", args=[agreement.pk]))
    return render(
        request,
        "governance/bid_item_agreement.html",
        {"item": item, "cycle": cycle, "form": form},
        status=400 if form.errors else 200,
    )
