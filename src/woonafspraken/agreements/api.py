"""API v1 for setting up: cycles (new, or copied from last year), themes, agreements, targets
and the indicators they use (a municipality's own ones added and changed here too). Writes go
through :mod:`.services` (access checked, audited, atomic, every problem at once); a closed
cycle is a 409."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from woonafspraken import verdicts
from woonafspraken.accounts import access
from woonafspraken.accounts.models import Municipality, Organisation
from woonafspraken.api import views
from woonafspraken.api.framework import (
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
    require_token,
    service_errors,
    year_field,
)
from woonafspraken.api.views import visible_cycle

from . import services
from .models import Agreement, Cycle, Indicator, Target, Theme


class CycleThemeInputSerializer(InputSerializer):
    name = serializers.CharField(max_length=120)
    leadOrganisation = ids("de trekkende partij")
    projectLeader = ids("de projectleider", "id van een persoon van de trekkende partij")
    description = serializers.CharField(max_length=10000, allow_blank=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("leadOrganisation", "projectLeader", "description"):
            self.fields[name].required = False


class CycleThemeSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    cycle = serializers.IntegerField(help_text="id van de cyclus")
    name = serializers.CharField()
    order = serializers.IntegerField()
    leadOrganisation = RefSerializer(allow_null=True)
    projectLeader = serializers.CharField(allow_blank=True)
    description = serializers.CharField(allow_blank=True)
    archived = serializers.BooleanField()


def theme_json(theme: Theme) -> dict[str, Any]:
    lead = theme.lead_organisation
    return {
        "id": theme.pk,
        "cycle": theme.cycle_id,
        "name": theme.name,
        "order": theme.order,
        "leadOrganisation": ref(lead),
        "projectLeader": theme.project_leader_label,
        "description": theme.description,
        "archived": theme.archived,
    }


def _refused(name: str, reason: str) -> Problem:
    return Problem(
        400,
        _("De invoer klopt niet. %(reasons)s") % {"reasons": f"‘{name}’: {reason}"},
        invalidParams=[{"name": name, "reason": reason}],
    )


class CycleThemes(ApiView):
    @extend_schema(
        operation_id="createTheme",
        summary="Een thema toevoegen aan een cyclus (coördinator)",
        description="Het thema komt achteraan. De projectleider is een persoon van de trekkende "
        "partij. Een naam die de cyclus al heeft: 400. Een afgesloten cyclus: 409.",
        parameters=[id_parameter("id van de cyclus")],
        request=CycleThemeInputSerializer,
        responses={201: CycleThemeSerializer, **problems(400, 403, 404, 409, 415)},
    )
    def post(self, request: Request, id: int) -> Response:
        no_query(request)
        cycle = visible_cycle(request, id)
        if not request.user.is_authenticated:
            raise Problem(401, _("Log in met een token (Authorization: Token …)."))
        data = read_body(request, CycleThemeInputSerializer)
        lead = None
        if data.get("leadOrganisation") is not None:
            lead = cycle.parties.filter(pk=data["leadOrganisation"]).first()
            if lead is None:
                raise _refused("leadOrganisation", _("De trekker is een partij in deze cyclus."))
        leader = None
        if data.get("projectLeader") is not None:
            leader = get_user_model().objects.filter(pk=data["projectLeader"]).first()
            if leader is None:
                raise _refused("projectLeader", _("Deze persoon bestaat niet."))
        theme = services.add_theme(
            request.user,
            cycle,
            name=data["name"],
            lead_organisation=lead,
            project_leader=leader,
            description=data.get("description", ""),
            channel="api",
        )
        theme = Theme.objects.select_related("lead_organisation", "project_leader").get(pk=theme.pk)
        return Response(CycleThemeSerializer(theme_json(theme)).data, status=201)


# --- Cycles, themes, agreements and targets: creating and changing them ---------------------
#
# The routes ``cycles``, ``cycles/{id}``, ``agreements`` and ``targets`` are the read views of
# :mod:`woonafspraken.api.views` with the writes added here, through the set-up services of
# :mod:`.services` (access checked, audited, atomic, every problem at once).


def _organisations(pks: list[int], field: str, params: list[dict[str, str]]) -> list[Organisation]:
    """The organisations ``pks``; each unknown id is added to ``params`` (a 400 later)."""
    found = {o.pk: o for o in Organisation.objects.filter(pk__in=pks)}
    for pk in pks:
        if pk not in found:
            params.append(
                {"name": field, "reason": _("Organisatie %(id)s bestaat niet.") % {"id": pk}}
            )
    return [found[pk] for pk in pks if pk in found]


def _organisation(pk: int | None, field: str, params: list[dict[str, str]]) -> Any:
    if pk is None:
        return None
    found = _organisations([pk], field, params)
    return found[0] if found else None


def indicator_named(pk: int | None, params: list[dict[str, str]]) -> Indicator | None:
    """The indicator ``pk`` (None for None); an unknown id is added to ``params``."""
    if pk is None:
        return None
    found = Indicator.objects.filter(pk=pk).first()
    if found is None:
        params.append({"name": "indicator", "reason": _("Deze indicator bestaat niet.")})
    return found


def _raise_any(params: list[dict[str, str]]) -> None:
    if params:
        raise invalid(params)


class CopyReportSerializer(serializers.Serializer[Any]):
    parties = serializers.ListField(child=serializers.CharField(), help_text="meegenomen partijen")
    themes = serializers.ListField(child=serializers.CharField(), help_text="meegenomen thema's")
    projectLeaders = serializers.IntegerField(help_text="thema's met een projectleider")
    agreements = serializers.ListField(
        child=serializers.CharField(), help_text="meegenomen lopende meerjarige afspraken"
    )
    targets = serializers.IntegerField(help_text="meegenomen normen")
    ended = serializers.ListField(
        child=serializers.CharField(),
        help_text="afspraken die vóór de nieuwe looptijd afliepen en achterbleven",
    )
    archivedParties = serializers.ListField(
        child=serializers.CharField(),
        help_text="gearchiveerde partijen die achterbleven (met hun trekkerschap en normen)",
    )


class CreatedCycleSerializer(views.CycleSerializer):
    copiedFrom = serializers.IntegerField(allow_null=True, help_text="id van de bron-cyclus")
    copyReport = CopyReportSerializer(
        allow_null=True,
        help_text="wat de kopie meenam; realisaties, evaluaties, goedkeuringen, biedingen en "
        "verslagen gaan nooit mee",
    )


PARTIES_HELP = "ids van de partijen, de gemeente zelf inbegrepen"


class CycleInputSerializer(InputSerializer):
    municipality = serializers.RegexField(
        r"^GM\d{4}$",
        required=False,
        help_text="CBS-code van de gemeente, bijv. GM0935; bij copyFrom die van de bron",
    )
    title = serializers.CharField(max_length=200)
    startYear = year_field(help_text="eerste jaar")
    endYear = year_field(help_text="laatste jaar")
    parties = serializers.ListField(
        child=ids("een partij"),
        required=False,
        max_length=100,
        help_text=f"{PARTIES_HELP}; bij copyFrom die van de bron (dan niet opgeven)",
    )
    description = serializers.CharField(max_length=10000, required=False, allow_blank=True)
    copyFrom = ids(
        "de bron",
        "kopieer van vorig jaar: id van de cyclus waarvan partijen, thema's (met trekker en "
        "projectleider) en lopende meerjarige afspraken met hun normen meekomen",
        required=False,
    )

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, list[str]] = {}
        if data.get("copyFrom") is not None and "parties" in data:
            errors["parties"] = [_("Bij een kopie komen de partijen uit de bron-cyclus.")]
        if data.get("copyFrom") is None and not data.get("municipality"):
            errors["municipality"] = [_("Geef de CBS-code van de gemeente.")]
        if errors:
            raise serializers.ValidationError(errors)
        return data


class CycleChangeSerializer(InputSerializer):
    title = serializers.CharField(max_length=200, required=False)
    startYear = year_field(required=False, help_text="eerste jaar")
    endYear = year_field(required=False, help_text="laatste jaar")
    parties = serializers.ListField(
        child=ids("een partij"), required=False, max_length=100, help_text=PARTIES_HELP
    )
    description = serializers.CharField(max_length=10000, required=False, allow_blank=True)
    published = flag(
        required=False,
        help_text="true: openbaar, ook zonder account (alleen namen van organisaties); "
        "false: alleen voor de partijen. Kan in elke fase, ook na afsluiten.",
    )


class Cycles(views.Cycles):
    @extend_schema(
        operation_id="createCycle",
        summary="Een nieuwe cyclus, of kopieer van vorig jaar (coördinator of beheerder)",
        description="Zonder `copyFrom`: een cyclus in de fase voorbereiding met de gegeven "
        "partijen. Met `copyFrom`: partijen, thema's, trekkers, projectleiders en de "
        "meerjarige afspraken die in de nieuwe looptijd nog lopen, met hun normen; "
        "`copyReport` zegt wat meekwam. Elke fout in de invoer staat in `invalidParams`.",
        request=CycleInputSerializer,
        responses={201: CreatedCycleSerializer, **problems(400, 403, 415)},
    )
    def post(self, request: Request) -> Response:
        no_query(request)
        user = require_token(request)
        data = read_body(request, CycleInputSerializer)
        fields = {
            "title": data["title"],
            "start_year": data["startYear"],
            "end_year": data["endYear"],
            "description": data.get("description", ""),
            "channel": "api",
        }
        report = None
        if data.get("copyFrom") is not None:
            source = Cycle.objects.select_related("municipality").filter(pk=data["copyFrom"])
            found = source.first()
            if found is None or not access.can_view_cycle(user, found):
                raise invalid([{"name": "copyFrom", "reason": _("Deze cyclus bestaat niet.")}])
            if data.get("municipality") not in (None, found.municipality.cbs_code):
                raise invalid(
                    [
                        {
                            "name": "municipality",
                            "reason": _("De bron hoort bij een andere gemeente."),
                        }
                    ]
                )
            with service_errors():
                cycle, copied = services.copy_cycle(user, found, **fields)
            report = {**copied.as_data(), "archivedParties": copied.archived}
        else:
            params: list[dict[str, str]] = []
            municipality = Municipality.objects.filter(cbs_code=data["municipality"]).first()
            if municipality is None:
                params.append({"name": "municipality", "reason": _("Deze gemeente bestaat niet.")})
            parties = _organisations(data.get("parties", []), "parties", params)
            _raise_any(params)
            with service_errors():
                cycle = services.create_cycle(
                    user, municipality=municipality, parties=parties, **fields
                )
        cycle = Cycle.objects.select_related("municipality").get(pk=cycle.pk)
        body = {
            **views.cycle_detail_json(cycle, people=True),
            "copiedFrom": cycle.copied_from_id,
            "copyReport": report,
        }
        return Response(CreatedCycleSerializer(body).data, status=201)


class CycleDetail(views.CycleDetail):
    @extend_schema(
        operation_id="changeCycle",
        summary="Titel, looptijd, partijen of omschrijving van een cyclus wijzigen",
        description="Alleen de velden die u meestuurt veranderen. Een afgesloten cyclus: 409, "
        "behalve voor alleen `published` (openbaar maken of dat intrekken kan in elke fase).",
        parameters=[id_parameter("id van de cyclus")],
        request=CycleChangeSerializer,
        responses={200: views.CycleSerializer, **problems(400, 403, 404, 409, 415)},
    )
    def patch(self, request: Request, id: int) -> Response:
        no_query(request)
        cycle = visible_cycle(request, id)
        user = require_token(request)
        data = read_body(request, CycleChangeSerializer)
        params: list[dict[str, str]] = []
        parties = (
            _organisations(data["parties"], "parties", params)
            if "parties" in data
            else list(cycle.parties.all())
        )
        _raise_any(params)
        with service_errors(), transaction.atomic():
            if set(data) - {"published"} or not data:
                services.update_cycle(
                    user,
                    cycle,
                    title=data.get("title", cycle.title),
                    start_year=data.get("startYear", cycle.start_year),
                    end_year=data.get("endYear", cycle.end_year),
                    parties=parties,
                    description=data.get("description", cycle.description),
                    channel="api",
                )
            if "published" in data:
                services.set_publication(user, cycle, published=data["published"], channel="api")
        cycle = Cycle.objects.select_related("municipality").get(pk=cycle.pk)
        return Response(views.CycleSerializer(views.cycle_detail_json(cycle, people=True)).data)


# --- Themes ---------------------------------------------------------------------------------


class ThemeChangeSerializer(InputSerializer):
    name = serializers.CharField(max_length=120, required=False)
    leadOrganisation = ids("de trekkende partij", required=False, allow_null=True)
    projectLeader = ids(
        "de projectleider",
        "id van een persoon van de trekkende partij; null: geen",
        required=False,
        allow_null=True,
    )
    description = serializers.CharField(max_length=10000, required=False, allow_blank=True)
    order = serializers.IntegerField(
        min_value=1, max_value=1000, required=False, help_text="de nieuwe plaats (1 = eerste)"
    )
    archived = flag(required=False, help_text="true: archiveren; false: terughalen")


def _visible_theme(request: Request, pk: int) -> Theme:
    theme = Theme.objects.select_related("cycle", "lead_organisation", "project_leader")
    found = theme.filter(pk=pk).first()
    if found is None or not access.can_view_cycle(request.user, found.cycle):
        raise Problem(404, _("Dit thema bestaat niet (of is niet openbaar)."))
    return found


class ThemeDetail(ApiView):
    @extend_schema(
        operation_id="changeTheme",
        summary="Een thema hernoemen, verplaatsen, archiveren of trekker en projectleider wijzigen",
        description="Alleen de velden die u meestuurt veranderen; alles of niets. De "
        "projectleider is een persoon van de trekkende partij. Een afgesloten cyclus: 409.",
        parameters=[id_parameter("id van het thema")],
        request=ThemeChangeSerializer,
        responses={200: CycleThemeSerializer, **problems(400, 403, 404, 409, 415)},
    )
    def patch(self, request: Request, id: int) -> Response:
        no_query(request)
        theme = _visible_theme(request, id)
        user = require_token(request)
        data = read_body(request, ThemeChangeSerializer)
        params: list[dict[str, str]] = []
        lead = theme.lead_organisation
        if "leadOrganisation" in data:
            lead = _organisation(data["leadOrganisation"], "leadOrganisation", params)
        leader = theme.project_leader
        if "projectLeader" in data:
            leader = None
            if data["projectLeader"] is not None:
                leader = get_user_model().objects.filter(pk=data["projectLeader"]).first()
                if leader is None:
                    params.append(
                        {"name": "projectLeader", "reason": _("Deze persoon bestaat niet.")}
                    )
        _raise_any(params)
        details = {"name", "leadOrganisation", "projectLeader", "description"}
        with transaction.atomic(), service_errors():
            if details & set(data):
                theme = services.update_theme(
                    user,
                    theme,
                    name=data.get("name", theme.name),
                    lead_organisation=lead,
                    project_leader=leader,
                    description=data.get("description", theme.description),
                    channel="api",
                )
            if "archived" in data:
                theme = services.archive_theme(
                    user, theme, archived=data["archived"], channel="api"
                )
            if "order" in data:
                _move(user, theme, data["order"])
        theme = Theme.objects.select_related("lead_organisation", "project_leader").get(pk=theme.pk)
        return Response(CycleThemeSerializer(theme_json(theme)).data)


def _move(user: Any, theme: Theme, place: int) -> None:
    """Move ``theme`` to ``place`` (1-based) among its cycle's themes, one step at a time."""
    ordered = list(theme.cycle.themes.order_by("order", "id").values_list("pk", flat=True))
    place = min(place, len(ordered))
    for _step in range(abs(ordered.index(theme.pk) + 1 - place)):
        up = ordered.index(theme.pk) + 1 > place
        services.move_theme(user, theme, up=up, channel="api")
        ordered = list(theme.cycle.themes.order_by("order", "id").values_list("pk", flat=True))


