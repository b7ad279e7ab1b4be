"""The table of the shared cache of the production settings (``CACHES``: Django's database
cache), made by ``migrate`` so that a new installation or release needs no separate
``createcachetable`` step. It is made whatever the settings of the migrating process, so
that every server started later with the production settings finds it."""

from typing import Any

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

from woonafspraken.settings import SHARED_CACHE_TABLE


def create_cache_table(apps: Any, schema_editor: Any) -> None:
    command = CreateCacheTable()
    command.verbosity = 0
    # Does nothing when the table is already there.
    command.create_table(schema_editor.connection.alias, SHARED_CACHE_TABLE, False)


def drop_cache_table(apps: Any, schema_editor: Any) -> None:
    schema_editor.execute(f"DROP TABLE IF EXISTS {SHARED_CACHE_TABLE}")


class Migration(migrations.Migration):
    dependencies: list[tuple[str, str]] = []

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
