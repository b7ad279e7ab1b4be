"""Included by ``woonafspraken.api.urls`` under ``cycles/<int:pk>/``."""

from django.urls import path

from . import api

urlpatterns = [
    path("monitor", api.cycle_monitor, name="api-cycle-monitor"),
    path("targets.csv", api.cycle_targets_csv, name="api-cycle-targets-csv"),
    path("documents/agreements", api.agreements_document, name="api-document-agreements"),
    path("documents/evaluation", api.evaluation_document, name="api-document-evaluation"),
    path(
        "documents/council-letter",
        api.council_letter_document,
        name="api-document-council-letter",
    ),
]
