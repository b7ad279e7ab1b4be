"""Cycles, themes, agreements, indicators, targets, measurements and assessments.

Names follow ``shared/domain/GLOSSARY.md``. Writes go through :mod:`.services`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from woonafspraken.accounts.models import Municipality, Organisation


class Cycle(models.Model):
    """One set of prestatieafspraken for a municipality and a period of one or more years."""

    class Phase(models.TextChoices):
        PREPARATION = "preparation", _("voorbereiding")
        BIDS = "bids", _("biedingen")
        NEGOTIATION = "negotiation", _("onderhandeling")
        DECISION = "decision", _("besluitvorming")
        SIGNED = "signed", _("ondertekend")
        MONITORING = "monitoring", _("monitoring")
        EVALUATION = "evaluation", _("evaluatie")
        CLOSED = "closed", _("afgesloten")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="cycles"
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    start_year = models.PositiveSmallIntegerField(_("eerste jaar"))
    end_year = models.PositiveSmallIntegerField(_("laatste jaar"))
    parties = models.ManyToManyField(
        Organisation, verbose_name=_("partijen"), related_name="cycles"
    )
    phase = models.CharField(
        _("fase"), max_length=16, choices=Phase.choices, default=Phase.PREPARATION
    )
    published = models.BooleanField(
        _("gepubliceerd"),
        default=False,
        help_text=_("Een gepubliceerde cyclus is voor iedereen leesbaar."),
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("gekopieerd van"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("prestatieafspraken (cyclus)")
        verbose_name_plural = _("prestatieafspraken (cycli)")
        ordering = ["-start_year", "title"]
        # Published cycles newest first (``GET /api/v1/cycles``, the public pages), and the
        # national sums by phase.
        indexes = [
            models.Index(
                fields=["published", "-start_year", "id"], name="cycle_published_year_idx"
            ),
            models.Index(fields=["published", "phase"], name="cycle_published_phase_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="cycle_period_ends_after_it_starts",
            ),
            models.UniqueConstraint(
                fields=["municipality", "title"], name="cycle_title_unique_in_municipality"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))

    @property
    def period_label(self) -> str:
        if self.start_year == self.end_year:
            return str(self.start_year)
        return f"{self.start_year}–{self.end_year}"


class Theme(models.Model):
    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("naam"), max_length=120)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    lead_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("trekker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_themes",
    )
    project_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("projectleider"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_themes",
        help_text=_("Een persoon van de trekkende partij."),
    )
    project_leader_name = models.CharField(
        _("projectleider (naam)"),
        max_length=200,
        blank=True,
        help_text=_("Een naam zonder account, uit een eerdere versie of een import."),
    )
    description = models.TextField(_("omschrijving"), blank=True)
    archived = models.BooleanField(_("gearchiveerd"), default=False)

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "name"], name="theme_name_unique_in_cycle")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def project_leader_label(self) -> str:
        """The project leader as a reader sees them: the person's name, else the stored name."""
        person = self.project_leader
        if person is not None:
            return person.get_full_name() or person.get_username()
        return self.project_leader_name


