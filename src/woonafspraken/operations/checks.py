"""Checks that ``woonafspraken check --deploy`` adds to Django's own.

Each one catches a default that is right for a developer's machine and wrong on a server.
"""

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def development_defaults(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    errors = []
    if getattr(settings, "DEVELOPMENT_SECRET_KEY", None) == settings.SECRET_KEY:
        errors.append(
            Error(
                "SECRET_KEY is the public development key.",
                hint="Set SECRET_KEY (or SECRET_KEY_FILE) to a long random secret.",
                id="woonafspraken.E001",
            )
        )
    engine = settings.DATABASES.get("default", {}).get("ENGINE", "")
    if engine.endswith("sqlite3") and not getattr(settings, "SQLITE_CHOSEN", False):
        errors.append(
            Error(
                "The database is SQLite because DATABASE_URL is not set.",
                hint=(
                    "Set DATABASE_URL to PostgreSQL, or to sqlite:///<path> to choose the "
                    "embedded database on purpose (one server process only)."
                ),
                id="woonafspraken.E002",
            )
        )
    if "testserver" in settings.ALLOWED_HOSTS:
        errors.append(
            Error(
                "ALLOWED_HOSTS contains 'testserver', the host name of Django's test client.",
                hint="List only the host names the site is served on.",
                id="woonafspraken.E003",
            )
        )
    return errors
