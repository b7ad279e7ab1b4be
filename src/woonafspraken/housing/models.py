"""Housing data per municipality and year: stock, households, lettings, housing costs, care
homes and the project pipeline, each row part of a :class:`Dataset` with its source and date.

Writes go through :mod:`.services` (imports are all-or-nothing). The codes in the choices are
the ones the pure analyses use (:mod:`woonafspraken.analysis`); the import files use the
Dutch codes of :mod:`.tables`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from woonafspraken.accounts.models import Municipality
from woonafspraken.agreements.models import Cycle


class Table(models.TextChoices):
    STOCK = "stock", _("Woningvoorraad")
    HOUSEHOLDS = "households", _("Huishoudens")
    LETTINGS = "lettings", _("Toewijzingen")
    COSTS = "costs", _("Woonlasten")
    CARE = "care", _("Zorggeschikte woningen")
    PROJECTS = "projects", _("Projecten (vastgoedplannen)")


class RentClass(models.TextChoices):
    CHEAP = "cheap", _("goedkoop")
    AFFORDABLE_LOW = "affordable_low", _("betaalbaar tot de lage aftoppingsgrens")
    AFFORDABLE_HIGH = "affordable_high", _("betaalbaar tot de hoge aftoppingsgrens")
    EXPENSIVE = "expensive", _("duur")
    ABOVE_LIMIT = "above_limit", _("boven huurtoeslaggrens")


class Dataset(models.Model):
    """One imported table: where its figures come from and as of when."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="housing_datasets"
    )
    table = models.CharField(_("tabel"), max_length=16, choices=Table.choices)
    source = models.CharField(_("bron"), max_length=300)
    source_date = models.DateField(_("peildatum van de bron"))
    fictional = models.BooleanField(
        _("fictief"), default=False, help_text=_("Verzonnen cijfers, bijvoorbeeld voor een demo.")
    )
    note = models.TextField(_("toelichting"), blank=True)
    rows_count = models.PositiveIntegerField(_("aantal regels"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("gegevensset")
        verbose_name_plural = _("gegevenssets")
        ordering = ["table", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_table_display()} – {self.source} ({self.source_date:%d-%m-%Y})"


class Row(models.Model):
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("jaar"))
    count = models.PositiveIntegerField(_("aantal"), default=1)

    class Meta:
        abstract = True
        ordering = ["id"]


class StockRow(Row):
    class Ownership(models.TextChoices):
        CORPORATION = "corporation", _("woningcorporatie")
        OTHER_LANDLORD = "other_landlord", _("overige verhuurder")
        OWNER_OCCUPIED = "owner_occupied", _("eigenaar-bewoner")

    class Care(models.TextChoices):
        NONE = "none", _("niet zorggeschikt")
        ZERO_STEP = "zero_step", _("nultredenwoning")
        CARE = "care", _("zorggeschikt")

    owner = models.CharField(_("eigenaar"), max_length=120, blank=True)
    ownership = models.CharField(_("eigendom"), max_length=16, choices=Ownership.choices)
    rent_class = models.CharField(
        _("huurklasse"), max_length=16, choices=RentClass.choices, blank=True
    )
    label = models.CharField(_("energielabel"), max_length=5, blank=True)
    dwelling_type = models.CharField(_("woningtype"), max_length=16, blank=True)
    care = models.CharField(_("zorggeschikt"), max_length=10, choices=Care.choices, default="none")
    area_code = models.CharField(_("wijk- of buurtcode"), max_length=10, blank=True)

    def __str__(self) -> str:
        return f"{self.year}: {self.count}"


class HouseholdRow(Row):
    household_type = models.CharField(_("huishoudtype"), max_length=32)
    age_band = models.CharField(_("leeftijdsklasse"), max_length=8)
    income_group = models.CharField(_("inkomensgroep"), max_length=12)
    tenure = models.CharField(_("woonsituatie"), max_length=16)
    rent_class = models.CharField(
        _("huurklasse"), max_length=16, choices=RentClass.choices, blank=True
    )
    size_class = models.PositiveSmallIntegerField(_("huishoudgrootte (1, 2, 3+)"))

    def __str__(self) -> str:
        return f"{self.year}: {self.count}"


class LettingRow(Row):
    corporation = models.CharField(_("corporatie"), max_length=120)
    route = models.CharField(_("route"), max_length=20)
    household_size = models.PositiveSmallIntegerField(_("huishoudgrootte"))
    income = models.DecimalField(_("inkomen"), max_digits=12, decimal_places=2)
    rent = models.DecimalField(_("huur"), max_digits=9, decimal_places=2)
    age = models.PositiveSmallIntegerField(_("leeftijd"))
    pension_age = models.BooleanField(_("AOW-leeftijd"), default=False)
    caregiver = models.BooleanField(_("mantelzorger of -ontvanger"), default=False)

    def __str__(self) -> str:
        return f"{self.year}: {self.count}"


class CostRow(Row):
    household_type = models.CharField(_("huishoudtype"), max_length=32)
    household_size = models.PositiveSmallIntegerField(_("huishoudgrootte"))
    income = models.DecimalField(_("inkomen"), max_digits=12, decimal_places=2)
    rent = models.DecimalField(_("huur"), max_digits=9, decimal_places=2)
    huurtoeslag = models.DecimalField(
        _("huurtoeslag"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    energy_cost = models.DecimalField(
        _("energiekosten"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    label = models.CharField(_("energielabel"), max_length=5, blank=True)

    def __str__(self) -> str:
        return f"{self.year}: {self.count}"


class CareRow(Row):
    """``count`` is the demand: households that need a care-suitable home."""

    supply = models.PositiveIntegerField(_("zorggeschikte woningen"))
    matched = models.PositiveIntegerField(_("passend bewoond"))

    def __str__(self) -> str:
        return f"{self.year}: {self.count}"


class ProjectRow(Row):
    class Kind(models.TextChoices):
        NEW_BUILD = "new_build", _("nieuwbouw")
        SALE = "sale", _("verkoop")
        LIBERALISATION = "liberalisation", _("liberalisatie")
        DEMOLITION = "demolition", _("sloop")
        RENOVATION = "renovation", _("renovatie")

    owner = models.CharField(_("eigenaar"), max_length=120)
    kind = models.CharField(_("soort"), max_length=16, choices=Kind.choices)
    segment = models.CharField(_("segment"), max_length=20, blank=True)
    rent_class_after = models.CharField(
        _("huurklasse na"), max_length=16, choices=RentClass.choices, blank=True
    )
    label_after = models.CharField(_("energielabel na"), max_length=5, blank=True)
    name = models.CharField(_("project"), max_length=200, blank=True)

    def __str__(self) -> str:
        return f"{self.year}: {self.count}"


class Scenario(models.Model):
    """The prognosis's scenario parameters, saved with the cycle."""

    cycle = models.OneToOneField(Cycle, on_delete=models.CASCADE, related_name="housing_scenario")
    base_year = models.PositiveSmallIntegerField(_("basisjaar"))
    end_year = models.PositiveSmallIntegerField(_("eindjaar"))
    household_growth = models.DecimalField(
        _("groei huishoudens (% per jaar)"), max_digits=5, decimal_places=2, default=0
    )
    income_shift = models.DecimalField(
        _("verschuiving aandeel doelgroep (procentpunt per jaar)"),
        max_digits=5,
        decimal_places=2,
        default=0,
    )
    reliance = models.DecimalField(
        _("aandeel doelgroep dat een sociale huurwoning nodig heeft (%)"),
        max_digits=5,
        decimal_places=2,
        default=100,
    )
    new_build_per_year = models.PositiveIntegerField(_("extra nieuwbouw per jaar"), default=0)
    sales_per_year = models.PositiveIntegerField(_("verkoop per jaar"), default=0)
    demolition_per_year = models.PositiveIntegerField(_("sloop per jaar"), default=0)
    liberalisation_per_year = models.PositiveIntegerField(_("liberalisatie per jaar"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("scenario voor de prognose")
        verbose_name_plural = _("scenario's voor de prognose")

    def __str__(self) -> str:
        return f"{self.cycle} {self.base_year}–{self.end_year}"
