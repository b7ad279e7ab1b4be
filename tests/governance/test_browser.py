"""The new main pages in real Chromium, checked with axe."""

import datetime

import pytest
from django.utils import timezone

from tests.browser.conftest import assert_accessible, login
from woonafspraken.governance import services
from woonafspraken.governance.models import Body, PolicyGoal

from .conftest import org, woonpunt_bid

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_governance_and_policy_pages_are_accessible(page, live_server, governance, user):
    base = live_server.url
    body = Body.objects.get(name="Werkgroep Betaalbaarheid")
    meeting = services.add_meeting(
        user("gemeente-maastricht"), body, date=datetime.date(2019, 9, 10), agenda="Dip"
    )
    services.add_action_item(
        user("gemeente-maastricht"),
        meeting,
        description="Notitie splitsen",
        owner_organisation=org("maasvallei"),
        due_date=timezone.localdate() - datetime.timedelta(days=3),
    )
    goal = PolicyGoal.objects.get(title="Woonmilieus")
    login(page, base, "gemeente-maastricht")
    for path in [
        "/overleg/",
        f"/overleg/{body.pk}/",
        f"/vergaderingen/{meeting.pk}/",
        "/actiepunten/",
        "/beleid/",
        f"/beleid/doelen/{goal.pk}/",
    ]:
        page.goto(base + path)
        assert_accessible(page)


def test_an_action_item_status_changes_in_place(page, live_server, governance, user):
    base = live_server.url
    body = Body.objects.get(name="Werkgroep Betaalbaarheid")
    meeting = services.add_meeting(
        user("gemeente-maastricht"), body, date=datetime.date(2019, 9, 10)
    )
    item = services.add_action_item(
        user("gemeente-maastricht"),
        meeting,
        description="Notitie splitsen",
        due_date=timezone.localdate() - datetime.timedelta(days=3),
    )
    login(page, base, "gemeente-maastricht")
    page.goto(f"{base}/actiepunten/")
    assert page.locator(f"#action-item-{item.pk}[data-overdue]").count() == 1
    page.select_option(f"#status-{item.pk}", "done")
    page.click(f"#action-item-{item.pk} button")
    page.wait_for_selector(f'#action-item-{item.pk}[data-status="done"]')
    assert page.url == f"{base}/actiepunten/"
    assert_accessible(page)


def test_bid_pages_are_accessible(page, live_server, maastricht, user):
    base = live_server.url
    bid = woonpunt_bid(maastricht, user)
    login(page, base, "woonpunt")
    for path in [f"/cycli/{maastricht.pk}/biedingen/", f"/biedingen/{bid.pk}/"]:
        page.goto(base + path)
        assert_accessible(page)


def test_a_bid_line_with_its_goal_is_accessible_on_the_bid_and_goal_pages(
    page, live_server, maastricht, user
):
    base = live_server.url
    document = services.create_policy_document(
        user("gemeente-maastricht"),
        maastricht.municipality,
        kind="volkshuisvestingsprogramma",
        title="Volkshuisvestingsprogramma 2025",
        year=2025,
    )
    goal = services.add_goal(
        user("gemeente-maastricht"), document, theme_name="Betaalbaarheid", title="Sociale huur"
    )
    bid = woonpunt_bid(maastricht, user)
    services.add_bid_item(
        user("woonpunt"),
        bid,
        item={"section": "a", "description": "Sociale nieuwbouw", "planned": [4], "goal": goal},
    )
    login(page, base, "woonpunt")
    for path, shown in [
        (f"/biedingen/{bid.pk}/", "#new-item-goal"),
        (f"/beleid/doelen/{goal.pk}/", "#goal-bid-items"),
    ]:
        page.goto(base + path)
        assert page.locator(shown).count() == 1
        assert_accessible(page)


def test_a_body_and_a_bid_row_are_made_through_the_forms(page, live_server, maastricht, user):
    base = live_server.url
    login(page, base, "gemeente-maastricht")
    page.goto(f"{base}/overleg/")
    assert_accessible(page)
    page.select_option("#body-kind", "working_group")
    page.fill("#body-name", "Werkgroep Studentenhuisvesting")
    page.fill("#body-theme_name", "Studenten")
    page.select_option("#body-lead_organisation", label="Woonpunt")
    page.select_option(
        "#body-member_organisations", label=["Woonpunt", "Huurdersbelangenvereniging Woonbelang"]
    )
    page.click("form[action='/overleg/nieuw/'] button[type=submit]")
    body = Body.objects.get(name="Werkgroep Studentenhuisvesting")
    page.wait_for_url(f"{base}/overleg/{body.pk}/")
    assert page.locator("#lead").inner_text() == "Woonpunt"
    assert_accessible(page)

    bid = woonpunt_bid(maastricht, user)
    page.context.clear_cookies()
    login(page, base, "woonpunt")
    page.goto(f"{base}/biedingen/{bid.pk}/")
    page.select_option("#new-item-section", "d")
    page.fill("#new-item-description", "Isoleren Malberg")
    page.fill("#new-item-planned-1", "40")
    page.click(f"form[action='/biedingen/{bid.pk}/regels/'] button[type=submit]")
    page.wait_for_selector("text=Regel toegevoegd.")
    item = bid.items.get(description="Isoleren Malberg")
    assert item.planned[0] == 40
    page.click(f"#item-{item.pk} summary")
    assert page.locator(f"#item-{item.pk}-planned-1").input_value() == "40"
    assert_accessible(page)


def test_refused_body_and_meeting_forms_show_their_problems_accessibly(
    page, live_server, governance, user
):
    base = live_server.url
    body = Body.objects.get(name="Werkgroep Betaalbaarheid")
    login(page, base, "gemeente-maastricht")
    page.goto(f"{base}/overleg/")
    page.fill("#body-theme_name", "Studenten")  # no name, nothing else: refused
    page.click("form[action='/overleg/nieuw/'] button[type=submit]")
    page.wait_for_selector("#body-name-error")
    assert page.locator("#body-theme_name").input_value() == "Studenten"
    assert_accessible(page)
    page.goto(f"{base}/overleg/{body.pk}/")
    page.fill("#meeting-agenda", "1. Opening")
    page.click(f"form[action='/overleg/{body.pk}/vergadering/'] button[type=submit]")
    page.wait_for_selector("#meeting-date-error")
    assert page.locator("#meeting-agenda").input_value() == "1. Opening"
    assert not body.meetings.exists()
    assert_accessible(page)
