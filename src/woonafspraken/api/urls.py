from django.urls import include, path

from . import openapi, views

urlpatterns = [
    path("openapi.json", openapi.document, name="openapi"),
    path("cycles", views.cycles, name="api-cycles"),
    path("cycles/<int:pk>", views.cycle, name="api-cycle"),
    path("agreements", views.agreements, name="api-agreements"),
    path("targets", views.targets, name="api-targets"),
    path("measurements", views.measurements, name="api-measurements"),
    path("", include("woonafspraken.affordability.api_urls")),
    path("", include("woonafspraken.documents.api_urls")),
    path("", include("woonafspraken.governance.api_urls")),
    path("", include("woonafspraken.process.api_urls")),
]
