"""Pages. Thin: read through :mod:`.selectors`, write through :mod:`.services`."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from woonafspraken import pipeline
from woonafspraken.accounts import access
from woonafspraken.audit import selectors as audit_selectors
from woonafspraken.documents import charts
from woonafspraken.forms import read_number

from . import selectors, services
from .models import (
    STATUS_SYMBOLS,
    Agreement,
    Assessment,
    Cycle,
    Finding,
    Target,
    Theme,
    ThemeAssignment,
)


def _cycle_for(request: HttpRequest, cycle: Cycle) -> Cycle:
    if not access.can_view_cycle(request.user, cycle):
        if not request.user.is_authenticated:
            raise Http404
        raise PermissionDenied(_("U heeft geen toegang tot deze prestatieafspraken."))
    return cycle


def _message_of(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle_for(
        request, get_object_or_404(Cycle.objects.select_related("municipality"), pk=pk)
    )
    year = selectors.default_year(cycle, request.GET.get("year"))
    blocks = selectors.theme_blocks(cycle, year)
    context = {
        "cycle": cycle,
        "year": year,
        "blocks": blocks,
        "status_summary": selectors.status_summary(blocks),
        "verdict_summary": selectors.verdict_summary(blocks),
        "statuses": Assessment.Status.choices,
        "symbols": STATUS_SYMBOLS,
        "stock": selectors.stock(cycle),
        "parties": list(cycle.parties.all()),
        "analyses": list(cycle.analyses.all()),
    }
    return render(request, "agreements/cycle_detail.html", context)


HISTORY_PAGE_SIZE = 50


@require_GET
def cycle_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every change in a cycle that this reader may see, newest first, a page at a time."""
    cycle = _cycle_for(request, get_object_or_404(Cycle, pk=pk))
    party = access.is_party_member(request.user, cycle) or access.is_admin(request.user)
    category = request.GET.get("soort", "")
    if category not in audit_selectors.CATEGORIES:
        category = ""
    entries = audit_selectors.for_cycle(cycle.pk, party=party, category=category)
    page = Paginator(entries, HISTORY_PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "agreements/cycle_history.html",
        {
            "cycle": cycle,
            "page": page,
            "history": list(page.object_list),
            "category": category,
            "categories": [
                ("", _("alles")),
                ("afspraken", _("afspraken en normen")),
                ("realisaties", _("realisaties")),
                ("evaluaties", _("evaluaties")),
                ("proces", _("proces")),
            ],
        },
    )


def theme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    theme = get_object_or_404(selectors.themes_with_assignments(), pk=pk)
    cycle = _cycle_for(request, theme.cycle)
    year = selectors.default_year(cycle, request.GET.get("year"))
    blocks = selectors.theme_blocks(cycle, year, theme_id=theme.pk)
    return render(
        request,
        "agreements/theme_detail.html",
        {
            "cycle": cycle,
            "theme": theme,
            "year": year,
            "theme_block": blocks[0],
            "assignments": theme.assignments.all(),
            "symbols": STATUS_SYMBOLS,
            "statuses": Assessment.Status.choices,
            "can_assess": access.is_party_member(request.user, cycle)
            or access.is_admin(request.user),
            "can_edit": access.can_edit_agreements(request.user, cycle),
        },
    )


def _back_to_theme(theme_id: int, year: int) -> HttpResponse:
    return redirect(reverse("theme", args=[theme_id]) + f"?year={year}#bestuursopdrachten")


@require_POST
def add_assignment(request: HttpRequest, pk: int) -> HttpResponse:
    theme = get_object_or_404(Theme.objects.select_related("cycle"), pk=pk)
    cycle = _cycle_for(request, theme.cycle)
    year = selectors.default_year(cycle, request.POST.get("year"))
    _attempt(
        request,
        lambda: services.add_assignment(
            request.user,
            theme,
            year=_int(request.POST.get("assignment_year")),
            title=request.POST.get("title", ""),
            text=request.POST.get("text", ""),
        ),
        _("Bestuursopdracht opgeslagen."),
    )
    return _back_to_theme(theme.pk, year)


