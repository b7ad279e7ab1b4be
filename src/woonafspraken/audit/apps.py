from typing import Any

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _guard_after_migrate(using: str = "default", **kwargs: Any) -> None:
    from . import guard

    guard.install(connections[using])


class AuditConfig(AppConfig):
    name = "woonafspraken.audit"
    verbose_name = _("Historie")

    def ready(self) -> None:
        from woonafspraken.login import secondfactor  # noqa: F401  (decided at login)

        from . import signals  # noqa: F401  (account changes are audited)

        post_migrate.connect(_guard_after_migrate, sender=self, dispatch_uid="audit-guard")
