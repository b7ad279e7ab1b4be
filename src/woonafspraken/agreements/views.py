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
from woonafspraken.accounts.models import Municipality, Organisation
from woonafspraken.audit import selectors as audit_selectors
from woonafspraken.audit.models import AuditEntry
from woonafspraken.documents import charts
from woonafspraken.forms import error_list
from woonafspraken.process import rules

from . import forms, restore, selectors, services
from .models import (
    STATUS_SYMBOLS,
    Agreement,
    Assessment,
    Cycle,
    Finding,
    Indicator,
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
        "status_chart": selectors.status_bars(blocks, year),
        "verdict_chart": selectors.verdict_bars(blocks, year),
        "key_figures": selectors.key_figures(blocks, year),
        "statuses": Assessment.Status.choices,
        "symbols": STATUS_SYMBOLS,
        "parties": list(cycle.parties.all()),
        "analyses": list(cycle.analyses.all()),
        "can_set_up": access.can_edit_agreements(request.user, cycle),
    }
    return render(request, "agreements/cycle_detail.html", context)


ORGANISATION_CYCLES_PAGE_SIZE = 20
ORGANISATION_AGREEMENTS_PAGE_SIZE = 25


@require_GET
def organisation_page(request: HttpRequest, pk: int) -> HttpResponse:
    """An organisation as anyone may see it: what it is, whom it belongs with, and per cycle
    the themes it leads and the agreements and norms it holds, with their verdicts."""
    organisation = get_object_or_404(Organisation, pk=pk)
    cycles = Paginator(
        selectors.organisation_cycles(request.user, organisation), ORGANISATION_CYCLES_PAGE_SIZE
    ).get_page(request.GET.get("cycli"))
    cycle = None
    wanted = request.GET.get("cyclus", "")
    if wanted.isdigit() and len(wanted) <= 18:
        cycle = selectors.organisation_cycles(request.user, organisation).filter(pk=wanted).first()
    if cycle is None and cycles.object_list:
        cycle = cycles.object_list[0]
    context: dict[str, Any] = {
        "organisation": organisation,
        "related": selectors.related_organisations(organisation),
        "municipalities": list(organisation.municipalities.order_by("name")),
        "cycles": cycles,
        "cycle": cycle,
        "can_manage": access.can_manage_organisation(request.user, organisation),
        "symbols": STATUS_SYMBOLS,
    }
    if cycle is not None:
        year = selectors.default_year(cycle, request.GET.get("year"))
        page = Paginator(
            selectors.held_agreements(cycle, organisation, year),
            ORGANISATION_AGREEMENTS_PAGE_SIZE,
        ).get_page(request.GET.get("pagina"))
        context.update(
            year=year,
            themes=list(selectors.led_themes(cycle, organisation)),
            page=page,
            page_query=f"cyclus={cycle.pk}&year={year}&",
            rows=selectors.organisation_rows(page.object_list, organisation, year, cycle),
        )
    return render(request, "agreements/organisation_detail.html", context)


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
            "may_restore": request.user.is_authenticated and party,
            "restorable_ids": {h.pk for h in page.object_list if restore.restorable(h)},
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


@login_required
@require_POST
def restore_change(request: HttpRequest, pk: int) -> HttpResponse:
    """Put back the old value of one change of the cycle's history (itself a new change)."""
    entry = get_object_or_404(AuditEntry, pk=pk, cycle_id__isnull=False)
    cycle = _cycle_for(request, get_object_or_404(Cycle, pk=entry.cycle_id))
    try:
        restored = restore.restore(request.user, entry)
    except (ValidationError, services.Conflict) as exc:
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else exc.message
        messages.error(request, _("Niet teruggezet: %(reason)s") % {"reason": text})
    else:
        messages.success(request, _("De oude waarde is teruggezet; dat staat nu bovenaan."))
        if restored.left_out:
            messages.warning(
                request,
                _("Deze partijen konden niet terug en zijn weggelaten: %(names)s.")
                % {"names": "; ".join(restored.left_out)},
            )
    return redirect("cycle_history", pk=cycle.pk)


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
    form = forms.AssignmentForm(request.POST, years=services.ASSIGNMENT_YEARS, cycle=cycle)
    if not _refused(request, form):
        data = form.cleaned_data
        _attempt(
            request,
            lambda: services.add_assignment(
                request.user,
                theme,
                year=data["assignment_year"],
                title=data["title"],
                text=data["text"],
            ),
            _("Bestuursopdracht opgeslagen."),
        )
    return _back_to_theme(theme.pk, form.shown_year)


