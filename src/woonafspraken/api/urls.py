"""API v1 routes. Every route is an ApiView and has an entry in the OpenAPI document
(``tests/api/test_routes.py`` checks both); anything else under ``/api/`` is a 404 problem."""

from django.urls import include, path, re_path

from . import framework, schema, views

urlpatterns = [
    path("openapi.json", schema.OpenApiDocument.as_view(), name="openapi"),
    path("measurements", views.Measurements.as_view(), name="api-measurements"),
    path("", include("woonafspraken.accounts.api_urls")),
    path("", include("woonafspraken.agreements.api_urls")),
    path("", include("woonafspraken.affordability.api_urls")),
    path("", include("woonafspraken.documents.api_urls")),
    path("", include("woonafspraken.governance.api_urls")),
    path("", include("woonafspraken.process.api_urls")),
    path("", include("woonafspraken.national.api_urls")),
    path("", include("woonafspraken.housing.api_urls")),
    path("", include("woonafspraken.uploadjobs.api_urls")),
    re_path(r"^.*$", framework.not_found),
]
