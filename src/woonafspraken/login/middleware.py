"""Sends a signed-in user who still owes a second factor to the page that asks for it.

Place after ``django_otp.middleware.OTPMiddleware``. Only the pages of logging in and out, the
second factor itself, the password reset, the language switch and static files are open
before that.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode

from . import secondfactor

OPEN_URL_NAMES = (
    "login",
    "logout",
    "second_factor",
    "second_factor_setup",
    "password_reset",
    "password_reset_done",
    "password_reset_complete",
)
OPEN_PREFIXES = ("/i18n/", "/accounts/wachtwoord/")


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._open: set[str] | None = None

    def _open_paths(self) -> set[str]:
        if self._open is None:
            self._open = {reverse(name) for name in OPEN_URL_NAMES}
        return self._open

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not user.is_verified()  # type: ignore[union-attr]
            and request.path not in self._open_paths()
            and not request.path.startswith((*OPEN_PREFIXES, "/" + settings.STATIC_URL.lstrip("/")))
        ):
            owed = request.session.get(secondfactor.SESSION_KEY)
            if owed is None:
                owed = request.session[secondfactor.SESSION_KEY] = secondfactor.owed_by(user)
            if owed == secondfactor.NONE:
                return self.get_response(request)
            target = "second_factor" if owed == secondfactor.VERIFY else "second_factor_setup"
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse(target)}?{query}")
        return self.get_response(request)
