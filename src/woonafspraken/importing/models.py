"""An import of a Word or PDF file and the items it proposes, one row per item."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Agreement, Cycle, Target


class ImportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("wacht op verwerking")
        READING = "reading", _("wordt gelezen")
        PROPOSED = "proposed", _("klaar om na te lopen")
        FAILED = "failed", _("niet gelezen")
        APPLIED = "applied", _("overgenomen")

    cycle = models.ForeignKey(
        Cycle,
        verbose_name=_("prestatieafspraken"),
        on_delete=models.CASCADE,
        related_name="import_jobs",
    )
    filename = models.CharField(_("bestandsnaam"), max_length=255)
    kind = models.CharField(_("soort bestand"), max_length=8)
    content = models.BinaryField(_("inhoud"), blank=True, default=b"")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingelezen door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("ingelezen op"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    error_code = models.CharField(_("reden"), max_length=16, blank=True)
    title = models.CharField(_("titel van het document"), max_length=300, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.filename


class ProposedItem(models.Model):
    """A theme, an agreement or a norm as the document proposes it, until someone decides."""

    class Level(models.TextChoices):
        THEME = "theme", _("thema")
        AGREEMENT = "agreement", _("afspraak")
        NORM = "norm", _("norm")

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="items")
    level = models.CharField(max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    order = models.PositiveIntegerField(default=0)
    accepted = models.BooleanField(_("overnemen"), default=True)
    source = models.TextField(_("brontekst"), blank=True)
    # A theme (name, lead, project leader) or an agreement (number, title, text, kind, lead).
    name = models.CharField(_("naam"), max_length=300, blank=True)
    number = models.CharField(_("nummer"), max_length=20, blank=True)
    text = models.TextField(_("tekst"), blank=True)
    agreement_kind = models.CharField(
        _("soort"), max_length=8, choices=Agreement.Kind.choices, blank=True
    )
    lead = models.ForeignKey(
        Organisation,
        verbose_name=_("trekker"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    involved = models.ManyToManyField(
        Organisation, verbose_name=_("betrokken partijen"), blank=True, related_name="+"
    )
    project_leader = models.CharField(_("projectleider"), max_length=200, blank=True)
    # A norm.
    indicator = models.CharField(_("indicator"), max_length=200, blank=True)
    unit = models.CharField(_("eenheid"), max_length=16, blank=True)
    party = models.ForeignKey(
        Organisation,
        verbose_name=_("partij"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("jaar"), null=True, blank=True)
    norm_kind = models.CharField(
        _("soort norm"), max_length=16, choices=Target.Kind.choices, blank=True
    )
    value = models.DecimalField(_("waarde"), max_digits=14, decimal_places=2, null=True, blank=True)
    low = models.DecimalField(
        _("ondergrens"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    high = models.DecimalField(
        _("bovengrens"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    label = models.CharField(_("label"), max_length=8, blank=True)
    tolerance = models.DecimalField(_("marge"), max_digits=14, decimal_places=2, default=0)
    note = models.TextField(_("toelichting"), blank=True)
    created_id = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("voorgesteld onderdeel")
        verbose_name_plural = _("voorgestelde onderdelen")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.number} {self.name or self.indicator}".strip()
