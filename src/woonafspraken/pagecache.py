"""Whole responses for anonymous visitors, kept in the shared cache until the data changes.

Every anonymous visitor of a page sees the same thing (published cycles only, nothing
personal), so the rendered response of an anonymous ``GET`` or ``HEAD`` is kept in Django's
cache (the database in production: shared by every application server, nothing kept per
process) and served as it is to the next anonymous visitor who asks the same.

**When a kept response is used.** It is kept with the *data version* it was made under, and
used only while that is still the current version. Its key holds what the response depends
on besides the data: method, scheme, host, full path with query string, the page
language (the language cookie), the API language (``Accept-Language``, for ``/api/`` only;
the API answers in its only format whatever ``Accept`` says) and the ``HX-Request`` header
(htmx fragments). Kept responses are used only for a request without ``Authorization``, of a
visitor who is not logged in and has no messages waiting.

**The data version** is one value in the cache, a random token, read together with the kept
response in one cache read (``get_many``: one query with the database cache); an
out-of-date response is replaced in place, so a change leaves no orphans in the cache. Every
write to a table of one of our apps (and to ``auth_user``, except the stamp of a login) gives
it a new value when the transaction commits, so a kept response is never used again after any
change an anonymous page could show (a write outside a transaction: before the next statement
on that connection, or at the end of the request). Writes are noticed at the database connection (an
execute wrapper on every connection, see :func:`watch`), not through model signals, so the
bulk paths that send no signals are covered too: ``bulk_create``, ``update()``, raw
``INSERT`` statements (the housing import, the national generator, restored snapshots). A
kept response also expires after ``PAGE_CACHE_SECONDS`` (also what "today" may lag behind);
``0`` switches the whole mechanism off (the default outside production and in the tests, so
query counts there stay those of a real rendering).

**What is never kept**: anything but status 200 HTML or JSON; a response for a logged-in
person; one that sets a cookie, uses the session or a CSRF token (a form: per-visitor
content), adds a message, says ``Cache-Control: private/no-store/no-cache`` or varies on a
header not in the key; and every request that counted against the anonymous rate limit (a
document, an export: see :mod:`woonafspraken.ratelimit` and :func:`never`), so that limit
keeps counting every request.

The middleware stands after the authentication and message middleware: on a hit those after
it in the list are skipped, those before it (security headers, language, session, CSRF) still
run for every response, kept or not.
"""

import hashlib
import re
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest, HttpResponse

#: A full database cache deletes the first third of its keys in sorting order: the pages sort
#: first ("pagecache" < "ratelimit" < "woonafspraken"), so many pages never push out the rate
#: limit's counters, the national sums or the data version.
VERSION_KEY = "woonafspraken:version"
PAGE_PREFIX = "pagecache"
HEADER = "X-Page-Cache"
#: Headers a kept response may vary on: those in the key, and ``Cookie`` only because the
#: session middleware adds it when the view looked at ``request.user``.
KEYED_VARY = {"hx-request", "accept-language", "cookie"}
KEPT_TYPES = ("text/html", "application/json")
WRITE = re.compile(
    r"\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+[\"`]?(\w+)",
    re.IGNORECASE,
)
LOGIN_STAMP = re.compile(r'[\s\S]*?\bSET\s+"?last_login"?\s*=\s*%s\s+WHERE\b', re.IGNORECASE)


def seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0))


# --- The data version ------------------------------------------------------------------------


def _version_from(found: dict[str, Any]) -> str:
    """The data version from a cache read (a new one if the cache lost it)."""
    version = found.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, timeout=None)
    return str(version)


def bump() -> None:
    """A new data version: every kept response is out of date from now on."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


_watched: frozenset[str] | None = None


def watched_tables() -> frozenset[str]:
    """The tables whose rows an anonymous page may show: every table of our apps (with their
    many-to-many tables) and the users' names."""
    global _watched
    if _watched is None:
        from django.apps import apps

        _watched = frozenset(
            model._meta.db_table.lower()
            for model in apps.get_models(include_auto_created=True)
            if model.__module__.startswith("woonafspraken.")
        ) | {"auth_user"}
    return _watched


