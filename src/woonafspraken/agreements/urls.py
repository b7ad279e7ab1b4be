from django.urls import path

from . import views

urlpatterns = [
    path("cycli/<int:pk>/", views.cycle_detail, name="cycle"),
    path("cycli/<int:pk>/mijn-invoer/", views.my_input, name="my_input"),
    path("cycli/<int:pk>/wijzigingen/", views.cycle_history, name="cycle_history"),
    path("wijzigingen/<int:pk>/terugzetten/", views.restore_change, name="restore_change"),
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
    path("inrichten/", views.setup_home, name="setup_home"),
    path("gemeenten/<int:pk>/cycli/nieuw/", views.create_cycle, name="create_cycle"),
    path("gemeenten/<int:pk>/cycli/kopie/", views.copy_cycle, name="copy_cycle"),
    path("gemeenten/<int:pk>/indicatoren/", views.indicators, name="indicators"),
    path("indicatoren/<int:pk>/wijzigen/", views.edit_indicator, name="edit_indicator"),
    path("cycli/<int:pk>/inrichten/", views.cycle_setup, name="cycle_setup"),
    path("cycli/<int:pk>/afspraken/nieuw/", views.create_agreement, name="create_agreement"),
    path("themas/<int:pk>/bewerken/", views.edit_theme, name="edit_theme"),
    path("themas/<int:pk>/beheer/", views.theme_action, name="theme_action"),
    path("afspraken/<int:pk>/bewerken/", views.change_agreement, name="change_agreement"),
    path("afspraken/<int:pk>/beheer/", views.agreement_action, name="agreement_action"),
    path("afspraken/<int:pk>/normen/nieuw/", views.create_target, name="create_target"),
    path("normen/<int:pk>/bewerken/", views.change_target, name="change_target"),
    path("normen/<int:pk>/beheer/", views.target_action, name="target_action"),
]
