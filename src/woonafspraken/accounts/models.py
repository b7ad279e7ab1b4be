"""Municipalities, organisations, memberships with roles, and API tokens."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Municipality(models.Model):
    cbs_code = models.CharField(_("CBS-code"), max_length=6, unique=True)
    name = models.CharField(_("naam"), max_length=120)

    class Meta:
        verbose_name = _("gemeente (gebied)")
        verbose_name_plural = _("gemeenten (gebied)")
        ordering = ["name"]

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

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(corporation__isnull=True) | models.Q(kind="tenant_organisation"),
                name="only_tenant_organisations_belong_to_a_corporation",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    VIEWER = "viewer", _("lezer")
    CONTRIBUTOR = "contributor", _("invoerder")
    COORDINATOR = "coordinator", _("coördinator")
    SIGNATORY = "signatory", _("ondertekenaar")
    ADMIN = "admin", _("beheerder")


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


class ApiToken(models.Model):
    """A personal API token; only its SHA-256 is stored, the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")

    def __str__(self) -> str:
        return f"{self.user} {self.prefix}…"
