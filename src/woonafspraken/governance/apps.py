from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "woonafspraken.governance"
    verbose_name = _("Overleg, beleid en biedingen")
