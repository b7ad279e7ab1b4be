"""The second factor: set up an authenticator app, and give its code after the password."""

from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from woonafspraken.audit.services import log_action

from . import secondfactor
from .forms import CodeForm


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _verified(request: HttpRequest, device: Any) -> None:
    otp_login(request, device)
    request.session[secondfactor.SESSION_KEY] = secondfactor.NONE


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    device = secondfactor.device_of(request.user)
    if device is None:
        return redirect(f"{reverse('second_factor_setup')}?{urlencode({'next': _next(request)})}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            _verified(request, device)
            return redirect(_next(request))
        allowed, _details = device.verify_is_allowed()
        form.add_error(
            "code",
            _("Deze code klopt niet. Wacht op de volgende code en probeer het opnieuw.")
            if allowed
            else _("Te veel foute codes. Wacht even en probeer het dan opnieuw."),
        )
    return render(
        request, "registration/second_factor.html", {"form": form, "next": _next(request)}
    )


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """Show the secret as a QR code and as text; a correct code from the app confirms it."""
    verified = request.user.is_verified()  # type: ignore[union-attr]
    if verified and secondfactor.device_of(request.user) is not None:
        messages.info(request, _("U gebruikt al een authenticator-app."))
        return redirect(_next(request))
    device = secondfactor.pending_device(request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            log_action(
                "accounts.second_factor.enabled",
                actor=request.user,
                obj=device,
                new={"name": device.name},
            )
            _verified(request, device)
            messages.success(request, _("De tweede stap bij het inloggen staat aan."))
            return redirect(_next(request))
        form.add_error("code", _("Deze code klopt niet. Controleer de tijd op uw telefoon."))
    secret = device.config_url.split("secret=", 1)[1].split("&", 1)[0]
    context = {
        "form": form,
        "next": _next(request),
        "qr": segno.make(device.config_url, error="m").svg_data_uri(scale=4),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "required": secondfactor.required_for(request.user),
    }
    return render(request, "registration/second_factor_setup.html", context)
