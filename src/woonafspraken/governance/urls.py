from django.urls import path

from . import views

app_name = "governance"

urlpatterns = [
    path("overleg/", views.body_list, name="bodies"),
    path("overleg/nieuw/", views.create_body, name="create_body"),
    path("overleg/<int:pk>/", views.body_detail, name="body"),
    path("overleg/<int:pk>/leden/", views.update_body_members, name="body_members"),
    path("overleg/<int:pk>/vergadering/", views.add_meeting, name="add_meeting"),
    path("vergaderingen/<int:pk>/", views.meeting_detail, name="meeting"),
    path("vergaderingen/<int:pk>/bewerken/", views.edit_meeting, name="edit_meeting"),
    path("vergaderingen/<int:pk>/besluit/", views.add_decision, name="add_decision"),
    path("vergaderingen/<int:pk>/actiepunt/", views.add_action_item, name="add_action_item"),
    path("actiepunten/", views.action_item_overview, name="action_items"),
    path("actiepunten/<int:pk>/status/", views.update_action_item, name="action_item_status"),
    path("beleid/", views.policy, name="policy"),
    path("beleid/nieuw/", views.create_policy_document, name="create_policy_document"),
    path("beleid/documenten/<int:pk>/doel/", views.add_goal, name="add_goal"),
    path("beleid/doelen/<int:pk>/", views.goal_detail, name="goal"),
    path("beleid/doelen/<int:pk>/koppelen/", views.link_goal, name="link_goal"),
    path("beleid/doelen/<int:pk>/toets/", views.goal_measure, name="goal_measure"),
    path("cycli/<int:pk>/biedingen/", views.bid_list, name="bids"),
    path("cycli/<int:pk>/biedingen/nieuw/", views.start_bid, name="start_bid"),
    path("biedingen/<int:pk>/", views.bid_detail, name="bid"),
    path("biedingen/<int:pk>/teksten/", views.save_bid_texts, name="save_bid_texts"),
    path("biedingen/<int:pk>/regels/", views.add_bid_item, name="add_bid_item"),
    path("biedingen/<int:pk>/indienen/", views.submit_bid, name="submit_bid"),
    path("biedingen/<int:pk>/excel/", views.bid_excel, name="bid_excel"),
    path("biedingen/<int:pk>/excel/inlezen/", views.bid_excel_import, name="bid_excel_import"),
    path("biedingregels/<int:pk>/", views.update_bid_item, name="update_bid_item"),
    path("biedingregels/<int:pk>/verwijderen/", views.remove_bid_item, name="remove_bid_item"),
    path(
        "biedingregels/<int:pk>/afspraak/", views.bid_item_to_agreement, name="bid_item_agreement"
    ),
]
