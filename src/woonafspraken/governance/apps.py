from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "woonafspraken.governance"
    verbose_name = _("Overleg, beleid en biedingen")

    def ready(self) -> None:
        from woonafspraken.api import openapi as api_openapi

        from . import openapi

        if openapi.PATHS not in api_openapi.EXTRA_PATHS:
            api_openapi.EXTRA_PATHS.append(openapi.PATHS)
        api_openapi.EXTRA_SCHEMAS.update(openapi.SCHEMAS)
