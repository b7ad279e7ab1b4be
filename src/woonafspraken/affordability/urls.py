from django.urls import path

from . import views

urlpatterns = [
    path("rekenhulp/", views.calculator, name="calculator"),
]
