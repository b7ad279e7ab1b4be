"""Phase history, approvals and amendments, the calendar, reminders and disputes."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from woonafspraken import uploads
from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Cycle

MAX_DOCUMENT_SIZE = 10 * 1024 * 1024


def validate_decision_document(file: object) -> None:
    size = getattr(file, "size", 0) or 0
    if size > MAX_DOCUMENT_SIZE:
        raise ValidationError(_("Het besluitdocument is groter dan 10 MB."), code="too_large")
    opened = getattr(file, "open", None)
    if opened is not None:
        file.open("rb")  # type: ignore[attr-defined]
        try:
            uploads.check(file, kind=uploads.PDF, max_size=MAX_DOCUMENT_SIZE)
        except uploads.UploadRejected as rejected:
            raise ValidationError(
                _("Het besluitdocument moet een PDF zijn: %(reason)s")
                % {"reason": rejected.message},
                code="not_pdf",
            ) from None
        finally:
            file.seek(0)  # type: ignore[attr-defined]


class PhaseChange(models.Model):
    """Append-only: one row per phase change of a cycle."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="phase_changes")
    from_phase = models.CharField(_("van"), max_length=16, choices=Cycle.Phase.choices)
    to_phase = models.CharField(_("naar"), max_length=16, choices=Cycle.Phase.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("tijdstip"))
    note = models.TextField(_("toelichting"), blank=True)
    automatic = models.BooleanField(_("automatisch"), default=False)

    class Meta:
        verbose_name = _("faseovergang")
        verbose_name_plural = _("faseovergangen")
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.cycle}: {self.from_phase} → {self.to_phase}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValueError("PhaseChange is append-only")
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Amendment(models.Model):
    """A proposed change to a signed cycle; applied when every party approved it."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("voorgesteld")
        ADOPTED = "adopted", _("vastgesteld")

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="amendments")
    description = models.TextField(_("omschrijving"))
    changes = models.JSONField(
        _("wijzigingen"),
        help_text=_("Lijst van {object, id, field, old, new}; object is agreement of target."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField(_("voorgesteld op"))
    adopted_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("amendement")
        verbose_name_plural = _("amendementen")
        ordering = ["proposed_at", "id"]

    def __str__(self) -> str:
        return f"{self.cycle}: {self.description[:60]}"


class Approval(models.Model):
    """One party's approval of a cycle (or, with ``amendment``, of an amendment)."""

    class DecisionBody(models.TextChoices):
        COLLEGE_BW = "college_bw", _("College van B&W")
        RAAD_VAN_BESTUUR = "raad_van_bestuur", _("Raad van Bestuur")
        BESTUUR_HUURDERSORGANISATIE = (
            "bestuur_huurdersorganisatie",
            _("bestuur huurdersorganisatie"),
        )
        OTHER = "other", _("anders")

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="approvals")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("partij"), on_delete=models.PROTECT, related_name="+"
    )
    decision_body = models.CharField(
        _("besluitorgaan"), max_length=32, choices=DecisionBody.choices
    )
    signatory = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ondertekenaar"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField(_("besluitdatum"))
    document = models.FileField(
        _("besluitdocument"),
        upload_to="besluiten/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_decision_document],
    )
    amendment = models.ForeignKey(
        Amendment, on_delete=models.CASCADE, null=True, blank=True, related_name="approvals"
    )
    note = models.CharField(_("opmerking"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("goedkeuring")
        verbose_name_plural = _("goedkeuringen")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "organisation"],
                condition=models.Q(amendment__isnull=True),
                name="one_approval_per_party_per_cycle",
            ),
            models.UniqueConstraint(
                fields=["amendment", "organisation"],
                condition=models.Q(amendment__isnull=False),
                name="one_approval_per_party_per_amendment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.get_decision_body_display()} {self.decided_on}"


class SignedVersion(models.Model):
    """The agreements as signed (or as amended), frozen as data; the PDF is made once."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="signed_versions")
    amendment = models.OneToOneField(
        Amendment, on_delete=models.CASCADE, null=True, blank=True, related_name="version"
    )
    snapshot = models.JSONField()
    created_at = models.DateTimeField()
    pdf = models.BinaryField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("ondertekende versie")
        verbose_name_plural = _("ondertekende versies")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.cycle} ({self.created_at:%Y-%m-%d})"


class Milestone(models.Model):
    class Kind(models.TextChoices):
        BIDS_DUE = "bids_due", _("biedingen uiterlijk")
        DISPUTE_WINDOW = "dispute_window", _("termijn voor geschillen")
        DISPUTE_POSSIBLE = "dispute_possible", _("zes maanden onderhandeld: geschil mogelijk")
        NEGOTIATION = "negotiation", _("onderhandeling")
        DECISION = "decision", _("besluitvorming")
        SIGNING = "signing", _("ondertekening")
        COUNCIL_LETTER = "council_letter", _("raadsinformatiebrief")
        EVALUATION = "evaluation", _("evaluatie")

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=200)
    starts_on = models.DateField(_("datum"))
    ends_on = models.DateField(_("tot en met"), null=True, blank=True)
    legal = models.BooleanField(_("wettelijk"), default=False)
    editable = models.BooleanField(_("aanpasbaar"), default=True)
    basis = models.CharField(_("grondslag"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("mijlpaal")
        verbose_name_plural = _("mijlpalen")
        ordering = ["starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="milestone_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        """A legal milestone in the reader's language (its title is stored in the language it
        was made in); any other milestone as its author wrote it."""
        if self.legal:
            return legal_title(self.kind, self.starts_on.year) or self.title
        return self.title

    @property
    def deadline(self):  # type: ignore[no-untyped-def]
        return self.ends_on or self.starts_on


def legal_title(kind: str, year: int) -> str | None:
    """The title of a milestone the law fixes, in the active language."""
    if kind == Milestone.Kind.BIDS_DUE:
        return gettext("Bod van de corporaties uiterlijk 1 juli %(y)s") % {"y": year}
    if kind == Milestone.Kind.DISPUTE_WINDOW:
        return gettext("Termijn voor een geschil (1 juli – 29 januari)")
    if kind == Milestone.Kind.DISPUTE_POSSIBLE:
        return gettext("Zes maanden na de start van de onderhandeling: geschil mogelijk")
    return None


class ReminderSent(models.Model):
    """A reminder mail went out; never send the same one twice."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="reminders")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16)
    owed = models.CharField(max_length=32)
    sent_on = models.DateField()
    recipients = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["milestone", "organisation", "kind"], name="one_reminder_of_a_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.milestone} – {self.organisation} ({self.kind})"


class DisputePoint(models.Model):
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="dispute_points")
    subject = models.CharField(_("onderwerp"), max_length=300)
    description = models.TextField(_("omschrijving"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    resolved_at = models.DateTimeField(_("opgelost op"), null=True, blank=True)
    resolution = models.TextField(
        _("uitkomst"), blank=True, help_text=_("Hoe de partijen het punt hebben opgelost.")
    )

    class Meta:
        verbose_name = _("geschilpunt")
        verbose_name_plural = _("geschilpunten")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class DisputePosition(models.Model):
    point = models.ForeignKey(DisputePoint, on_delete=models.CASCADE, related_name="positions")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    position = models.TextField(_("standpunt"))

    class Meta:
        verbose_name = _("standpunt")
        verbose_name_plural = _("standpunten")
        constraints = [
            models.UniqueConstraint(
                fields=["point", "organisation"], name="one_position_per_party_per_point"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.position[:60]}"
