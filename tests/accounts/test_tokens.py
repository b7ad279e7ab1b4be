"""API tokens: made, listed and revoked by their owner on the web, stored hashed, expiring."""

import datetime
import re
from typing import Any

from django.test import Client
from django.utils import timezone

from woonafspraken.accounts import services
from woonafspraken.accounts.models import ApiToken, Municipality, hash_token
from woonafspraken.audit.models import AuditEntry

from .conftest import admin_of, login

API = "/api/v1/cycles"


def _api(raw: str) -> int:
    return Client(HTTP_AUTHORIZATION=f"Token {raw}").get(API).status_code


def test_the_owner_makes_a_token_that_is_shown_once_and_stored_hashed(
    maastricht: Municipality,
) -> None:
    anna = login("anna")
    page = anna.post(
        "/mijn-account/api-tokens/", {"token-name": "Huurdersysteem", "token-days": "30"}
    )
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    raw = re.search(r'<code id="new-token">([^<]+)</code>', page.content.decode()).group(1)
    token = ApiToken.all_objects.get()
    assert token.key_hash == hash_token(raw)
    assert raw not in str(list(ApiToken.all_objects.values()))
    assert token.name == "Huurdersysteem"
    assert 29 <= (token.expires_at - timezone.now()).days <= 30
    listing = anna.get("/mijn-account/api-tokens/").content.decode()
    assert token.prefix in listing and raw not in listing
    assert _api(raw) == 200
    assert AuditEntry.objects.filter(action="accounts.token.created").exists()


def test_a_revoked_or_expired_token_no_longer_works(maastricht: Municipality) -> None:
    owner = admin_of(maastricht)
    revoked, expired = services.create_token(owner), services.create_token(owner, days=365)
    login("anna").post(
        f"/mijn-account/api-tokens/{ApiToken.all_objects.get(key_hash=hash_token(revoked)).pk}"
        "/intrekken/"
    )
    ApiToken.all_objects.filter(key_hash=hash_token(expired)).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert _api(revoked) == 401
    assert _api(expired) == 401
    listing = login("anna").get("/mijn-account/api-tokens/").content.decode()
    assert "ingetrokken" in listing and "verlopen" in listing
    assert AuditEntry.objects.filter(action="accounts.token.revoked").exists()


def test_a_token_of_someone_who_left_no_longer_works(maastricht: Municipality) -> None:
    woonpunt = services.create_organisation(
        admin_of(maastricht), maastricht, kind="corporation", name="Woonpunt"
    )
    services.invite_person(
        admin_of(maastricht),
        woonpunt,
        email="piet@woonpunt.nl",
        first_name="Piet",
        last_name="",
        roles=["contributor"],
        accept_url=lambda key: key,
    )
    piet = woonpunt.memberships.get().user
    raw = services.create_token(piet)
    assert _api(raw) == 200
    services.deactivate_person(admin_of(maastricht), piet)
    assert _api(raw) == 401


def test_nobody_else_sees_or_revokes_a_token(maastricht: Municipality, heerlen: Any) -> None:
    raw = services.create_token(admin_of(maastricht), name="Geheim")
    token = ApiToken.all_objects.get()
    bert = login("bert")
    assert "Geheim" not in bert.get("/mijn-account/api-tokens/").content.decode()
    assert bert.post(f"/mijn-account/api-tokens/{token.pk}/intrekken/").status_code == 404
    assert _api(raw) == 200


def test_a_validity_outside_the_list_is_refused(maastricht: Municipality) -> None:
    page = login("anna").post("/mijn-account/api-tokens/", {"token-days": "10000"})
    assert page.status_code == 400
    assert not ApiToken.all_objects.exists()


def test_a_person_has_at_most_ten_usable_tokens_at_once(maastricht: Municipality) -> None:
    from django.contrib.auth import get_user_model

    anna = login("anna")
    person = get_user_model().objects.get(username="anna")
    for _ in range(services.MAX_VALID_TOKENS):
        services.create_token(person)
    response = anna.post("/mijn-account/api-tokens/", {"token-name": "nog een", "token-days": "90"})
    assert response.status_code == 400
    assert "Trek er eerst een in" in response.content.decode()
    assert ApiToken.objects.filter(user=person).count() == services.MAX_VALID_TOKENS