@require_POST
def add_finding(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(ThemeAssignment.objects.select_related("theme__cycle"), pk=pk)
    cycle = _cycle_for(request, assignment.theme.cycle)
    year = selectors.default_year(cycle, request.POST.get("year"))
    _attempt(
        request,
        lambda: services.add_finding(
            request.user,
            assignment,
            text=request.POST.get("text", ""),
            source=request.POST.get("source", ""),
        ),
        _("Conclusie toegevoegd."),
    )
    return _back_to_theme(assignment.theme_id, year)


@require_POST
def edit_finding(request: HttpRequest, pk: int) -> HttpResponse:
    finding = get_object_or_404(Finding.objects.select_related("assignment__theme__cycle"), pk=pk)
    cycle = _cycle_for(request, finding.assignment.theme.cycle)
    year = selectors.default_year(cycle, request.POST.get("year"))
    version = _int(request.POST.get("version"))
    if request.POST.get("remove"):
        _attempt(
            request,
            lambda: services.remove_finding(request.user, finding, expected_version=version),
            _("Conclusie verwijderd."),
        )
    else:
        _attempt(
            request,
            lambda: services.update_finding(
                request.user,
                finding,
                text=request.POST.get("text", ""),
                source=request.POST.get("source", ""),
                expected_version=version,
            ),
            _("Conclusie opgeslagen."),
        )
    return _back_to_theme(finding.assignment.theme_id, year)


def _agreement_context(request: HttpRequest, agreement: Agreement, year: int) -> dict[str, Any]:
    cycle = agreement.theme.cycle
    agreement = selectors.agreements_queryset(year).get(pk=agreement.pk)
    targets = list(agreement.targets.all())
    rows = []
    for target in targets:
        years = [target.year] if target.year else cycle.years
        cells = [(y, services.evaluation.evaluate(target, y, cycle, targets)) for y in years]
        rows.append(
            {
                "target": target,
                "cells": cells,
                "can_record": access.can_record_measurement(request.user, target, cycle),
            }
        )
    row = selectors.agreement_row(agreement, year, cycle)
    return {
        "cycle": cycle,
        "agreement": agreement,
        "year": year,
        "rows": rows,
        "row": row,
        "history": selectors.history(agreement),
        "statuses": Assessment.Status.choices,
        "symbols": STATUS_SYMBOLS,
        "can_assess": access.can_assess(request.user, agreement, cycle),
        "can_edit": access.can_edit_agreements(request.user, cycle),
    }


def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(Agreement.objects.select_related("theme__cycle"), pk=pk)
    cycle = _cycle_for(request, agreement.theme.cycle)
    year = selectors.default_year(cycle, request.GET.get("year"))
    return render(
        request, "agreements/agreement_detail.html", _agreement_context(request, agreement, year)
    )


def _attempt(request: HttpRequest, write: Any, success: str) -> None:
    """Run one service call; say in a message what happened (saved, refused or conflict)."""
    try:
        write()
    except ValidationError as exc:
        messages.error(request, _("Niet opgeslagen: %(m)s") % {"m": _message_of(exc)})
    except services.Conflict as exc:
        messages.error(request, _conflict_text(exc))
    else:
        messages.success(request, success)


def _back_to_agreement(agreement_id: int, year: int) -> HttpResponse:
    return redirect(reverse("agreement", args=[agreement_id]) + f"?year={year}")


@login_required
@require_POST
def record_measurement(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(Target.objects.select_related("agreement__theme__cycle"), pk=pk)
    cycle = _cycle_for(request, target.agreement.theme.cycle)
    year = selectors.default_year(cycle, request.POST.get("year"))
    try:
        value = read_number(request.POST.get("value", ""))
    except ValidationError as exc:
        messages.error(request, _("Niet opgeslagen: %(m)s") % {"m": _message_of(exc)})
        return _back_to_agreement(target.agreement_id, year)
    _attempt(
        request,
        lambda: services.record_measurement(
            request.user,
            target,
            value=value,
            year=year,
            note=request.POST.get("note", ""),
            source=request.POST.get("source", ""),
            expected_version=_int(request.POST.get("version")),
        ),
        _("Realisatie opgeslagen."),
    )
    return _back_to_agreement(target.agreement_id, year)


@login_required
@require_POST
def record_assessment(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(Agreement.objects.select_related("theme__cycle"), pk=pk)
    cycle = _cycle_for(request, agreement.theme.cycle)
    year = selectors.default_year(cycle, request.POST.get("year"))
    _attempt(
        request,
        lambda: services.record_assessment(
            request.user,
            agreement,
            year=year,
            status=request.POST.get("status", ""),
            explanation=request.POST.get("explanation", ""),
            expected_version=_int(request.POST.get("version")),
        ),
        _("Evaluatie opgeslagen."),
    )
    if request.POST.get("next") == "theme":
        return redirect(reverse("theme", args=[agreement.theme_id]) + f"?year={year}")
    return _back_to_agreement(agreement.pk, year)


def _int(raw: Any) -> int | None:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def _conflict_text(exc: services.Conflict) -> str:
    current = exc.current
    shown = current.get("label") or current.get("value") or current.get("status")
    if not shown:
        return exc.message
    return _("%(message)s Huidige waarde: %(current)s.") % {
        "message": exc.message,
        "current": shown,
    }


@login_required
@require_http_methods(["GET", "POST"])
def my_input(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle_for(request, get_object_or_404(Cycle, pk=pk))
    year = selectors.default_year(cycle, request.GET.get("year") or request.POST.get("year"))
    open_targets = selectors.open_targets_for(request.user, cycle, year)
    errors: dict[int, str] = {}
    values: dict[int, dict[str, str]] = {}
    if request.method == "POST":
        filled = []
        for item in open_targets:
            tid = item.target.pk
            value = request.POST.get(f"value-{tid}", "").strip()
            note = request.POST.get(f"note-{tid}", "")
            source = request.POST.get(f"source-{tid}", "")
            values[tid] = {"value": value, "note": note, "source": source}
            if value:
                try:
                    filled.append((item.target, read_number(value), note, source))
                except ValidationError as exc:
                    errors[tid] = _message_of(exc)
        if errors:
            messages.error(
                request,
                _(
                    "Er is niets opgeslagen: %(n)s waarde(n) kloppen niet. Zie de meldingen "
                    "bij de velden."
                )
                % {"n": len(errors)},
            )
        elif not filled:
            messages.error(request, _("Vul minstens één waarde in."))
        else:
            try:
                with transaction.atomic():
                    for target, value, note, source in filled:
                        try:
                            services.record_measurement(
                                request.user,
                                target,
                                value=value,
                                year=year,
                                note=note,
                                source=source,
                                expected_version=0,
                                channel="web:mijn-invoer",
                            )
                        except ValidationError as exc:
                            errors[target.pk] = _message_of(exc)
                        except (services.Conflict, PermissionDenied) as exc:
                            errors[target.pk] = str(exc)
                    if errors:
                        raise _Rollback
            except _Rollback:
                messages.error(
                    request,
                    _(
                        "Er is niets opgeslagen: %(n)s waarde(n) kloppen niet. Zie de meldingen "
                        "bij de velden."
                    )
                    % {"n": len(errors)},
                )
            else:
                messages.success(request, _("%(n)s realisatie(s) opgeslagen.") % {"n": len(filled)})
                return redirect(reverse("my_input", args=[cycle.pk]) + f"?year={year}")
    rows = [
        {
            "item": item,
            "error": errors.get(item.target.pk),
            "values": values.get(item.target.pk, {}),
        }
        for item in open_targets
    ]
    status = 400 if errors else 200
    return render(
        request,
        "agreements/my_input.html",
        {"cycle": cycle, "year": year, "rows": rows},
        status=status,
    )


class _Rollback(Exception):
    pass


@login_required
@require_POST
def edit_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(Agreement.objects.select_related("theme__cycle"), pk=pk)
    cycle = _cycle_for(request, agreement.theme.cycle)
    year = selectors.default_year(cycle, request.POST.get("year"))
    changes = {f: request.POST.get(f, "") for f in ("title", "text")}
    _attempt(
        request,
        lambda: services.update_agreement(
            request.user,
            agreement,
            changes=changes,
            expected_version=_int(request.POST.get("version")) or 0,
        ),
        _("Afspraak opgeslagen."),
    )
    return _back_to_agreement(agreement.pk, year)


@login_required
@require_POST
def edit_target(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(Target.objects.select_related("agreement__theme__cycle"), pk=pk)
    cycle = _cycle_for(request, target.agreement.theme.cycle)
    year = selectors.default_year(cycle, request.POST.get("year"))
    fields = {"range": ("low", "high"), "label_at_least": ("label",)}.get(target.kind, ("value",))
    changes: dict[str, Any] = {f: request.POST.get(f, "").strip() for f in fields}
    labels = {"low": _("Ondergrens"), "high": _("Bovengrens"), "value": _("Normwaarde")}
    problems = []
    for name in ("low", "high", "value"):
        if changes.get(name):
            try:
                changes[name] = read_number(changes[name])
            except ValidationError as exc:
                problems.append(f"{labels[name]}: {_message_of(exc)}")
    if problems:  # every problem at once, nothing saved
        messages.error(request, _("Niet opgeslagen: %(m)s") % {"m": " ".join(problems)})
        return _back_to_agreement(target.agreement_id, year)
    _attempt(
        request,
        lambda: services.update_target(
            request.user,
            target,
            changes=changes,
            expected_version=_int(request.POST.get("version")) or 0,
        ),
        _("Norm opgeslagen."),
    )
    return _back_to_agreement(target.agreement_id, year)


@require_GET
def cycle_pipeline(request: HttpRequest, pk: int) -> HttpResponse:
    """Vastgoed: new build, renovation and demolition per corporation, against the norms."""
    cycle = _cycle_for(
        request, get_object_or_404(Cycle.objects.select_related("municipality"), pk=pk)
    )
    this_year = pipeline.default_as_of(cycle.start_year, cycle.end_year, timezone.localdate().year)
    year = selectors.default_year(cycle, request.GET.get("year") or this_year)
    titles = {"new_build": _("Nieuwbouw"), "renovation": _("Renovatie"), "demolition": _("Sloop")}
    blocks = []
    for table in selectors.pipeline_tables(request.user, cycle, year):
        chart = None
        if table.has_norms:
            chart = charts.chart(
                _("%(kind)s, alle corporaties samen (cumulatief)") % {"kind": titles[table.kind]},
                [
                    charts.Point(p.year, p.expected_low, p.expected_high, p.realised)
                    for p in table.path
                ],
            )
        blocks.append({"table": table, "title": titles[table.kind], "chart": chart})
    return render(
        request,
        "agreements/pipeline.html",
        {"cycle": cycle, "year": year, "blocks": blocks},
    )
