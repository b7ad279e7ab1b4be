from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("cycli/<int:pk>/monitor/", views.monitor_page, name="monitor"),
    path("cycli/<int:pk>/monitor/download/", views.monitor_download, name="monitor_download"),
    path("cycli/<int:pk>/monitor/inleveren/", views.monitor_upload, name="monitor_upload"),
    path("cycli/<int:pk>/normen.csv", views.targets_csv, name="targets_csv"),
    path("cycli/<int:pk>/documenten/", views.documents_page, name="documents"),
    path("cycli/<int:pk>/documenten/<slug:slug>/", views.document_download, name="document"),
    path(
        "cycli/<int:pk>/documenten/<slug:slug>/maken/",
        views.document_request_create,
        name="request_create",
    ),
    path(
        "documentverzoeken/<int:request_id>/",
        views.document_request_page,
        name="request",
    ),
    path(
        "documentverzoeken/<int:request_id>/download/",
        views.document_request_download,
        name="request_download",
    ),
]
