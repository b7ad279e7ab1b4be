"""The page (or problem document, on the API) for an error the code did not foresee.

Rendered without the database, the session or the site's context processors, because any of
them may be what failed. It shows the request id, which is also in the log line of the error.
"""

import json

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils import translation
from django.views.decorators.csrf import requires_csrf_token

from .requestid import CURRENT


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    request_id = getattr(request, "request_id", CURRENT.get())
    if request.path.startswith("/api/"):
        body = {
            "type": "about:blank",
            "title": "Interne fout",
            "status": 500,
            "detail": "Er ging iets mis aan onze kant; de fout is vastgelegd.",
            "instance": request.path,
            "request_id": request_id,
        }
        return HttpResponseServerError(
            json.dumps(body, ensure_ascii=False), content_type="application/problem+json"
        )
    html = loader.get_template("500.html").render(
        {"request_id": request_id, "LANGUAGE_CODE": translation.get_language() or "nl"}
    )
    return HttpResponseServerError(html)
