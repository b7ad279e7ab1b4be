"""The change log: one table, one row per change, never updated or deleted.

Each entry is a link of a hash chain (see :mod:`woonafspraken.audit.chain`); the database
refuses updates and deletes (see :mod:`woonafspraken.audit.guard`).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    action = models.CharField(_("actie"), max_length=64, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        # An account with history is kept (deactivated), never deleted.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The name the actor had at the time, so renaming an account does not rewrite history.
    actor_name = models.CharField(_("naam van wie het deed"), max_length=300, blank=True)
    at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300, blank=True)
    cycle_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    agreement_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    old = models.JSONField(_("oud"), null=True, blank=True)
    new = models.JSONField(_("nieuw"), null=True, blank=True)
    source = models.CharField(_("bron"), max_length=300, blank=True)
    seq = models.BigIntegerField(null=True, unique=True, editable=False)
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("wijziging")
        verbose_name_plural = _("wijzigingen")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise RuntimeError("Audit entries are append-only.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise RuntimeError("Audit entries are append-only.")


class ChainHead(models.Model):
    """The last link of the chain, kept apart from the entries: one row, ``pk=1``.

    Writers lock this row to add a link one at a time; ``verify_audit`` compares it with the
    last entry, so entries removed from the end are noticed too.
    """

    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("einde van de keten")
        verbose_name_plural = _("einde van de keten")

    def __str__(self) -> str:
        return f"{self.seq}: {self.hash}"
