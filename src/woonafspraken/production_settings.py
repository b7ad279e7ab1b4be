"""Production settings: the defaults of :mod:`settings` hardened for HTTPS deployment.

Refuses to load without a secret key (``SECRET_KEY`` or ``SECRET_KEY_FILE``) and without a
database chosen on purpose (``DATABASE_URL``; ``sqlite:///<path>`` is a valid choice for one
server process). ``woonafspraken check --deploy`` is clean. See docs/deploy.md.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .settings import *  # noqa: F403

DEBUG = False
PRODUCTION = True
if secret_key() is None:  # noqa: F405
    raise ImproperlyConfigured(
        "Zet SECRET_KEY of SECRET_KEY_FILE in de omgeving / set SECRET_KEY or SECRET_KEY_FILE "
        "in the environment."
    )
if "DATABASE_URL" not in os.environ:
    raise ImproperlyConfigured(
        "Zet DATABASE_URL (PostgreSQL, of sqlite:///pad/naar/bestand.sqlite3 om bewust SQLite te "
        "kiezen) / set DATABASE_URL (PostgreSQL, or sqlite:///path/to/file.sqlite3 to choose "
        "SQLite on purpose)."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")  # noqa: F405

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

# Static files from STATIC_ROOT (``woonafspraken collectstatic``), with content hashes in their
# names and pre-compressed copies, so browsers and proxies may cache them for a year.
WHITENOISE_USE_FINDERS = False
WHITENOISE_AUTOREFRESH = False
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "woonafspraken.operations.storage.StaticStorage"},
}

# Reminder mail leaves the request or command: it waits in the database until
# ``woonafspraken db_worker`` (a second process next to the web server) sends it.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# One cache for every application server: a table in the database (made by ``migrate``), so
# no server keeps state of its own. It holds derived figures only (the national sums, see
# ``national/summary.py``; the anonymous pages, ``pagecache.py``; the rate limit's counters),
# never sessions or anything that must survive.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": SHARED_CACHE_TABLE,  # noqa: F405
        # Anonymous pages fill most of it (one entry per page and language; a national
        # installation has some tens of thousands); when full, a third is dropped, pages first.
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", 30000))},
    }
}
NATIONAL_CACHE_SECONDS = int(os.environ.get("NATIONAL_CACHE_SECONDS", 300))
# Anonymous responses kept until the data changes, and at most this long (``pagecache.py``).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 300))
