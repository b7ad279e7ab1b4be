"""API v1 for governance and bids: parse input, call selectors or services, shape JSON.

Bodies and meetings are open data for a municipality with a published cycle (the rule is in
:mod:`.access`); bids are never public and follow :func:`.access.can_view_bid`.
"""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from woonafspraken.accounts import access as accounts_access
from woonafspraken.agreements.api import (
    AgreementRecordSerializer,
    agreement_record_json,
    indicator_named,
)
from woonafspraken.agreements.models import Agreement, Cycle, Target, Theme
from woonafspraken.api.framework import (
    MAX_ID,
    ApiView,
    InputSerializer,
    PageQuery,
    Problem,
    RefSerializer,
    flag,
    id_parameter,
    ids,
    invalid,
    no_query,
    paginate,
    paginated,
    problems,
    read_body,
    read_query,
    ref,
    service_errors,
    year_field,
)
from woonafspraken.api.views import MunicipalitySerializer, visible_cycle

from . import access, selectors, services
from .models import (
    BID_YEARS,
    ActionItem,
    Bid,
    BidItem,
    Body,
    GoalLink,
    Meeting,
    PolicyGoal,
    Section,
)

# --- Shapes ----------------------------------------------------------------------------------


class BodySerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=Body.Kind.values)
    municipality = MunicipalitySerializer()
    theme = serializers.CharField(allow_null=True)
    themeId = serializers.IntegerField(allow_null=True)
    leadOrganisation = RefSerializer(allow_null=True)
    members = RefSerializer(many=True)


class DecisionSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    text = serializers.CharField()
    agreements = serializers.ListField(child=serializers.IntegerField(), help_text="ids")


class ActionItemSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    description = serializers.CharField()
    ownerOrganisation = RefSerializer(allow_null=True)
    ownerPerson = serializers.CharField(allow_null=True)
    dueDate = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=ActionItem.Status.values)
    overdue = serializers.BooleanField()


class MeetingSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    body = RefSerializer()
    date = serializers.DateField()
    agenda = serializers.CharField(allow_blank=True)
    minutes = serializers.CharField(allow_blank=True)
    decisions = DecisionSerializer(many=True)
    actionItems = ActionItemSerializer(many=True)


class SectionsSerializer(InputSerializer):
    """Text per part a–f (Btiv 2015 art. 39)."""

    a = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    b = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    c = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    d = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    e = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    f = serializers.CharField(required=False, allow_blank=True, max_length=20000)


PLANNED_HELP = f"aantal per jaar, hoogstens {BID_YEARS} jaren na het jaar van het bod"


class BidItemInputSerializer(InputSerializer):
    section = serializers.ChoiceField(choices=Section.values)
    description = serializers.CharField(max_length=300)
    postcode = serializers.RegexField(
        r"^[1-9][0-9]{3}$",
        required=False,
        allow_null=True,
        help_text="4 cijfers; verplicht bij onderdeel c",
    )
    planned = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=999_999_999, allow_null=True),
        max_length=BID_YEARS,
        required=False,
        help_text=PLANNED_HELP,
        error_messages={"max_length": _lazy("Geef hoogstens vijf jaarcijfers op, één per jaar.")},
    )
    goal = ids(
        "een beleidsdoel",
        "id van het beleidsdoel (van de gemeente van het bod) waaraan de regel bijdraagt",
        required=False,
        allow_null=True,
    )


class BidItemSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    section = serializers.ChoiceField(choices=Section.values)
    description = serializers.CharField()
    postcode = serializers.CharField(allow_null=True)
    planned = serializers.ListField(
        child=serializers.IntegerField(allow_null=True), help_text=PLANNED_HELP
    )
    agreement = serializers.IntegerField(allow_null=True, help_text="id van de afspraak")
    goal = serializers.IntegerField(allow_null=True, help_text="id van het beleidsdoel")


class BidSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    cycle = serializers.IntegerField()
    corporation = RefSerializer()
    year = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Bid.Status.values)
    due = serializers.DateField()
    submittedAt = serializers.DateTimeField(allow_null=True)
    late = serializers.BooleanField()
    plannedYears = serializers.ListField(child=serializers.IntegerField())
    sections = SectionsSerializer()
    items = BidItemSerializer(many=True)


