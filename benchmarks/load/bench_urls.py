from django.http import HttpRequest, HttpResponse
from django.urls import path

from woonafspraken import pagecache
from woonafspraken.urls import urlpatterns as site


@pagecache.exempt  # the yardstick pays no look-up in the page cache (it would never be kept)
def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hallo wereld", content_type="text/plain")


urlpatterns = [path("bench/hello", hello), *site]
handler500 = "woonafspraken.operations.errors.server_error"
