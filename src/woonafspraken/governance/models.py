"""Governance (bodies, meetings, decisions, action items), policy (documents, goals, the link
from a goal to the agreements serving it) and bids (bod, Btiv 2015 art. 39).

Names follow ``shared/domain/GLOSSARY.md``. Writes go through :mod:`.services`.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from woonafspraken.accounts.models import Municipality, Organisation
from woonafspraken.agreements.models import Agreement, Cycle, Theme

# --- Governance --------------------------------------------------------------------------------


class Body(models.Model):
    """A governance body: board-level meeting, project leaders' meeting or a working group."""

    class Kind(models.TextChoices):
        BOARD = "board", _("bestuurlijk overleg")
        PROJECT_LEADERS = "project_leaders", _("projectleidersoverleg")
        WORKING_GROUP = "working_group", _("werkgroep")

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="bodies"
    )
    kind = models.CharField(_("soort"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("naam"), max_length=200)
    theme_name = models.CharField(_("thema"), max_length=120, blank=True)
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("thema in een cyclus"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bodies",
    )
    lead_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("trekker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_bodies",
    )
    member_organisations = models.ManyToManyField(
        Organisation, verbose_name=_("leden (organisaties)"), blank=True, related_name="bodies"
    )
    member_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("leden (personen)"), blank=True, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("overleg")
        verbose_name_plural = _("overleggen")
        ordering = ["municipality", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="body_name_unique_in_municipality"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("datum"))
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("verslag"), blank=True)

    class Meta:
        verbose_name = _("vergadering")
        verbose_name_plural = _("vergaderingen")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.body} {self.date:%d-%m-%Y}"


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("besluit"))
    agreements = models.ManyToManyField(
        Agreement, verbose_name=_("afspraken"), blank=True, related_name="decisions"
    )

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text[:80]