class BidInputSerializer(InputSerializer):
    cycle = ids("de cyclus")
    corporation = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        required=False,
        help_text="Nodig als u voor meer dan één corporatie een bod mag doen.",
    )
    year = year_field()
    sections = SectionsSerializer(required=False)
    items = BidItemInputSerializer(many=True, required=False, help_text="Vervangt alle regels.")
    submit = flag(required=False, default=False, help_text="Meteen indienen.")


class MeetingsQuery(PageQuery):
    body = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, required=False, help_text="alleen van dit overleg"
    )


# --- JSON ------------------------------------------------------------------------------------


def _body_json(body: Body) -> dict[str, Any]:
    return {
        "id": body.pk,
        "name": body.name,
        "kind": body.kind,
        "municipality": {"cbsCode": body.municipality.cbs_code, "name": body.municipality.name},
        "theme": body.theme_name or None,
        "themeId": body.theme_id,
        "leadOrganisation": ref(body.lead_organisation),
        "members": [ref(o) for o in body.member_organisations.all()],
    }


def _item_json(item: ActionItem, today: Any) -> dict[str, Any]:
    return {
        "id": item.pk,
        "description": item.description,
        "ownerOrganisation": ref(item.owner_organisation),
        "ownerPerson": str(item.owner_person) if item.owner_person else None,
        "dueDate": item.due_date,
        "status": item.status,
        "overdue": item.is_overdue(today),
    }


def _meeting_json(m: Meeting, today: Any, public: bool) -> dict[str, Any]:
    """``public``: a visitor without an account gets agenda and decisions only; minutes and
    action items (with the people they are assigned to) stay with the parties, as on the web
    page (privacy by default)."""
    return {
        "id": m.pk,
        "body": {"id": m.body_id, "name": m.body.name},
        "date": m.date,
        "agenda": m.agenda,
        "minutes": "" if public else m.minutes,
        "decisions": [
            {"id": d.pk, "text": d.text, "agreements": [a.pk for a in d.agreements.all()]}
            for d in m.decisions.all()
        ],
        "actionItems": [] if public else [_item_json(i, today) for i in m.action_items.all()],
    }


def _bid_json(bid: Bid) -> dict[str, Any]:
    return {
        "id": bid.pk,
        "cycle": bid.cycle_id,
        "corporation": ref(bid.corporation),
        "year": bid.year,
        "status": bid.status,
        "due": bid.due,
        "submittedAt": bid.submitted_at,
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
                "goal": i.goal_id,
            }
            for i in bid.items.all()
        ],
    }


# --- Views -----------------------------------------------------------------------------------


class Bodies(ApiView):
    @extend_schema(
        operation_id="listBodies",
        summary="Overleggen (bestuurlijk overleg, projectleidersoverleg, werkgroepen)",
        description="Openbaar voor een gemeente met gepubliceerde prestatieafspraken; "
        "anders alleen voor leden van organisaties in die gemeente.",
        parameters=[PageQuery],
        responses={200: paginated(BodySerializer), **problems(400, 404)},
    )
    def get(self, request: Request) -> Response:
        query = read_query(request, PageQuery)
        return paginate(
            request,
            query,
            selectors.bodies(request.user),
            lambda page: list(BodySerializer([_body_json(b) for b in page], many=True).data),
        )


class Meetings(ApiView):
    @extend_schema(
        operation_id="listMeetings",
        summary="Vergaderingen met besluiten en actiepunten",
        description="Zonder token alleen agenda en besluiten; verslag en actiepunten (met "
        "wie ze uitvoert) alleen voor ingelogde partijen.",
        parameters=[MeetingsQuery],
        responses={200: paginated(MeetingSerializer), **problems(400, 404)},
    )
    def get(self, request: Request) -> Response:
        query = read_query(request, MeetingsQuery)
        qs = selectors.meetings(request.user).order_by("-date", "-id")
        if query.get("body") is not None:
            qs = qs.filter(body_id=query["body"])
        today = timezone.localdate()
        public = not request.user.is_authenticated
        return paginate(
            request,
            query,
            qs,
            lambda page: list(
                MeetingSerializer([_meeting_json(m, today, public) for m in page], many=True).data
            ),
        )


