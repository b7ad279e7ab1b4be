"""The parts of API v1 that REST framework's settings name (imported before any view).

Kept apart from :mod:`.framework` because ``rest_framework.views`` reads these settings while
it is imported.
"""

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import BaseParser
from rest_framework.request import Request

from woonafspraken.accounts.models import ApiToken, hash_token


class TokenAuthentication(BaseAuthentication):
    """``Authorization: Token <token>`` (a hashed :class:`ApiToken`); reads also a session.

    Writes accept only the token, so a logged-in browser cannot be tricked into an API write
    (no CSRF exposure); a read with no token uses the session of a logged-in user, if any.
    """

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header:
            if request.method in ("GET", "HEAD"):
                user = getattr(request._request, "user", None)
                if user is not None and user.is_authenticated and user.is_active:
                    return user, None
            return None
        scheme, _sep, raw = header.partition(" ")
        if scheme.lower() != "token" or not raw.strip():
            raise exceptions.AuthenticationFailed(
                _("Gebruik de kop ‘Authorization: Token <uw token>’.")
            )
        token = (
            ApiToken.objects.select_related("user").filter(key_hash=hash_token(raw.strip())).first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Dit token is onbekend of ingetrokken."))
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return 'Token realm="woonafspraken"'


class FirstRenderer(BaseContentNegotiation):
    """Answer in the view's (only) format whatever ``Accept`` says; never a 406."""

    def select_parser(self, request: Request, parsers: list[BaseParser]) -> BaseParser | None:
        for parser in parsers:
            if request.content_type.split(";")[0].strip() == parser.media_type:
                return parser
        return None

    def select_renderer(
        self, request: Request, renderers: list[Any], format_suffix: str | None = None
    ) -> tuple[Any, str]:
        return renderers[0], renderers[0].media_type


def _refuse_constant(name: str) -> None:
    raise ValueError(name)


class JsonParser(BaseParser):
    """JSON with exact decimals (``10.1`` stays ``Decimal("10.1")``); NaN and Infinity refused."""

    media_type = "application/json"

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        try:
            return json.loads(
                stream.read().decode("utf-8"),
                parse_float=Decimal,
                parse_constant=_refuse_constant,
            )
        except (ValueError, UnicodeDecodeError):
            raise exceptions.ParseError() from None
