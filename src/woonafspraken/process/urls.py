from django.urls import path

from . import views

urlpatterns = [
    path("cycli/<int:pk>/proces/", views.cycle_process, name="cycle_process"),
    path("cycli/<int:pk>/proces/fase/", views.change_phase, name="change_phase"),
    path("cycli/<int:pk>/proces/goedkeuren/", views.approve, name="approve_cycle"),
    path("cycli/<int:pk>/ondertekend/<int:version>.pdf", views.signed_pdf, name="signed_pdf"),
    path("goedkeuringen/<int:pk>/besluit.pdf", views.approval_document, name="approval_document"),
    path("cycli/<int:pk>/agenda.ics", views.agenda, name="cycle_agenda"),
    path("mijlpalen/<int:pk>/verplaatsen/", views.move_milestone, name="move_milestone"),
    path("mijlpalen/<int:pk>/schrappen/", views.remove_milestone, name="remove_milestone"),
    path("cycli/<int:pk>/mijlpalen/nieuw/", views.add_milestone, name="add_milestone"),
    path("cycli/<int:pk>/mijlpalen/wettelijk/", views.legal_milestones, name="legal_milestones"),
    path("cycli/<int:pk>/amendementen/", views.propose_amendment, name="propose_amendment"),
    path("cycli/<int:pk>/geschil.<str:fmt>", views.dispute, name="dispute_dossier"),
    path("cycli/<int:pk>/geschilpunten/", views.dispute_points, name="dispute_points"),
    path("geschilpunten/<int:pk>/standpunt/", views.dispute_position, name="dispute_position"),
    path("geschilpunten/<int:pk>/opgelost/", views.resolve_dispute, name="resolve_dispute"),
    path("amendementen/<int:pk>/", views.amendment_detail, name="amendment"),
    path("amendementen/<int:pk>/goedkeuren/", views.approve_amendment, name="approve_amendment"),
]
