"""Production settings: the defaults of :mod:`settings` hardened for HTTPS deployment.

``SECRET_KEY`` must come from the environment; ``manage.py check --deploy`` is clean.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .settings import *  # noqa: F403

DEBUG = False
if "SECRET_KEY" not in os.environ:
    raise ImproperlyConfigured("Zet SECRET_KEY in de omgeving / set SECRET_KEY in the environment.")
SECRET_KEY = os.environ["SECRET_KEY"]

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

# Reminder mail leaves the request or command: it waits in the database until
# ``woonafspraken db_worker`` (a second process next to the web server) sends it.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
