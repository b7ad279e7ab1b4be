from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UploadJobsConfig(AppConfig):
    name = "woonafspraken.uploadjobs"
    verbose_name = _("Ingelezen bestanden")
