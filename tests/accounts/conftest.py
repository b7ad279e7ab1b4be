"""Two municipalities set up as a new user would: with ``woonafspraken setup`` and the
set-up pages' services, never from the demo."""

from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from woonafspraken.accounts import services
from woonafspraken.accounts.models import Municipality, Organisation

PASSWORD = "een-lang-wachtwoord-42"


def set_up(name: str, code: str, username: str) -> Any:
    call_command(
        "setup",
        interactive=False,
        municipality_name=name,
        cbs_code=code,
        first_name=username.capitalize(),
        email=f"{username}@{name.lower()}.nl",
        username=username,
        password=PASSWORD,
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    return Municipality.objects.get(cbs_code=code)


@pytest.fixture
def maastricht(db: Any) -> Municipality:
    return set_up("Maastricht", "GM0935", "anna")


@pytest.fixture
def heerlen(db: Any) -> Municipality:
    return set_up("Heerlen", "GM0917", "bert")


def login(username: str) -> Client:
    """A browser session of ``username``, logged in on the real login page."""
    client = Client()
    client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert "_auth_user_id" in client.session, f"{username} kon niet inloggen"
    return client


def admin_of(municipality: Municipality) -> Any:
    organisation = Organisation.objects.get(
        municipality=municipality, kind=Organisation.Kind.MUNICIPALITY
    )
    return organisation.memberships.get(role="admin").user


@pytest.fixture
def woonpunt(maastricht: Municipality) -> Organisation:
    return services.create_organisation(
        admin_of(maastricht), maastricht, kind="corporation", name="Woonpunt", aw_number="L1930"
    )
