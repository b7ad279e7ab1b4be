"""The page (or problem document, on the API) for an error the code did not foresee.

Rendered without the database, the session or the site's context processors, because any of
them may be what failed. It shows the request id, which is also in the log line of the error.
"""

import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils import translation
from django.views.decorators.csrf import requires_csrf_token

from .requestid import CURRENT


def _wants_english(request: HttpRequest) -> bool:
    """As the API's own views decide (``Accept-Language``), without any import that might fail."""
    for part in request.headers.get("Accept-Language", "").split(","):
        code = part.split(";")[0].strip().split("-")[0].lower()
        if code in ("nl", "en"):
            return code == "en"
    return False


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    request_id = getattr(request, "request_id", CURRENT.get())
    if request.path.startswith("/api/"):
        # The API's problem document; English when the client asks (Accept-Language: en).
        english = _wants_english(request)
        body = {
            "type": "about:blank",
            "title": "Internal error" if english else "Interne fout",
            "status": 500,
            "detail": "Something went wrong on our side; the error has been logged."
            if english
            else "Er ging iets mis aan onze kant; de fout is vastgelegd.",
            "instance": request.path,
            "requestId": request_id,
        }
        response = HttpResponseServerError(
            json.dumps(body, ensure_ascii=False), content_type="application/problem+json"
        )
        response["Content-Language"] = "en" if english else "nl"
        response["API-Version"] = settings.API_VERSION
        return response
    html = loader.get_template("500.html").render(
        {"request_id": request_id, "LANGUAGE_CODE": translation.get_language() or "nl"}
    )
    return HttpResponseServerError(html)
