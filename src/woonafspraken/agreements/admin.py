"""Read-only admin: every write goes through the services, so the admin only shows."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import (
    Agreement,
    Assessment,
    Cycle,
    Finding,
    Indicator,
    Measurement,
    Target,
    Theme,
    ThemeAssignment,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


for model in (
    Cycle,
    Theme,
    ThemeAssignment,
    Finding,
    Agreement,
    Indicator,
    Target,
    Measurement,
    Assessment,
):
    admin.site.register(model, ReadOnlyAdmin)
