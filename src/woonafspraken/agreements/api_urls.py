"""Included by ``woonafspraken.api.urls`` at the API root (paths are relative)."""

from django.urls import path

from . import api

urlpatterns = [
    path("cycles", api.Cycles.as_view(), name="api-cycles"),
    path("cycles/<id:id>", api.CycleDetail.as_view(), name="api-cycle"),
    path("themes/<id:id>", api.ThemeDetail.as_view(), name="api-theme"),
    path("agreements", api.Agreements.as_view(), name="api-agreements"),
    path("agreements/<id:id>", api.AgreementDetail.as_view(), name="api-agreement"),
    path("targets", api.Targets.as_view(), name="api-targets"),
    path("targets/<id:id>", api.TargetDetail.as_view(), name="api-target"),
    path("indicators", api.Indicators.as_view(), name="api-indicators"),
    path("indicators/<id:id>", api.IndicatorDetail.as_view(), name="api-indicator"),
    path("cycles/<id:id>/themes", api.CycleThemes.as_view(), name="api-cycle-themes"),
]
