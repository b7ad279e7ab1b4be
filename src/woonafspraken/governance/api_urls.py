from django.urls import path

from . import api

urlpatterns = [
    path("bodies", api.Bodies.as_view(), name="api-bodies"),
    path("meetings", api.Meetings.as_view(), name="api-meetings"),
    path("bids", api.Bids.as_view(), name="api-bids"),
    path("cycles/<id:id>/bids", api.CycleBids.as_view(), name="api-cycle-bids"),
    path(
        "bid-items/<id:id>/agreement", api.BidItemAgreement.as_view(), name="api-bid-item-agreement"
    ),
    path("policy-goals/<id:id>/links", api.PolicyGoalLinks.as_view(), name="api-goal-links"),
]