# --- Agreements -----------------------------------------------------------------------------


class AgreementRecordSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    cycle = serializers.IntegerField(help_text="id van de cyclus")
    theme = RefSerializer()
    number = serializers.CharField()
    title = serializers.CharField()
    text = serializers.CharField(allow_blank=True)
    kind = serializers.ChoiceField(choices=Agreement.Kind.values)
    leadParty = RefSerializer(allow_null=True)
    involvedParties = RefSerializer(many=True)
    indicators = RefSerializer(many=True, help_text="gevolgde indicatoren (zonder norm)")
    startYear = serializers.IntegerField(allow_null=True, help_text="null: begin van de cyclus")
    endYear = serializers.IntegerField(allow_null=True, help_text="null: eind van de cyclus")
    archived = serializers.BooleanField()
    version = serializers.IntegerField(help_text="geef deze mee bij een wijziging")


def agreement_record_json(a: Agreement) -> dict[str, Any]:
    return {
        "id": a.pk,
        "cycle": a.theme.cycle_id,
        "theme": ref(a.theme),
        "number": a.number,
        "title": a.title,
        "text": a.text,
        "kind": a.kind,
        "leadParty": ref(a.lead_party),
        "involvedParties": [ref(p) for p in a.involved_parties.order_by("name", "id")],
        "indicators": [ref(i) for i in a.indicators.order_by("name", "id")],
        "startYear": a.start_year,
        "endYear": a.end_year,
        "archived": a.archived,
        "version": a.version,
    }


