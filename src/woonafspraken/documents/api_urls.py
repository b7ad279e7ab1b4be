"""Included by ``woonafspraken.api.urls`` at the API root (paths are relative)."""

from django.urls import path

from . import api

urlpatterns = [
    path("cycles/<id:id>/monitor", api.Monitor.as_view(), name="api-cycle-monitor"),
    path("cycles/<id:id>/targets.csv", api.TargetsCsv.as_view(), name="api-cycle-targets-csv"),
    path(
        "cycles/<id:id>/documents/agreements",
        api.AgreementsDocument.as_view(),
        name="api-document-agreements",
    ),
    path(
        "cycles/<id:id>/documents/evaluation",
        api.EvaluationDocument.as_view(),
        name="api-document-evaluation",
    ),
    path(
        "cycles/<id:id>/documents/council-letter",
        api.CouncilLetterDocument.as_view(),
        name="api-document-council-letter",
    ),
    path(
        "cycles/<id:id>/document-requests",
        api.DocumentRequests.as_view(),
        name="api-cycle-document-requests",
    ),
    path(
        "document-requests/<id:id>",
        api.DocumentRequestStatus.as_view(),
        name="api-document-request",
    ),
    path(
        "document-requests/<id:id>/download",
        api.DocumentRequestDownload.as_view(),
        name="api-document-request-download",
    ),
]
