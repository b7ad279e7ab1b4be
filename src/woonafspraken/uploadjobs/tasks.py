"""The background task that reads an uploaded file (see :func:`.services.parse`)."""

from django_tasks import task

from . import services


@task()
def parse_upload(job_id: int) -> str:
    """Read the file of upload job ``job_id``; returns its new status."""
    return str(services.parse(job_id) or "")
