"""Background work of the process app: reminder mail (see :mod:`woonafspraken.background`)."""

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def send_reminder_mail(subject: str, body: str, to: list[str]) -> None:
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
