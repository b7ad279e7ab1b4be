from django.http import HttpRequest, HttpResponse
from django.urls import path

from woonafspraken.urls import urlpatterns as site


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hallo wereld", content_type="text/plain")


urlpatterns = [path("bench/hello", hello), *site]
handler500 = "woonafspraken.operations.errors.server_error"
