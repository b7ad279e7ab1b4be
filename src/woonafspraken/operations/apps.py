from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "woonafspraken.operations"
    verbose_name = _("Beheer van de installatie")

    def ready(self) -> None:
        from django.core.signals import request_finished
        from django.db.backends.signals import connection_created

        from woonafspraken import pagecache

        from . import checks  # noqa: F401  (registers the system checks)

        # Every write on every connection gives the anonymous pages a new data version.
        connection_created.connect(pagecache.watch, dispatch_uid="woonafspraken.pagecache")
        request_finished.connect(pagecache.settle, dispatch_uid="woonafspraken.pagecache")
