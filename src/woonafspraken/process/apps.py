from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessConfig(AppConfig):
    name = "woonafspraken.process"
    verbose_name = _("Proces: fasen, kalender, ondertekening, geschillen")
