"""An uploaded file waiting to be read, its preview or its errors, until it is applied."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UploadJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("wacht op verwerking")
        READING = "reading", _("wordt gelezen")
        READY = "ready", _("klaar om te controleren")
        FAILED = "failed", _("niet ingelezen")
        APPLIED = "applied", _("opgeslagen")

    kind = models.CharField(_("soort"), max_length=16)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingelezen door"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    filename = models.CharField(_("bestandsnaam"), max_length=255)
    # The checked file until it is read; emptied as soon as the task is done with it.
    content = models.BinaryField(_("inhoud"), blank=True, default=b"")
    # What the kind needs to read and apply the file (a cycle, a bid, a table, a source).
    params = models.JSONField(_("gegevens"), default=dict, blank=True)
    language = models.CharField(_("taal"), max_length=8, default="nl")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    # What the file would change (shown, then applied), or every error with where it is.
    preview = models.JSONField(_("voorbeeld"), default=dict, blank=True)
    # What confirming writes when it is too large to show (compressed rows), as a file would.
    staged = models.BinaryField(_("klaargezette gegevens"), blank=True, default=b"")
    errors = models.JSONField(_("fouten"), default=list, blank=True)
    error_total = models.PositiveIntegerField(_("aantal fouten"), default=0)
    created_at = models.DateTimeField(_("ingelezen op"), default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ingelezen bestand")
        verbose_name_plural = _("ingelezen bestanden")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.filename

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.READING)
