"""Analyses saved with a cycle: a budget comparison as a table, recorded or worked out."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from woonafspraken.agreements.models import Cycle


class Analysis(models.Model):
    class Kind(models.TextChoices):
        RECORDED = "recorded", _("overgenomen uit een bron")
        COMPUTED = "computed", _("berekend met de regels")

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="analyses")
    title = models.CharField(_("titel"), max_length=300)
    kind = models.CharField(_("soort"), max_length=16, choices=Kind.choices)
    source = models.CharField(_("bron"), max_length=300, blank=True)
    # {"columns": [...], "rows": [{"label": str, "amounts": [str|int]}], "note": str,
    #  "inputs": [{"label": str, "value": str, "kind": str}]}
    data = models.JSONField(_("tabel"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("analyse")
        verbose_name_plural = _("analyses")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title