@require_POST
def add_finding(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(ThemeAssignment.objects.select_related("theme__cycle"), pk=pk)
    cycle = _cycle_for(request, assignment.theme.cycle)
    form = forms.FindingForm(request.POST, cycle=cycle)
    if not _refused(request, form):
        data = form.cleaned_data
        _attempt(
            request,
            lambda: services.add_finding(
                request.user, assignment, text=data["text"], source=data["source"]
            ),
            _("Conclusie toegevoegd."),
        )
    return _back_to_theme(assignment.theme_id, form.shown_year)


@require_POST
def edit_finding(request: HttpRequest, pk: int) -> HttpResponse:
    finding = get_object_or_404(Finding.objects.select_related("assignment__theme__cycle"), pk=pk)
    cycle = _cycle_for(request, finding.assignment.theme.cycle)
    form = forms.FindingForm(request.POST, editing=True, cycle=cycle)
    if _refused(request, form):
        return _back_to_theme(finding.assignment.theme_id, form.shown_year)
    data = form.cleaned_data
    if data["remove"]:
        _attempt(
            request,
            lambda: services.remove_finding(
                request.user, finding, expected_version=data["version"]
            ),
            _("Conclusie verwijderd."),
        )
    else:
        _attempt(
            request,
            lambda: services.update_finding(
                request.user,
                finding,
                text=data["text"],
                source=data["source"],
                expected_version=data["version"],
            ),
            _("Conclusie opgeslagen."),
        )
    return _back_to_theme(finding.assignment.theme_id, form.shown_year)


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
        "archived_targets": list(
            Target.all_objects.filter(agreement=agreement, archived=True).select_related(
                "indicator", "party"
            )
        ),
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


def _refused(request: HttpRequest, form: Any) -> bool:
    """Whether ``form`` is wrong; if so, every problem at once in one message (nothing saved)."""
    if form.is_valid():
        return False
    messages.error(request, _("Niet opgeslagen: %(m)s") % {"m": " ".join(error_list(form))})
    return True


def _back_to_agreement(agreement_id: int, year: int) -> HttpResponse:
    return redirect(reverse("agreement", args=[agreement_id]) + f"?year={year}")


@login_required
@require_POST
def record_measurement(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(Target.objects.select_related("agreement__theme__cycle"), pk=pk)
    cycle = _cycle_for(request, target.agreement.theme.cycle)
    form = forms.MeasurementForm(request.POST, target=target, cycle=cycle)
    if not _refused(request, form):
        data = form.cleaned_data
        _attempt(
            request,
            lambda: services.record_measurement(
                request.user,
                target,
                value=data["value"],
                year=data["year"],
                note=data["note"],
                source=data["source"],
                expected_version=data["version"],
            ),
            _("Realisatie opgeslagen."),
        )
    return _back_to_agreement(target.agreement_id, form.shown_year)


@login_required
@require_POST
def record_assessment(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(Agreement.objects.select_related("theme__cycle"), pk=pk)
    cycle = _cycle_for(request, agreement.theme.cycle)
    form = forms.AssessmentForm(request.POST, cycle=cycle)
    if not _refused(request, form):
        data = form.cleaned_data
        _attempt(
            request,
            lambda: services.record_assessment(
                request.user,
                agreement,
                year=data["year"],
                status=data["status"],
                explanation=data["explanation"],
                expected_version=data["version"],
            ),
            _("Evaluatie opgeslagen."),
        )
    year = form.shown_year
    if form.data.get("next") == "theme":
        return redirect(reverse("theme", args=[agreement.theme_id]) + f"?year={year}")
    return _back_to_agreement(agreement.pk, year)


def _keeping_input(write: Any, data: Any, record: Any) -> Any:
    """``write``, such that after a conflict the reader's input stays in the form (``data``)
    with the version ``record`` has now: saving again replaces the colleague's change
    knowingly, as the page did before its version went through the form."""

    def run(d: dict[str, Any]) -> Any:
        try:
            return write(d)
        except services.Conflict:
            if data is not None:
                data["version"] = record.values_list("version", flat=True).first() or 0
            raise

    return run


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
    # The year comes with the figures (a form field), or in the address when only looking.
    sent = forms.CycleYearForm(request.POST, cycle=cycle) if request.method == "POST" else None
    wrong_year = sent is not None and not sent.is_valid()
    if sent is not None:
        year = sent.shown_year
    else:
        year = selectors.default_year(cycle, request.GET.get("year"))
    open_targets = selectors.open_targets_for(request.user, cycle, year)
    errors: dict[int, str] = {}
    form = forms.FiguresForm(
        request.POST if request.method == "POST" else None,
        targets=[item.target for item in open_targets],
    )
    if sent is not None and wrong_year:
        messages.error(request, _("Niet opgeslagen: %(m)s") % {"m": " ".join(error_list(sent))})
    elif request.method == "POST":
        filled = form.filled() if form.is_valid() else []
        for target in form.targets:
            if problem := form.row_error(target):
                errors[target.pk] = problem
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
            "values": form.typed(item.target) if form.is_bound else {},
        }
        for item in open_targets
    ]
    status = 400 if errors or wrong_year else 200
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
    form = forms.AgreementTextForm(request.POST, cycle=cycle)
    if _refused(request, form):
        return _back_to_agreement(agreement.pk, form.shown_year)
    data = form.cleaned_data
    _attempt(
        request,
        lambda: services.update_agreement(
            request.user,
            agreement,
            changes={"title": data["title"], "text": data["text"]},
            expected_version=data["version"] or 0,
        ),
        _("Afspraak opgeslagen."),
    )
    return _back_to_agreement(agreement.pk, form.shown_year)


@login_required
@require_POST
def edit_target(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(Target.objects.select_related("agreement__theme__cycle"), pk=pk)
    cycle = _cycle_for(request, target.agreement.theme.cycle)
    form = forms.NormValueForm(request.POST, kind=target.kind, cycle=cycle)
    if _refused(request, form):  # every problem at once, nothing saved
        return _back_to_agreement(target.agreement_id, form.shown_year)
    _attempt(
        request,
        lambda: services.update_target(
            request.user,
            target,
            changes=form.changes(),
            expected_version=form.cleaned_data["version"] or 0,
        ),
        _("Norm opgeslagen."),
    )
    return _back_to_agreement(target.agreement_id, form.shown_year)


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


# --- Setting up: cycles, themes, agreements, targets, indicators ----------------------------


def _municipality_to_set_up(request: HttpRequest, pk: int) -> Municipality:
    municipality = get_object_or_404(Municipality, pk=pk)
    if not access.can_start_cycle(request.user, municipality.pk):
        raise PermissionDenied(_("U mag de inrichting van deze gemeente niet zien of wijzigen."))
    return municipality


def _cycle_to_set_up(request: HttpRequest, pk: int) -> Cycle:
    cycle = _cycle_for(
        request, get_object_or_404(Cycle.objects.select_related("municipality"), pk=pk)
    )
    if not access.can_edit_agreements(request.user, cycle):
        raise PermissionDenied(_("U mag deze cyclus niet inrichten."))
    return cycle


def _saved(request: HttpRequest, form: forms.StyledForm, write: Any, success: str) -> Any | None:
    """Run the service with the form's data; its refusal goes back into the form."""
    try:
        result = write(form.cleaned_data)
    except ValidationError as exc:
        forms.show_errors(form, exc)
        return None
    except services.Conflict as exc:
        form.add_error(None, exc.message)
        return None
    messages.success(request, success)
    return result


def _render_form(
    request: HttpRequest, template: str, context: dict[str, Any], form: Any
) -> HttpResponse:
    return render(request, template, {**context, "form": form}, status=400 if form.errors else 200)


@login_required
@require_GET
def setup_home(request: HttpRequest) -> HttpResponse:
    """Where a municipal coordinator starts: the municipality's cycles and its indicators."""
    municipalities = selectors.municipalities_to_set_up(request.user)
    if not municipalities:
        raise PermissionDenied(_("U mag geen gemeente inrichten."))
    cycles = Cycle.objects.filter(municipality__in=municipalities).order_by(
        "municipality__name", "-start_year", "title"
    )
    return render(
        request,
        "agreements/setup_home.html",
        {"municipalities": municipalities, "cycles": list(cycles)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def create_cycle(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = _municipality_to_set_up(request, pk)
    form = forms.CycleForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        cycle = _saved(
            request,
            form,
            lambda d: services.create_cycle(
                request.user,
                municipality=municipality,
                title=d["title"],
                start_year=d["start_year"],
                end_year=d["end_year"],
                parties=list(d["parties"]),
                description=d["description"],
            ),
            _("De cyclus is aangemaakt. Voeg nu de thema's toe."),
        )
        if cycle is not None:
            return redirect("cycle_setup", pk=cycle.pk)
    return _render_form(request, "agreements/cycle_form.html", {"municipality": municipality}, form)


def copy_report_text(report: services.CopyReport, source: Cycle) -> str:
    text = _(
        "Gekopieerd van %(source)s: %(parties)s partijen, %(themes)s thema's (%(leaders)s met "
        "een projectleider) en %(agreements)s lopende afspraken met %(targets)s normen. Niet "
        "meegenomen: realisaties, evaluaties, goedkeuringen, biedingen en verslagen."
    ) % {
        "source": source.title,
        "parties": len(report.parties),
        "themes": len(report.themes),
        "leaders": report.project_leaders,
        "agreements": len(report.agreements),
        "targets": report.targets,
    }
    if report.ended:
        text += " " + _("%(n)s afspraken liepen vóór de nieuwe looptijd af en bleven achter.") % {
            "n": len(report.ended)
        }
    if report.archived:
        text += " " + _("Gearchiveerde organisaties bleven achter: %(names)s.") % {
            "names": ", ".join(report.archived)
        }
    return text


@login_required
@require_http_methods(["GET", "POST"])
def copy_cycle(request: HttpRequest, pk: int) -> HttpResponse:
    """*Kopieer van vorig jaar*."""
    municipality = _municipality_to_set_up(request, pk)
    form = forms.CopyCycleForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cycle, report = services.copy_cycle(
                request.user,
                data["source"],
                title=data["title"],
                start_year=data["start_year"],
                end_year=data["end_year"],
            )
        except ValidationError as exc:
            forms.show_errors(form, exc)
        else:
            messages.success(request, copy_report_text(report, data["source"]))
            request.session[f"copy-report-{cycle.pk}"] = report.as_data()
            return redirect("cycle_setup", pk=cycle.pk)
    return _render_form(
        request, "agreements/cycle_copy_form.html", {"municipality": municipality}, form
    )


def _cycle_initial(cycle: Cycle) -> dict[str, Any]:
    return {
        "title": cycle.title,
        "start_year": cycle.start_year,
        "end_year": cycle.end_year,
        "parties": list(cycle.parties.all()),
        "description": cycle.description,
    }


@login_required
@require_http_methods(["GET", "POST"])
def cycle_setup(request: HttpRequest, pk: int) -> HttpResponse:
    """The cycle's set-up: its details and parties, and its themes in order."""
    cycle = _cycle_to_set_up(request, pk)
    municipality = cycle.municipality
    may_change_cycle = access.can_start_cycle(request.user, municipality.pk)
    cycle_form = forms.CycleForm(
        request.POST if request.POST.get("form") == "cycle" else None,
        municipality=municipality,
        cycle=cycle,
        initial=_cycle_initial(cycle),
        prefix="cycle",
    )
    theme_form = forms.ThemeForm(
        request.POST if request.POST.get("form") == "theme" else None, cycle=cycle, prefix="theme"
    )
    if request.method == "POST" and request.POST.get("form") == "cycle" and cycle_form.is_valid():
        done = _saved(
            request,
            cycle_form,
            lambda d: services.update_cycle(
                request.user,
                cycle,
                title=d["title"],
                start_year=d["start_year"],
                end_year=d["end_year"],
                parties=list(d["parties"]),
                description=d["description"],
            ),
            _("De cyclus is opgeslagen."),
        )
        if done is not None:
            return redirect("cycle_setup", pk=cycle.pk)
    publication_form = forms.PublicationForm(
        request.POST if request.POST.get("form") == "publication" else None,
        initial={"published": not cycle.published},
        prefix="publication",
    )
    if (
        request.method == "POST"
        and request.POST.get("form") == "publication"
        and may_change_cycle
        and publication_form.is_valid()
    ):
        public = publication_form.cleaned_data["published"]
        done = _saved(
            request,
            publication_form,
            lambda d: services.set_publication(request.user, cycle, published=public),
            _("De cyclus is nu openbaar.") if public else _("De cyclus is niet meer openbaar."),
        )
        if done is not None:
            return redirect(reverse("cycle_setup", args=[cycle.pk]) + "#openbaarheid")
    if request.method == "POST" and request.POST.get("form") == "theme" and theme_form.is_valid():
        done = _saved(
            request,
            theme_form,
            lambda d: services.add_theme(
                request.user,
                cycle,
                name=d["name"],
                lead_organisation=d["lead_organisation"],
                project_leader=d["project_leader"],
                description=d["description"],
            ),
            _("Het thema is toegevoegd."),
        )
        if done is not None:
            return redirect(reverse("cycle_setup", args=[cycle.pk]) + "#themas")
    errors = cycle_form.errors or theme_form.errors
    return render(
        request,
        "agreements/cycle_setup.html",
        {
            "cycle": cycle,
            "cycle_form": cycle_form if may_change_cycle else None,
            "publication_form": publication_form if may_change_cycle else None,
            "theme_form": theme_form,
            "themes": selectors.setup_themes(cycle),
            "copy_report": request.session.get(f"copy-report-{cycle.pk}"),
            "locked": rules.is_closed(cycle),
        },
        status=400 if errors else 200,
    )


def _theme_to_set_up(request: HttpRequest, pk: int) -> Theme:
    theme = get_object_or_404(
        Theme.objects.select_related("cycle__municipality", "lead_organisation"), pk=pk
    )
    theme.cycle = _cycle_to_set_up(request, theme.cycle_id)
    return theme


@login_required
@require_http_methods(["GET", "POST"])
def edit_theme(request: HttpRequest, pk: int) -> HttpResponse:
    theme = _theme_to_set_up(request, pk)
    data = request.POST.copy() if request.method == "POST" else None
    form = forms.ThemeForm(
        data,
        cycle=theme.cycle,
        initial={
            "name": theme.name,
            "lead_organisation": theme.lead_organisation_id,
            "project_leader": theme.project_leader_id,
            "description": theme.description,
            "version": services.theme_version(theme),
        },
    )

    def write(d: dict[str, Any]) -> Theme:
        try:
            return services.update_theme(
                request.user,
                theme,
                name=d["name"],
                lead_organisation=d["lead_organisation"],
                project_leader=d["project_leader"],
                description=d["description"],
                expected_version=d.get("version") or None,
            )
        except services.Conflict:
            # The input stays in the form; saving again replaces the version seen now.
            assert data is not None
            theme.refresh_from_db()
            data["version"] = services.theme_version(theme)
            raise

    if request.method == "POST" and form.is_valid():
        done = _saved(request, form, write, _("Het thema is opgeslagen."))
        if done is not None:
            return redirect(reverse("cycle_setup", args=[theme.cycle_id]) + "#themas")
    return _render_form(
        request, "agreements/theme_form.html", {"theme": theme, "cycle": theme.cycle}, form
    )


def _action(request: HttpRequest, actions: tuple[str, ...]) -> forms.ActionForm:
    """The button pressed, read through :class:`forms.ActionForm`."""
    form = forms.ActionForm(request.POST, actions=actions)
    form.is_valid()
    return form


def _action_refused(request: HttpRequest, form: forms.ActionForm, back: str) -> HttpResponse:
    """An unknown button: nothing done, said on a page of its own (400) with the way back."""
    return render(
        request,
        "agreements/action_refused.html",
        {"errors": [str(e) for e in form.errors.get("action", ())], "back": back},
        status=400,
    )


@login_required
@require_POST
def theme_action(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a theme up or down, archive it, bring it back or delete it (buttons on the page)."""
    theme = _theme_to_set_up(request, pk)
    back = reverse("cycle_setup", args=[theme.cycle_id]) + "#themas"
    form = _action(request, ("up", "down", "archive", "restore", "delete"))
    if form.errors:
        return _action_refused(request, form, back)
    writes = {
        "up": (lambda: services.move_theme(request.user, theme, up=True), _("Volgorde gewijzigd.")),
        "down": (
            lambda: services.move_theme(request.user, theme, up=False),
            _("Volgorde gewijzigd."),
        ),
        "archive": (
            lambda: services.archive_theme(request.user, theme),
            _("Het thema is gearchiveerd."),
        ),
        "restore": (
            lambda: services.archive_theme(request.user, theme, archived=False),
            _("Het thema is teruggehaald."),
        ),
        "delete": (
            lambda: services.delete_theme(request.user, theme),
            _("Het thema is verwijderd."),
        ),
    }
    write, success = writes[form.cleaned_data["action"]]
    _attempt(request, write, success)
    return redirect(back)


@login_required
@require_http_methods(["GET", "POST"])
def create_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle_to_set_up(request, pk)
    initial = {"theme": request.GET.get("thema") or None}
    form = forms.AgreementForm(request.POST or None, cycle=cycle, initial=initial)
    if request.method == "POST" and form.is_valid():

        def write(d: dict[str, Any]) -> Agreement:
            with transaction.atomic():
                agreement = services.add_agreement(
                    request.user,
                    d["theme"],
                    number=d["number"],
                    title=d["title"],
                    text=d["text"],
                    kind=d["kind"],
                    lead_party=d["lead_party"],
                    involved=list(d["involved_parties"]),
                    indicators=list(d["indicators"]),
                    start_year=d["start_year"],
                    end_year=d["end_year"],
                )
                if d.get("goal") is not None:
                    from woonafspraken.governance import services as governance_services

                    governance_services.link_goal(request.user, d["goal"], agreement)
            return agreement

        agreement = _saved(request, form, write, _("De afspraak is toegevoegd (concept)."))
        if agreement is not None:
            return redirect("agreement", pk=agreement.pk)
    return _render_form(request, "agreements/agreement_form.html", {"cycle": cycle}, form)


@login_required
@require_http_methods(["GET", "POST"])
def change_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(
        Agreement.objects.select_related("theme__cycle__municipality"), pk=pk
    )
    cycle = _cycle_to_set_up(request, agreement.theme.cycle_id)
    data = request.POST.copy() if request.method == "POST" else None
    form = forms.AgreementForm(
        data,
        cycle=cycle,
        with_goal=False,
        editing=True,
        initial={
            "theme": agreement.theme_id,
            "number": agreement.number,
            "title": agreement.title,
            "text": agreement.text,
            "kind": agreement.kind,
            "start_year": agreement.start_year,
            "end_year": agreement.end_year,
            "lead_party": agreement.lead_party_id,
            "involved_parties": list(agreement.involved_parties.all()),
            "indicators": list(agreement.indicators.all()),
            "version": agreement.version,
        },
    )
    form.fields["theme"].disabled = True
    write = _keeping_input(
        lambda d: services.update_agreement(
            request.user,
            agreement,
            changes={
                "number": d["number"],
                "title": d["title"],
                "text": d["text"],
                "kind": d["kind"],
                "start_year": d["start_year"],
                "end_year": d["end_year"],
                "lead_party": d["lead_party"],
                "involved_parties": list(d["involved_parties"]),
                "indicators": list(d["indicators"]),
            },
            expected_version=d["version"] or 0,
        ),
        data,
        Agreement.objects.filter(pk=agreement.pk),
    )
    if request.method == "POST" and form.is_valid():
        done = _saved(request, form, write, _("Afspraak opgeslagen."))
        if done is not None:
            return redirect("agreement", pk=agreement.pk)
    return _render_form(
        request,
        "agreements/agreement_form.html",
        {"cycle": cycle, "agreement": agreement},
        form,
    )


@login_required
@require_POST
def agreement_action(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(Agreement.objects.select_related("theme__cycle"), pk=pk)
    _cycle_to_set_up(request, agreement.theme.cycle_id)
    form = _action(request, ("archive", "restore", "delete"))
    if form.errors:
        return _action_refused(request, form, reverse("agreement", args=[agreement.pk]))
    action = form.cleaned_data["action"]
    if action == "delete":
        try:
            services.delete_agreement(request.user, agreement)
        except ValidationError as exc:
            messages.error(request, _("Niet verwijderd: %(m)s") % {"m": _message_of(exc)})
            return redirect("agreement", pk=agreement.pk)
        messages.success(request, _("De afspraak is verwijderd."))
        return redirect(reverse("cycle_setup", args=[agreement.theme.cycle_id]) + "#themas")
    archived = action == "archive"
    _attempt(
        request,
        lambda: services.archive_agreement(request.user, agreement, archived=archived),
        _("De afspraak is gearchiveerd.") if archived else _("De afspraak is teruggehaald."),
    )
    return redirect("agreement", pk=agreement.pk)


@login_required
@require_http_methods(["GET", "POST"])
def create_target(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(
        Agreement.objects.select_related("theme__cycle__municipality"), pk=pk
    )
    cycle = _cycle_to_set_up(request, agreement.theme.cycle_id)
    form = forms.TargetForm(request.POST or None, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        done = _saved(
            request,
            form,
            lambda d: services.add_target(
                request.user,
                agreement,
                indicator=d["indicator"],
                kind=d["kind"],
                party=d["party"],
                year=d["year"],
                value=d["value"],
                low=d["low"],
                high=d["high"],
                label=d["label"],
                tolerance=d["tolerance"],
                note=d["note"],
            ),
            _("De norm is toegevoegd."),
        )
        if done is not None:
            return redirect("agreement", pk=agreement.pk)
    return _render_form(
        request,
        "agreements/target_form.html",
        {"cycle": cycle, "agreement": agreement},
        form,
    )


def _target_initial(target: Target) -> dict[str, Any]:
    return {
        "indicator": target.indicator_id,
        "party": target.party_id,
        "year": target.year,
        "kind": target.kind,
        "value": target.value,
        "tolerance": target.tolerance or None,
        "low": target.low,
        "high": target.high,
        "label": target.label,
        "note": target.note,
    }


@login_required
@require_http_methods(["GET", "POST"])
def change_target(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole norm on one page: indicator, party, year, kind and numbers; or archive it."""
    target = get_object_or_404(
        Target.all_objects.select_related("agreement__theme__cycle__municipality", "indicator"),
        pk=pk,
    )
    agreement = target.agreement
    cycle = _cycle_to_set_up(request, agreement.theme.cycle_id)
    data = request.POST.copy() if request.method == "POST" else None
    form = forms.TargetForm(
        data,
        cycle=cycle,
        editing=True,
        initial={**_target_initial(target), "version": target.version},
    )

    write = _keeping_input(
        lambda d: services.update_target(
            request.user,
            target,
            changes={
                "indicator": d["indicator"],
                "party": d["party"],
                "year": d["year"],
                "kind": d["kind"],
                "value": d["value"],
                "low": d["low"],
                "high": d["high"],
                "label": d["label"].strip().upper(),
                "tolerance": d["tolerance"],
                "note": d["note"],
            },
            expected_version=d["version"] or 0,
        ),
        data,
        Target.all_objects.filter(pk=target.pk),
    )
    if request.method == "POST" and form.is_valid():
        done = _saved(request, form, write, _("Norm opgeslagen."))
        if done is not None:
            return redirect(reverse("agreement", args=[agreement.pk]) + "#targets")
    return _render_form(
        request,
        "agreements/target_form.html",
        {
            "cycle": cycle,
            "agreement": agreement,
            "target": target,
            "has_figures": target.measurements.exists(),
        },
        form,
    )


@login_required
@require_POST
def target_action(request: HttpRequest, pk: int) -> HttpResponse:
    """Archive a norm, bring it back, or delete one without figures (buttons on its page)."""
    target = get_object_or_404(Target.all_objects.select_related("agreement__theme"), pk=pk)
    _cycle_to_set_up(request, target.agreement.theme.cycle_id)
    form = _action(request, ("archive", "restore", "delete"))
    if form.errors:
        return _action_refused(request, form, reverse("change_target", args=[target.pk]))
    action = form.cleaned_data["action"]
    back = reverse("agreement", args=[target.agreement_id]) + "#targets"
    if action == "delete":
        try:
            services.delete_target(request.user, target)
        except ValidationError as exc:
            messages.error(request, _("Niet verwijderd: %(m)s") % {"m": _message_of(exc)})
            return redirect("change_target", pk=target.pk)
        messages.success(request, _("De norm is verwijderd."))
        return redirect(back)
    archived = action == "archive"
    _attempt(
        request,
        lambda: services.archive_target(request.user, target, archived=archived),
        _("De norm is gearchiveerd.") if archived else _("De norm is teruggehaald."),
    )
    return redirect(back)


@login_required
@require_http_methods(["GET", "POST"])
def indicators(request: HttpRequest, pk: int) -> HttpResponse:
    """The municipality's own indicators (and the shared ones), and a form for a new one."""
    municipality = _municipality_to_set_up(request, pk)
    form = forms.IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _saved(
            request,
            form,
            lambda d: services.add_indicator(request.user, municipality, **d),
            _("De indicator is toegevoegd."),
        )
        if done is not None:
            return redirect("indicators", pk=municipality.pk)
    return _render_form(
        request,
        "agreements/indicators.html",
        {"municipality": municipality, "indicators": selectors.indicators_of(municipality)},
        form,
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit_indicator(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_object_or_404(Indicator.objects.select_related("municipality"), pk=pk)
    if indicator.municipality is None:
        raise PermissionDenied(_("Een gedeelde indicator wijzigt alleen de leverancier."))
    municipality = _municipality_to_set_up(request, indicator.municipality_id)
    data = request.POST.copy() if request.method == "POST" else None
    form = forms.IndicatorForm(
        data,
        editing=True,
        initial={
            f: getattr(indicator, f)
            for f in ("name", "unit", "direction", "aggregation", "source", "description")
        }
        | {"archived": indicator.archived, "version": services.indicator_version(indicator)},
    )

    def write(d: dict[str, Any]) -> Indicator:
        fields = {k: v for k, v in d.items() if k != "version"}
        try:
            return services.update_indicator(
                request.user, indicator, **fields, expected_version=d["version"] or None
            )
        except services.Conflict:
            # The input stays in the form; saving again replaces the version seen now.
            assert data is not None
            indicator.refresh_from_db()
            data["version"] = services.indicator_version(indicator)
            raise

    if request.method == "POST" and form.is_valid():
        done = _saved(request, form, write, _("De indicator is opgeslagen."))
        if done is not None:
            return redirect("indicators", pk=municipality.pk)
    return _render_form(
        request,
        "agreements/indicator_form.html",
        {"municipality": municipality, "indicator": indicator},
        form,
    )
