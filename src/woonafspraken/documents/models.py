"""A document asked for on the documents page, made in the background and kept for a week.

The finished file is kept in the database (no media storage is configured); requests older
than :data:`KEEP_FOR` are deleted whenever a new one is made
(:func:`woonafspraken.documents.services.request_document`).
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from woonafspraken.agreements.models import Cycle

KEEP_FOR = datetime.timedelta(days=7)


class DocumentRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("wordt gemaakt")
        READY = "ready", _("klaar")
        FAILED = "failed", _("mislukt")

    class Kind(models.TextChoices):
        AGREEMENTS = "agreements", _("De afspraken")
        EVALUATION = "evaluation", _("Evaluatie")
        COUNCIL_LETTER = "council-letter", _("Raadsinformatiebrief")

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word"

    cycle = models.ForeignKey(
        Cycle,
        on_delete=models.CASCADE,
        related_name="document_requests",
        verbose_name=_("prestatieafspraken"),
    )
    kind = models.CharField(_("document"), max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("jaar"), null=True, blank=True)
    fmt = models.CharField(_("formaat"), max_length=8, choices=Format.choices)
    language = models.CharField(_("taal"), max_length=8, default=settings.LANGUAGE_CODE)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gevraagd door"),
    )
    #: Whether the document may name people (asked for by someone logged in); such a document
    #: is never handed to a visitor who is not logged in.
    names = models.BooleanField(_("met namen van personen"), default=False)
    requested_at = models.DateTimeField(_("gevraagd op"), default=timezone.now, db_index=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    content = models.BinaryField(_("inhoud"), blank=True, default=b"")
    filename = models.CharField(_("bestandsnaam"), max_length=255, blank=True)
    content_type = models.CharField(_("mediatype"), max_length=100, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    error = models.TextField(_("foutmelding"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("documentverzoek")
        verbose_name_plural = _("documentverzoeken")

    def __str__(self) -> str:
        return f"{self.title} ({self.get_fmt_display()})"

    @property
    def title(self) -> str:
        """The name the documents page gives this document."""
        if self.kind == self.Kind.EVALUATION:
            return gettext("Evaluatie %(year)s") % {"year": self.year}
        if self.kind == self.Kind.COUNCIL_LETTER:
            return gettext("Raadsinformatiebrief over %(year)s (concept)") % {"year": self.year}
        return gettext("De afspraken (met ondertekening)")

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    @property
    def is_failed(self) -> bool:
        return self.status == self.Status.FAILED
