"""Municipalities, organisations, memberships with roles, invitations and API tokens.

An organisation has a home municipality (``municipality``, where it was set up; for the
municipality's own organisation: that municipality) and works in one or more municipalities
(``municipalities``, which always includes the home one). A corporation that works in several
municipalities is one organisation in the installation. A tenant organisation represents the
tenants of one or more corporations (``corporations``); ``corporation`` is the first of them,
kept for the code that only needs one.
"""

import hashlib

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

CBS_CODE = RegexValidator(
    r"^GM\d{4}$", _("Een CBS-code is ‘GM’ met vier cijfers, bijvoorbeeld GM0935.")
)
AW_NUMBER = RegexValidator(
    r"^L\d{4}$", _("Een L-nummer van de Autoriteit woningcorporaties is ‘L’ met vier cijfers.")
)


class Province(models.TextChoices):
    GRONINGEN = "groningen", "Groningen"
    FRIESLAND = "friesland", "Fryslân"
    DRENTHE = "drenthe", "Drenthe"
    OVERIJSSEL = "overijssel", "Overijssel"
    FLEVOLAND = "flevoland", "Flevoland"
    GELDERLAND = "gelderland", "Gelderland"
    UTRECHT = "utrecht", "Utrecht"
    NOORD_HOLLAND = "noord_holland", "Noord-Holland"
    ZUID_HOLLAND = "zuid_holland", "Zuid-Holland"
    ZEELAND = "zeeland", "Zeeland"
    NOORD_BRABANT = "noord_brabant", "Noord-Brabant"
    LIMBURG = "limburg", "Limburg"


class Municipality(models.Model):
    cbs_code = models.CharField(_("CBS-code"), max_length=6, unique=True, validators=[CBS_CODE])
    name = models.CharField(_("naam"), max_length=120)
    housing_region = models.CharField(_("woningbouwregio"), max_length=120, blank=True)
    province = models.CharField(_("provincie"), max_length=16, choices=Province.choices, blank=True)

    class Meta:
        verbose_name = _("gemeente (gebied)")
        verbose_name_plural = _("gemeenten (gebied)")
        ordering = ["name"]
        # Lists of municipalities are sorted by name, and filtered by province or
        # woningbouwregio (national pages, ``GET /api/v1/national/municipalities``).
        indexes = [
            models.Index(fields=["name", "id"], name="municipality_name_idx"),
            models.Index(fields=["province", "name", "id"], name="municipality_province_idx"),
            models.Index(fields=["housing_region", "name", "id"], name="municipality_region_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.cbs_code})"


class Organisation(models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("gemeente")
        CORPORATION = "corporation", _("woningcorporatie")
        TENANT_ORGANISATION = "tenant_organisation", _("huurdersorganisatie")
        OTHER = "other", _("overig")

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam"), unique=True)
    kind = models.CharField(_("soort"), max_length=24, choices=Kind.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    corporation = models.ForeignKey(
        "self",
        verbose_name=_("corporatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tenant_organisations",
        help_text=_("Alleen voor een huurdersorganisatie: de corporatie waar zij bij hoort."),
    )
    aw_number = models.CharField(_("L-nummer (Aw)"), max_length=12, blank=True)
    municipalities = models.ManyToManyField(
        Municipality,
        verbose_name=_("werkgebied"),
        blank=True,
        related_name="active_organisations",
        help_text=_("De gemeenten waar deze organisatie werkt."),
    )
    corporations = models.ManyToManyField(
        "self",
        verbose_name=_("vertegenwoordigt de huurders van"),
        symmetrical=False,
        blank=True,
        related_name="represented_by",
        help_text=_(
            "Alleen voor een huurdersorganisatie: de corporatie(s) waarvan zij de huurders "
            "vertegenwoordigt."
        ),
    )
    archived_at = models.DateTimeField(_("gearchiveerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(corporation__isnull=True) | models.Q(kind="tenant_organisation"),
                name="only_tenant_organisations_belong_to_a_corporation",
            ),
            models.UniqueConstraint(
                fields=["aw_number"],
                condition=~models.Q(aw_number=""),
                name="one_organisation_per_aw_number",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def archived(self) -> bool:
        return self.archived_at is not None


class Role(models.TextChoices):
    VIEWER = "viewer", _("lezer")
    CONTRIBUTOR = "contributor", _("invoerder")
    COORDINATOR = "coordinator", _("coördinator")
    SIGNATORY = "signatory", _("ondertekenaar")
    ADMIN = "admin", _("beheerder")
    PROJECT_LEADER = "project_leader", _("projectleider")


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rol"), max_length=16, choices=Role.choices)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="one_role_once_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class Invitation(models.Model):
    """A one-time link with which an invited person sets their password.

    Only the SHA-256 of the link's key is stored; the key itself is in the e-mail only.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")

    def __str__(self) -> str:
        return f"{self.user} ({self.organisation})"


class UsableTokens(models.Manager["ApiToken"]):
    """Only tokens that may still be used: not revoked, not expired. Authentication looks
    tokens up through this manager, so an expired or revoked token is simply unknown."""

    def get_queryset(self) -> models.QuerySet["ApiToken"]:
        from django.utils import timezone

        return (
            super()
            .get_queryset()
            .filter(revoked_at__isnull=True, expires_at__gt=timezone.now(), user__is_active=True)
        )


class ApiToken(models.Model):
    """A personal API token; only its SHA-256 is stored, the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    name = models.CharField(_("omschrijving"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("geldig tot"), null=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    all_objects = models.Manager()
    objects = UsableTokens()

    class Meta:
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")
        default_manager_name = "all_objects"
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return f"{self.user} {self.prefix}…"
