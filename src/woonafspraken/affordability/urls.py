from django.urls import path

from . import views

urlpatterns = [
    path("rekenhulp/", views.calculator, name="calculator"),
    path("rekenhulp/bewaren/", views.save_comparison, name="save_comparison"),
    path("analyses/<int:pk>/", views.analysis_detail, name="analysis"),
]
