from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "woonafspraken.operations"
    verbose_name = _("Beheer van de installatie")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)
