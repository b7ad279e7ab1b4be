from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "woonafspraken.api"
    verbose_name = "API"
