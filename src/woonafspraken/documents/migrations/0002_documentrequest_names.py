from typing import Any

from django.db import migrations, models


def mark_existing_as_named(apps: Any, schema_editor: Any) -> None:
    """Documents made before this field all named people: none goes to a visitor any more."""
    apps.get_model("documents", "DocumentRequest").objects.update(names=True)


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="documentrequest",
            name="names",
            field=models.BooleanField(default=False, verbose_name="met namen van personen"),
        ),
        migrations.RunPython(mark_existing_as_named, migrations.RunPython.noop),
    ]
