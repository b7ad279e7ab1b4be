"""Included by ``woonafspraken.api.urls`` at the API root (paths are relative)."""

from django.urls import path

from . import api

urlpatterns = [
    path("cycles/<id:id>/analyses/<slug:name>", api.Analysis.as_view(), name="api-cycle-analysis"),
    path(
        "cycles/<id:id>/housing-datasets", api.Datasets.as_view(), name="api-cycle-housing-datasets"
    ),
]