class AgreementFieldsSerializer(InputSerializer):
    number = serializers.CharField(
        max_length=20, required=False, allow_blank=True, help_text="leeg: het volgende nummer"
    )
    title = serializers.CharField(max_length=300)
    text = serializers.CharField(max_length=20000, required=False, allow_blank=True)
    kind = serializers.ChoiceField(
        choices=Agreement.Kind.values,
        required=False,
        help_text="effort: inspanningsafspraak; result: resultaatafspraak",
    )
    leadParty = ids("de trekker", required=False, allow_null=True)
    involvedParties = serializers.ListField(
        child=ids("een betrokken partij"), required=False, max_length=100
    )
    indicators = serializers.ListField(
        child=ids("een indicator"),
        required=False,
        max_length=100,
        help_text="ids van indicatoren die bij de afspraak worden gevolgd zonder norm",
    )
    startYear = year_field(required=False, allow_null=True, help_text="null: begin van de cyclus")
    endYear = year_field(
        required=False, allow_null=True, help_text="null: eind van de cyclus; later: meerjarig"
    )


class AgreementInputSerializer(AgreementFieldsSerializer):
    theme = ids("het thema")


class AgreementChangeSerializer(AgreementFieldsSerializer):
    version = serializers.IntegerField(
        min_value=1, max_value=1_000_000, help_text="de versie die u zag (409 als die verouderd is)"
    )
    archived = flag(required=False, help_text="true: archiveren; false: terughalen")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False


