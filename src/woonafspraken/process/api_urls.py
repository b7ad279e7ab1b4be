"""Included by ``woonafspraken.api.urls`` at the API root (paths are relative)."""

from django.urls import path

from . import api

urlpatterns = [
    path("cycles/<id:id>/milestones", api.Milestones.as_view(), name="api-cycle-milestones"),
    path("cycles/<id:id>/approvals", api.Approvals.as_view(), name="api-cycle-approvals"),
    path("cycles/<id:id>/phase", api.CyclePhase.as_view(), name="api-cycle-phase"),
    path("cycles/<id:id>/calendar.ics", api.Calendar.as_view(), name="api-cycle-calendar"),
    path(
        "cycles/<id:id>/legal-milestones",
        api.LegalMilestones.as_view(),
        name="api-cycle-legal-milestones",
    ),
    path("milestones/<id:id>", api.MilestoneDetail.as_view(), name="api-milestone"),
    path("cycles/<id:id>/dispute-points", api.DisputePoints.as_view(), name="api-dispute-points"),
    path(
        "dispute-points/<id:id>/positions/<id:organisationId>",
        api.DisputePositionDetail.as_view(),
        name="api-dispute-position",
    ),
    path(
        "dispute-points/<id:id>/resolution",
        api.DisputeResolution.as_view(),
        name="api-dispute-resolution",
    ),
]
