from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NationalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "woonafspraken.national"
    verbose_name = _("Landelijk beeld")
