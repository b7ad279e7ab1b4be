from django.contrib import admin

from woonafspraken.agreements.admin import ReadOnlyAdmin

from .models import Membership, Municipality, Organisation

for model in (Municipality, Organisation, Membership):
    admin.site.register(model, ReadOnlyAdmin)
