"""The foundation of API v1 on Django REST framework, after the NLGov REST API Design Rules.

Every view of the API is an :class:`ApiView`. It gives:

* ``API-Version`` and ``Content-Language`` on every response;
* Dutch messages, English with ``Accept-Language: en`` (the pages ignore that header, the
  API follows it: a client program has no language switch);
* every error as an RFC 9457 problem document (``application/problem+json``), see
  :func:`exception_handler`; a route-less path under ``/api/`` is a problem too
  (:func:`not_found`);
* token authentication (``Authorization: Token …``, :class:`TokenAuthentication`); reads also
  accept the session of a logged-in user and anonymous access to published data;
* strict input: query strings and JSON bodies are read by serializers that refuse keys they
  do not know (so only the lowerCamelCase spelling works) and values outside the bounds the
  schema states (see :func:`read_query` and :class:`StrictSerializer`);
* lists paginated in the database with absolute page links (:func:`paginate`).

How to add an endpoint: ``docs/api-howto.md``.
"""

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import EmptyPage, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import register_converter
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from woonafspraken.agreements.services import Conflict
from woonafspraken.operations.requestid import CURRENT
from woonafspraken.process.rules import CycleLocked

logger = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"

#: The largest id the API accepts (a 64-bit database key); larger ones are a 404 or 400.
MAX_ID = 2**63 - 1
#: Years a cycle can cover; the rules' own years are in ``woonafspraken.rules.known_years``.
FIRST_YEAR, LAST_YEAR = 2000, 2100
#: Page size: the default and the most one page holds (a larger one is refused, not clamped).
PAGE_SIZE = 100


class IdConverter:
    """``<id:name>`` in a URL: a positive whole number of at most 19 digits.

    Anything else (``abc``, ``-1``, a 30-digit number) matches no route and gets the 404
    problem of :func:`not_found` instead of reaching the database.
    """

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError(value)
        return number

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")


# --- Problems ------------------------------------------------------------------------------

TITLES = {
    400: gettext_lazy("Ongeldige invoer"),
    401: gettext_lazy("Niet geauthenticeerd"),
    403: gettext_lazy("Geen toegang"),
    404: gettext_lazy("Niet gevonden"),
    405: gettext_lazy("Methode niet toegestaan"),
    406: gettext_lazy("Niet aanvaardbaar"),
    409: gettext_lazy("Conflict"),
    413: gettext_lazy("Te groot"),
    415: gettext_lazy("Niet-ondersteund mediatype"),
    429: gettext_lazy("Te veel verzoeken"),
    500: gettext_lazy("Interne fout"),
}


class Problem(Exception):
    """Raise to answer with a problem document: ``Problem(404, _("…"))``.

    Extra keyword arguments become members of the document (``invalidParams=[…]``); a
    ``title`` keyword replaces the standard title of the status.
    """

    def __init__(
        self, status: int, detail: str, headers: dict[str, str] | None = None, **extra: Any
    ) -> None:
        super().__init__(detail)
        self.status, self.detail, self.extra = status, detail, extra
        self.headers = headers or {}


def problem_response(request: Any, status: int, detail: str, **extra: Any) -> Response:
    body = {
        "type": "about:blank",
        "title": str(extra.pop("title", None) or TITLES.get(status, _("Fout"))),
        "status": status,
        "detail": str(detail),
        "instance": request.path,
        **extra,
    }
    response = Response(body, status=status, content_type=PROBLEM_JSON)
    if status == 401:
        response["WWW-Authenticate"] = 'Token realm="woonafspraken"'
    return response


