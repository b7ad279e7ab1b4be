"""Anonymous responses kept in the shared cache (``woonafspraken/pagecache.py``): served again
without rendering, never stale after a write, never for or from a logged-in person.

These tests commit for real (``transaction=True``): the data version changes when a
transaction commits, as in production, and the cache is the database table of production.
"""

import json
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.agreements.cast import Cast, build
from woonafspraken import pagecache
from woonafspraken.accounts.services import create_token
from woonafspraken.agreements import services
from woonafspraken.agreements.models import Cycle, Target
from woonafspraken.process import services as process_services

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def page_cache(settings: Any) -> None:
    """The page cache on, in the shared database cache of production, empty."""
    settings.PAGE_CACHE_SECONDS = 300
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": settings.SHARED_CACHE_TABLE,
        }
    }
    cache.clear()


@pytest.fixture
def cast() -> Cast:
    return build()


@pytest.fixture
def cycle(cast: Cast) -> Cycle:
    m = cast.maastricht
    cycle = services.create_cycle(
        m.coordinator,
        municipality=m.municipality,
        title="Prestatieafspraken 2026",
        start_year=2026,
        end_year=2026,
        parties=[m.gemeente, cast.corporation],
        published=True,
    )
    theme = services.add_theme(m.coordinator, cycle, name="Nieuwbouw")
    agreement = services.add_agreement(m.coordinator, theme, title="Bouwen", kind="result")
    indicator = services.add_indicator(
        m.coordinator, m.municipality, name="Opgeleverde woningen", unit="count"
    )
    services.add_target(
        m.coordinator,
        agreement,
        indicator=indicator,
        kind="min",
        party=cast.corporation,
        year=2026,
        value=10,
    )
    return cycle


def target(cycle: Cycle) -> Target:
    return Target.objects.get(agreement__theme__cycle=cycle)


def get(client: Client, path: str, **headers: Any) -> tuple[Any, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, **headers)
    return response, len(queries)


def api_targets(client: Client, cycle: Cycle) -> dict[str, Any]:
    response = client.get(f"/api/v1/targets?cycle={cycle.pk}")
    assert response.status_code == 200
    return json.loads(response.content)  # type: ignore[no-any-return]


def test_the_second_anonymous_request_is_served_from_the_cache(cycle: Cycle) -> None:
    visitor = Client()
    for path in (f"/cycli/{cycle.pk}/", "/", f"/api/v1/targets?cycle={cycle.pk}"):
        first, rendering = get(visitor, path)
        again, kept = get(Client(), path)
        assert first.status_code == again.status_code == 200
        assert first[pagecache.HEADER] == "miss"
        assert again[pagecache.HEADER] == "hit"
        assert again.content == first.content
        assert again["Content-Type"] == first["Content-Type"]
        assert kept == 1  # the data version and the response in one read, nothing else
        assert rendering > kept
        # the headers of the middleware before it are there on a kept response too
        assert "Content-Security-Policy" in again and again["Content-Language"] == "nl"


def test_a_kept_page_carries_nothing_of_the_visitor(cycle: Cycle) -> None:
    first = Client().get(f"/cycli/{cycle.pk}/")
    assert not first.cookies
    assert b"csrfmiddlewaretoken" not in first.content
    assert "Set-Cookie" not in first


def test_dutch_and_english_are_kept_apart(cycle: Cycle) -> None:
    path = f"/cycli/{cycle.pk}/"
    dutch = Client().get(path)
    english_visitor = Client()
    english_visitor.cookies["woonafspraken_language"] = "en"
    english = english_visitor.get(path)
    assert english[pagecache.HEADER] == "miss"
    assert english["Content-Language"] == "en"
    assert b'<html lang="en"' in english.content and b'<html lang="nl"' in dutch.content
    again = english_visitor.get(path)
    assert again[pagecache.HEADER] == "hit" and b'<html lang="en"' in again.content
    assert Client().get(path).content == dutch.content
    # the API's language follows Accept-Language
    api = f"/api/v1/targets?cycle={cycle.pk}"
    Client().get(api)
    assert Client().get(api, HTTP_ACCEPT_LANGUAGE="en")[pagecache.HEADER] == "miss"


