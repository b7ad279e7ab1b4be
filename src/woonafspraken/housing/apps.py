from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HousingConfig(AppConfig):
    name = "woonafspraken.housing"
    verbose_name = _("Wonen: voorraad, huishoudens en toewijzingen")

    def ready(self) -> None:
        from woonafspraken.uploadjobs import registry

        from .upload_jobs import HousingUpload

        registry.register(HousingUpload())
