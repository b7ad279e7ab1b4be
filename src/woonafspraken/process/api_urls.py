"""Included by ``woonafspraken.api.urls`` at the API root (paths are relative)."""

from django.urls import path

from . import api

urlpatterns = [
    path("cycles/<int:pk>/milestones", api.milestones, name="api-cycle-milestones"),
    path("cycles/<int:pk>/approvals", api.approvals, name="api-cycle-approvals"),
    path("cycles/<int:pk>/calendar.ics", api.calendar, name="api-cycle-calendar"),
]
