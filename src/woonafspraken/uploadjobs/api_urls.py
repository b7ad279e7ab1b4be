"""Included by ``woonafspraken.api.urls`` at the API root (paths are relative)."""

from django.urls import path

from . import api

urlpatterns = [
    path("upload-jobs/<id:id>", api.UploadJobStatus.as_view(), name="api-upload-job"),
    path(
        "upload-jobs/<id:id>/confirm",
        api.UploadJobConfirm.as_view(),
        name="api-upload-job-confirm",
    ),
]