def _agreement_parties(data: dict[str, Any], params: list[dict[str, str]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if "leadParty" in data:
        found["lead_party"] = _organisation(data["leadParty"], "leadParty", params)
    if "involvedParties" in data:
        found["involved"] = _organisations(data["involvedParties"], "involvedParties", params)
    if "indicators" in data:
        wanted = set(data["indicators"])
        known = list(Indicator.objects.filter(pk__in=wanted))
        if len(known) != len(wanted):
            params.append({"name": "indicators", "reason": _("Deze indicator bestaat niet.")})
        found["indicators"] = known
    return found


AGREEMENT_NAMES = {"involved": "involvedParties", "involved_parties": "involvedParties"}


class Agreements(views.Agreements):
    @extend_schema(
        operation_id="createAgreement",
        summary="Een (concept)afspraak toevoegen aan een thema (coördinator)",
        description="Zonder `number` krijgt de afspraak het volgende vrije nummer in het "
        "thema. Een ondertekende of afgesloten cyclus: 409.",
        request=AgreementInputSerializer,
        responses={201: AgreementRecordSerializer, **problems(400, 403, 409, 415)},
    )
    def post(self, request: Request) -> Response:
        no_query(request)
        user = require_token(request)
        data = read_body(request, AgreementInputSerializer)
        params: list[dict[str, str]] = []
        theme = Theme.objects.select_related("cycle").filter(pk=data["theme"]).first()
        if theme is None or not access.can_view_cycle(user, theme.cycle):
            params.append({"name": "theme", "reason": _("Dit thema bestaat niet.")})
        parties = _agreement_parties(data, params)
        _raise_any(params)
        with service_errors(AGREEMENT_NAMES):
            agreement = services.add_agreement(
                user,
                theme,
                number=data.get("number", ""),
                title=data["title"],
                text=data.get("text", ""),
                kind=data.get("kind", Agreement.Kind.EFFORT),
                lead_party=parties.get("lead_party"),
                involved=parties.get("involved", []),
                indicators=parties.get("indicators", []),
                start_year=data.get("startYear"),
                end_year=data.get("endYear"),
                channel="api",
            )
        return Response(AgreementRecordSerializer(_agreement_record(agreement.pk)).data, status=201)


def _agreement_record(pk: int) -> dict[str, Any]:
    return agreement_record_json(Agreement.objects.select_related("theme", "lead_party").get(pk=pk))


class AgreementDetail(ApiView):
    @extend_schema(
        operation_id="changeAgreement",
        summary="Een afspraak wijzigen, archiveren of terughalen (coördinator)",
        description="Alleen de velden die u meestuurt veranderen. Geef de `version` die u "
        "zag: is de afspraak intussen gewijzigd, dan volgt 409 met de huidige stand. Na "
        "ondertekening verandert een tekst alleen via een wijziging (409).",
        parameters=[id_parameter("id van de afspraak")],
        request=AgreementChangeSerializer,
        responses={200: AgreementRecordSerializer, **problems(400, 403, 404, 409, 415)},
    )
    def patch(self, request: Request, id: int) -> Response:
        no_query(request)
        agreement = Agreement.objects.select_related("theme__cycle").filter(pk=id).first()
        if agreement is None or not access.can_view_cycle(request.user, agreement.theme.cycle):
            raise Problem(404, _("Deze afspraak bestaat niet (of is niet openbaar)."))
        user = require_token(request)
        data = read_body(request, AgreementChangeSerializer)
        params: list[dict[str, str]] = []
        parties = _agreement_parties(data, params)
        _raise_any(params)
        names = {
            "number": "number",
            "title": "title",
            "text": "text",
            "kind": "kind",
            "startYear": "start_year",
            "endYear": "end_year",
        }
        changes = {field: data[key] for key, field in names.items() if key in data}
        if "lead_party" in parties:
            changes["lead_party"] = parties["lead_party"]
        if "involved" in parties:
            changes["involved_parties"] = parties["involved"]
        if "indicators" in parties:
            changes["indicators"] = parties["indicators"]
        with transaction.atomic(), service_errors(AGREEMENT_NAMES):
            if changes:
                agreement = services.update_agreement(
                    user,
                    agreement,
                    changes=changes,
                    expected_version=data["version"],
                    channel="api",
                )
            elif data["version"] != agreement.version:
                raise services.Conflict(
                    _("Iemand anders heeft deze afspraak intussen gewijzigd."),
                    current={"version": agreement.version},
                )
            if "archived" in data:
                services.archive_agreement(
                    user, agreement, archived=data["archived"], channel="api"
                )
        return Response(AgreementRecordSerializer(_agreement_record(agreement.pk)).data)


# --- Targets (norms per party and year) -----------------------------------------------------

#: What each kind of norm needs, as on the web form.
NORM_FIELDS = {
    "min": ("value",),
    "max": ("value",),
    "exact": ("value", "tolerance"),
    "range": ("low", "high"),
    "label_at_least": ("label",),
}
#: What each kind of norm cannot do without.
NEEDED = {
    "min": ("value",),
    "max": ("value",),
    "exact": ("value",),
    "range": ("low", "high"),
    "label_at_least": ("label",),
}


def _amount(description: str) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        coerce_to_string=False,
        required=False,
        allow_null=True,
        help_text=description,
    )


class NormInputSerializer(InputSerializer):
    kind = serializers.ChoiceField(
        choices=Target.Kind.values,
        help_text="min, max, exact (met tolerance), range (low en high), label_at_least (label)",
    )
    value = _amount("bij min, max en exact")
    tolerance = _amount("bij exact: de marge (standaard 0)")
    low = _amount("bij range: ondergrens")
    high = _amount("bij range: bovengrens")
    label = serializers.ChoiceField(
        choices=verdicts.LABELS, required=False, help_text="bij label_at_least"
    )
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True)

    #: On a change: the kind the norm has now (then nothing is required).
    current_kind: str | None = None

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        kind = data.get("kind") or self.current_kind or ""
        errors: dict[str, list[str]] = {}
        if self.current_kind is None:
            for name in NEEDED.get(kind, ()):
                if data.get(name) is None:
                    errors[name] = [_("Vul dit in voor deze soort norm.")]
        for name in ("value", "tolerance", "low", "high", "label"):
            if data.get(name) is not None and name not in NORM_FIELDS.get(kind, ()):
                errors[name] = [_("Dit hoort niet bij deze soort norm.")]
        if errors:
            raise serializers.ValidationError(errors)
        return data


