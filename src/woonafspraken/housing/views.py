"""Pages: the analyses of a cycle, and the housing data behind them (import, export)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from woonafspraken.accounts import access
from woonafspraken.agreements import services as agreement_services
from woonafspraken.agreements.models import Cycle, Target
from woonafspraken.uploadjobs import services as upload_jobs

from . import allocation as allocation_offers
from . import presentation, selectors, services, tables
from .forms import AdoptForm, ImportForm, ScenarioForm
from .models import Dataset, Table
from .upload_jobs import KIND as HOUSING_JOB
from .upload_jobs import job_params


def _cycle(request: HttpRequest, pk: int) -> Cycle:
    cycle = get_object_or_404(Cycle.objects.select_related("municipality"), pk=pk)
    if not access.can_view_cycle(request.user, cycle):
        if not request.user.is_authenticated:
            raise Http404
        raise PermissionDenied(_("U heeft geen toegang tot deze prestatieafspraken."))
    return cycle


def analyses(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk)
    outcomes = selectors.run_all(cycle)
    allocation = next(o.detail for o in outcomes if o.name == "allocation")
    offers = allocation_offers.offers(cycle, allocation)
    user = request.user
    scenario = selectors.scenario_of(cycle)
    names = presentation.organisation_names()
    return render(
        request,
        "housing/analyses.html",
        {
            "cycle": cycle,
            "analyses": [presentation.shown(o, names) for o in outcomes],
            "offers": [
                {
                    "offer": o,
                    "can_adopt": access.can_record_measurement(user, o.target, cycle),
                }
                for o in offers
            ],
            "scenario_form": ScenarioForm(instance=scenario)
            if access.is_coordinator(user, cycle)
            else None,
            "scenario": scenario,
            "can_manage": access.can_manage_housing_data(user, cycle.municipality_id),
        },
    )


@require_POST
@login_required
def save_scenario(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk)
    form = ScenarioForm(request.POST, instance=selectors.scenario_of(cycle))
    if form.is_valid():
        try:
            services.save_scenario(request.user, cycle, **form.cleaned_data)
            messages.success(request, _("Het scenario is bewaard."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        problems = [f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items()]
        messages.error(request, _("Het scenario is niet bewaard: ") + "; ".join(problems))
    return redirect("housing:analyses", cycle.pk)


@require_POST
@login_required
def adopt(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a computed allocation figure as the measurement of its target."""
    cycle = _cycle(request, pk)
    form = AdoptForm(request.POST)
    if not form.is_valid():
        raise Http404
    target = get_object_or_404(
        Target, pk=form.cleaned_data["target"], agreement__theme__cycle=cycle
    )
    allocation = selectors.run(cycle, "allocation").detail
    offer = next(
        (o for o in allocation_offers.offers(cycle, allocation) if o.target.pk == target.pk), None
    )
    if offer is None:
        raise Http404
    existing = target.measurements.filter(year=offer.year).first()
    try:
        agreement_services.record_measurement(
            request.user,
            target,
            value=offer.value,
            year=offer.year,
            source=offer.source,
            note=offer.source,
            expected_version=existing.version if existing else 0,
        )
        messages.success(request, _("De berekende waarde is vastgelegd als realisatie."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("housing:analyses", cycle.pk)


def data(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk)
    can_manage = access.can_manage_housing_data(request.user, cycle.municipality_id)
    form = ImportForm()
    errors: list[str] = []
    error_count = 0
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(_("U mag geen woongegevens van deze gemeente inlezen."))
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = form.cleaned_data
            try:
                content = services.check_upload(
                    request.user,
                    cycle.municipality,
                    data["table"],
                    filename=upload.name,
                    data=upload,
                    source=data["source"],
                )
            except ValidationError as error:
                errors = list(error.messages)
                error_count = len(errors)
            else:
                job = upload_jobs.start(
                    request.user,
                    HOUSING_JOB,
                    filename=upload.name,
                    data=content,
                    params=job_params(
                        cycle,
                        table=data["table"],
                        source=data["source"],
                        source_date=data["source_date"],
                        fictional=data["fictional"],
                        replace=data["replace"],
                    ),
                )
                return redirect("uploadjobs:job", job.pk)
    datasets = Dataset.objects.filter(municipality=cycle.municipality).select_related("created_by")
    return render(
        request,
        "housing/data.html",
        {
            "cycle": cycle,
            "datasets": datasets,
            "form": form,
            "errors": errors,
            "error_count": error_count,
            "can_manage": can_manage,
            "templates": [
                {
                    "table": key,
                    "title": Table(key).label,
                    "doc": spec.doc,
                    "columns": tables.template_rows(key),
                }
                for key, spec in tables.SPECS.items()
            ],
        },
    )


def template_file(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    """An empty template with the column names (Excel: with a sheet that explains them)."""
    if table not in tables.SPECS or fmt not in {"csv", "xlsx"}:
        raise Http404
    spec = tables.SPECS[table]
    if fmt == "csv":
        content = tables.to_csv([spec.headers])
        kind = "text/csv; charset=utf-8"
    else:
        content = tables.template_xlsx(table, _)
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="sjabloon-{spec.filename}.{fmt}"'
    return response


def _dataset(request: HttpRequest, pk: int) -> Dataset:
    dataset = get_object_or_404(Dataset.objects.select_related("municipality"), pk=pk)
    if not access.can_manage_housing_data(request.user, dataset.municipality_id):
        if not request.user.is_authenticated:
            raise Http404
        raise PermissionDenied(_("U mag de woongegevens van deze gemeente niet downloaden."))
    return dataset


def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    dataset = _dataset(request, pk)
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    content, kind, name = services.export_table(dataset, fmt)
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    dataset = _dataset(request, pk)
    cycle_pk = request.POST.get("cycle", "")
    services.delete_dataset(request.user, dataset)
    messages.success(request, _("De gegevensset is verwijderd."))
    if cycle_pk.isdigit():
        return redirect("housing:data", int(cycle_pk))
    return redirect("home")
