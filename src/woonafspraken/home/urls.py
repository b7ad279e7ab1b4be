from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("cycli/", views.cycles, name="cycles"),
    path("themas/", views.themes, name="themes"),
    path("documenten/", views.documents, name="documents_overview"),
    path("taal/<str:code>/", views.switch_language, name="switch_language"),
]
