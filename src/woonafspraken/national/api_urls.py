from django.urls import path

from . import api

urlpatterns = [
    path("national/years", api.NationalYears.as_view(), name="api-national-years"),
    path("national/areas", api.NationalAreas.as_view(), name="api-national-areas"),
    path(
        "national/municipalities",
        api.NationalMunicipalities.as_view(),
        name="api-national-municipalities",
    ),
]
