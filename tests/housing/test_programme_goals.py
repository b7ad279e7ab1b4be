"""The volkshuisvestingsprogramma as the frame of the agreements: a goal with a measure is
checked against the planned new build on its page, with its sources, and lists the linked
agreements; coordinators set the measure through a form."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from woonafspraken.audit.models import AuditEntry
from woonafspraken.governance import services as governance
from woonafspraken.governance.models import PolicyGoal
from woonafspraken.housing import demo, selectors


@pytest.fixture
def housing(maastricht, user):
    demo.load(user("beheer"), maastricht)
    return maastricht


def _page(goal, username=None, user=None):
    client = Client()
    if username:
        client.force_login(user(username))
    return client.get(f"/beleid/doelen/{goal.pk}/").content.decode()


def test_the_demo_programme_goals_are_checked_against_the_planned_new_build(housing, user):
    goal = PolicyGoal.objects.get(measure="affordable_new_build")
    assert goal.document.kind == "volkshuisvestingsprogramma"
    assert goal.links.exists(), "the new-build agreements serve the goal"
    outcome = selectors.goal_check(housing.municipality_id, goal.measure, goal.minimum_share)
    total = outcome.check.total
    html = _page(goal, "gemeente-maastricht", user)
    assert 'id="goal-check"' in html and 'data-fictional="true"' in html
    verdict = "haalt dit doel." if total.met else "haalt dit doel niet."
    assert verdict in html
    assert "ten minste 66,7 %" in html and "(fictief)" in html
    for agreement in goal.links.all():
        assert agreement.agreement.title in html


def test_the_check_counts_the_projects_as_the_analysis_does(housing):
    outcome = selectors.goal_check(housing.municipality_id, "social_new_build", Decimal(30))
    analysis = selectors.run(housing, "new-build-affordability").detail
    total = analysis.rows[-1]
    assert (outcome.check.total.planned, outcome.check.total.counted) == (
        total.total,
        total.social,
    )
    assert outcome.check.total.met == total.social_met


def test_without_projects_the_page_says_what_is_missing(maastricht, user):
    admin = user("beheer")
    document = governance.create_policy_document(
        admin, maastricht.municipality, kind="volkshuisvestingsprogramma", title="VHP", year=2025
    )
    goal = governance.add_goal(
        admin,
        document,
        theme_name="Nieuwbouw",
        title="30 % sociaal",
        measure="social_new_build",
        minimum_share=Decimal(30),
    )
    html = _page(goal)
    assert 'id="goal-check"' in html and "nog geen projecten" in html


def test_a_coordinator_sets_the_measure_through_the_form(housing, user):
    goal = PolicyGoal.objects.exclude(measure="").first()
    client = Client()
    client.force_login(user("gemeente-maastricht"))
    response = client.post(
        f"/beleid/doelen/{goal.pk}/toets/",
        {"measure": "social_new_build", "minimum_share": "35,5"},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.measure, goal.minimum_share) == ("social_new_build", Decimal("35.5"))
    assert AuditEntry.objects.filter(action="governance.policy_goal.measure_set").exists()
    client.post(f"/beleid/doelen/{goal.pk}/toets/", {"measure": "", "minimum_share": ""})
    goal.refresh_from_db()
    assert (goal.measure, goal.minimum_share) == ("", None)


def test_a_measure_needs_a_percentage_and_a_right(housing, user):
    goal = PolicyGoal.objects.exclude(measure="").first()
    with pytest.raises(ValidationError):
        governance.set_goal_measure(
            user("beheer"), goal, measure="social_new_build", minimum_share=None
        )
    with pytest.raises(PermissionDenied):
        governance.set_goal_measure(
            user("woonpunt"), goal, measure="social_new_build", minimum_share=Decimal(30)
        )


def test_the_goal_page_shows_what_every_party_agreed_and_achieved(housing, user):
    goal = PolicyGoal.objects.get(measure="affordable_new_build")
    html = _page(goal, "gemeente-maastricht", user)
    assert "Normen en realisatie" in html and "Gerealiseerd" in html
    target = goal.links.first().agreement.targets.exclude(party=None).first()
    assert target.party.name in html


def test_the_goal_page_costs_the_same_queries_however_many_agreements(housing, user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from woonafspraken.agreements.models import Agreement

    goal = PolicyGoal.objects.get(measure="social_new_build")
    client = Client()
    client.force_login(user("gemeente-maastricht"))
    client.get(f"/beleid/doelen/{goal.pk}/")
    with CaptureQueriesContext(connection) as before:
        client.get(f"/beleid/doelen/{goal.pk}/")
    for agreement in Agreement.objects.filter(theme__cycle=housing).exclude(goal_links__goal=goal)[
        :5
    ]:
        governance.link_goal(user("beheer"), goal, agreement)
    with CaptureQueriesContext(connection) as after:
        client.get(f"/beleid/doelen/{goal.pk}/")
    assert len(after) == len(before)
