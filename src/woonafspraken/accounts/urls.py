from django.urls import path

from . import views

app_name = "beheer"

urlpatterns = [
    path("beheer/", views.overview, name="overview"),
    path("beheer/gemeenten/<int:pk>/", views.municipality, name="municipality"),
    path("beheer/gemeenten/nieuw/", views.add_municipality, name="add_municipality"),
    path(
        "beheer/gemeenten/<int:pk>/organisaties/nieuw/",
        views.create_organisation,
        name="create_organisation",
    ),
    path("beheer/gemeenten/<int:pk>/organisaties/toevoegen/", views.join_municipality, name="join"),
    path("beheer/organisaties/<int:pk>/", views.organisation, name="organisation"),
    path("beheer/organisaties/<int:pk>/uitnodigen/", views.invite, name="invite"),
    path("beheer/organisaties/<int:pk>/archiveren/", views.archive, name="archive"),
    path("beheer/organisaties/<int:pk>/terugzetten/", views.restore, name="restore"),
    path("beheer/organisaties/<int:pk>/verwijderen/", views.delete, name="delete"),
    path("beheer/organisaties/<int:pk>/personen/<int:user_pk>/", views.person, name="person"),
    path(
        "beheer/organisaties/<int:pk>/personen/<int:user_pk>/non-actief/",
        views.deactivate,
        name="deactivate",
    ),
    path(
        "beheer/organisaties/<int:pk>/personen/<int:user_pk>/actief/",
        views.reactivate,
        name="reactivate",
    ),
]
