"""Login is protected: throttling on the web and admin login with an audited unlock, a
password reset by e-mail, and a second factor (TOTP) for signatories and administrators."""

import re
import time
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from woonafspraken.accounts.services import ensure_membership
from woonafspraken.audit.models import AuditEntry
from woonafspraken.audit.services import verify

PASSWORD = "demo"


@pytest.fixture(autouse=True)
def throttling(settings: Any) -> None:
    settings.AXES_ENABLED = True


@pytest.fixture
def second_factor(settings: Any) -> None:
    settings.SECOND_FACTOR_REQUIRED = True


def _login(client: Client, username: str, password: str, path: str = "/accounts/login/") -> Any:
    return client.post(path, {"username": username, "password": password})


@pytest.mark.parametrize("path", ["/accounts/login/", "/admin/login/"])
def test_five_wrong_passwords_lock_out_even_the_right_one(maastricht, path):
    client = Client()
    for _ in range(5):
        assert _login(client, "woonpunt", "fout", path).status_code in (200, 429)
    locked = _login(client, "woonpunt", PASSWORD, path)
    assert locked.status_code == 429
    assert "Tijdelijk geblokkeerd" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    entry = AuditEntry.objects.get(action="accounts.login.locked_out")
    assert entry.new["username"] == "woonpunt" and entry.new["failures"] == 5


def test_another_address_is_not_locked_out_and_a_right_login_resets_the_count(maastricht):
    for _ in range(4):
        _login(Client(REMOTE_ADDR="10.0.0.1"), "woonpunt", "fout")
    assert _login(Client(REMOTE_ADDR="10.0.0.2"), "woonpunt", PASSWORD).status_code == 302
    assert _login(Client(REMOTE_ADDR="10.0.0.1"), "woonpunt", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="woonpunt", ip_address="10.0.0.1").exists()


def test_an_administrator_lifts_a_lock_out_and_that_is_audited(maastricht, user):
    client = Client()
    for _ in range(5):
        _login(client, "woonpunt", "fout")
    attempt = AccessAttempt.objects.get(username="woonpunt")
    admin = Client()
    admin.force_login(user("beheer"))
    response = admin.post(
        f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"}, follow=False
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="accounts.login.unlocked")
    assert entry.actor == user("beheer") and entry.old["username"] == "woonpunt"
    assert _login(client, "woonpunt", PASSWORD).status_code == 302
    assert verify() == []


def test_a_forgotten_password_is_reset_by_email(maastricht, user):
    person = user("woonpunt")
    person.email = "woonpunt@example.org"
    person.save()
    client = Client()
    response = client.post("/accounts/wachtwoord-vergeten/", {"email": "woonpunt@example.org"})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    [message] = mail.outbox
    assert message.subject == "Nieuw wachtwoord voor Woonafspraken"
    assert "Uw gebruikersnaam is: woonpunt" in message.body
    link = re.search(r"https?://[^/]+(/accounts/wachtwoord/\S+)", message.body).group(1)
    form = client.get(link, follow=True)
    assert "Nieuw wachtwoord kiezen" in form.content.decode()
    new = "Een-lang-nieuw-wachtwoord-2026"
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}, follow=True
    )
    assert "Wachtwoord opgeslagen" in done.content.decode()
    assert _login(Client(), "woonpunt", new).status_code == 302
    assert "Deze link is al gebruikt" in client.get(link, follow=True).content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_mail(maastricht):
    response = Client().post("/accounts/wachtwoord-vergeten/", {"email": "niemand@example.org"})
    assert response.status_code == 302 and mail.outbox == []


def _code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():06d}"


@pytest.fixture
def signatory(maastricht, user):
    person = get_user_model().objects.create_user("ondertekenaar", password=PASSWORD)
    ensure_membership(user("beheer"), person, maastricht.parties.get(slug="woonpunt"), "signatory")
    return person


@pytest.mark.usefixtures("second_factor")
def test_a_signatory_must_set_up_an_authenticator_app(maastricht, signatory, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # a wrong code delays the next try; not here
    client = Client()
    response = _login(client, "ondertekenaar", PASSWORD)
    assert response.status_code == 302
    page = client.get(f"/cycli/{maastricht.pk}/", follow=True)
    assert page.redirect_chain[-1][0].startswith("/accounts/tweede-stap/instellen/")
    html = page.content.decode()
    assert "data:image/svg+xml" in html and "Sleutel" in html
    device = TOTPDevice.objects.get(user=signatory, confirmed=False)
    wrong = client.post("/accounts/tweede-stap/instellen/", {"code": "000000"})
    assert "Deze code klopt niet" in wrong.content.decode()
    ok = client.post(
        "/accounts/tweede-stap/instellen/",
        {"code": _code(device), "next": f"/cycli/{maastricht.pk}/"},
    )
    assert ok.status_code == 302 and ok["Location"] == f"/cycli/{maastricht.pk}/"
    assert client.get(f"/cycli/{maastricht.pk}/").status_code == 200
    assert AuditEntry.objects.filter(action="accounts.second_factor.enabled").count() == 1

    again = Client()
    _login(again, "ondertekenaar", PASSWORD)
    asked = again.get(f"/cycli/{maastricht.pk}/")
    assert asked.status_code == 302 and asked["Location"].startswith("/accounts/tweede-stap/?")
    assert again.get("/admin/").status_code == 302
    refused = again.post("/accounts/tweede-stap/", {"code": "123456"})
    assert "Deze code klopt niet" in refused.content.decode()
    device.refresh_from_db()
    accepted = again.post("/accounts/tweede-stap/", {"code": _code(device, steps_ahead=1)})
    assert accepted.status_code == 302
    assert again.get(f"/cycli/{maastricht.pk}/").status_code == 200


@pytest.mark.usefixtures("second_factor")
def test_an_administrator_needs_the_second_factor_for_the_admin_too(maastricht):
    client = Client()
    assert _login(client, "beheer", PASSWORD, "/admin/login/").status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/tweede-stap/instellen/")


@pytest.mark.usefixtures("second_factor")
def test_others_may_but_need_not_use_a_second_factor(maastricht):
    client = Client()
    _login(client, "gemeente-maastricht", PASSWORD)  # a coordinator, no signatory
    assert client.get(f"/cycli/{maastricht.pk}/").status_code == 200
    setup = client.get("/accounts/tweede-stap/instellen/")
    assert setup.status_code == 200 and "data:image/svg+xml" in setup.content.decode()


def test_a_redirect_after_the_second_factor_stays_on_this_site(maastricht, signatory, settings):
    settings.SECOND_FACTOR_REQUIRED = True
    client = Client()
    _login(client, "ondertekenaar", PASSWORD)
    device = TOTPDevice.objects.create(user=signatory, name="app", confirmed=True)
    response = client.post(
        "/accounts/tweede-stap/", {"code": _code(device), "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and not response["Location"].startswith("http")


@pytest.mark.usefixtures("second_factor")
def test_wrong_codes_slow_down_the_next_try(maastricht, signatory):
    device = TOTPDevice.objects.create(user=signatory, name="app", confirmed=True)
    client = Client()
    _login(client, "ondertekenaar", PASSWORD)
    client.post("/accounts/tweede-stap/", {"code": "000000"})
    refused = client.post("/accounts/tweede-stap/", {"code": _code(device)})
    assert "Te veel foute codes" in refused.content.decode()