def _invalid_params(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    """DRF's nested error detail as the Design Rules' ``invalidParams`` list."""
    params: list[dict[str, str]] = []
    if isinstance(detail, Mapping):
        for key, value in detail.items():
            if isinstance(key, int):
                params += _invalid_params(value, f"{prefix}[{key}]")
                continue
            name = str(key) if key != "non_field_errors" else ""
            joined = f"{prefix}.{name}" if prefix and name else (prefix or name)
            params += _invalid_params(value, joined)
    elif isinstance(detail, list) and detail and not all(isinstance(d, str) for d in detail):
        for index, value in enumerate(detail):
            if value:
                params += _invalid_params(value, f"{prefix}[{index}]")
    elif isinstance(detail, list):
        params += [{"name": prefix, "reason": str(d)} for d in detail]
    else:
        params.append({"name": prefix, "reason": str(detail)})
    return params


def invalid(params: list[dict[str, str]]) -> Problem:
    """A 400 naming each invalid parameter (``name``) and why (``reason``)."""
    reasons = "; ".join(
        f"‘{p['name']}’: {p['reason']}" if p["name"] else p["reason"] for p in params
    )
    return Problem(
        400, _("De invoer klopt niet. %(reasons)s") % {"reasons": reasons}, invalidParams=params
    )


def camel(name: str) -> str:
    """``start_year`` → ``startYear``: a service's field name in the API's spelling."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _camel_keys(data: Any) -> Any:
    if isinstance(data, Mapping):
        return {camel(str(k)): _camel_keys(v) for k, v in data.items()}
    return data


def refused(exc: DjangoValidationError, names: Mapping[str, str] | None = None) -> Problem:
    """A service's :class:`~django.core.exceptions.ValidationError` as a 400 naming every
    field in the API's spelling (``names``, else camelCase): all problems at once."""
    if not hasattr(exc, "error_dict"):
        return Problem(400, " ".join(exc.messages))
    names = names or {}
    return invalid(
        [
            {
                "name": "" if field == "__all__" else names.get(field, camel(field)),
                "reason": message,
            }
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    )


@contextmanager
def service_errors(names: Mapping[str, str] | None = None) -> Iterator[None]:
    """Around a service call: its refusals become a 400 with ``invalidParams`` (see
    :func:`refused`); a locked cycle stays a 409 and access a 401/403."""
    try:
        yield
    except CycleLocked:
        raise
    except DjangoValidationError as exc:
        raise refused(exc, names) from None


def _from_exception(exc: Exception, request: Any) -> tuple[int, str, dict[str, Any]]:
    if isinstance(exc, Problem):
        return exc.status, exc.detail, dict(exc.extra)
    if isinstance(exc, Conflict):
        return 409, exc.message, {"current": _camel_keys(exc.current)}
    if isinstance(exc, CycleLocked):  # the cycle's phase does not allow it: nothing changed
        return 409, " ".join(exc.messages), {}
    if isinstance(exc, DjangoValidationError):
        return 400, " ".join(exc.messages), {}
    if isinstance(exc, (DjangoPermissionDenied, exceptions.PermissionDenied)):
        if not getattr(getattr(request, "user", None), "is_authenticated", False):
            return 401, _("Log in met een token (Authorization: Token …) om dit te doen."), {}
        message = str(exc)
        if isinstance(exc, exceptions.PermissionDenied) or not message:
            message = _("U heeft hier geen toegang toe.")
        return 403, message, {}
    if isinstance(exc, (Http404, exceptions.NotFound)):
        return 404, _("Dit object bestaat niet (of is niet openbaar)."), {}
    if isinstance(exc, exceptions.ValidationError):
        refused = invalid(_invalid_params(exc.detail))
        return 400, refused.detail, refused.extra
    if isinstance(exc, exceptions.NotAuthenticated):
        return 401, _("Log in met een token (Authorization: Token …) om dit te doen."), {}
    if isinstance(exc, exceptions.AuthenticationFailed):
        return 401, str(exc.detail), {}
    if isinstance(exc, exceptions.MethodNotAllowed):
        return (
            405,
            _("De methode %(method)s is hier niet toegestaan.") % {"method": request.method},
            {},
        )
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return 415, _("Stuur de gegevens als JSON (Content-Type: application/json)."), {}
    if isinstance(exc, exceptions.ParseError):
        return 400, _("De gegevens zijn geen geldige JSON."), {}
    if isinstance(exc, exceptions.NotAcceptable):
        return 406, _("Dit antwoord is er alleen als JSON."), {}
    if isinstance(exc, exceptions.Throttled):
        return 429, _("Te veel verzoeken; probeer het later opnieuw."), {}
    if isinstance(exc, exceptions.APIException):
        return exc.status_code, str(exc.detail), {}
    logger.exception("API: onverwachte fout bij %s %s", request.method, request.path)
    return (
        500,
        _("Er ging iets mis aan onze kant. Probeer het later opnieuw."),
        {"requestId": getattr(request, "request_id", None) or CURRENT.get()},
    )


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    """REST framework's exception handler: every error, also an unexpected one, a problem."""
    request = context.get("request") or context["view"].request
    status, detail, extra = _from_exception(exc, request)
    response = problem_response(request, status, detail, **extra)
    for name, value in getattr(exc, "headers", {}).items():
        response[name] = value
    if isinstance(exc, exceptions.Throttled) and exc.wait:
        response["Retry-After"] = str(int(exc.wait))
    return response


# --- Views -----------------------------------------------------------------------------------


def api_language(request: HttpRequest) -> str:
    """``en`` when the client prefers English (``Accept-Language``), Dutch otherwise."""
    from django.utils.translation.trans_real import parse_accept_lang_header

    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        language = code.split("-")[0].lower()
        if language in ("nl", "en"):
            return language
    return "nl"


class ApiView(APIView):
    """Base class of every API view (see the module's docstring)."""

    http_method_names = ["get", "post", "put", "patch", "delete", "head"]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        language = api_language(request)
        with translation.override(language):
            response = super().dispatch(request, *args, **kwargs)
            if isinstance(response, Response) and not response.is_rendered:
                response.render()
        response["API-Version"] = settings.API_VERSION
        response["Content-Language"] = language
        return response


@csrf_exempt
def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Any path under ``/api/`` that no route serves: a 404 problem, never an HTML page."""

    class NoRoute(ApiView):
        http_method_names = [*ApiView.http_method_names, "options", "trace"]
        authentication_classes: list[Any] = []

        def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
            raise Problem(404, _("Deze URL bestaat niet in de API. Zie /api/v1/openapi.json."))

        post = put = patch = delete = options = trace = get

    response = NoRoute.as_view()(request)
    del response["Allow"]  # no route, so no methods to offer
    return response


# --- Input -----------------------------------------------------------------------------------


class StrictSerializer(serializers.Serializer[Any]):
    """A serializer for input that refuses keys it does not know (e.g. ``decided_on``)."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            known = set(self.fields)
            unknown = sorted(str(k) for k in data if k not in known)
            if unknown:
                raise serializers.ValidationError(
                    {
                        k: [_("Onbekend veld; gebruik de namen uit het OpenAPI-document.")]
                        for k in unknown
                    }
                )
        return super().to_internal_value(data)


def _json_type_error(field: Any, value: Any) -> str | None:
    """Why ``value`` (parsed JSON) has the wrong type for ``field``; None when it fits.

    REST framework's fields also accept ``"12"`` for a number, ``1`` for a boolean and ``12``
    for a text: a JSON body must use the type the schema states.
    """
    if value is None:
        return None
    if isinstance(field, serializers.BooleanField):
        return None if isinstance(value, bool) else _("Geef true of false.")
    if isinstance(field, serializers.IntegerField):
        whole = isinstance(value, int) or (isinstance(value, Decimal) and value % 1 == 0)
        return None if whole and not isinstance(value, bool) else _("Geef een geheel getal.")
    if isinstance(field, (serializers.DecimalField, serializers.FloatField)):
        number_ok = isinstance(value, (int, Decimal)) and not isinstance(value, bool)
        return None if number_ok else _("Geef een getal.")
    if isinstance(field, (serializers.CharField, serializers.ChoiceField, serializers.DateField)):
        return None if isinstance(value, str) else _("Geef een tekst.")
    if isinstance(field, serializers.ListField):
        if not isinstance(value, list):
            return _("Geef een lijst.")
        for item in value:
            error = _json_type_error(field.child, item)
            if error:
                return error
    return None


class InputSerializer(StrictSerializer):
    """A JSON body: unknown keys refused, and every value of the type the schema states."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, Mapping):
            errors = {}
            for name, field in self.fields.items():
                if name in data:
                    error = _json_type_error(field, data[name])
                    if error:
                        errors[name] = [error]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


class PageQuery(StrictSerializer):
    """``page`` and ``pageSize`` of a list (inherit it in the list's query serializer)."""

    page = serializers.IntegerField(
        min_value=1, max_value=1_000_000, required=False, default=1, help_text="paginanummer"
    )
    pageSize = serializers.IntegerField(
        min_value=1,
        max_value=PAGE_SIZE,
        required=False,
        default=PAGE_SIZE,
        help_text=f"aantal per pagina, hoogstens {PAGE_SIZE}",
    )


def read_query(request: Request, serializer_class: type[serializers.Serializer[Any]]) -> Any:
    """The validated query string; a 400 for an unknown key or a value out of bounds."""
    data = {key: request.query_params.get(key) for key in request.query_params}
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def read_body(
    request: Request, serializer_class: type[serializers.Serializer[Any]], **kwargs: Any
) -> Any:
    """The validated JSON body (415 for another media type, 400 for invalid content);
    ``kwargs`` go to the serializer."""
    if request.content_type.split(";")[0].strip() != "application/json":
        raise exceptions.UnsupportedMediaType(request.content_type)
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def no_query(request: Request) -> None:
    """For an operation without query parameters: refuse any (a misspelt key is no no-op)."""
    if request.query_params:
        raise invalid(
            [
                {"name": key, "reason": _("Onbekende parameter.")}
                for key in sorted(request.query_params)
            ]
        )


# --- Output ----------------------------------------------------------------------------------


def number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral() else float(value)


@extend_schema_field({"type": "number"})
class NumberField(serializers.Field[Any, Any, Any, Any]):
    """A decimal in the output as a JSON number (an integer when it is whole)."""

    def to_representation(self, value: Any) -> Any:
        return number(value) if isinstance(value, Decimal) else value


@extend_schema_field({"oneOf": [{"type": "number"}, {"type": "string", "maxLength": 20}]})
class NumberOrLabelField(serializers.Field[Any, Any, Any, Any]):
    """A number, or a text such as an energy label; in the output decimals are numbers."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, bool) or not isinstance(data, (int, Decimal, float, str)):
            raise serializers.ValidationError(_("Geef een getal of een tekst."))
        if isinstance(data, str) and len(data) > 20:
            raise serializers.ValidationError(_("Hoogstens 20 tekens."))
        return data

    def to_representation(self, value: Any) -> Any:
        return number(value) if isinstance(value, Decimal) else value


def ids(name: str, description: str = "", **kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text=description or f"id van {name}", **kwargs
    )


def require_token(request: Request) -> Any:
    """The caller of a write: a 401 problem without a token."""
    if not request.user.is_authenticated:
        raise Problem(401, _("Log in met een token (Authorization: Token …)."))
    return request.user


class Flag(serializers.BooleanField):
    """A yes/no: ``true`` or ``false``, nothing else (REST framework also takes 1, yes, on)."""

    TRUE_VALUES = {"true", True}
    FALSE_VALUES = {"false", False}
    NULL_VALUES = {None}
    default_error_messages = {"invalid": gettext_lazy("Gebruik true of false.")}


def flag(**kwargs: Any) -> serializers.BooleanField:
    return Flag(**kwargs)


def year_field(**kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=FIRST_YEAR, max_value=LAST_YEAR, **kwargs)


class RefSerializer(serializers.Serializer[Any]):
    """An organisation, theme or body named by id and name."""

    id = serializers.IntegerField()
    name = serializers.CharField()


def ref(obj: Any) -> dict[str, Any] | None:
    """An organisation, theme, indicator or body as :class:`RefSerializer` shows it; None
    stays None."""
    return {"id": obj.pk, "name": obj.name} if obj is not None else None


def paginated(serializer_class: type[serializers.Serializer[Any]]) -> Any:
    """The schema of one page of a list of ``serializer_class``."""
    name = serializer_class.__name__.removesuffix("Serializer")
    return inline_serializer(
        name=f"{name}Page",
        fields={
            "count": serializers.IntegerField(help_text="aantal in de hele lijst"),
            "next": serializers.URLField(allow_null=True, help_text="volgende pagina"),
            "previous": serializers.URLField(allow_null=True, help_text="vorige pagina"),
            "results": serializer_class(many=True),
        },
    )


def paginate(
    request: Request,
    query: Mapping[str, Any],
    items: QuerySet[Any] | list[Any],
    render: Callable[[Iterable[Any]], list[Any]],
) -> Response:
    """One page of ``items`` (a queryset: counted and sliced in the database).

    ``render`` turns the page's objects into JSON; page links are absolute URLs.
    """
    paginator = Paginator(items, query["pageSize"])
    try:
        page = paginator.page(query["page"])
    except EmptyPage:
        # A page beyond the end is a wrong ``page`` parameter (issue 13, point 6): a 400 that
        # says how many pages there are, after one count and no scan.
        last = paginator.num_pages
        reason = _("Er zijn %(n)s pagina's bij deze paginagrootte.") % {"n": last}
        raise Problem(
            400,
            _("Deze pagina bestaat niet. %(reason)s") % {"reason": reason},
            invalidParams=[{"name": "page", "reason": reason}],
        ) from None

    def link(n: int) -> str:
        params = request.query_params.copy()
        params["page"] = str(n)
        return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    return Response(
        {
            "count": paginator.count,
            "next": link(page.next_page_number()) if page.has_next() else None,
            "previous": link(page.previous_page_number()) if page.has_previous() else None,
            "results": render(page.object_list),
        }
    )


# --- Documentation -------------------------------------------------------------------------


class ProblemSerializer(serializers.Serializer[Any]):
    """RFC 9457 problem details."""

    type = serializers.CharField(help_text="about:blank")
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField(help_text="uitleg in het Nederlands (Accept-Language: en)")
    instance = serializers.CharField(help_text="het pad van het verzoek")
    requestId = serializers.CharField(
        required=False, help_text="bij een interne fout: het kenmerk in ons logboek"
    )


class InvalidParamSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(help_text="de parameter of het veld, bijv. items[1].postcode")
    reason = serializers.CharField()


class InvalidInputProblemSerializer(ProblemSerializer):
    """A 400: ``invalidParams`` names each parameter or field that is wrong (when known)."""

    invalidParams = InvalidParamSerializer(many=True, required=False)


PROBLEM_DESCRIPTIONS = {
    400: "Ongeldige invoer",
    401: "Geen of een ongeldig token",
    403: "Geen toegang",
    404: "Bestaat niet of is niet openbaar",
    405: "Methode niet toegestaan",
    409: "Conflict met de huidige toestand",
    413: "Te groot",
    415: "Niet-ondersteund mediatype",
    429: "Te veel verzoeken",
    500: "Interne fout",
}


def problems(*statuses: int) -> dict[int, OpenApiResponse]:
    """The documented problem responses of an operation (401 and 500 are added to all)."""
    return {
        status: OpenApiResponse(
            response=InvalidInputProblemSerializer if status == 400 else ProblemSerializer,
            description=PROBLEM_DESCRIPTIONS[status],
        )
        for status in statuses
    }


def id_parameter(description: str = "id", name: str = "id") -> OpenApiParameter:
    """The path parameter ``name``: an id as the ``id`` converter takes it."""
    return OpenApiParameter(
        name,
        {"type": "integer", "minimum": 1, "maximum": MAX_ID},  # type: ignore[arg-type]
        OpenApiParameter.PATH,
        description=description,
    )


BINARY = OpenApiTypes.BINARY
