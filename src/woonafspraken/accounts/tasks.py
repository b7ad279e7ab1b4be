"""Background work of the accounts app: the invitation mail (see ``woonafspraken.background``)."""

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def send_invitation_mail(to: str, body: str) -> None:
    send_mail(
        "Uitnodiging voor Woonafspraken / Invitation to Woonafspraken",
        body,
        settings.DEFAULT_FROM_EMAIL,
        [to],
    )
