from django.urls import path

from . import views

app_name = "housing"

urlpatterns = [
    path("cycli/<int:pk>/analyses/", views.analyses, name="analyses"),
    path("cycli/<int:pk>/analyses/scenario/", views.save_scenario, name="save_scenario"),
    path("cycli/<int:pk>/analyses/overnemen/", views.adopt, name="adopt"),
    path("cycli/<int:pk>/woongegevens/", views.data, name="data"),
    path(
        "woongegevens/sjablonen/<slug:table>.<slug:fmt>",
        views.template_file,
        name="template",
    ),
    path("woongegevens/<int:pk>/export.<slug:fmt>", views.export, name="export"),
    path("woongegevens/<int:pk>/verwijderen/", views.delete, name="delete"),
]
