"""Settings, configured by environment variables (see README).

``DATABASE_URL`` (default: SQLite in ``var/``), ``SECRET_KEY`` or ``SECRET_KEY_FILE``, ``DEBUG``,
``ALLOWED_HOSTS``
(comma separated), ``CSRF_TRUSTED_ORIGINS``, ``EMAIL_URL``-style settings are read here.
Production hardening lives in :mod:`woonafspraken.production_settings`.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT_DIR = PACKAGE_DIR.parent.parent
DATA_DIR = Path(os.environ.get("WOONAFSPRAKEN_DATA_DIR", ROOT_DIR / "var"))
NODE_MODULES = Path(os.environ.get("WOONAFSPRAKEN_NODE_MODULES", ROOT_DIR / "node_modules"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def secret_key() -> str | None:
    """``SECRET_KEY``, or the contents of the file named by ``SECRET_KEY_FILE``."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    if os.environ.get("SECRET_KEY_FILE"):
        return Path(os.environ["SECRET_KEY_FILE"]).read_text().strip()
    return None


DEBUG = env_bool("DEBUG", False)
# Public on purpose: tests and a developer's machine. The WSGI/ASGI entry points refuse it
# outside debug mode and ``check --deploy`` fails on it (woonafspraken.operations).
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-change-me-" + "x" * 20
SECRET_KEY = secret_key() or DEVELOPMENT_SECRET_KEY
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "woonafspraken.operations.staticfiles.StaticFilesConfig",  # django.contrib.staticfiles
    "django.contrib.humanize",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "woonafspraken.operations",
    "woonafspraken.uploadjobs",
    "rest_framework",
    "drf_spectacular",
    "woonafspraken.accounts",
    "woonafspraken.audit",
    "woonafspraken.agreements",
    "woonafspraken.api",
    "woonafspraken.affordability",
    "woonafspraken.documents",
    "woonafspraken.governance",
    "woonafspraken.process",
    "woonafspraken.housing",
    "woonafspraken.importing",
    "woonafspraken.home",
    "woonafspraken.national",
]

MIDDLEWARE = [
    "woonafspraken.operations.requestid.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "woonafspraken.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "woonafspraken.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "woonafspraken.login.middleware.SecondFactorMiddleware",
    "woonafspraken.audit.middleware.CurrentActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "woonafspraken.pagecache.PageCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "woonafspraken.urls"

#: The database table of the shared cache (production settings; made by ``migrate``).
SHARED_CACHE_TABLE = "woonafspraken_cache"
#: How long an anonymous response may be kept at most (``pagecache.py``); 0 = not at all,
#: the default outside production: the cache here is each process's own.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 0))
WSGI_APPLICATION = "woonafspraken.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "woonafspraken.home.navigation.navigation",
            ],
        },
    },
]

DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'woonafspraken.sqlite3'}", conn_max_age=60
    )
}
# SQLite chosen on purpose (DATABASE_URL=sqlite:///...) rather than by default; production
# settings insist on the choice being made.
SQLITE_CHOSEN = "DATABASE_URL" in os.environ
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Readers never wait for a writer (WAL); a writer waits up to 60 s for the others instead of
    # failing with "database is locked"; a transaction takes the write lock when it begins, so
    # two transactions never deadlock upgrading a read lock.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 60,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "woonafspraken.accounts.passwords.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out login
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (django-axes), on the web login and the admin login alike: 5 wrong
# passwords for one user name from one address lock that pair out for 15 minutes; a correct
# login resets the count. A lock-out and its lifting by an administrator are audited.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# A second factor (TOTP, django-otp) for signatories and administrators; others may use one.
SECOND_FACTOR_REQUIRED = env_bool("SECOND_FACTOR_REQUIRED", True)
OTP_TOTP_ISSUER = "Woonafspraken"
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Static files are served by WhiteNoise, also with DEBUG off (``make run``): from the source
# folders here, from STATIC_ROOT with compressed, hashed names in production.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# Uploaded files (approval decisions) are private: there is no MEDIA_URL route; a view that
# checks access sends them.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATICFILES_DIRS = [
    PACKAGE_DIR / "static",
    ("vendor/utrecht", NODE_MODULES / "@utrecht" / "component-library-css" / "dist"),
    ("vendor/utrecht-tokens", NODE_MODULES / "@utrecht" / "design-tokens" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
]

