"""The calculator page (rekenhulp): huurtoeslag, rent class, target group, passend toewijzen."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from woonafspraken.agreements.templatetags import localeformat
from woonafspraken.rules import (
    SEED_BUDGET_TABLE,
    RulesError,
    extramuralisatie_2026,
    known_years,
    passend_toewijzen,
    rent_class,
    target_group,
)

from . import forms, inputs

FIELDS = (*inputs.HUURTOESLAG_REQUIRED, *inputs.HUURTOESLAG_OPTIONAL)


def _other(call: Any, *args: Any) -> Any:
    """A secondary result, or its Dutch reason when the rules cannot give it this year."""
    try:
        return {"result": call(*args), "error": ""}
    except RulesError as exc:
        return {"result": None, "error": exc.message}


def calculator(request: HttpRequest) -> HttpResponse:
    return _calculator_page(request)


def _calculator_page(
    request: HttpRequest, save_form: forms.SaveComparisonForm | None = None, status: int = 200
) -> HttpResponse:
    """The calculator; ``save_form`` is the comparison's save form as sent (with its errors)."""
    submitted = "rent" in request.GET or "income" in request.GET
    values = {name: request.GET.get(name, "") for name in FIELDS}
    values["year"] = values["year"] or "2026"
    values["household_size"] = values["household_size"] or "1"
    context: dict[str, Any] = {
        "values": values,
        "years": known_years(),
        "errors": {},
        "submitted": submitted,
    }
    if submitted:
        read = inputs.read(
            request.GET,
            inputs.HUURTOESLAG_REQUIRED,
            inputs.HUURTOESLAG_OPTIONAL,
            decimal_comma=True,
        )
        result = inputs.compute_huurtoeslag(read)
        context["errors"] = read.errors
        if result is not None:
            year, size = result.year, result.household_size
            context.update(
                result=result,
                rent_class=_other(rent_class, year, result.rent),
                target_group=_other(target_group, year, result.income, size),
                passend=_other(passend_toewijzen, year, size, result.income, result.rent),
            )
    example = extramuralisatie_2026()
    context.update(
        seed=SEED_BUDGET_TABLE,
        example=example,
        example_rows=[
            (row.label, [localeformat.money(a, "always") for a in row.amounts])
            for row in example.comparison.rows
        ],
    )
    cycles = _cycles_to_save_with(request.user)
    if cycles:
        context["save_form"] = save_form or forms.SaveComparisonForm(cycles=cycles)
    return render(request, "affordability/calculator.html", context, status=status)


def analysis_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from django.shortcuts import get_object_or_404

    from woonafspraken.accounts import access

    from .models import Analysis

    analysis = get_object_or_404(Analysis.objects.select_related("cycle", "created_by"), pk=pk)
    if not access.can_view_cycle(request.user, analysis.cycle):
        raise Http404
    return render(request, "affordability/analysis.html", {"analysis": analysis})


@login_required
@require_POST
def save_comparison(request: HttpRequest) -> HttpResponse:
    """Keep the worked-out comparison of this page with a cycle, as an analysis."""
    from django.contrib import messages
    from django.core.exceptions import ValidationError
    from django.shortcuts import redirect

    from woonafspraken.agreements.forms import show_errors

    from . import services

    form = forms.SaveComparisonForm(request.POST, cycles=_cycles_to_save_with(request.user))
    if not form.is_valid():
        return _save_refused(request, form)
    cycle = form.cleaned_data["cycle"]
    try:
        analysis = services.save_analysis(
            request.user,
            cycle,
            title=form.cleaned_data["title"],
            kind="computed",
            data=services.comparison_data(extramuralisatie_2026()),
            source="woonafspraken.rules, huurtoeslag 2026",
        )
    except ValidationError as exc:
        show_errors(form, exc)
        return _save_refused(request, form)
    messages.success(request, _("Vergelijking bewaard bij %(cycle)s.") % {"cycle": cycle.title})
    return redirect("analysis", pk=analysis.pk)


def _save_refused(request: HttpRequest, form: forms.SaveComparisonForm) -> HttpResponse:
    """The calculator again with the save form as sent, every problem beside its field."""
    from django.contrib import messages

    messages.error(request, _("Er is niets bewaard: verbeter de velden met een melding."))
    return _calculator_page(request, save_form=form, status=400)


def _cycles_to_save_with(user: Any) -> list[Any]:
    from woonafspraken.accounts import access
    from woonafspraken.agreements.models import Cycle

    if not getattr(user, "is_authenticated", False):
        return []
    cycles = Cycle.objects.prefetch_related("parties").order_by("-start_year")
    return [c for c in cycles if access.is_admin(user) or access.is_party_member(user, c)]
