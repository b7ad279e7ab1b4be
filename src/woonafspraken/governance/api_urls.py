from django.urls import path

from . import api

urlpatterns = [
    path("bodies", api.bodies, name="api-bodies"),
    path("meetings", api.meetings, name="api-meetings"),
    path("bids", api.post_bid, name="api-bids"),
    path("cycles/<int:pk>/bids", api.cycle_bids, name="api-cycle-bids"),
]
