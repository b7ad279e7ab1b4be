from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "woonafspraken.governance"
    verbose_name = _("Overleg, beleid en biedingen")

    def ready(self) -> None:
        from woonafspraken.uploadjobs import registry

        from .upload_jobs import BidUpload

        registry.register(BidUpload())
