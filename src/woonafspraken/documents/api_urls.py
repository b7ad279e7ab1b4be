"""Included by ``woonafspraken.api.urls`` at the API root (paths are relative)."""

from django.urls import path

from . import api

urlpatterns = [
    path("cycles/<int:pk>/monitor", api.cycle_monitor, name="api-cycle-monitor"),
    path("cycles/<int:pk>/targets.csv", api.cycle_targets_csv, name="api-cycle-targets-csv"),
    path(
        "cycles/<int:pk>/documents/agreements",
        api.agreements_document,
        name="api-document-agreements",
    ),
    path(
        "cycles/<int:pk>/documents/evaluation",
        api.evaluation_document,
        name="api-document-evaluation",
    ),
    path(
        "cycles/<int:pk>/documents/council-letter",
        api.council_letter_document,
        name="api-document-council-letter",
    ),
    path(
        "cycles/<int:pk>/document-requests",
        api.create_document_request,
        name="api-cycle-document-requests",
    ),
    path(
        "document-requests/<int:request_id>",
        api.document_request_status,
        name="api-document-request",
    ),
    path(
        "document-requests/<int:request_id>/download",
        api.document_request_download,
        name="api-document-request-download",
    ),
]
