from django.urls import path

from . import api

urlpatterns = [
    path("organisations", api.Organisations.as_view(), name="api-organisations"),
    path("organisations/<id:id>", api.OrganisationDetail.as_view(), name="api-organisation"),
]
