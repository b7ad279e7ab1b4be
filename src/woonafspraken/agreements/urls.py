from django.urls import path

from . import views

urlpatterns = [
    path("cycli/<int:pk>/", views.cycle_detail, name="cycle"),
    path("cycli/<int:pk>/mijn-invoer/", views.my_input, name="my_input"),
    path("cycli/<int:pk>/wijzigingen/", views.cycle_history, name="cycle_history"),
    path("cycli/<int:pk>/vastgoed/", views.cycle_pipeline, name="cycle_pipeline"),
    path("themas/<int:pk>/", views.theme_detail, name="theme"),
    path("themas/<int:pk>/bestuursopdrachten/", views.add_assignment, name="add_assignment"),
    path("bestuursopdrachten/<int:pk>/conclusies/", views.add_finding, name="add_finding"),
    path("conclusies/<int:pk>/wijzigen/", views.edit_finding, name="edit_finding"),
    path("afspraken/<int:pk>/", views.agreement_detail, name="agreement"),
    path("afspraken/<int:pk>/evaluatie/", views.record_assessment, name="record_assessment"),
    path("normen/<int:pk>/realisatie/", views.record_measurement, name="record_measurement"),
    path("afspraken/<int:pk>/wijzigen/", views.edit_agreement, name="edit_agreement"),
    path("normen/<int:pk>/wijzigen/", views.edit_target, name="edit_target"),
]
