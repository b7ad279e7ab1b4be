"""Governance fixtures on top of the Maastricht cast."""

import datetime
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils.html import escape

from woonafspraken.accounts.models import Membership, Municipality, Organisation
from woonafspraken.agreements.models import Cycle
from woonafspraken.governance import demo, services
from woonafspraken.governance.models import Bid, Body, Meeting


@pytest.fixture
def governance(maastricht: Cycle, user: Any) -> Cycle:
    demo.load(user("beheer"))
    return maastricht


@pytest.fixture
def outsider(db: Any) -> Any:
    """A coordinator of a corporation in another municipality."""
    elsewhere = Municipality.objects.create(cbs_code="GM0363", name="Amsterdam")
    org = Organisation.objects.create(
        name="Elders Wonen", slug="elders", kind="corporation", municipality=elsewhere
    )
    person = get_user_model().objects.create_user("elders", password="demo")
    Membership.objects.create(user=person, organisation=org, role="coordinator")
    return person


@pytest.fixture
def meeting(governance: Cycle, user: Any) -> Meeting:
    return services.add_meeting(
        user("gemeente-maastricht"),
        Body.objects.get(name="Werkgroep Betaalbaarheid"),
        date=datetime.date(2019, 9, 10),
        agenda="1. Opening",
        minutes="",
    )


def org(slug: str) -> Organisation:
    return Organisation.objects.get(slug=slug)


def woonpunt_bid(cycle: Cycle, user: Any, *, submit: bool = False, year: int = 2016) -> Bid:
    bid = services.start_bid(user("woonpunt"), cycle, org("woonpunt"), year=year)
    services.save_bid_content(
        user("woonpunt"),
        bid,
        sections={"a": "Nieuwbouw in Maastricht-West."},
        items=[
            {"section": "a", "description": "Nieuwbouw sociale huur", "planned": [10, 20, 0, 5]},
            {
                "section": "c",
                "description": "Verkoop",
                "postcode": "6217",
                "planned": [3, 3, 3, 3, 3],
            },
        ],
    )
    if submit:
        bid = services.submit_bid(user("woonpunt"), bid)
    return bid


def maastricht_municipality() -> Municipality:
    return Municipality.objects.get(cbs_code="GM0935")


def messages_of(response: Any) -> list[str]:
    """The django messages a (not followed) response queued for the next page."""
    from django.contrib.messages import get_messages

    return [str(m) for m in get_messages(response.wsgi_request)]


def refused_with(response: Any, *errors: str) -> str:
    """The page shown again after a refused form (400), with every one of ``errors``."""
    assert response.status_code == 400, response.status_code
    page = response.content.decode()
    assert "Er is niets opgeslagen" in page
    for error in errors:
        assert escape(error) in page, error
    return page


def sent_to_login(response: Any) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/accounts/login/")