class TargetInputSerializer(NormInputSerializer):
    agreement = ids("de afspraak")
    indicator = ids("de indicator")
    party = ids("de partij", "null: de partijen gezamenlijk", required=False, allow_null=True)
    year = year_field(
        required=False, allow_null=True, help_text="null: over de hele looptijd (cumulatief)"
    )


class TargetChangeSerializer(NormInputSerializer):
    indicator = ids("de indicator", required=False)
    party = ids("de partij", "null: de partijen gezamenlijk", required=False, allow_null=True)
    year = year_field(
        required=False, allow_null=True, help_text="null: over de hele looptijd (cumulatief)"
    )
    archived = flag(
        required=False,
        help_text="true: archiveren (de norm houdt realisaties en geschiedenis, maar telt "
        "nergens meer mee); false: terughalen",
    )
    version = serializers.IntegerField(
        min_value=1, max_value=1_000_000, help_text="de versie die u zag (409 als die verouderd is)"
    )

    def __init__(self, *args: Any, current_kind: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].required = False
        self.current_kind = current_kind or "min"


class TargetRecordSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    agreement = serializers.IntegerField(help_text="id van de afspraak")
    indicator = RefSerializer()
    party = RefSerializer(allow_null=True, help_text="null: de partijen gezamenlijk")
    year = serializers.IntegerField(allow_null=True, help_text="null: de hele looptijd")
    norm = views.NormSerializer()
    note = serializers.CharField(allow_blank=True)
    archived = serializers.BooleanField()
    version = serializers.IntegerField(help_text="geef deze mee bij een wijziging")


