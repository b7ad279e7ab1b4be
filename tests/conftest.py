"""The fixed cast: the Maastricht demo parties and accounts; one shared browser."""

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests import snapshot
from tests.browser.conftest import ARGS, CHROMIUM
from woonafspraken import demo as full_demo
from woonafspraken.accounts.services import create_token
from woonafspraken.agreements import demo
from woonafspraken.agreements.models import Cycle, Target


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    """Demo accounts get their password hashed on every load; a slow hasher only costs time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def second_factor_only_where_tested(settings: Any) -> None:
    """Signatories and administrators need a second factor; tests of other features log them
    in directly. tests/test_login.py switches the requirement back on."""
    settings.SECOND_FACTOR_REQUIRED = False


@pytest.fixture(autouse=True)
def login_throttling_only_where_tested(settings: Any) -> None:
    """django-axes needs the request to count a login; the test client's ``login()`` gives
    none. tests/test_login.py switches throttling back on and logs in through the pages."""
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    """Counters kept in the cache (the anonymous rendering limit) start at zero per test."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def maastricht(db: Any) -> Cycle:
    snapshot.load("core", full_demo.load_core)
    return Cycle.objects.get(title=demo.CYCLE_TITLE)


@pytest.fixture
def user(db: Any):  # type: ignore[no-untyped-def]
    def get(username: str) -> Any:
        return get_user_model().objects.get(username=username)

    return get


@pytest.fixture
def token_client(maastricht: Cycle, user: Any):  # type: ignore[no-untyped-def]
    def make(username: str) -> Client:
        return Client(HTTP_AUTHORIZATION=f"Token {create_token(user(username))}")

    return make


def target_of(cycle: Cycle, indicator_prefix: str, party: str | None = None) -> Target:
    qs = Target.objects.filter(
        agreement__theme__cycle=cycle, indicator__name__startswith=indicator_prefix
    )
    if party is None:
        return qs.get(party__isnull=True)
    return qs.get(party__slug=party)


# --- Real Chromium (Debian's /usr/bin/chromium) driven by Playwright, never a downloaded one ---


@pytest.fixture(scope="session")
def browser() -> Any:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium ontbreekt: `make test` installeert Debian's chromium.")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Any:
    context = browser.new_context(bypass_csp=True, locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()
