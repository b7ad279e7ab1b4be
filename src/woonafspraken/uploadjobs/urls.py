from django.urls import path

from . import views

app_name = "uploadjobs"

urlpatterns = [
    path("ingelezen-bestanden/<int:pk>/", views.job_page, name="job"),
]