def _target_record(pk: int) -> dict[str, Any]:
    t = Target.all_objects.select_related("indicator", "party").get(pk=pk)
    return {
        "id": t.pk,
        "agreement": t.agreement_id,
        "indicator": ref(t.indicator),
        "party": ref(t.party),
        "year": t.year,
        "norm": views.norm_json(t),
        "note": t.note,
        "archived": t.archived,
        "version": t.version,
    }


class Targets(views.Targets):
    @extend_schema(
        operation_id="createTarget",
        summary="Een norm toevoegen aan een afspraak: per partij (of gezamenlijk) en per jaar "
        "(of over de looptijd)",
        description="Vijf soorten: `min`, `max` en `exact` (met `value`, bij exact ook "
        "`tolerance`), `range` (`low` en `high`) en `label_at_least` (`label`). Een "
        "ondertekende of afgesloten cyclus: 409.",
        request=TargetInputSerializer,
        responses={201: TargetRecordSerializer, **problems(400, 403, 409, 415)},
    )
    def post(self, request: Request) -> Response:
        no_query(request)
        user = require_token(request)
        data = read_body(request, TargetInputSerializer)
        params: list[dict[str, str]] = []
        agreement = (
            Agreement.objects.select_related("theme__cycle").filter(pk=data["agreement"]).first()
        )
        if agreement is None or not access.can_view_cycle(user, agreement.theme.cycle):
            params.append({"name": "agreement", "reason": _("Deze afspraak bestaat niet.")})
        indicator = indicator_named(data["indicator"], params)
        party = _organisation(data.get("party"), "party", params)
        _raise_any(params)
        with service_errors():
            target = services.add_target(
                user,
                agreement,
                indicator=indicator,
                kind=data["kind"],
                party=party,
                year=data.get("year"),
                value=data.get("value"),
                low=data.get("low"),
                high=data.get("high"),
                label=data.get("label", ""),
                tolerance=data.get("tolerance") or 0,
                note=data.get("note", ""),
                channel="api",
            )
        return Response(TargetRecordSerializer(_target_record(target.pk)).data, status=201)


