from django.db import migrations


class Migration(migrations.Migration):
    """Keep the project leader's name as written; 0005 adds the person it may belong to."""

    dependencies = [
        ("agreements", "0003_themeassignment_finding"),
    ]

    operations = [
        migrations.RenameField(
            model_name="theme", old_name="project_leader", new_name="project_leader_name"
        ),
    ]
