"""Pages of an import: upload on a cycle, then the job's page (progress, refusal or review)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from woonafspraken.agreements.models import Cycle
from woonafspraken.agreements.templatetags.localeformat import count

from . import services
from .forms import ItemFormSet, UploadForm
from .models import ImportJob, ProposedItem


def _cycle(request: HttpRequest, pk: int) -> Cycle:
    cycle = get_object_or_404(Cycle.objects.select_related("municipality"), pk=pk)
    if not services.can_import(request.user, cycle):
        raise PermissionDenied(
            _("Alleen een coördinator van de gemeente mag afspraken importeren.")
        )
    return cycle


@login_required
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle(request, pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            file = form.cleaned_data["file"]
            try:
                job = services.start_import(request.user, cycle, file, file.name)
            except services.Refused as exc:
                form.add_error("file", exc.message)
            except ValidationError as exc:
                form.add_error(None, " ".join(exc.messages))
            else:
                return redirect("importing:job", job.pk)
        status = 400
    jobs = cycle.import_jobs.select_related("uploaded_by")[:10]
    return render(
        request,
        "importing/upload.html",
        {
            "cycle": cycle,
            "form": form,
            "jobs": jobs,
            "in_preparation": cycle.phase == Cycle.Phase.PREPARATION,
            "max_mb": services.MAX_SIZE // (1024 * 1024),
        },
        status=status,
    )


def found(themes: int, agreements: int, norms: int) -> str:
    """``2 thema’s, 1 afspraak en 3 normen``: what an import proposes or created, in words."""
    return _("%(themes)s, %(agreements)s en %(norms)s") % {
        "themes": ngettext("%(n)s thema", "%(n)s thema’s", themes) % {"n": count(themes)},
        "agreements": ngettext("%(n)s afspraak", "%(n)s afspraken", agreements)
        % {"n": count(agreements)},
        "norms": ngettext("%(n)s norm", "%(n)s normen", norms) % {"n": count(norms)},
    }


def _rows(formset: Any) -> list[dict[str, Any]]:
    return [{"form": form, "item": form.instance} for form in formset.forms]


@login_required
def job_page(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(ImportJob.objects.select_related("cycle", "uploaded_by"), pk=pk)
    cycle = _cycle(request, job.cycle_id)
    job = services.expire_if_stuck(job)
    context: dict[str, Any] = {"job": job, "cycle": cycle}
    if job.status == ImportJob.Status.FAILED:
        context["refusal"] = services.refusal_message(job.error_code)
    running = job.status in (ImportJob.Status.QUEUED, ImportJob.Status.READING)
    if request.headers.get("HX-Request"):
        if running:
            return render(request, "importing/_progress.html", context)
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"  # finished: show the whole page (review or refusal)
        return response
    if job.status not in (ImportJob.Status.PROPOSED, ImportJob.Status.APPLIED):
        return render(request, "importing/job.html", context)
    queryset = job.items.select_related("lead", "party").prefetch_related("involved")
    if job.status == ImportJob.Status.APPLIED:
        context["items"] = queryset.filter(accepted=True)
        return render(request, "importing/job.html", context)
    formset = ItemFormSet(
        request.POST or None, queryset=queryset, form_kwargs={"cycle": cycle}, prefix="item"
    )
    status = 200
    if request.method == "POST":
        if formset.is_valid():
            try:
                with transaction.atomic():
                    formset.save()
                    counts = services.apply_import(request.user, job)
            except services.ItemError as exc:
                context["item_error"] = exc
            except ValidationError as exc:
                context["item_error"] = {"message": " ".join(exc.messages)}
            else:
                messages.success(
                    request,
                    _("Overgenomen uit %(filename)s: %(found)s.")
                    % {"filename": job.filename, "found": found(**counts)},
                )
                return redirect("cycle", cycle.pk)
        status = 400
    context.update(
        formset=formset,
        rows=_rows(formset),
        found=found(
            *(
                sum(1 for f in formset.forms if f.instance.level == level)
                for level in ProposedItem.Level.values
            )
        ),
    )
    return render(request, "importing/job.html", context, status=status)
