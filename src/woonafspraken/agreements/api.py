"""API v1 for setting up a cycle: its themes. Writes go through :mod:`.services`."""

from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

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
)
from woonafspraken.api.views import visible_cycle

from . import services
from .models import Theme


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
        "leadOrganisation": {"id": lead.pk, "name": lead.name} if lead else None,
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