# Making a PDF, Word or Excel document costs seconds of server time: an anonymous visitor may
# ask for at most this many per client address per this many seconds (then 429).
ANONYMOUS_RENDER_LIMIT = (
    int(os.environ.get("ANONYMOUS_RENDER_LIMIT", "10")),
    int(os.environ.get("ANONYMOUS_RENDER_WINDOW", "60")),
)
# The reverse proxy's own addresses (as for gunicorn): from these, the client is the last
# address the proxy added to X-Forwarded-For; from anyone else that header is ignored.
TRUSTED_PROXIES = env_list("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Uploads: small forms in memory, files capped (an Excel monitor is at most 10 MB).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Checked uploads waiting for the uploader's confirmation (private, never served).
# Seconds the worker may spend reading one uploaded Excel or CSV file (woonafspraken.uploadjobs).
UPLOAD_PARSE_SECONDS = float(os.environ.get("UPLOAD_PARSE_SECONDS", "60"))

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_NAME = "woonafspraken_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "woonafspraken@localhost")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

# Background work (reminder mail). Inline by default; production settings queue it in the
# database (django-tasks-db), where ``woonafspraken db_worker`` picks it up. TASKS_BACKEND
# overrides either choice.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

API_VERSION = "1.3.0"

# API v1 (see woonafspraken.api.framework and docs/api-howto.md).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["woonafspraken.api.plumbing.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["woonafspraken.api.plumbing.JsonParser"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "woonafspraken.api.plumbing.FirstRenderer",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "woonafspraken.api.framework.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "URL_FORMAT_OVERRIDE": None,
    "DEFAULT_PAGINATION_CLASS": None,
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Woonafspraken API",
    "DESCRIPTION": "Prestatieafspraken, normen, realisaties en evaluaties. Gepubliceerde "
    "gegevens zijn zonder token leesbaar (open data); schrijven vraagt een token. Volgt de "
    "NLGov REST API Design Rules: fouten zijn problem+json (RFC 9457) met een Nederlandse "
    "`detail` (Engels met `Accept-Language: en`); namen zijn lowerCamelCase; lijsten zijn "
    "gepagineerd met `page` en `pageSize` (hoogstens 100).",
    "VERSION": API_VERSION,
    # Who answers questions about this API (the Design Rules want all three). An installation
    # sets its own functional management desk (docs/deploy.md); the defaults are the ones in
    # the committed docs/openapi.json.
    "CONTACT": {
        "name": os.environ.get("API_CONTACT_NAME", "Functioneel beheer Woonafspraken"),
        "url": os.environ.get("API_CONTACT_URL", "https://woonafspraken.gemeente.nl/api/v1/"),
        "email": os.environ.get("API_CONTACT_EMAIL", "functioneelbeheer@woonafspraken.gemeente.nl"),
    },
    "LICENSE": {"name": "EUPL-1.2", "url": "https://eupl.eu/1.2/nl/"},
    "SERVERS": [{"url": "/api/v1", "description": "API v1 op deze server"}],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVE_INCLUDE_SCHEMA": True,
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    "POSTPROCESSING_HOOKS": ["woonafspraken.api.schema.postprocess"],
    "DISABLE_ERRORS_AND_WARNINGS": False,
}

# ``woonafspraken backup``: JSON that keeps every timestamp to the microsecond.
SERIALIZATION_MODULES = {"backupjson": "woonafspraken.operations.serializer"}

# Every log line carries the request id that the response header and the 500 page show.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "woonafspraken.operations.requestid.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
