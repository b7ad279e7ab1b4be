"""A small frame for the JSON API after the NLGov REST API Design Rules.

Every response carries ``API-Version``; every error is an RFC 9457 problem document
(``application/problem+json``) with a Dutch ``detail``. Writes authenticate with
``Authorization: Token …`` only (no session, so no CSRF exposure); reads also accept the
session of a logged-in user and anonymous access to published data.
"""

import functools
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt

from woonafspraken.accounts.models import ApiToken, hash_token
from woonafspraken.agreements.services import Conflict


class Problem(Exception):
    def __init__(self, status: int, title: str, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail, self.extra = status, title, detail, extra


TITLES = {
    400: "Ongeldige invoer",
    401: "Niet geauthenticeerd",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    409: "Conflict",
    413: "Te groot",
    500: "Interne fout",
}


def number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral() else float(value)


class Encoder(json.JSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, Decimal):
            return number(o)
        return super().default(o)


def respond(data: Any, status: int = 200, content_type: str = "application/json") -> HttpResponse:
    response = JsonResponse(
        data, status=status, encoder=Encoder, safe=False, json_dumps_params={"ensure_ascii": False}
    )
    response["Content-Type"] = content_type
    response["API-Version"] = settings.API_VERSION
    return response


def problem(request: HttpRequest, status: int, detail: str, **extra: Any) -> HttpResponse:
    body = {
        "type": "about:blank",
        "title": TITLES.get(status, "Fout"),
        "status": status,
        "detail": detail,
        "instance": request.path,
        **extra,
    }
    response = respond(body, status=status, content_type="application/problem+json")
    if status == 401:
        response["WWW-Authenticate"] = 'Token realm="woonafspraken"'
    return response


def token_user(request: HttpRequest) -> Any:
    header = request.headers.get("Authorization", "")
    if not header:
        return None
    scheme, _, raw = header.partition(" ")
    if scheme.lower() != "token" or not raw.strip():
        raise Problem(401, TITLES[401], "Gebruik de kop ‘Authorization: Token <uw token>’.")
    token = ApiToken.objects.select_related("user").filter(key_hash=hash_token(raw.strip())).first()
    if token is None or not token.user.is_active:
        raise Problem(401, TITLES[401], "Dit token is onbekend of ingetrokken.")
    return token.user


def endpoint(*methods: str) -> Callable[[Callable[..., Any]], Callable[..., HttpResponse]]:
    def decorate(view: Callable[..., Any]) -> Callable[..., HttpResponse]:
        @csrf_exempt
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            with translation.override("nl"):
                try:
                    if request.method not in methods:
                        raise Problem(405, TITLES[405], "Deze methode is hier niet toegestaan.")
                    user = token_user(request)
                    if user is None:
                        user = request.user if request.method == "GET" else AnonymousUser()
                    request.api_user = user  # type: ignore[attr-defined]
                    result = view(request, *args, **kwargs)
                except Problem as exc:
                    return problem(request, exc.status, exc.detail, **exc.extra)
                except Conflict as exc:
                    return problem(request, 409, exc.message, current=exc.current)
                except ValidationError as exc:
                    return problem(request, 400, " ".join(exc.messages))
                except PermissionDenied as exc:
                    if not getattr(request.api_user, "is_authenticated", False):  # type: ignore[attr-defined]
                        return problem(request, 401, "Log in met een token om dit te doen.")
                    return problem(request, 403, str(exc) or "U heeft hier geen toegang toe.")
                except Http404:
                    return problem(request, 404, "Dit object bestaat niet (of is niet openbaar).")
            if isinstance(result, HttpResponse):
                result["API-Version"] = settings.API_VERSION
                return result
            status, data = result if isinstance(result, tuple) else (200, result)
            return respond(data, status=status)

        return wrapper

    return decorate


def int_param(request: HttpRequest, name: str, *, required: bool = False) -> int | None:
    raw = request.GET.get(name)
    if raw in (None, ""):
        if required:
            raise Problem(400, TITLES[400], f"De parameter ‘{name}’ is verplicht.")
        return None
    try:
        return int(raw)
    except ValueError:
        raise Problem(
            400, TITLES[400], f"De parameter ‘{name}’ moet een geheel getal zijn."
        ) from None


def json_body(request: HttpRequest) -> dict[str, Any]:
    if not request.content_type or "json" not in request.content_type:
        raise Problem(
            400, TITLES[400], "Stuur de gegevens als JSON (Content-Type: application/json)."
        )
    try:
        data = json.loads(request.body or b"null", parse_float=Decimal)
    except (ValueError, UnicodeDecodeError):
        raise Problem(400, TITLES[400], "De gegevens zijn geen geldige JSON.") from None
    if not isinstance(data, dict):
        raise Problem(400, TITLES[400], "Stuur een JSON-object.")
    return data


def paginate(
    request: HttpRequest, items: list[Any], render: Callable[[Any], Any]
) -> dict[str, Any]:
    page_number = int_param(request, "page") or 1
    page_size = min(int_param(request, "pageSize") or 100, 500)
    if page_size < 1 or page_number < 1:
        raise Problem(400, TITLES[400], "‘page’ en ‘pageSize’ moeten 1 of meer zijn.")
    paginator = Paginator(items, page_size)
    try:
        page = paginator.page(page_number)
    except EmptyPage:
        raise Problem(404, TITLES[404], "Deze pagina bestaat niet.") from None

    def link(n: int) -> str:
        query = request.GET.copy()
        query["page"] = str(n)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": paginator.count,
        "next": link(page.next_page_number()) if page.has_next() else None,
        "previous": link(page.previous_page_number()) if page.has_previous() else None,
        "results": [render(item) for item in page.object_list],
    }
