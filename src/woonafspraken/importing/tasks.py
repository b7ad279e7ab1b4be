"""The background task that reads an uploaded agreements file (see :mod:`.services`)."""

from django_tasks import task

from . import services


@task()
def read_import(job_id: int) -> str:
    """Read the file of import ``job_id`` into proposed items; returns its new status."""
    return str(services.read_job(job_id) or "")
