"""Included by ``woonafspraken.api.urls`` at the API root (paths are relative)."""

from django.urls import path

from . import api

urlpatterns = [
    path("cycles/<id:id>/themes", api.CycleThemes.as_view(), name="api-cycle-themes"),
]
