"""API v1: huurtoeslag, rent class and rule parameters (read-only, open to everyone).

The query keys are lowerCamelCase (``householdSize``); the rules take the snake_case names.
"""

from typing import Any, get_args

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from woonafspraken.api.framework import (
    ApiView,
    StrictSerializer,
    flag,
    invalid,
    problems,
    read_query,
)
from woonafspraken.rules import (
    InvalidInput,
    RulesError,
    huurtoeslag,
    known_years,
    parameters_with_sources,
    rent_class,
)
from woonafspraken.rules.rent_class import RentClass

from . import inputs

#: API query key → the rules' argument.
ARGUMENTS = {
    "year": "year",
    "householdSize": "household_size",
    "rent": "rent",
    "income": "income",
    "assets": "assets",
    "partner": "partner",
    "allOccupants18To20": "all_occupants_18_to_20",
    "childrenIncome": "children_income",
}
QUERY_KEY = {argument: key for key, argument in ARGUMENTS.items()}
YEARS = known_years()


def _year(help_text: str) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=YEARS[0], max_value=YEARS[-1], help_text=help_text)


def _amount(help_text: str, required: bool = True) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=0,
        required=required,
        coerce_to_string=False,
        help_text=f"{help_text}, in euro (hoogstens twee decimalen)",
    )


class HuurtoeslagQuery(StrictSerializer):
    year = _year("jaar van de regels; de huurtoeslag is alleen te berekenen voor 2026")
    householdSize = serializers.IntegerField(
        min_value=1, max_value=20, help_text="aantal personen in het huishouden"
    )
    rent = _amount("kale huur per maand")
    income = _amount("toetsingsinkomen per jaar")
    assets = _amount("vermogen van het huishouden", required=False)
    partner = flag(required=False, default=False)
    allOccupants18To20 = flag(
        required=False, default=False, help_text="alle bewoners zijn 18 tot en met 20 jaar"
    )
    childrenIncome = _amount("inkomen van de kinderen per jaar", required=False)


class RentClassQuery(StrictSerializer):
    year = _year("jaar van de regels")
    rent = _amount("kale huur per maand")


class YearQuery(StrictSerializer):
    year = _year("jaar van de regels")


class PartsSerializer(serializers.Serializer[Any]):
    a = serializers.CharField(help_text="exact bedrag in euro, als tekst (bijv. ‘66.17’)")
    b = serializers.CharField()
    c = serializers.CharField()


class FigureSerializer(serializers.Serializer[Any]):
    label = serializers.CharField()
    unit = serializers.CharField()
    value = serializers.CharField(help_text="exact, als tekst")
    tag = serializers.CharField()
    tagBasis = serializers.CharField(allow_blank=True)
    source = serializers.CharField()
    verification = serializers.CharField(allow_blank=True)
    note = serializers.CharField(allow_blank=True)


class SourcesSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    sources = serializers.DictField(
        child=FigureSerializer(), help_text="de gebruikte cijfers, per naam, met bron"
    )


class HuurtoeslagSerializer(serializers.Serializer[Any]):
    amount = serializers.IntegerField(help_text="hele euro's per maand")
    eligible = serializers.BooleanField()
    reason = serializers.CharField()
    parts = PartsSerializer()
    phaseOut = serializers.CharField(help_text="afbouw per maand, afgerond op centen")
    rekenhuur = serializers.CharField()
    basishuur = serializers.CharField()
    explanation = serializers.ListField(child=serializers.CharField())
    parameters = SourcesSerializer()


class RentClassSerializer(serializers.Serializer[Any]):
    rentClass = serializers.ChoiceField(choices=get_args(RentClass))
    label = serializers.CharField()
    year = serializers.IntegerField()
    rent = serializers.CharField(help_text="exact bedrag in euro, als tekst")
    lowerLimit = serializers.CharField(allow_null=True)
    lowerInclusive = serializers.BooleanField()
    upperLimit = serializers.CharField(allow_null=True)
    upperInclusive = serializers.BooleanField()
    kwaliteitskortingsgrens = serializers.CharField()
    aftoppingsgrensHigh = serializers.CharField()
    maxRent = serializers.CharField()
    boundaryRule = serializers.CharField()
    reason = serializers.CharField()


class MissingFigureSerializer(serializers.Serializer[Any]):
    name = serializers.CharField()
    label = serializers.CharField()
    unit = serializers.CharField()


class RuleParametersSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    figures = serializers.DictField(child=FigureSerializer(), help_text="de cijfers per naam")
    missing = MissingFigureSerializer(many=True, help_text="cijfers zonder bron in dit jaar")


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def _figure(item: dict[str, Any]) -> dict[str, Any]:
    return {_camel(k): v for k, v in item.items()}


def _refused(exc: RulesError) -> Exception:
    name = QUERY_KEY.get(exc.field, "year") if isinstance(exc, InvalidInput) else "year"
    return invalid([{"name": name, "reason": exc.message}])


def _money(value: Any) -> str:
    return "0" if value is None else f"{value:f}"


class Huurtoeslag(ApiView):
    @extend_schema(
        operation_id="calculateHuurtoeslag",
        summary="Huurtoeslag per maand voor een huishouden (regels 2026), per deel",
        parameters=[HuurtoeslagQuery],
        responses={200: HuurtoeslagSerializer, **problems(400)},
    )
    def get(self, request: Request) -> Response:
        query = read_query(request, HuurtoeslagQuery)
        try:
            result = huurtoeslag(
                year=query["year"],
                household_size=query["householdSize"],
                rent=_money(query["rent"]),
                income=_money(query["income"]),
                assets=_money(query.get("assets")),
                partner=query["partner"],
                all_occupants_18_to_20=query["allOccupants18To20"],
                children_income=_money(query.get("childrenIncome")),
            )
        except RulesError as exc:
            raise _refused(exc) from None
        data = inputs.huurtoeslag_json(result)
        data["phaseOut"] = data.pop("phase_out")
        sources = data["parameters"]["sources"]
        data["parameters"]["sources"] = {n: _figure(f) for n, f in sources.items()}
        return Response(HuurtoeslagSerializer(data).data)


class RentClassView(ApiView):
    @extend_schema(
        operation_id="getRentClass",
        summary="Huurklasse (VERA) van een kale huur in een jaar",
        parameters=[RentClassQuery],
        responses={200: RentClassSerializer, **problems(400)},
    )
    def get(self, request: Request) -> Response:
        query = read_query(request, RentClassQuery)
        try:
            result = rent_class(query["year"], _money(query["rent"]))
        except RulesError as exc:
            raise _refused(exc) from None
        data = _figure(result.to_dict())
        data["rentClass"] = data.pop("code")
        return Response(RentClassSerializer(data).data)


class RuleParameters(ApiView):
    @extend_schema(
        operation_id="getRuleParameters",
        summary="De cijfers van een jaar met hun bron",
        parameters=[YearQuery],
        responses={200: RuleParametersSerializer, **problems(400)},
    )
    def get(self, request: Request) -> Response:
        query = read_query(request, YearQuery)
        try:
            data = parameters_with_sources(query["year"])
        except RulesError as exc:
            raise _refused(exc) from None
        data["figures"] = {n: _figure(f) for n, f in data["figures"].items()}
        return Response(RuleParametersSerializer(data).data)
