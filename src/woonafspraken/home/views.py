"""The start of the day: *Mijn taken* after login, a public start page before; the lists
behind the main menu (cycles, themes, documents)."""

from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from woonafspraken.agreements import selectors as agreement_selectors
from woonafspraken.agreements.models import Theme

from . import selectors

GROUPS = ("figures", "approvals", "bids", "evaluations", "disputes", "actions", "meetings")


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(
            request, "home/start.html", {"municipalities": list(selectors.public_start())}
        )
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
                queryset=Theme.objects.select_related("lead_organisation").annotate(
                    agreement_count=Count("agreements")
                ),
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
