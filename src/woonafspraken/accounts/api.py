"""Organisations in API v1: the same set-up services as the web pages (access checked, audited,
all errors at once), in the API's conventions (camelCase, problem+json)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from woonafspraken.api.framework import (
    ApiView,
    InputSerializer,
    PageQuery,
    Problem,
    id_parameter,
    ids,
    invalid,
    no_query,
    paginate,
    paginated,
    problems,
    read_body,
    read_query,
)

from . import services
from .models import Municipality, Organisation

FIELDS = {"name": "name", "kind": "kind", "aw_number": "awNumber", "corporations": "corporations"}
KINDS = [
    Organisation.Kind.CORPORATION.value,
    Organisation.Kind.TENANT_ORGANISATION.value,
    Organisation.Kind.OTHER.value,
]


class OrganisationSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=Organisation.Kind.values)
    awNumber = serializers.CharField(help_text="L-nummer van de Autoriteit woningcorporaties")
    municipalities = serializers.ListField(
        child=serializers.CharField(), help_text="CBS-codes van de gemeenten waar zij werkt"
    )
    corporations = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="huurdersorganisatie: ids van de corporaties waarvan zij de huurders "
        "vertegenwoordigt",
    )
    archived = serializers.BooleanField()


class OrganisationsQuery(PageQuery):
    municipality = serializers.RegexField(
        r"^GM\d{4}$", help_text="CBS-code van de gemeente, bijvoorbeeld GM0935"
    )


class OrganisationInputSerializer(InputSerializer):
    municipality = serializers.RegexField(
        r"^GM\d{4}$", help_text="CBS-code van de gemeente, bijvoorbeeld GM0935"
    )
    kind = serializers.ChoiceField(choices=KINDS)
    name = serializers.CharField(max_length=200)
    awNumber = serializers.CharField(
        max_length=12, required=False, allow_blank=True, help_text="L-nummer, bijvoorbeeld L1930"
    )
    corporations = serializers.ListField(child=ids("een corporatie"), required=False, max_length=50)


class OrganisationChangeSerializer(InputSerializer):
    name = serializers.CharField(max_length=200, required=False)
    awNumber = serializers.CharField(max_length=12, required=False, allow_blank=True)
    corporations = serializers.ListField(child=ids("een corporatie"), required=False, max_length=50)


def organisation_json(o: Organisation) -> dict[str, Any]:
    return {
        "id": o.pk,
        "name": o.name,
        "kind": o.kind,
        "awNumber": o.aw_number,
        "municipalities": sorted(m.cbs_code for m in o.municipalities.all()),
        "corporations": sorted(c.pk for c in o.corporations.all()),
        "archived": o.archived,
    }


def _refused(exc: ValidationError) -> Problem:
    """The service's errors, each named by its field in the API's spelling."""
    if not hasattr(exc, "error_dict"):
        return Problem(400, " ".join(exc.messages))
    return invalid(
        [
            {"name": FIELDS.get(field, field), "reason": message}
            for field, errors in exc.message_dict.items()
            for message in errors
        ]
    )


def _corporations(pks: list[int]) -> list[Organisation]:
    found = {o.pk: o for o in Organisation.objects.filter(pk__in=pks)}
    missing = [pk for pk in pks if pk not in found]
    if missing:
        raise invalid(
            [
                {
                    "name": "corporations",
                    "reason": _("Organisatie %(id)s bestaat niet.") % {"id": pk},
                }
                for pk in missing
            ]
        )
    return [found[pk] for pk in pks]


def _require_token(request: Request) -> Any:
    if not request.user.is_authenticated:
        raise Problem(401, _("Log in met een token (Authorization: Token …)."))
    return request.user


class Organisations(ApiView):
    @extend_schema(
        operation_id="listOrganisations",
        summary="Organisaties die in een gemeente werken",
        parameters=[OrganisationsQuery],
        responses={200: paginated(OrganisationSerializer), **problems(400, 404)},
    )
    def get(self, request: Request) -> Response:
        query = read_query(request, OrganisationsQuery)
        municipality = Municipality.objects.filter(cbs_code=query["municipality"]).first()
        if municipality is None:
            raise Problem(404, _("Er is geen gemeente met deze CBS-code."))
        qs = (
            Organisation.objects.filter(
                Q(municipality=municipality) | Q(municipalities=municipality)
            )
            .distinct()
            .prefetch_related("municipalities", "corporations")
            .order_by("name", "id")
        )
        return paginate(
            request,
            query,
            qs,
            lambda page: (
                OrganisationSerializer([organisation_json(o) for o in page], many=True).data
            ),
        )

    @extend_schema(
        operation_id="createOrganisation",
        summary="Organisatie toevoegen (token; beheerder van de gemeente)",
        description="Een woningcorporatie (met L-nummer), een huurdersorganisatie (met de "
        "corporaties waarvan zij de huurders vertegenwoordigt) of een andere partij. Een "
        "naam die in de gemeente al bestaat of een L-nummer dat al bekend is, wordt geweigerd "
        "(400, met elk veld in `invalidParams`).",
        request=OrganisationInputSerializer,
        responses={201: OrganisationSerializer, **problems(400, 403, 404, 415)},
    )
    def post(self, request: Request) -> Response:
        no_query(request)
        user = _require_token(request)
        data = read_body(request, OrganisationInputSerializer)
        municipality = Municipality.objects.filter(cbs_code=data["municipality"]).first()
        if municipality is None:
            raise Problem(404, _("Er is geen gemeente met deze CBS-code."))
        corporations = _corporations(data.get("corporations", []))
        try:
            organisation = services.create_organisation(
                user,
                municipality,
                kind=data["kind"],
                name=data["name"],
                aw_number=data.get("awNumber", ""),
                corporations=corporations,
            )
        except ValidationError as exc:
            raise _refused(exc) from exc
        return Response(OrganisationSerializer(organisation_json(organisation)).data, status=201)


class OrganisationDetail(ApiView):
    def _organisation(self, id: int) -> Organisation:
        organisation = (
            Organisation.objects.prefetch_related("municipalities", "corporations")
            .filter(pk=id)
            .first()
        )
        if organisation is None:
            raise Problem(404, _("Organisatie %(id)s bestaat niet.") % {"id": id})
        return organisation

    @extend_schema(
        operation_id="getOrganisation",
        summary="Eén organisatie",
        parameters=[id_parameter("id van de organisatie")],
        responses={200: OrganisationSerializer, **problems(404)},
    )
    def get(self, request: Request, id: int) -> Response:
        no_query(request)
        return Response(OrganisationSerializer(organisation_json(self._organisation(id))).data)

    @extend_schema(
        operation_id="updateOrganisation",
        summary="Organisatie wijzigen (token; beheerder van de gemeente of van de organisatie)",
        parameters=[id_parameter("id van de organisatie")],
        request=OrganisationChangeSerializer,
        responses={200: OrganisationSerializer, **problems(400, 403, 404, 415)},
    )
    def patch(self, request: Request, id: int) -> Response:
        no_query(request)
        user = _require_token(request)
        organisation = self._organisation(id)
        data = read_body(request, OrganisationChangeSerializer)
        corporations = (
            _corporations(data["corporations"])
            if "corporations" in data
            else list(organisation.corporations.all())
        )
        try:
            organisation = services.update_organisation(
                user,
                organisation,
                name=data.get("name", organisation.name),
                aw_number=data.get("awNumber", organisation.aw_number),
                corporations=corporations,
            )
        except ValidationError as exc:
            raise _refused(exc) from exc
        return Response(OrganisationSerializer(organisation_json(self._organisation(id))).data)
