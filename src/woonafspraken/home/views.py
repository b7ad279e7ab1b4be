"""The start of the day: *Mijn taken* after login, a public start page before; the lists
behind the main menu (cycles, themes, documents)."""

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from woonafspraken.agreements import selectors as agreement_selectors
from woonafspraken.agreements.models import Theme

from . import selectors

GROUPS = ("figures", "approvals", "bids", "evaluations", "disputes", "actions", "meetings")


#: Municipalities per page of the public start page (all 342 would be one very long page).
START_PAGE_SIZE = 25


class MunicipalitySearch(forms.Form):
    gemeente = forms.CharField(required=False, max_length=100, strip=True)


def _public_start(request: HttpRequest) -> HttpResponse:
    """The start page for visitors: a page of municipalities with their published cycles, a
    name search, and the way to the national picture. Its cost does not grow with the
    number of municipalities."""
    search = MunicipalitySearch(request.GET)
    name = search.cleaned_data["gemeente"] if search.is_valid() else ""
    page = Paginator(selectors.public_start(name), START_PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "home/start.html",
        {"municipalities": list(page.object_list), "page": page, "search": name},
    )


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return _public_start(request)
    today = timezone.localdate()
    tasks = selectors.tasks_for(request.user, today)
    return render(
        request,
        "home/my_tasks.html",
        {
            "today": today,
            "tasks": tasks,
            "groups": [(name, tasks.group(name)) for name in GROUPS],
            "reminders": [t for t in tasks.items if t.reminder],
            "cycles": selectors.my_cycles(request.user),
        },
    )


@require_GET
def cycles(request: HttpRequest) -> HttpResponse:
    visible = list(
        agreement_selectors.visible_cycles(request.user).order_by(
            "municipality__name", "-start_year", "title"
        )
    )
    by_municipality: dict[str, list[object]] = {}
    for cycle in visible:
        by_municipality.setdefault(cycle.municipality.name, []).append(cycle)
    return render(
        request,
        "home/cycles.html",
        {
            "by_municipality": sorted(by_municipality.items()),
            "can_set_up": bool(agreement_selectors.municipalities_to_set_up(request.user)),
        },
    )


@require_GET
def themes(request: HttpRequest) -> HttpResponse:
    visible = list(
        agreement_selectors.visible_cycles(request.user)
        .order_by("-start_year", "title")
        .prefetch_related(
            Prefetch(
                "themes",
                queryset=Theme.objects.select_related(
                    "lead_organisation", "project_leader"
                ).annotate(agreement_count=Count("agreements")),
            )
        )
    )
    return render(request, "home/themes.html", {"cycles": visible})


@require_GET
def documents(request: HttpRequest) -> HttpResponse:
    visible = list(
        agreement_selectors.visible_cycles(request.user)
        .order_by("-start_year", "title")
        .annotate(agreement_count=Count("themes__agreements"))
    )
    return render(request, "home/documents.html", {"cycles": visible})


@require_GET
def switch_language(request: HttpRequest, code: str) -> HttpResponse:
    """The language switch in every page's header: a plain link, so that a page carries
    nothing of the visitor (no CSRF token) and can be kept for every anonymous visitor
    (``pagecache.py``). Stores the choice in the language cookie and goes back to ``next``
    (a path on this site only). It writes nothing but the visitor's own cookie."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("home")
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    add_never_cache_headers(response)
    return response
