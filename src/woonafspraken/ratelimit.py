"""A per-client rate limit for expensive work anonymous visitors may ask for (making a PDF or
Word document, an Excel export).

A window per client address in Django's cache, starting at the client's first request:
``cache.add`` starts it and ``cache.incr`` counts atomically. With the default per-process
cache each app process counts on its own; a shared cache (``CACHES``) makes the limit hold
across processes. People who are logged in are accountable and not limited here (the
document queue limits them).
"""

import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from woonafspraken import pagecache


def client(request: HttpRequest) -> str:
    """The address the request came from. When it came through our own reverse proxy
    (``TRUSTED_PROXIES``), that is the last address the proxy appended to
    ``X-Forwarded-For``; addresses a client wrote there itself come before it and are never
    used, and from anyone else the header is ignored."""
    remote = str(request.META.get("REMOTE_ADDR") or "unknown")
    if remote in settings.TRUSTED_PROXIES:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if forwarded and forwarded[-1]:
            return forwarded[-1][:64]
    return remote


def _limit() -> tuple[int, int]:
    count, seconds = settings.ANONYMOUS_RENDER_LIMIT
    return int(count), int(seconds)


def refused(request: HttpRequest, scope: str = "render") -> int | None:
    """Count one expensive request of an anonymous visitor. ``None`` while within the limit,
    otherwise the seconds until the client may try again (nothing is counted then)."""
    user: Any = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return None
    pagecache.never(request)  # every request must reach this count: none is answered from a cache
    count, seconds = _limit()
    key = f"ratelimit:{scope}:{client(request)}"
    now = time.time()
    # The window starts at the client's first request and lasts ``seconds``.
    cache.add(f"{key}:start", now, timeout=seconds)
    started = float(cache.get(f"{key}:start", now))
    if cache.add(key, 1, timeout=seconds):
        used = 1
    else:
        try:
            used = cache.incr(key)
        except ValueError:  # the window ended between add and incr: a new one
            cache.add(key, 1, timeout=seconds)
            used = 1
    if used <= count:
        return None
    return max(1, int(started + seconds - now) + 1)


def too_busy(request: HttpRequest) -> HttpResponse | None:
    """The 429 page for an anonymous visitor who asked for too many documents just now."""
    wait = refused(request)
    if wait is None:
        return None
    response = render(request, "429.html", {"seconds": wait}, status=429)
    response["Retry-After"] = str(wait)
    return response
