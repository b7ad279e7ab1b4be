from django.urls import path

from . import views

urlpatterns = [
    path("landelijk/", views.overview, name="national"),
    path("landelijk/gebied/", views.area, name="national_area"),
    path("landelijk/gemeenten/<str:cbs_code>/", views.municipality, name="national_municipality"),
]
