"""Included by ``woonafspraken.api.urls`` at the API root (paths are relative)."""

from django.urls import path

from . import api

urlpatterns = [
    path("cycles/<id:id>/milestones", api.Milestones.as_view(), name="api-cycle-milestones"),
    path("cycles/<id:id>/approvals", api.Approvals.as_view(), name="api-cycle-approvals"),
    path("cycles/<id:id>/phase", api.CyclePhase.as_view(), name="api-cycle-phase"),
    path("cycles/<id:id>/calendar.ics", api.Calendar.as_view(), name="api-cycle-calendar"),
]