class CycleBids(ApiView):
    @extend_schema(
        operation_id="listCycleBids",
        summary="Biedingen van een cyclus die u mag zien",
        description="Een bod ziet altijd de eigen corporatie; na indienen ook de gemeente "
        "en de eigen huurdersorganisatie; vanaf de onderhandelingsfase alle partijen.",
        parameters=[id_parameter("id van de cyclus"), PageQuery],
        responses={200: paginated(BidSerializer), **problems(400, 404)},
    )
    def get(self, request: Request, id: int) -> Response:
        query = read_query(request, PageQuery)
        cycle = visible_cycle(request, id)
        return paginate(
            request,
            query,
            selectors.visible_bids_queryset(request.user, cycle),
            lambda page: list(BidSerializer([_bid_json(b) for b in page], many=True).data),
        )


def _rejected(exc: services.BidRejected) -> Problem:
    refused = invalid(
        [
            {
                "name": e.field if e.index is None else f"items[{e.index}].{e.field}",
                "reason": str(e.message),
            }
            for e in exc.errors
        ]
    )
    return Problem(
        400,
        _("Het bod is niet opgeslagen: %(reason)s") % {"reason": exc.errors[0].message},
        **refused.extra,
    )


class Bids(ApiView):
    @extend_schema(
        operation_id="saveBid",
        summary="Het bod van de eigen corporatie opslaan of indienen (token)",
        description="201 voor een nieuw bod, 200 als het concept is bijgewerkt; een ingediend "
        "bod wijzigt niet meer (409).",
        request=BidInputSerializer,
        responses={
            201: BidSerializer,
            200: BidSerializer,
            **problems(400, 403, 404, 409, 415),
        },
    )
    def post(self, request: Request) -> Response:
        no_query(request)
        user = request.user
        accounts_access.require(user.is_authenticated, _("Log in met een token."))
        data = read_body(request, BidInputSerializer)
        cycle = Cycle.objects.filter(pk=data["cycle"]).first()
        if cycle is None or not accounts_access.can_view_cycle(user, cycle):
            raise Problem(404, _("Deze prestatieafspraken bestaan niet."))
        corporations = access.bid_corporations_for(user, cycle)
        wanted = data.get("corporation")
        if wanted is not None:
            corporations = [c for c in corporations if c.pk == wanted]
        if not corporations:
            raise Problem(403, _("U mag voor geen corporatie in deze cyclus een bod doen."))
        if len(corporations) > 1:
            raise invalid([{"name": "corporation", "reason": _("Geef aan voor welke corporatie.")}])
        corporation, year = corporations[0], data["year"]
        items = data.get("items")
        try:
            with transaction.atomic():
                bid = Bid.objects.filter(cycle=cycle, corporation=corporation, year=year).first()
                created = bid is None
                if bid is None:
                    bid = services.start_bid(user, cycle, corporation, year=year)
                elif bid.status != Bid.Status.DRAFT:
                    raise Problem(409, _("Dit bod is al ingediend en kan niet meer wijzigen."))
                bid = services.save_bid_content(
                    user,
                    bid,
                    sections=data.get("sections"),
                    items=[dict(i) for i in items] if items is not None else None,
                    channel="api",
                )
                if data["submit"]:
                    bid = services.submit_bid(user, bid, channel="api")
        except services.BidRejected as exc:
            raise _rejected(exc) from None
        bid = Bid.objects.select_related("corporation").get(pk=bid.pk)
        return Response(BidSerializer(_bid_json(bid)).data, status=201 if created else 200)


# --- From bid line and policy goal to agreement -----------------------------------------------