class TargetDetail(ApiView):
    @extend_schema(
        operation_id="changeTarget",
        summary="Een norm wijzigen (coördinator)",
        description="Alleen de velden die u meestuurt veranderen: indicator, partij, jaar, "
        "soort, waarden, toelichting; `archived` archiveert (een norm met realisaties wordt "
        "gearchiveerd, niet verwijderd). Geef de `version` die u zag (409 als de norm intussen "
        "is gewijzigd). Een ondertekende of afgesloten cyclus: 409.",
        parameters=[id_parameter("id van de norm")],
        request=TargetChangeSerializer,
        responses={200: TargetRecordSerializer, **problems(400, 403, 404, 409, 415)},
    )
    def patch(self, request: Request, id: int) -> Response:
        no_query(request)
        target = Target.all_objects.select_related("agreement__theme__cycle").filter(pk=id).first()
        if target is None or not access.can_view_cycle(request.user, target.agreement.theme.cycle):
            raise Problem(404, _("Deze norm bestaat niet (of is niet openbaar)."))
        user = require_token(request)
        data = read_body(request, TargetChangeSerializer, current_kind=target.kind)
        kind = data.get("kind", target.kind)
        changes: dict[str, Any] = {"kind": kind} if "kind" in data else {}
        if "kind" in data and kind != target.kind:
            # another kind: the values of the old one go, those of the new one must be given
            missing = [n for n in NEEDED[kind] if data.get(n) is None]
            if missing:
                raise invalid(
                    [{"name": n, "reason": _("Vul dit in voor deze soort norm.")} for n in missing]
                )
            changes.update({n: None for n in ("value", "low", "high")})
            changes.update({"label": "", "tolerance": 0})
        for name in ("value", "tolerance", "low", "high", "label", "note", "year"):
            if name in data:
                changes[name] = data[name]
        params: list[dict[str, str]] = []
        if "indicator" in data:
            changes["indicator"] = indicator_named(data["indicator"], params)
        if "party" in data:
            changes["party"] = _organisation(data["party"], "party", params)
        _raise_any(params)
        with transaction.atomic(), service_errors():
            if changes:
                target = services.update_target(
                    user, target, changes=changes, expected_version=data["version"], channel="api"
                )
            elif data["version"] != target.version:
                raise services.Conflict(
                    _("Iemand anders heeft deze norm intussen gewijzigd."),
                    current={"version": target.version},
                )
            if "archived" in data:
                services.archive_target(user, target, archived=data["archived"], channel="api")
        return Response(TargetRecordSerializer(_target_record(target.pk)).data)


# --- Indicators -----------------------------------------------------------------------------


class IndicatorRecordSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    unit = serializers.ChoiceField(choices=Indicator.Unit.values)
    direction = serializers.ChoiceField(choices=Indicator.Direction.values)
    aggregation = serializers.ChoiceField(choices=Indicator.Aggregation.values)
    source = serializers.CharField(allow_blank=True)
    description = serializers.CharField(allow_blank=True)
    municipality = serializers.CharField(
        allow_null=True, help_text="CBS-code bij een eigen indicator; null: gedeeld"
    )
    archived = serializers.BooleanField()
    version = serializers.CharField(help_text="geef deze mee bij een wijziging")


def indicator_json(i: Indicator) -> dict[str, Any]:
    return {
        "id": i.pk,
        **services.indicator_state(i),
        "municipality": i.municipality.cbs_code if i.municipality else None,
        "version": services.indicator_version(i),
    }


class IndicatorFieldsSerializer(InputSerializer):
    name = serializers.CharField(max_length=200)
    unit = serializers.ChoiceField(
        choices=Indicator.Unit.values, help_text="percentage, count, euro of energy_label"
    )
    direction = serializers.ChoiceField(
        choices=Indicator.Direction.values,
        required=False,
        help_text="higher: hoger is beter; lower: lager is beter; neutral (standaard)",
    )
    aggregation = serializers.ChoiceField(
        choices=Indicator.Aggregation.values,
        required=False,
        help_text="hoe de cijfers van de partijen samengaan: sum (standaard), weighted_share "
        "of none",
    )
    source = serializers.CharField(max_length=300, required=False, allow_blank=True)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)


