from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AffordabilityConfig(AppConfig):
    name = "woonafspraken.affordability"
    verbose_name = _("Betaalbaarheid")
