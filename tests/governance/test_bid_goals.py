"""A bid line names the policy goal it serves; the goal's page shows the lines that do."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from woonafspraken.accounts.models import Municipality
from woonafspraken.audit.models import AuditEntry
from woonafspraken.governance import services
from woonafspraken.governance.models import BidItem, PolicyDocument, PolicyGoal

from .conftest import maastricht_municipality, org, refused_with, woonpunt_bid


def _goal(user: Any, title: str = "Genoeg sociale huur") -> PolicyGoal:
    document = services.create_policy_document(
        user("gemeente-maastricht"),
        maastricht_municipality(),
        kind=PolicyDocument.Kind.VOLKSHUISVESTINGSPROGRAMMA,
        title="Volkshuisvestingsprogramma 2025",
        year=2025,
    )
    return services.add_goal(
        user("gemeente-maastricht"), document, theme_name="Betaalbaarheid", title=title
    )


def _foreign_goal() -> PolicyGoal:
    elsewhere = Municipality.objects.create(cbs_code="GM0363", name="Amsterdam")
    document = PolicyDocument.objects.create(
        municipality=elsewhere, kind="woonvisie", title="Woonvisie Amsterdam", year=2020
    )
    return PolicyGoal.objects.create(
        document=document, theme_name="Betaalbaarheid", title="Amsterdams doel"
    )


def _line(description: str, goal: Any, planned: list[int | None] | None = None) -> dict:
    return {"section": "a", "description": description, "planned": planned or [5], "goal": goal}


@pytest.fixture
def goal(maastricht: Any, user: Any) -> PolicyGoal:
    return _goal(user)


def test_a_bid_line_names_a_goal_of_its_municipality_and_the_history_keeps_its_title(
    maastricht, user, goal
):
    bid = woonpunt_bid(maastricht, user)
    services.save_bid_content(
        user("woonpunt"),
        bid,
        sections=None,
        items=[_line("Met doel", goal), _line("Met id", str(goal.pk)), _line("Zonder", None)],
    )
    assert [(i.description, i.goal) for i in bid.items.order_by("order")] == [
        ("Met doel", goal),
        ("Met id", goal),
        ("Zonder", None),
    ]
    entry = AuditEntry.objects.filter(action="governance.bid.changed").latest("id")
    assert [i.get("goal") for i in entry.new["items"]] == [goal.title, goal.title, None]


def test_a_goal_of_another_municipality_is_refused_with_every_problem_and_nothing_saved(
    maastricht, user, goal
):
    bid = woonpunt_bid(maastricht, user)
    foreign = _foreign_goal()
    with pytest.raises(services.BidRejected) as refused:
        services.save_bid_content(
            user("woonpunt"),
            bid,
            sections=None,
            items=[_line("Elders", foreign), _line("", goal), _line("Onbekend", 10**9)],
        )
    assert [(e.index, e.field) for e in refused.value.errors] == [
        (0, "goal"),
        (1, "description"),
        (2, "goal"),
    ]
    assert refused.value.errors[0].message == "Kies een beleidsdoel van de gemeente van dit bod."
    assert not BidItem.objects.filter(goal__isnull=False).exists()
    assert bid.items.count() == 2  # the lines woonpunt_bid saved are still there


def test_changing_one_line_sets_and_clears_its_goal_in_the_history(maastricht, user, goal):
    bid = woonpunt_bid(maastricht, user)
    item = services.add_bid_item(user("woonpunt"), bid, item=_line("Nieuw", goal.pk))
    assert item.goal == goal
    services.update_bid_item(user("woonpunt"), item, changes=_line("Nieuw", None))
    item.refresh_from_db()
    assert item.goal is None
    entry = AuditEntry.objects.get(action="governance.bid_item.changed")
    assert entry.old["goal"] == goal.title
    assert "goal" not in entry.new
    with pytest.raises(services.BidRejected):
        services.update_bid_item(user("woonpunt"), item, changes=_line("Nieuw", _foreign_goal()))


def test_the_bid_page_offers_the_goals_and_its_forms_save_them(maastricht, user, goal, client):
    bid = woonpunt_bid(maastricht, user)
    client.force_login(user("woonpunt"))
    page = client.get(f"/biedingen/{bid.pk}/").content.decode()
    assert 'for="new-item-goal">Beleidsdoel (optioneel)</label>' in page
    assert f'<option value="{goal.pk}">Betaalbaarheid · Genoeg sociale huur</option>' in page
    client.post(
        f"/biedingen/{bid.pk}/regels/",
        {"section": "a", "description": "Flexwoningen", "planned_1": "12", "goal": goal.pk},
    )
    item = bid.items.get(description="Flexwoningen")
    assert item.goal == goal
    page = client.get(f"/biedingen/{bid.pk}/").content.decode()
    assert f'<option value="{goal.pk}" selected>' in page
    response = client.post(
        f"/biedingregels/{item.pk}/",
        {"section": "a", "description": "Flexwoningen", "goal": _foreign_goal().pk},
    )
    refused_with(response, "Kies een beleidsdoel van de gemeente van dit bod.")
    item.refresh_from_db()
    assert item.goal == goal
    client.post(f"/biedingregels/{item.pk}/", {"section": "a", "description": "Flexwoningen"})
    item.refresh_from_db()
    assert item.goal is None


def _bid_with_goal(maastricht: Any, user: Any, goal: PolicyGoal, *, submit: bool) -> Any:
    bid = woonpunt_bid(maastricht, user)
    services.add_bid_item(
        user("woonpunt"), bid, item=_line("Sociale nieuwbouw West", goal, [40, None, 60])
    )
    if submit:
        services.submit_bid(user("woonpunt"), bid)
    return bid


def test_the_goal_page_shows_the_submitted_lines_to_the_municipality_not_to_anonymous(
    maastricht, user, goal, client
):
    _bid_with_goal(maastricht, user, goal, submit=True)
    path = f"/beleid/doelen/{goal.pk}/"
    anonymous = client.get(path).content.decode()
    assert "Sociale nieuwbouw West" not in anonymous
    assert "Geen regel uit een bod die u mag zien noemt dit doel." in anonymous
    client.force_login(user("gemeente-maastricht"))
    page = client.get(path).content.decode()
    assert "Sociale nieuwbouw West" in page
    assert "Woonpunt" in page and "bod 2016" in page
    assert "2017: 40<br>2019: 60" in page


def test_a_draft_bid_shows_on_the_goal_page_only_to_its_corporation(maastricht, user, goal, client):
    _bid_with_goal(maastricht, user, goal, submit=False)
    path = f"/beleid/doelen/{goal.pk}/"
    client.force_login(user("gemeente-maastricht"))
    assert "Sociale nieuwbouw West" not in client.get(path).content.decode()
    client.force_login(user("woonpunt"))
    assert "Sociale nieuwbouw West" in client.get(path).content.decode()


def _count(client: Any, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_goal_page_costs_the_same_queries_for_more_bids(maastricht, user, goal, client):
    _bid_with_goal(maastricht, user, goal, submit=True)
    client.force_login(user("gemeente-maastricht"))
    path = f"/beleid/doelen/{goal.pk}/"
    before = _count(client, path)
    for slug in ("servatius", "maasvallei"):
        bid = services.start_bid(user(slug), maastricht, org(slug), year=2016)
        services.add_bid_item(user(slug), bid, item=_line(f"Regel {slug}", goal))
        services.submit_bid(user(slug), bid)
    page = client.get(path).content.decode()
    assert "Regel servatius" in page and "Regel maasvallei" in page
    assert _count(client, path) == before


def test_the_api_takes_and_gives_the_goal_of_a_line(maastricht, token_client, goal):
    client = token_client("woonpunt")
    payload = {
        "cycle": maastricht.pk,
        "year": 2016,
        "items": [
            {"section": "a", "description": "Met doel", "planned": [1], "goal": goal.pk},
            {"section": "a", "description": "Zonder", "goal": None},
        ],
    }
    created = client.post("/api/v1/bids", payload, content_type="application/json")
    assert created.status_code == 201, created.json()
    assert [i["goal"] for i in created.json()["items"]] == [goal.pk, None]
    (shown,) = client.get(f"/api/v1/cycles/{maastricht.pk}/bids").json()["results"]
    assert [i["goal"] for i in shown["items"]] == [goal.pk, None]
    payload["items"][1]["goal"] = _foreign_goal().pk
    refused = client.post("/api/v1/bids", payload, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["invalidParams"] == [
        {"name": "items[1].goal", "reason": "Kies een beleidsdoel van de gemeente van dit bod."}
    ]


def test_an_agreement_made_of_a_line_serves_the_line_s_goal(maastricht, user, goal):
    bid = woonpunt_bid(maastricht, user)
    services.save_bid_content(
        user("woonpunt"), bid, sections=None, items=[_line("Met doel", goal), _line("Zonder", None)]
    )
    services.submit_bid(user("woonpunt"), bid)
    theme = maastricht.themes.get(name="Vastgoed")
    with_goal, without = bid.items.order_by("order")
    made = services.turn_item_into_agreement(user("gemeente-maastricht"), with_goal, theme=theme)
    other = services.turn_item_into_agreement(user("gemeente-maastricht"), without, theme=theme)
    assert list(made.goal_links.values_list("goal", flat=True)) == [goal.pk]
    assert not other.goal_links.exists()
    assert (
        AuditEntry.objects.filter(action="governance.goal.linked", agreement_id=made.pk).count()
        == 1
    )