class ActionItem(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("afgerond")
        DROPPED = "dropped", _("vervallen")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    description = models.TextField(_("omschrijving"))
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("eigenaar (organisatie)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
    )
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigenaar (persoon)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    due_date = models.DateField(_("uiterlijk"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )

    class Meta:
        verbose_name = _("actiepunt")
        verbose_name_plural = _("actiepunten")
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.description[:80]

    def is_overdue(self, today: datetime.date) -> bool:
        return (
            self.status == self.Status.OPEN and self.due_date is not None and self.due_date < today
        )


# --- Policy ------------------------------------------------------------------------------------


class PolicyDocument(models.Model):
    class Kind(models.TextChoices):
        WOONVISIE = "woonvisie", _("woonvisie")
        VOLKSHUISVESTINGSPROGRAMMA = "volkshuisvestingsprogramma", _("volkshuisvestingsprogramma")

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="policy_documents",
    )
    kind = models.CharField(_("soort"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=200)
    year = models.PositiveSmallIntegerField(_("jaar"))

    class Meta:
        verbose_name = _("beleidsdocument")
        verbose_name_plural = _("beleidsdocumenten")
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return self.title


class PolicyGoal(models.Model):
    class Measure(models.TextChoices):
        """What a goal can be checked against in the municipality's housing data."""

        NONE = "", _("geen toets")
        AFFORDABLE_NEW_BUILD = (
            "affordable_new_build",
            _("aandeel betaalbaar in de geplande nieuwbouw"),
        )
        SOCIAL_NEW_BUILD = "social_new_build", _("aandeel sociale huur in de geplande nieuwbouw")

    document = models.ForeignKey(PolicyDocument, on_delete=models.CASCADE, related_name="goals")
    theme_name = models.CharField(_("thema"), max_length=200)
    title = models.CharField(_("titel"), max_length=300)
    text = models.TextField(_("tekst"), blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    measure = models.CharField(
        _("toets"), max_length=32, choices=Measure.choices, blank=True, default=""
    )
    minimum_share = models.DecimalField(
        _("ten minste (%)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = _("beleidsdoel")
        verbose_name_plural = _("beleidsdoelen")
        ordering = ["document", "order", "id"]

    def __str__(self) -> str:
        return self.title


class GoalLink(models.Model):
    """An agreement serves a policy goal."""

    goal = models.ForeignKey(PolicyGoal, on_delete=models.CASCADE, related_name="links")
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="goal_links")

    class Meta:
        verbose_name = _("koppeling doel–afspraak")
        verbose_name_plural = _("koppelingen doel–afspraak")
        constraints = [
            models.UniqueConstraint(fields=["goal", "agreement"], name="goal_linked_once")
        ]

    def __str__(self) -> str:
        return f"{self.goal} ← {self.agreement}"


# --- Bids --------------------------------------------------------------------------------------

BID_YEARS = 5


class Section(models.TextChoices):
    """The parts of a bid, after Btiv 2015 art. 39 sub a–f."""

    NEW_BUILD = "a", _("a. nieuwbouw en aankoop")
    LIVEABILITY = "b", _("b. leefbaarheid en maatschappelijk vastgoed")
    STOCK = "c", _("c. samenstelling van de voorraad: verkoop en liberalisatie per wijk")
    QUALITY = "d", _("d. kwaliteit en duurzaamheid")
    AFFORDABILITY = "e", _("e. betaalbaarheid en bereikbaarheid voor de doelgroep")
    SPECIAL_GROUPS = "f", _("f. huisvesting van bijzondere groepen")


class Bid(models.Model):
    """A corporation's bid (bod) in ``year``, before 1 July, for the five years after it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("concept")
        SUBMITTED = "submitted", _("ingediend")

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="bids")
    corporation = models.ForeignKey(
        Organisation, verbose_name=_("corporatie"), on_delete=models.PROTECT, related_name="bids"
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bod")
        verbose_name_plural = _("biedingen")
        ordering = ["-year", "corporation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "corporation", "year"], name="one_bid_per_corporation_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.corporation} {self.year}"

    @property
    def planned_years(self) -> list[int]:
        return [self.year + i for i in range(1, BID_YEARS + 1)]

    @property
    def due(self) -> datetime.date:
        """Woningwet art. 43: the bid is sent before 1 July."""
        return datetime.date(self.year, 7, 1)

    @property
    def late(self) -> bool:
        """Submitted on or after 1 July (Europe/Amsterdam): allowed, but flagged."""
        if self.submitted_at is None:
            return False
        return timezone.localdate(self.submitted_at) >= self.due


class BidSection(models.Model):
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="sections")
    section = models.CharField(_("onderdeel"), max_length=1, choices=Section.choices)
    text = models.TextField(_("tekst"), blank=True)

    class Meta:
        verbose_name = _("onderdeel van een bod")
        verbose_name_plural = _("onderdelen van een bod")
        ordering = ["section"]
        constraints = [
            models.UniqueConstraint(fields=["bid", "section"], name="one_text_per_bid_section")
        ]

    def __str__(self) -> str:
        return f"{self.bid} {self.section}"


class BidItem(models.Model):
    """A planned number per year for five years (optionally for one 4-digit postcode)."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="items")
    section = models.CharField(_("onderdeel"), max_length=1, choices=Section.choices)
    description = models.CharField(_("omschrijving"), max_length=300)
    postcode = models.CharField(_("postcode (4 cijfers)"), max_length=4, blank=True)
    planned_1 = models.PositiveIntegerField(null=True, blank=True)
    planned_2 = models.PositiveIntegerField(null=True, blank=True)
    planned_3 = models.PositiveIntegerField(null=True, blank=True)
    planned_4 = models.PositiveIntegerField(null=True, blank=True)
    planned_5 = models.PositiveIntegerField(null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("afspraak"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bid_items",
    )
    goal = models.ForeignKey(
        PolicyGoal,
        verbose_name=_("beleidsdoel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bid_items",
    )

    class Meta:
        verbose_name = _("regel van een bod")
        verbose_name_plural = _("regels van een bod")
        ordering = ["section", "order", "id"]

    def __str__(self) -> str:
        return self.description

    @property
    def planned(self) -> list[int | None]:
        return [getattr(self, f"planned_{i}") for i in range(1, BID_YEARS + 1)]

    def planned_by_year(self) -> list[tuple[int, int | None]]:
        return list(zip(self.bid.planned_years, self.planned, strict=True))
