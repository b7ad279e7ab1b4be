from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The start of everyone's day: *Mijn taken*, the public start page and the main menu.

    It reads from every other app and nothing imports it.
    """

    name = "woonafspraken.home"
    verbose_name = _("Start")
