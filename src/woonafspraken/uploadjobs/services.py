"""Write use cases of an upload job: start it, read it (in the background), confirm it.

Nothing outside the job changes until :func:`confirm`: the request stores the checked file,
the task stores the preview or the errors as the job's own fields (never in the session), and
confirming applies the preview through the kind's handler in one transaction.
"""

import datetime
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from woonafspraken import uploads
from woonafspraken.background import enqueue_on_commit

from .models import UploadJob
from .registry import Problem, Reading, Rejected, handler_for

logger = logging.getLogger(__name__)

#: Errors kept per job; the count says how many there were in all.
MAX_ERRORS = 1000
#: How long a job (its preview, its errors) is kept; older ones go when a new one starts.
KEEP_FOR = datetime.timedelta(days=7)


def time_limit() -> float:
    """Seconds a file may take to read (``UPLOAD_PARSE_SECONDS``, 60 unless set)."""
    return float(getattr(settings, "UPLOAD_PARSE_SECONDS", 60))


@transaction.atomic
def start(
    actor: Any, kind: str, *, filename: str, data: bytes, params: dict[str, Any]
) -> UploadJob:
    """Keep ``data`` (already through the upload gate) and queue its reading."""
    handler_for(kind)  # an unknown kind is a programming error: fail before storing
    UploadJob.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).delete()
    job = UploadJob.objects.create(
        kind=kind,
        owner=actor,
        filename=filename[:255],
        content=data,
        params=params,
        language=(translation.get_language() or settings.LANGUAGE_CODE)[:8],
    )
    from .tasks import parse_upload

    enqueue_on_commit(parse_upload, job.pk)
    return job


def _finish(job_id: int, **fields: Any) -> None:
    UploadJob.objects.filter(pk=job_id).update(content=b"", finished_at=timezone.now(), **fields)


def _problems(problems: list[Problem]) -> list[dict[str, Any]]:
    return [p.as_dict() for p in problems[:MAX_ERRORS]]


def time_up_message() -> str:
    return _(
        "Het lezen duurde langer dan %(seconds)s seconden en is gestopt. Er is niets "
        "opgeslagen. Lever minder rijen per bestand in."
    ) % {"seconds": f"{time_limit():g}"}


def parse(job_id: int) -> str:
    """Read the file of job ``job_id`` into its preview or its errors; returns the status."""
    claimed = UploadJob.objects.filter(pk=job_id, status=UploadJob.Status.QUEUED).update(
        status=UploadJob.Status.READING, started_at=timezone.now()
    )
    if not claimed:
        return ""
    job = UploadJob.objects.select_related("owner").get(pk=job_id)
    handler = handler_for(job.kind)

    def report(percent: int) -> None:
        UploadJob.objects.filter(pk=job_id).update(progress=percent)

    watch = uploads.Watch(time_limit(), report)
    with translation.override(job.language):
        try:
            found = handler.parse(job, bytes(job.content), watch)
        except Rejected as rejected:
            _finish(
                job_id,
                status=UploadJob.Status.FAILED,
                errors=_problems(rejected.problems),
                error_total=rejected.total,
            )
            return UploadJob.Status.FAILED
        except uploads.TimeUp:
            _finish(
                job_id,
                status=UploadJob.Status.FAILED,
                errors=_problems([Problem(time_up_message())]),
                error_total=1,
            )
            return UploadJob.Status.FAILED
        except Exception:
            # Our fault, not the file's: say so on the page instead of reading for ever.
            logger.exception("Upload job %s could not be read", job_id)
            _finish(
                job_id,
                status=UploadJob.Status.FAILED,
                errors=_problems([Problem(failure_message())]),
                error_total=1,
            )
            return UploadJob.Status.FAILED
    reading = found if isinstance(found, Reading) else Reading(found)
    _finish(
        job_id,
        status=UploadJob.Status.READY,
        progress=100,
        preview=reading.preview,
        staged=reading.staged,
    )
    return UploadJob.Status.READY


def failure_message() -> str:
    return _(
        "Het lezen is mislukt door een fout in Woonafspraken, niet in uw bestand. Probeer het "
        "later opnieuw; de beheerder kan zien wat er misging."
    )


def expire_if_stuck(job: UploadJob) -> UploadJob:
    """A job still reading long after its time limit (its worker stopped) has failed."""
    if (
        job.status == UploadJob.Status.READING
        and job.started_at is not None
        and (timezone.now() - job.started_at).total_seconds() > 2 * time_limit() + 60
    ):
        with translation.override(job.language):
            message = time_up_message()
        UploadJob.objects.filter(pk=job.pk, status=UploadJob.Status.READING).update(
            status=UploadJob.Status.FAILED,
            errors=_problems([Problem(message)]),
            error_total=1,
            content=b"",
            finished_at=timezone.now(),
        )
        job.refresh_from_db()
    return job


def job_for(user: Any, pk: int) -> UploadJob | None:
    """The job, if ``user`` uploaded it and may still use it; ``None`` for anybody else."""
    if not getattr(user, "is_authenticated", False):
        return None
    job = UploadJob.objects.defer("content", "staged").filter(pk=pk, owner=user).first()
    if job is None or not handler_for(job.kind).may_use(user, job):
        return None
    return job


def confirm(actor: Any, job: UploadJob) -> str:
    """Apply the job's preview, all or nothing; returns what to tell the user.

    Raises :class:`Rejected` (nothing written; the job keeps the problems and has failed) or
    ``ValidationError`` when the job is not ready (already applied, failed or still reading).
    """
    handler = handler_for(job.kind)
    try:
        with transaction.atomic():
            job = UploadJob.objects.select_for_update().defer("content").get(pk=job.pk)
            if job.owner_id != getattr(actor, "pk", None) or not handler.may_use(actor, job):
                raise PermissionDenied(_("Dit bestand is door iemand anders ingelezen."))
            if job.status != UploadJob.Status.READY or not handler.can_apply(job):
                raise ValidationError(
                    _("Dit bestand is al opgeslagen of kan niet (meer) worden opgeslagen.")
                )
            message = handler.apply(actor, job)
            job.status = UploadJob.Status.APPLIED
            job.applied_at = timezone.now()
            job.staged = b""
            job.save(update_fields=["status", "applied_at", "staged"])
    except Rejected as rejected:
        UploadJob.objects.filter(pk=job.pk, status=UploadJob.Status.READY).update(
            status=UploadJob.Status.FAILED,
            errors=_problems(rejected.problems),
            error_total=rejected.total,
            staged=b"",
        )
        raise
    return message