def test_a_fragment_for_htmx_is_kept_apart_from_the_page(cycle: Cycle) -> None:
    path = f"/cycli/{cycle.pk}/"
    Client().get(path)
    assert Client().get(path, HTTP_HX_REQUEST="true")[pagecache.HEADER] == "miss"


def test_a_new_title_shows_at_once(cycle: Cycle, cast: Cast) -> None:
    path = f"/cycli/{cycle.pk}/"
    Client().get(path)
    assert Client().get(path)[pagecache.HEADER] == "hit"
    services.update_cycle(
        cast.maastricht.coordinator,
        cycle,
        title="Woonakkoord 2026",
        start_year=2026,
        end_year=2026,
        parties=list(cycle.parties.all()),
    )
    fresh = Client().get(path)
    assert fresh[pagecache.HEADER] == "miss"
    assert "Woonakkoord 2026" in fresh.content.decode()
    assert Client().get(path)[pagecache.HEADER] == "hit"
    with connection.cursor() as cursor:  # the old response was replaced, not left behind
        cursor.execute(
            f"SELECT COUNT(*) FROM {django_settings.SHARED_CACHE_TABLE} WHERE cache_key LIKE %s",
            [f"%{pagecache.PAGE_PREFIX}%"],
        )
        assert cursor.fetchone()[0] == 1


def test_a_figure_and_a_norm_entered_show_at_once(cycle: Cycle, cast: Cast) -> None:
    assert api_targets(Client(), cycle)["results"][0]["norm"]["value"] == 10
    services.update_target(
        cast.maastricht.coordinator,
        target(cycle),
        changes={"value": Decimal(12)},
        expected_version=target(cycle).version,
    )
    assert api_targets(Client(), cycle)["results"][0]["norm"]["value"] == 12
    assert api_targets(Client(), cycle)["results"][0]["realised"] is None
    services.record_measurement(cast.corporation_staff, target(cycle), value=7, year=2026)
    assert api_targets(Client(), cycle)["results"][0]["realised"] == 7
    assert Client().get(f"/api/v1/targets?cycle={cycle.pk}")[pagecache.HEADER] == "hit"


