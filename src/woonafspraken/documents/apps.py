from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "woonafspraken.documents"
    verbose_name = _("Documenten en Excel")

    def ready(self) -> None:
        from woonafspraken.uploadjobs import registry

        from .upload_jobs import MonitorUpload

        registry.register(MonitorUpload())
