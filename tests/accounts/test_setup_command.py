"""``woonafspraken setup`` makes the first administrator of a municipality on an empty
database, and refuses bad answers all at once without writing anything."""

import io
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from woonafspraken.accounts.models import Membership, Municipality, Organisation

from .conftest import PASSWORD, login


def test_it_sets_up_a_municipality_and_its_first_administrator(db: Any) -> None:
    out = io.StringIO()
    call_command(
        "setup",
        "--no-input",
        "--municipality",
        "Maastricht",
        "--cbs-code",
        "gm0935",
        "--housing-region",
        "Zuid-Limburg",
        "--province",
        "limburg",
        "--first-name",
        "Anna",
        "--email",
        "anna@maastricht.nl",
        "--username",
        "anna",
        "--password",
        PASSWORD,
        stdout=out,
    )
    municipality = Municipality.objects.get()
    assert (municipality.name, municipality.cbs_code) == ("Maastricht", "GM0935")
    assert (municipality.housing_region, municipality.province) == ("Zuid-Limburg", "limburg")
    organisation = Organisation.objects.get()
    assert organisation.kind == "municipality"
    assert list(organisation.municipalities.all()) == [municipality]
    roles = set(Membership.objects.filter(user__username="anna").values_list("role", flat=True))
    assert roles == {"admin", "coordinator"}
    assert not get_user_model().objects.get(username="anna").is_superuser
    assert "/beheer/" in out.getvalue()
    assert login("anna").get("/beheer/", follow=True).status_code == 200


def test_it_asks_when_run_interactively(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["Heerlen", "GM0917", "", "", "Bert", "", "bert@heerlen.nl", "bert"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    passwords = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(passwords))
    call_command("setup", stdout=io.StringIO())
    assert get_user_model().objects.get(username="bert").check_password(PASSWORD)


def test_it_reports_every_error_at_once_and_writes_nothing(db: Any) -> None:
    with pytest.raises(CommandError) as refused:
        call_command(
            "setup", "--no-input", "--cbs-code", "0935", "--email", "geen-adres", "--password", "1"
        )
    message = str(refused.value)
    for text in (
        "Naam van de gemeente",
        "CBS-code is ‘GM’ met vier cijfers",
        "E-mailadres",
        "Gebruikersnaam",
        "Wachtwoord",
    ):
        assert text in message
    assert not Municipality.objects.exists()
    assert not get_user_model().objects.exists()


def test_a_municipality_is_set_up_once(db: Any) -> None:
    args = ["--no-input", "--municipality", "Maastricht", "--cbs-code", "GM0935"]
    person = ["--first-name", "Anna", "--email", "a@m.nl", "--password", PASSWORD]
    call_command("setup", *args, *person, "--username", "anna", stdout=io.StringIO())
    with pytest.raises(CommandError, match="al een gemeente met deze CBS-code"):
        call_command("setup", *args, *person, "--username", "anna2")
    assert get_user_model().objects.count() == 1
