"""People: invited by e-mail with a one-time link, roles per organisation, deactivated
with their history kept."""

import re
from typing import Any

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client, TestCase

from woonafspraken.accounts.models import Membership, Municipality, Organisation
from woonafspraken.audit.models import AuditEntry

from .conftest import PASSWORD, login


def _invite(client: Any, organisation: Organisation, **fields: Any) -> Any:
    """Post the invitation form; the mail goes out once the transaction commits."""
    data = {f"invite-{k}": v for k, v in fields.items()}
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(f"/beheer/organisaties/{organisation.pk}/uitnodigen/", data)


def _link() -> str:
    match = re.search(r"http://testserver(/uitnodiging/[^/\s]+/)", mail.outbox[-1].body)
    assert match
    return match.group(1)


def test_an_invited_person_sets_a_password_once(
    maastricht: Municipality, woonpunt: Organisation
) -> None:
    response = _invite(
        login("anna"),
        woonpunt,
        first_name="Piet",
        last_name="Jansen",
        email="Piet@Woonpunt.nl",
        roles=["contributor", "signatory"],
    )
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["piet@woonpunt.nl"]
    piet = get_user_model().objects.get(email="piet@woonpunt.nl")
    assert not piet.has_usable_password()
    roles = set(Membership.objects.filter(user=piet).values_list("role", flat=True))
    assert roles == {"contributor", "signatory"}
    link = _link()
    visitor = Client()
    assert visitor.get(link).status_code == 200
    mismatch = visitor.post(link, {"password1": PASSWORD, "password2": "iets anders"})
    assert mismatch.status_code == 400
    assert visitor.post(link, {"password1": PASSWORD, "password2": PASSWORD}).status_code == 302
    assert login("piet@woonpunt.nl")
    assert Client().get(link).status_code == 404


def test_the_password_rules_speak_dutch_on_the_invitation_page_and_english_there(
    maastricht: Municipality, woonpunt: Organisation
) -> None:
    _invite(login("anna"), woonpunt, first_name="Piet", email="piet@woonpunt.nl", roles=["viewer"])
    link = _link()
    visitor = Client()
    page = visitor.post(link, {"password1": "kort", "password2": "kort"}).content.decode()
    assert "Dit wachtwoord is te kort: gebruik minstens 8 tekens." in page
    assert "too short" not in page and "too common" not in page
    visitor.cookies["woonafspraken_language"] = "en"
    page = visitor.post(link, {"password1": "kort", "password2": "kort"}).content.decode()
    assert "This password is too short: use at least 8 characters." in page
    assert not get_user_model().objects.get(email="piet@woonpunt.nl").has_usable_password()


def test_an_invitation_with_errors_writes_nothing(
    maastricht: Municipality, woonpunt: Organisation
) -> None:
    response = _invite(login("anna"), woonpunt, first_name="", email="geen-adres")
    assert response.status_code == 400
    page = response.content.decode()
    for field in ("first_name", "email", "roles"):
        assert f'id="id_invite-{field}-error"' in page
    assert get_user_model().objects.count() == 1
    assert mail.outbox == []


def test_roles_change_and_a_person_who_leaves_keeps_their_history(
    maastricht: Municipality, woonpunt: Organisation
) -> None:
    anna = login("anna")
    _invite(anna, woonpunt, first_name="Piet", email="piet@woonpunt.nl", roles=["contributor"])
    Client().post(_link(), {"password1": PASSWORD, "password2": PASSWORD})
    piet = get_user_model().objects.get(email="piet@woonpunt.nl")
    url = f"/beheer/organisaties/{woonpunt.pk}/personen/{piet.pk}/"
    assert anna.post(url, {"roles": ["viewer", "project_leader"]}).status_code == 302
    roles = set(Membership.objects.filter(user=piet).values_list("role", flat=True))
    assert roles == {"viewer", "project_leader"}
    assert anna.post(url + "non-actief/").status_code == 302
    piet.refresh_from_db()
    assert not piet.is_active
    visitor = Client()
    visitor.post("/accounts/login/", {"username": "piet@woonpunt.nl", "password": PASSWORD})
    assert "_auth_user_id" not in visitor.session
    assert Membership.objects.filter(user=piet).exists()
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "accounts.membership.created",
        "accounts.membership.removed",
        "accounts.person.deactivated",
    } <= actions


def test_a_corporation_administrator_manages_only_their_own_organisation(
    maastricht: Municipality, woonpunt: Organisation
) -> None:
    anna = login("anna")
    _invite(anna, woonpunt, first_name="Co", email="co@woonpunt.nl", roles=["admin"])
    Client().post(_link(), {"password1": PASSWORD, "password2": PASSWORD})
    co = login("co@woonpunt.nl")
    assert co.get(f"/beheer/organisaties/{woonpunt.pk}/").status_code == 200
    assert co.get(f"/beheer/gemeenten/{maastricht.pk}/").status_code == 403
    municipal = Organisation.objects.get(kind="municipality")
    assert co.get(f"/beheer/organisaties/{municipal.pk}/").status_code == 403
    response = _invite(co, woonpunt, first_name="Kees", email="kees@woonpunt.nl", roles=["viewer"])
    assert response.status_code == 302
    assert co.post(f"/beheer/organisaties/{woonpunt.pk}/archiveren/").status_code == 403
    woonpunt.refresh_from_db()
    assert not woonpunt.archived
