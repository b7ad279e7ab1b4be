from django.urls import path

from . import api

urlpatterns = [
    path("huurtoeslag", api.huurtoeslag, name="api-huurtoeslag"),
    path("rent-class", api.rent_class_view, name="api-rent-class"),
    path("rule-parameters", api.rule_parameters, name="api-rule-parameters"),
]
