from django.urls import path

from . import views

app_name = "importing"

urlpatterns = [
    path("cycli/<int:pk>/importeren/", views.upload, name="upload"),
    path("importen/<int:pk>/", views.job_page, name="job"),
]