def changes_data(sql: Any) -> bool:
    """Whether this statement writes to a watched table (unknown statement objects: yes)."""
    if not isinstance(sql, str):
        return True
    head = sql.lstrip()[:8].upper()
    if head.startswith("TRUNCATE"):
        return True
    if not head.startswith(("INSERT", "UPDATE", "DELETE", "REPLACE")):
        return False
    match = WRITE.match(sql)
    if match is None:
        return True
    table = match.group(1).lower()
    if table == "auth_user" and LOGIN_STAMP.match(sql, match.end()):
        return False  # a login's time stamp shows nowhere
    return table in watched_tables()


def _schedule(connection: BaseDatabaseWrapper) -> None:
    """A new data version once the current transaction commits (now, outside one)."""
    if not connection.in_atomic_block:
        bump()
    elif not any(entry[1] is bump for entry in connection.run_on_commit):  # once per transaction
        transaction.on_commit(bump, using=connection.alias)


def _on_write(
    execute: Callable[..., Any], sql: Any, params: Any, many: bool, context: dict[str, Any]
) -> Any:
    connection = context["connection"]
    if getattr(connection, "_page_cache_dirty", False) and not _bracket(sql):
        # An earlier write outside a transaction: its results are read by now, so the cache
        # may use the connection (never between a statement and the reading of its rows).
        connection._page_cache_dirty = False
        _schedule(connection)
    result = execute(sql, params, many, context)
    if seconds() and changes_data(sql):
        if connection.in_atomic_block:
            _schedule(connection)
        else:
            connection._page_cache_dirty = True
    return result


def _bracket(sql: Any) -> bool:
    """A statement that opens or closes a transaction or savepoint (no place for the bump)."""
    head = sql.lstrip()[:8].upper() if isinstance(sql, str) else ""
    return head.startswith(("BEGIN", "SAVEPOIN", "RELEASE", "ROLLBACK", "COMMIT", "START"))


def watch(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """``connection_created``: notice every write on this connection (see the module)."""
    if _on_write not in connection.execute_wrappers:
        connection.execute_wrappers.append(_on_write)


def settle(**kwargs: Any) -> None:
    """``request_finished``: the bump still owed for a write outside a transaction."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        if getattr(connection, "_page_cache_dirty", False):
            connection._page_cache_dirty = False
            _schedule(connection)


# --- The middleware --------------------------------------------------------------------------


def never(request: Any) -> None:
    """Keep no response to this request (it counted against a rate limit, for instance)."""
    request = getattr(request, "_request", request)  # REST framework's request wraps Django's
    request._page_cache_never = True


def _anonymous(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in request.META:
        return False
    if "messages" in request.COOKIES:  # messages waiting (Django's cookie storage)
        return False
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return False
    session = getattr(request, "session", None)
    return session is None or "_messages" not in session


def _key(request: HttpRequest) -> str:
    from django.utils.translation import get_language

    from woonafspraken.api.framework import api_language

    api = api_language(request) if request.path.startswith("/api/") else ""
    parts = [
        request.method or "",
        request.scheme or "",
        request.get_host(),
        get_language() or "",
        api,
        request.headers.get("HX-Request", ""),
        request.get_full_path(),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"{PAGE_PREFIX}:{digest}"


def _keepable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if getattr(request, "_page_cache_never", False) or not _anonymous(request):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page holds a CSRF token: per visitor
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and getattr(messages, "added_new", False):
        return False
    if not response.get("Content-Type", "").startswith(KEPT_TYPES):
        return False
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= KEYED_VARY


def exempt(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A view whose responses are never looked up nor kept (the load benchmark's yardstick:
    a view that costs nothing pays no cache look-up either)."""
    view.page_cache_exempt = True  # type: ignore[attr-defined]
    return view


class PageCacheMiddleware:
    """See the module: anonymous responses from the shared cache, kept until the data
    changes. The look-up is made once the view is known (``process_view``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if not seconds() or getattr(view, "page_cache_exempt", False) or not _anonymous(request):
            return None
        key = _key(request)
        found = cache.get_many([VERSION_KEY, key])  # one read: the version and the response
        version = _version_from(found)
        kept = found.get(key)
        if kept is None or kept[0] != version:
            request._page_cache_key = (key, version)  # type: ignore[attr-defined]
            return None
        _version, headers, content = kept
        response = HttpResponse(content, headers=headers)
        response[HEADER] = "hit"
        return response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        wanted = getattr(request, "_page_cache_key", None)
        if wanted is not None and _keepable(request, response):
            key, version = wanted
            cache.set(key, (version, list(response.items()), response.content), seconds())
            response[HEADER] = "miss"
        return response