class ThemeAssignment(models.Model):
    """A board assignment (bestuursopdracht) for a theme, with the findings it produced.

    The findings are rows of their own (:class:`Finding`) rather than one list on this row, so
    that each finding is added, corrected or removed on its own, with its own version and its
    own audit entry that shows exactly that finding's old and new text.
    """

    theme = models.ForeignKey(
        Theme, verbose_name=_("thema"), on_delete=models.CASCADE, related_name="assignments"
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(_("opdracht"), blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("bestuursopdracht")
        verbose_name_plural = _("bestuursopdrachten")
        ordering = ["year", "order", "id"]

    def __str__(self) -> str:
        return self.title


class Finding(models.Model):
    """One conclusion (conclusie) of a board assignment, in the order the source gives them."""

    assignment = models.ForeignKey(
        ThemeAssignment,
        verbose_name=_("bestuursopdracht"),
        on_delete=models.CASCADE,
        related_name="findings",
    )
    text = models.TextField(_("conclusie"))
    source = models.CharField(_("bron"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("conclusie")
        verbose_name_plural = _("conclusies")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text[:100]


class Agreement(models.Model):
    class Kind(models.TextChoices):
        EFFORT = "effort", _("inspanningsafspraak")
        RESULT = "result", _("resultaatafspraak")

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="agreements")
    number = models.CharField(_("nummer"), max_length=20)
    title = models.CharField(_("titel"), max_length=300)
    text = models.TextField(_("tekst"), blank=True)
    kind = models.CharField(_("soort"), max_length=8, choices=Kind.choices, default=Kind.EFFORT)
    lead_party = models.ForeignKey(
        Organisation,
        verbose_name=_("trekker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_agreements",
    )
    involved_parties = models.ManyToManyField(
        Organisation, verbose_name=_("betrokken partijen"), blank=True, related_name="agreements"
    )
    indicators = models.ManyToManyField(
        "Indicator",
        verbose_name=_("gevolgde indicatoren"),
        blank=True,
        related_name="followed_by",
        help_text=_("Indicatoren die bij deze afspraak worden gevolgd, ook zonder norm."),
    )
    start_year = models.PositiveSmallIntegerField(
        _("vanaf jaar"), null=True, blank=True, help_text=_("Leeg: vanaf het begin van de cyclus.")
    )
    end_year = models.PositiveSmallIntegerField(
        _("tot en met jaar"),
        null=True,
        blank=True,
        help_text=_(
            "Leeg: tot het einde van de cyclus. Later dan de cyclus: een meerjarige afspraak."
        ),
    )
    archived = models.BooleanField(_("gearchiveerd"), default=False)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["theme__order", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["theme", "number"], name="agreement_number_unique_in_theme"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def runs_until(self, cycle: Cycle) -> int:
        return self.end_year or cycle.end_year


class Indicator(models.Model):
    class Unit(models.TextChoices):
        PERCENTAGE = "percentage", _("percentage")
        COUNT = "count", _("aantal")
        EURO = "euro", _("euro")
        ENERGY_LABEL = "energy_label", _("energielabel")

    class Aggregation(models.TextChoices):
        SUM = "sum", _("optellen")
        WEIGHTED_SHARE = "weighted_share", _("gewogen aandeel (teller en noemer)")
        NONE = "none", _("niet optellen: alleen een gezamenlijke waarde telt")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("hoger is beter")
        LOWER = "lower", _("lager is beter")
        NEUTRAL = "neutral", _("geen richting")

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        help_text=_("Leeg: een indicator die elke gemeente gebruikt."),
    )
    name = models.CharField(_("naam"), max_length=200)
    unit = models.CharField(_("eenheid"), max_length=16, choices=Unit.choices)
    direction = models.CharField(
        _("richting"), max_length=8, choices=Direction.choices, default=Direction.NEUTRAL
    )
    source = models.CharField(_("bron"), max_length=300, blank=True)
    archived = models.BooleanField(_("gearchiveerd"), default=False)
    aggregation = models.CharField(
        _("samenvoegen van partijcijfers"),
        max_length=16,
        choices=Aggregation.choices,
        default=Aggregation.SUM,
    )
    description = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        verbose_name = _("prestatie-indicator")
        verbose_name_plural = _("prestatie-indicatoren")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                condition=models.Q(municipality__isnull=False),
                name="indicator_name_unique_in_municipality",
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=models.Q(municipality__isnull=True),
                name="shared_indicator_name_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CurrentTargets(models.Manager["Target"]):
    """Norms in force: an archived norm keeps its figures and history but counts nowhere."""

    def get_queryset(self) -> models.QuerySet["Target"]:
        return super().get_queryset().filter(archived=False)


class EveryTarget(models.Manager["Target"]):
    """Every norm, archived ones too (for the set-up page and the services)."""


class Target(models.Model):
    """A norm for one indicator, one party (or all jointly), one year (or the whole period)."""

    class Kind(models.TextChoices):
        MIN = "min", _("minimaal")
        MAX = "max", _("maximaal")
        EXACT = "exact", _("precies (met marge)")
        RANGE = "range", _("bandbreedte")
        LABEL_AT_LEAST = "label_at_least", _("energielabel minstens")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="targets")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="targets"
    )
    party = models.ForeignKey(
        Organisation,
        verbose_name=_("partij"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="targets",
        help_text=_("Leeg: de partijen gezamenlijk."),
    )
    year = models.PositiveSmallIntegerField(
        _("jaar"), null=True, blank=True, help_text=_("Leeg: de hele looptijd (cumulatief).")
    )
    kind = models.CharField(_("soort norm"), max_length=16, choices=Kind.choices)
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
    order = models.PositiveSmallIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    archived = models.BooleanField(_("gearchiveerd"), default=False)

    # the first manager is the default one, so ``agreement.targets`` lists norms in force only
    objects = CurrentTargets()
    all_objects = EveryTarget()

    class Meta:
        verbose_name = _("norm")
        verbose_name_plural = _("normen")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        who = self.party.name if self.party_id and self.party else _("gezamenlijk")
        when = self.year or _("looptijd")
        return f"{self.indicator} – {who} – {when}"


class Measurement(models.Model):
    """A realised value of a target in one year (a realisatie)."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="measurements")
    year = models.PositiveSmallIntegerField(_("jaar"))
    value = models.DecimalField(_("waarde"), max_digits=14, decimal_places=2, null=True, blank=True)
    label = models.CharField(_("label"), max_length=8, blank=True)
    numerator = models.DecimalField(
        _("teller"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    denominator = models.DecimalField(
        _("noemer"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    source = models.CharField(_("bron"), max_length=300, blank=True)
    note = models.TextField(_("toelichting"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"))
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("realisatie")
        verbose_name_plural = _("realisaties")
        constraints = [
            models.UniqueConstraint(
                fields=["target", "year"], name="one_measurement_per_target_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.target} {self.year}: {self.display_value}"

    @property
    def display_value(self) -> str:
        return self.label or ("" if self.value is None else f"{self.value.normalize():f}")


class Assessment(models.Model):
    """People's verdict on one agreement for one year, with an explanation."""

    class Status(models.TextChoices):
        ACHIEVED = "achieved", _("gerealiseerd")
        ON_TRACK = "on_track", _("op koers")
        ATTENTION = "attention", _("aandacht")
        UNCLEAR = "unclear", _("onduidelijk")
        NOT_ACHIEVED = "not_achieved", _("niet gerealiseerd")
        DROPPED = "dropped", _("vervallen")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="assessments")
    year = models.PositiveSmallIntegerField(_("jaar"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    explanation = models.TextField(_("toelichting"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("bijgewerkt op"))
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "year"], name="one_assessment_per_agreement_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement} {self.year}: {self.get_status_display()}"


STATUS_SYMBOLS = {
    "achieved": "✓",
    "on_track": "→",
    "attention": "!",
    "unclear": "?",
    "not_achieved": "✗",
    "dropped": "–",
}