def test_a_write_through_the_api_shows_at_once(cycle: Cycle, cast: Cast) -> None:
    assert api_targets(Client(), cycle)["results"][0]["realised"] is None
    writer = Client(HTTP_AUTHORIZATION=f"Token {create_token(cast.corporation_staff)}")
    response = writer.post(
        "/api/v1/measurements",
        {"target": target(cycle).pk, "year": 2026, "value": "9", "version": 0},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert api_targets(Client(), cycle)["results"][0]["realised"] == 9


def test_a_phase_change_shows_at_once(cycle: Cycle, cast: Cast) -> None:
    path = f"/cycli/{cycle.pk}/proces/"
    before = Client().get(path)
    assert before.status_code == 200
    process_services.change_phase(cast.maastricht.coordinator, cycle, "bids", "Start")
    after = Client().get(path)
    assert after[pagecache.HEADER] == "miss"
    assert after.content != before.content


def test_an_unpublished_cycle_never_leaks(cycle: Cycle) -> None:
    path = f"/cycli/{cycle.pk}/"
    assert Client().get(path).status_code == 200
    assert Client().get(path)[pagecache.HEADER] == "hit"
    api = f"/api/v1/targets?cycle={cycle.pk}"
    assert Client().get(api).status_code == 200
    Cycle.objects.filter(pk=cycle.pk).update(published=False)  # a bulk write: no signals
    assert Client().get(path).status_code == 404
    assert Client().get(api).status_code == 404


def test_a_logged_in_person_never_gets_nor_fills_a_kept_page(cycle: Cycle, cast: Cast) -> None:
    path = f"/cycli/{cycle.pk}/"
    Client().get(path)  # kept for visitors
    person = Client()
    person.force_login(cast.maastricht.coordinator)
    mine = person.get(path)
    assert pagecache.HEADER not in mine
    assert "Uitloggen" in mine.content.decode()
    other = f"/cycli/{cycle.pk}/?year=2026"
    person.get(other)
    assert Client().get(other)[pagecache.HEADER] == "miss"  # the person's page was not kept
    # nor through the API with a token
    tokened = Client(HTTP_AUTHORIZATION=f"Token {create_token(cast.corporation_staff)}")
    api = f"/api/v1/targets?cycle={cycle.pk}"
    Client().get(api)
    assert pagecache.HEADER not in tokened.get(api)


def test_a_response_that_sets_a_cookie_or_holds_a_form_is_not_kept(cycle: Cycle) -> None:
    login = Client().get("/accounts/login/")
    assert login.status_code == 200
    assert pagecache.HEADER not in login  # a CSRF token: per visitor
    assert pagecache.HEADER not in Client().get("/accounts/login/")
    switch = Client().get("/taal/en/?next=/")
    assert switch.status_code == 302 and pagecache.HEADER not in switch


def test_off_when_the_setting_is_zero(cycle: Cycle, settings: Any) -> None:
    settings.PAGE_CACHE_SECONDS = 0
    path = f"/cycli/{cycle.pk}/"
    Client().get(path)
    assert pagecache.HEADER not in Client().get(path)


def test_a_lost_version_starts_a_new_one(cycle: Cycle) -> None:
    path = f"/cycli/{cycle.pk}/"
    Client().get(path)
    cache.delete(pagecache.VERSION_KEY)  # culled from a full cache
    assert Client().get(path)[pagecache.HEADER] == "miss"


@pytest.mark.parametrize(
    "sql,writes",
    [
        ('INSERT INTO "agreements_target" ("id") VALUES (%s)', True),
        ('UPDATE "agreements_cycle" SET "published" = %s', True),
        ('DELETE FROM "agreements_theme" WHERE "id" = %s', True),
        ('INSERT OR IGNORE INTO "housing_lettingrow" VALUES (%s)', True),
        ('UPDATE "auth_user" SET "first_name" = %s WHERE "id" = %s', True),
        ('UPDATE "auth_user" SET "last_login" = %s WHERE "auth_user"."id" = %s', False),
        ('SELECT * FROM "agreements_target"', False),
        ('INSERT INTO "django_session" VALUES (%s)', False),
        ('UPDATE "woonafspraken_cache" SET "value" = %s', False),
        ('INSERT INTO "axes_accessattempt" VALUES (%s)', False),
    ],
)
def test_which_statements_change_the_data(sql: str, writes: bool) -> None:
    assert pagecache.changes_data(sql) is writes


def test_an_exempt_view_is_never_looked_up(cycle: Cycle) -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    request = RequestFactory().get("/bench/hello")
    request.user = AnonymousUser()

    def hello(request: Any) -> Any:
        raise AssertionError("not called here")

    middleware = pagecache.PageCacheMiddleware(hello)
    with CaptureQueriesContext(connection) as queries:
        assert middleware.process_view(request, pagecache.exempt(hello), (), {}) is None
    assert len(queries) == 0 and not hasattr(request, "_page_cache_key")


def test_a_full_cache_drops_pages_before_counters_and_the_version() -> None:
    """The database cache culls the first keys in sorting order."""
    pages = f":1:{pagecache.PAGE_PREFIX}:x"
    for other in ("ratelimit:render:1.2.3.4", pagecache.VERSION_KEY, "woonafspraken:national"):
        assert pages < f":1:{other}"
