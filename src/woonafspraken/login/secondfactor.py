"""Who needs a second factor, and their authenticator app (a TOTP device of django-otp).

Signatories and administrators must use one (they sign agreements or can change anyone's
data); everyone else may. Whoever has set one up is asked for it at every login.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django_otp.plugins.otp_totp.models import TOTPDevice

REQUIRED_ROLES = ("signatory", "admin")
DEVICE_NAME = "authenticator-app"


def required_for(user: Any) -> bool:
    if not getattr(settings, "SECOND_FACTOR_REQUIRED", True):
        return False
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff or user.is_superuser:
        return True
    return bool(user.memberships.filter(role__in=REQUIRED_ROLES).exists())


def device_of(user: Any) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("id").first()


def pending_device(user: Any) -> TOTPDevice:
    """The not yet confirmed device that a setup shows, made on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


SESSION_KEY = "woonafspraken.second_factor"
NONE, VERIFY, SET_UP = "none", "verify", "set-up"


def owed_by(user: Any) -> str:
    """What a freshly signed-in ``user`` still owes: nothing, a code, or a setup."""
    if device_of(user) is not None:
        return VERIFY
    if required_for(user):
        return SET_UP
    return NONE


def remember_at_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    """Decide once per login (``user_logged_in``), so pages need no extra queries."""
    session = getattr(request, "session", None)
    if session is not None:
        session[SESSION_KEY] = owed_by(user)


user_logged_in.connect(remember_at_login, dispatch_uid="woonafspraken-second-factor")
