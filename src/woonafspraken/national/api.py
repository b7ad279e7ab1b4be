"""The national picture through the API: open data, published agreements only.

``GET /api/v1/national/years`` — the country per year; ``GET /api/v1/national/areas`` — the
provinces or woningbouwregio's in one year; ``GET /api/v1/national/municipalities`` — the
municipalities (of one province or region) in one year, paginated in the database.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from woonafspraken.accounts.models import Municipality, Province
from woonafspraken.api.framework import (
    ApiView,
    PageQuery,
    StrictSerializer,
    no_query,
    paginate,
    paginated,
    problems,
    read_query,
)

from . import rollup, selectors, summary


class SumSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField(help_text="jaar")
    municipalities = serializers.IntegerField(help_text="gemeenten met gegevens in dit jaar")
    plannedTotal = serializers.IntegerField(help_text="geplande nieuwbouw, alle segmenten")
    plannedAffordable = serializers.IntegerField(help_text="waarvan betaalbaar")
    plannedSocialRent = serializers.IntegerField(help_text="waarvan sociale huur")
    affordableShare = serializers.FloatField(allow_null=True, help_text="% betaalbaar")
    socialRentShare = serializers.FloatField(allow_null=True, help_text="% sociale huur")
    affordableMet = serializers.BooleanField(allow_null=True, help_text="twee derde gehaald")
    socialRentMet = serializers.BooleanField(allow_null=True, help_text="30 % gehaald")
    realisedNewBuild = serializers.IntegerField(
        allow_null=True, help_text="gerealiseerde nieuwbouw van corporaties; null: geen gegevens"
    )
    efgLeft = serializers.IntegerField(
        allow_null=True, help_text="corporatiewoningen met label E, F of G; null: geen gegevens"
    )
    signedMunicipalities = serializers.IntegerField(
        help_text="gemeenten met ondertekende afspraken"
    )
    openDisputePoints = serializers.IntegerField(help_text="open geschilpunten")


class CountryYearSerializer(SumSerializer):
    socialRentGap = serializers.IntegerField(
        allow_null=True, help_text="tekort op 30.000 sociale huurwoningen; null vóór 2029"
    )
    efgPacePerYear = serializers.FloatField(
        allow_null=True, help_text="E/F/G-woningen te verbeteren per jaar tot en met 2028"
    )


class AreaSerializer(SumSerializer):
    kind = serializers.ChoiceField(choices=["province", "region"], help_text="soort gebied")
    key = serializers.CharField(help_text="code van de provincie of naam van de regio")
    name = serializers.CharField(help_text="naam")


class MunicipalitySumSerializer(SumSerializer):
    cbsCode = serializers.CharField(help_text="CBS-code, GMxxxx")
    name = serializers.CharField(help_text="naam")
    province = serializers.CharField(help_text="provincie")
    housingRegion = serializers.CharField(help_text="woningbouwregio")


def _share(value: Any) -> float | None:
    return None if value is None else float(value)


def sum_json(s: rollup.Sum) -> dict[str, Any]:
    return {
        "year": s.year,
        "municipalities": s.municipalities,
        "plannedTotal": s.planned_total,
        "plannedAffordable": s.planned_affordable,
        "plannedSocialRent": s.planned_social,
        "affordableShare": _share(s.affordable_share),
        "socialRentShare": _share(s.social_share),
        "affordableMet": s.affordable_met,
        "socialRentMet": s.social_met,
        "realisedNewBuild": s.realised_social,
        "efgLeft": s.efg_left,
        "signedMunicipalities": s.signed,
        "openDisputePoints": s.open_disputes,
    }


def _year() -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=selectors.FIRST_YEAR,
        max_value=selectors.LAST_YEAR,
        help_text=f"jaar, {selectors.FIRST_YEAR}–{selectors.LAST_YEAR}",
    )


class AreasQuery(StrictSerializer):
    kind = serializers.ChoiceField(
        choices=["province", "region"], help_text="provincies of woningbouwregio's"
    )
    year = _year()


class MunicipalitiesQuery(PageQuery):
    year = _year()
    province = serializers.ChoiceField(
        choices=Province.values, required=False, help_text="alleen deze provincie"
    )
    housingRegion = serializers.CharField(
        max_length=120, required=False, help_text="alleen deze woningbouwregio"
    )


class NationalYears(ApiView):
    @extend_schema(
        operation_id="listNationalYears",
        summary="Nederland per jaar tegen de landelijke doelen",
        responses={200: CountryYearSerializer(many=True), **problems(400)},
    )
    def get(self, request: Request) -> Response:
        no_query(request)
        sums = summary.country_sums().country
        return Response(
            CountryYearSerializer(
                [
                    {
                        **sum_json(s),
                        "socialRentGap": rollup.social_rent_gap(s),
                        "efgPacePerYear": _share(rollup.efg_pace(s.efg_left, s.year)),
                    }
                    for s in sums.values()
                ],
                many=True,
            ).data
        )


class NationalAreas(ApiView):
    @extend_schema(
        operation_id="listNationalAreas",
        summary="Provincies of woningbouwregio's in één jaar",
        parameters=[AreasQuery],
        responses={200: AreaSerializer(many=True), **problems(400)},
    )
    def get(self, request: Request) -> Response:
        query = read_query(request, AreasQuery)
        kind, year = query["kind"], query["year"]
        sums = summary.country_sums()
        groups = sums.provinces if kind == "province" else sums.regions
        out = []
        for key in sorted(groups):
            total = groups[key][year]
            name = Province(key).label if kind == "province" and key in Province.values else key
            out.append({**sum_json(total), "kind": kind, "key": key, "name": name})
        return Response(AreaSerializer(out, many=True).data)


class NationalMunicipalities(ApiView):
    @extend_schema(
        operation_id="listNationalMunicipalities",
        summary="Gemeenten in één jaar, met hun plannen en resultaten",
        parameters=[MunicipalitiesQuery],
        responses={200: paginated(MunicipalitySumSerializer), **problems(400, 404)},
    )
    def get(self, request: Request) -> Response:
        query = read_query(request, MunicipalitiesQuery)
        qs = Municipality.objects.order_by("name", "id")
        if query.get("province"):
            qs = qs.filter(province=query["province"])
        if query.get("housingRegion"):
            qs = qs.filter(housing_region=query["housingRegion"])
        year = query["year"]

        def render(page: Any) -> list[Any]:
            municipalities = list(page)
            rows = selectors.municipality_years([m.pk for m in municipalities])
            by_municipality: dict[int, list[rollup.MunicipalityYear]] = {}
            for row in rows:
                by_municipality.setdefault(row.municipality_id, []).append(row)
            return list(
                MunicipalitySumSerializer(
                    [
                        {
                            **sum_json(
                                rollup.sum_years(by_municipality.get(m.pk, []), [year])[year]
                            ),
                            "cbsCode": m.cbs_code,
                            "name": m.name,
                            "province": m.province,
                            "housingRegion": m.housing_region,
                        }
                        for m in municipalities
                    ],
                    many=True,
                ).data
            )

        return paginate(request, query, qs, render)
