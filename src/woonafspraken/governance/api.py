"""API v1 for governance and bids: parse input, call selectors or services, shape JSON.

Bodies and meetings are open data for a municipality with a published cycle (the rule is in
:mod:`.access`); bids are never public and follow :func:`.access.can_view_bid`.
"""

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from woonafspraken.accounts import access as accounts_access
from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Cycle
from woonafspraken.api.framework import TITLES, Problem, endpoint, int_param, json_body, paginate

from . import access, selectors, services
from .models import ActionItem, Bid, Body, Meeting


def _ref(org: Organisation | None) -> dict[str, Any] | None:
    return {"id": org.pk, "name": org.name} if org else None


def _body_json(body: Body) -> dict[str, Any]:
    return {
        "id": body.pk,
        "name": body.name,
        "kind": body.kind,
        "municipality": {"cbsCode": body.municipality.cbs_code, "name": body.municipality.name},
        "theme": body.theme_name or None,
        "themeId": body.theme_id,
        "leadOrganisation": _ref(body.lead_organisation),
        "members": [_ref(o) for o in body.member_organisations.all()],
    }


@endpoint("GET")
def bodies(request: HttpRequest) -> Any:
    return paginate(request, list(selectors.bodies(request.api_user)), _body_json)  # type: ignore[attr-defined]


def _item_json(item: ActionItem, today: Any) -> dict[str, Any]:
    return {
        "id": item.pk,
        "description": item.description,
        "ownerOrganisation": _ref(item.owner_organisation),
        "ownerPerson": str(item.owner_person) if item.owner_person else None,
        "dueDate": item.due_date.isoformat() if item.due_date else None,
        "status": item.status,
        "overdue": item.is_overdue(today),
    }


@endpoint("GET")
def meetings(request: HttpRequest) -> Any:
    qs = selectors.meetings(request.api_user)  # type: ignore[attr-defined]
    body_id = int_param(request, "body")
    if body_id is not None:
        qs = qs.filter(body_id=body_id)
    today = timezone.localdate()

    def render(m: Meeting) -> dict[str, Any]:
        return {
            "id": m.pk,
            "body": {"id": m.body_id, "name": m.body.name},
            "date": m.date.isoformat(),
            "agenda": m.agenda,
            "minutes": m.minutes,
            "decisions": [
                {"id": d.pk, "text": d.text, "agreements": [a.pk for a in d.agreements.all()]}
                for d in m.decisions.all()
            ],
            "actionItems": [_item_json(i, today) for i in m.action_items.all()],
        }

    return paginate(request, list(qs), render)


def _bid_json(bid: Bid) -> dict[str, Any]:
    return {
        "id": bid.pk,
        "cycle": bid.cycle_id,
        "corporation": _ref(bid.corporation),
        "year": bid.year,
        "status": bid.status,
        "due": bid.due.isoformat(),
        "submittedAt": bid.submitted_at.isoformat() if bid.submitted_at else None,
        "late": bid.late,
        "plannedYears": bid.planned_years,
        "sections": {s.section: s.text for s in bid.sections.all()},
        "items": [
            {
                "id": i.pk,
                "section": i.section,
                "description": i.description,
                "postcode": i.postcode or None,
                "planned": i.planned,
                "agreement": i.agreement_id,
            }
            for i in bid.items.all()
        ],
    }


@endpoint("GET")
def cycle_bids(request: HttpRequest, pk: int) -> Any:
    cycle = get_object_or_404(Cycle.objects.select_related("municipality"), pk=pk)
    if not accounts_access.can_view_cycle(request.api_user, cycle):  # type: ignore[attr-defined]
        raise Problem(
            404, TITLES[404], "Deze prestatieafspraken bestaan niet of zijn niet openbaar."
        )
    return paginate(request, selectors.visible_bids(request.api_user, cycle), _bid_json)  # type: ignore[attr-defined]


def _rejected(exc: services.BidRejected) -> Problem:
    errors = [
        {
            "name": e.field if e.index is None else f"items[{e.index}].{e.field}",
            "reason": e.message,
        }
        for e in exc.errors
    ]
    return Problem(
        400,
        TITLES[400],
        "Het bod is niet opgeslagen: " + exc.errors[0].message,
        invalidParams=errors,
    )


@endpoint("POST")
def post_bid(request: HttpRequest) -> Any:
    """Create (201) or replace the content of (200) the caller's corporation's draft bid."""
    user = request.api_user  # type: ignore[attr-defined]
    accounts_access.require(user.is_authenticated, "Log in met een token.")
    data = json_body(request)
    cycle_id = data.get("cycle")
    year = data.get("year")
    if not isinstance(cycle_id, int) or not isinstance(year, int):
        raise Problem(400, TITLES[400], "Geef ‘cycle’ en ‘year’ als gehele getallen.")
    cycle = Cycle.objects.filter(pk=cycle_id).first()
    if cycle is None or not accounts_access.can_view_cycle(user, cycle):
        raise Problem(404, TITLES[404], "Deze prestatieafspraken bestaan niet.")
    corporations = access.bid_corporations_for(user, cycle)
    wanted = data.get("corporation")
    if wanted is not None:
        corporations = [c for c in corporations if c.pk == wanted]
    if not corporations:
        raise Problem(403, TITLES[403], "U mag voor geen corporatie in deze cyclus een bod doen.")
    if len(corporations) > 1:
        raise Problem(400, TITLES[400], "Geef met ‘corporation’ aan voor welke corporatie.")
    corporation = corporations[0]
    items = data.get("items")
    try:
        with transaction.atomic():
            bid = Bid.objects.filter(cycle=cycle, corporation=corporation, year=year).first()
            created = bid is None
            if bid is None:
                bid = services.start_bid(user, cycle, corporation, year=year)
            elif bid.status != Bid.Status.DRAFT:
                raise Problem(
                    409, TITLES[409], "Dit bod is al ingediend en kan niet meer wijzigen."
                )
            bid = services.save_bid_content(
                user, bid, sections=data.get("sections"), items=items, channel="api"
            )
            if data.get("submit") is True:
                bid = services.submit_bid(user, bid, channel="api")
    except services.BidRejected as exc:
        raise _rejected(exc) from None
    bid = Bid.objects.select_related("corporation").get(pk=bid.pk)
    return (201 if created else 200), _bid_json(bid)
