"""The page of an uploaded file: progress while it is read, then its preview or its errors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_http_methods

from . import services
from .models import UploadJob
from .registry import Rejected, handler_for


def _job(request: HttpRequest, pk: int) -> UploadJob:
    # Someone else's job is not found: its file name and errors are the uploader's business.
    job = services.job_for(request.user, pk)
    if job is None:
        raise Http404
    return services.expire_if_stuck(job)


@login_required
@require_http_methods(["GET", "POST"])
def job_page(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    handler = handler_for(job.kind)
    status = 200
    if request.method == "POST":
        try:
            message = services.confirm(request.user, job)
        except Rejected:
            status = 400
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("uploadjobs:job", job.pk)
        else:
            messages.success(request, message)
            return redirect(handler.back_url(job))
        job.refresh_from_db()
    context = {
        "job": job,
        "title": handler.title(job),
        "back": handler.back_url(job),
        "preview": job.preview,
        "preview_template": handler.preview_template,
        "can_apply": job.status == UploadJob.Status.READY and handler.can_apply(job),
    }
    if request.headers.get("HX-Request"):
        if job.is_running:
            response = render(request, "uploadjobs/_progress.html", context)
        else:
            response = HttpResponse(status=204)
            response["HX-Refresh"] = "true"  # finished: show the whole page
    else:
        response = render(request, "uploadjobs/job.html", context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    patch_cache_control(response, no_store=True)
    return response
