from django.urls import path

from . import api

urlpatterns = [
    path("huurtoeslag", api.Huurtoeslag.as_view(), name="api-huurtoeslag"),
    path("rent-class", api.RentClassView.as_view(), name="api-rent-class"),
    path("rule-parameters", api.RuleParameters.as_view(), name="api-rule-parameters"),
]