class IndicatorInputSerializer(IndicatorFieldsSerializer):
    municipality = serializers.RegexField(
        r"^GM\d{4}$", help_text="CBS-code van de gemeente die de indicator krijgt, bijv. GM0935"
    )


class IndicatorChangeSerializer(IndicatorFieldsSerializer):
    archived = flag(required=False, help_text="true: archiveren; false: terughalen")
    version = serializers.CharField(
        max_length=64, help_text="de versie die u zag (409 als die verouderd is)"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False
        self.fields["unit"].required = False


class IndicatorsQuery(PageQuery):
    municipality = serializers.RegexField(
        r"^GM\d{4}$",
        required=False,
        help_text="CBS-code: ook de eigen indicatoren van die gemeente (als u die mag zien)",
    )


class Indicators(ApiView):
    @extend_schema(
        operation_id="listIndicators",
        summary="Indicatoren voor normen: de gedeelde en die van een gemeente",
        parameters=[IndicatorsQuery],
        responses={200: paginated(IndicatorRecordSerializer), **problems(400, 404)},
    )
    def get(self, request: Request) -> Response:
        from woonafspraken.governance.access import visible_municipality_ids

        query = read_query(request, IndicatorsQuery)
        scope = Q(municipality__isnull=True)
        if query.get("municipality"):
            scope |= Q(
                municipality__cbs_code=query["municipality"],
                municipality_id__in=visible_municipality_ids(request.user),
            )
        qs = (
            Indicator.objects.filter(scope)
            .select_related("municipality")
            .order_by("municipality_id", "name", "id")
        )
        return paginate(
            request,
            query,
            qs,
            lambda page: list(
                IndicatorRecordSerializer([indicator_json(i) for i in page], many=True).data
            ),
        )

    @extend_schema(
        operation_id="createIndicator",
        summary="Een eigen indicator van een gemeente toevoegen (coördinator of beheerder)",
        description="Zoals op de pagina Indicatoren: de naam is uniek in de gemeente en naast "
        "de gedeelde indicatoren. Elke fout in de invoer staat in `invalidParams`.",
        request=IndicatorInputSerializer,
        responses={201: IndicatorRecordSerializer, **problems(400, 403, 415)},
    )
    def post(self, request: Request) -> Response:
        no_query(request)
        user = require_token(request)
        data = read_body(request, IndicatorInputSerializer)
        municipality = Municipality.objects.filter(cbs_code=data["municipality"]).first()
        if municipality is None:
            raise invalid([{"name": "municipality", "reason": _("Deze gemeente bestaat niet.")}])
        with service_errors():
            indicator = services.add_indicator(
                user,
                municipality,
                name=data["name"],
                unit=data["unit"],
                direction=data.get("direction", Indicator.Direction.NEUTRAL),
                aggregation=data.get("aggregation", Indicator.Aggregation.SUM),
                source=data.get("source", ""),
                description=data.get("description", ""),
                channel="api",
            )
        return Response(IndicatorRecordSerializer(indicator_json(indicator)).data, status=201)


class IndicatorDetail(ApiView):
    @extend_schema(
        operation_id="changeIndicator",
        summary="Een eigen indicator wijzigen, archiveren of terughalen (coördinator of beheerder)",
        description="Alleen de velden die u meestuurt veranderen. Gebruiken normen de "
        "indicator al, dan blijven eenheid en samenvoegen zoals ze zijn (400). Een gedeelde "
        "indicator wijzigt alleen de leverancier (403). Geef de `version` die u zag: is de "
        "indicator intussen gewijzigd, dan volgt 409 met de huidige stand.",
        parameters=[id_parameter("id van de indicator")],
        request=IndicatorChangeSerializer,
        responses={200: IndicatorRecordSerializer, **problems(400, 403, 404, 409, 415)},
    )
    def patch(self, request: Request, id: int) -> Response:
        from woonafspraken.governance.access import visible_municipality_ids

        no_query(request)
        indicator = Indicator.objects.select_related("municipality").filter(pk=id).first()
        if indicator is None or (
            indicator.municipality_id is not None
            and indicator.municipality_id not in visible_municipality_ids(request.user)
        ):
            raise Problem(404, _("Deze indicator bestaat niet (of is niet openbaar)."))
        user = require_token(request)
        data = read_body(request, IndicatorChangeSerializer)
        fields = ("name", "unit", "direction", "aggregation", "source", "description", "archived")
        with service_errors():
            indicator = services.update_indicator(
                user,
                indicator,
                **{f: data.get(f, getattr(indicator, f)) for f in fields},
                expected_version=data["version"],
                channel="api",
            )
        return Response(IndicatorRecordSerializer(indicator_json(indicator)).data)