class ConceptAgreementInputSerializer(InputSerializer):
    theme = ids("het thema")
    indicator = ids(
        "een indicator",
        "id van een indicator die aantallen telt: elk gepland aantal wordt een norm voor dat jaar",
        required=False,
        allow_null=True,
    )
    number = serializers.CharField(
        max_length=20, required=False, allow_blank=True, help_text="leeg: het volgende nummer"
    )
    kind = serializers.ChoiceField(
        choices=["min", "max", "exact"],
        required=False,
        help_text="soort norm voor de geplande aantallen (standaard min)",
    )


class BidItemAgreement(ApiView):
    @extend_schema(
        operation_id="turnBidItemIntoAgreement",
        summary="Van een regel van een bod een concept-afspraak maken (coördinator)",
        description="In één stap: de afspraak komt in een thema van de cyclus en verwijst "
        "terug naar de regel. Een regel waarvan al een afspraak is gemaakt: 400.",
        parameters=[id_parameter("id van de regel van het bod")],
        request=ConceptAgreementInputSerializer,
        responses={201: AgreementRecordSerializer, **problems(400, 403, 404, 409, 415)},
    )
    def post(self, request: Request, id: int) -> Response:
        no_query(request)
        user = request.user
        accounts_access.require(user.is_authenticated, _("Log in met een token."))
        item = BidItem.objects.select_related("bid__cycle", "bid__corporation").filter(pk=id)
        found = item.first()
        if found is None or not access.can_view_bid(user, found.bid):
            raise Problem(404, _("Deze regel van een bod bestaat niet."))
        data = read_body(request, ConceptAgreementInputSerializer)
        cycle = found.bid.cycle
        params: list[dict[str, str]] = []
        theme = Theme.objects.filter(pk=data["theme"], cycle=cycle).first()
        if theme is None:
            params.append({"name": "theme", "reason": _("Kies een thema van deze cyclus.")})
        indicator = indicator_named(data.get("indicator"), params)
        if params:
            raise invalid(params)
        with service_errors():
            agreement = services.turn_item_into_agreement(
                user,
                found,
                theme=theme,
                indicator=indicator,
                number=data.get("number", ""),
                kind=data.get("kind", Target.Kind.MIN),
            )
        agreement = Agreement.objects.select_related("theme", "lead_party").get(pk=agreement.pk)
        return Response(
            AgreementRecordSerializer(agreement_record_json(agreement)).data, status=201
        )


class GoalLinkInputSerializer(InputSerializer):
    agreement = ids("de afspraak")


class GoalLinkSerializer(serializers.Serializer[Any]):
    goal = serializers.IntegerField(help_text="id van het beleidsdoel")
    agreement = serializers.IntegerField(help_text="id van de afspraak")


class PolicyGoalLinks(ApiView):
    @extend_schema(
        operation_id="linkAgreementToGoal",
        summary="Een afspraak koppelen aan een doel uit het beleid (coördinator)",
        description="Het doel (woonvisie of volkshuisvestingsprogramma) en de afspraak horen "
        "bij dezelfde gemeente. Een bestaande koppeling blijft staan (200).",
        parameters=[id_parameter("id van het beleidsdoel")],
        request=GoalLinkInputSerializer,
        responses={
            201: GoalLinkSerializer,
            200: GoalLinkSerializer,
            **problems(400, 403, 404, 415),
        },
    )
    def post(self, request: Request, id: int) -> Response:
        no_query(request)
        user = request.user
        accounts_access.require(user.is_authenticated, _("Log in met een token."))
        goal = PolicyGoal.objects.select_related("document").filter(pk=id).first()
        if goal is None:
            raise Problem(404, _("Dit beleidsdoel bestaat niet."))
        data = read_body(request, GoalLinkInputSerializer)
        agreement = (
            Agreement.objects.select_related("theme__cycle").filter(pk=data["agreement"]).first()
        )
        if agreement is None or not accounts_access.can_view_cycle(user, agreement.theme.cycle):
            raise invalid([{"name": "agreement", "reason": _("Deze afspraak bestaat niet.")}])
        existed = GoalLink.objects.filter(goal=goal, agreement=agreement).exists()
        with service_errors():
            services.link_goal(user, goal, agreement)
        body = GoalLinkSerializer({"goal": goal.pk, "agreement": agreement.pk}).data
        return Response(body, status=200 if existed else 201)
