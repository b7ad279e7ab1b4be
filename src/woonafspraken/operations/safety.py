"""What the WSGI and ASGI entry points check before they serve a single request."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def refuse_unsafe_start() -> None:
    """A server that is not in debug mode never runs with the public development key."""
    if (
        not settings.DEBUG
        and getattr(settings, "DEVELOPMENT_SECRET_KEY", None) == settings.SECRET_KEY
    ):
        raise ImproperlyConfigured(
            "Woonafspraken start niet met de openbare ontwikkelsleutel: zet SECRET_KEY of "
            "SECRET_KEY_FILE. / Refusing to start with the public development key: set "
            "SECRET_KEY or SECRET_KEY_FILE."
        )
