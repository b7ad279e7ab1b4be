from django.contrib import admin

from woonafspraken.agreements.admin import ReadOnlyAdmin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("at", "action", "actor", "object_repr", "source")
    list_filter = ("action",)
