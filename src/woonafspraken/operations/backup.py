"""One archive with everything an installation holds: the database and the uploaded files.

The database goes in as Django's JSON dump (works on SQLite and PostgreSQL, and restores into
either: a way to move from SQLite to PostgreSQL too), or on PostgreSQL as ``pg_dump`` output
when asked for and the tool is installed (faster for a large database). A restore goes into an
empty installation only: it never merges into, or overwrites, live data.
"""

import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

FORMAT = 1
# Recreated by ``migrate``; other rows refer to them by natural key.
EXCLUDED = ["contenttypes", "auth.permission"]


class BackupError(Exception):
    pass


def pg_environment() -> tuple[list[str], dict[str, str]]:
    s = connection.settings_dict
    args = ["--host", str(s["HOST"] or "localhost"), "--port", str(s["PORT"] or 5432)]
    args += ["--username", str(s["USER"]), "--dbname", str(s["NAME"])]
    env = {**os.environ}
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = str(s["PASSWORD"])
    return args, env


def create(output: Path, *, native: bool = False) -> dict[str, Any]:
    """Write the archive to ``output``; returns its manifest."""
    media_root = Path(settings.MEDIA_ROOT)
    media = sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []
    with tempfile.TemporaryDirectory() as work:
        if native:
            if connection.vendor != "postgresql" or not shutil.which("pg_dump"):
                raise BackupError("pg_dump needs PostgreSQL and the pg_dump program.")
            database = Path(work) / "database.pgdump"
            args, env = pg_environment()
            subprocess.run(
                ["pg_dump", "--format=custom", "--no-owner", "--file", str(database), *args],
                env=env,
                check=True,
            )
        else:
            database = Path(work) / "database.backupjson"
            call_command(
                "dumpdata",
                format="backupjson",
                exclude=EXCLUDED,
                natural_foreign=True,
                use_base_manager=True,  # archived norms and tokens are data too
                output=str(database),
                verbosity=0,
            )
        manifest = {
            "format": FORMAT,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": database.name,
            "vendor": connection.vendor,
            "media_files": len(media),
        }
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(database, arcname=database.name)
            for path in media:
                archive.add(path, arcname=f"media/{path.relative_to(media_root).as_posix()}")
        partial.replace(output)  # a half-written archive never looks like a backup
    return manifest


def restore(archive_path: Path) -> dict[str, Any]:
    """Restore ``archive_path`` into this (empty) installation; returns the manifest."""
    with tempfile.TemporaryDirectory() as work, tarfile.open(archive_path, "r:gz") as archive:
        archive.extractall(work, filter="data")  # no absolute paths, links or ../ escapes
        manifest = json.loads((Path(work) / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError(f"Unknown archive format {manifest.get('format')!r}.")
        database = Path(work) / manifest["database"]
        if database.suffix == ".pgdump":
            if connection.vendor != "postgresql":
                raise BackupError("This archive holds a pg_dump; restore it into PostgreSQL.")
            if table_count() > 0:
                raise BackupError("The database is not empty; restore into a new database.")
            args, env = pg_environment()
            subprocess.run(
                ["pg_restore", "--no-owner", "--single-transaction", *args, str(database)],
                env=env,
                check=True,
            )
            connection.close()
        else:
            call_command("migrate", interactive=False, verbosity=0)
            if get_user_model().objects.exists():
                raise BackupError("The database already holds data; restore into a new one.")
            call_command("loaddata", str(database), verbosity=0)
        media = Path(work) / "media"
        if media.exists():
            shutil.copytree(media, Path(settings.MEDIA_ROOT), dirs_exist_ok=True)
    return dict(manifest)


def table_count() -> int:
    with connection.cursor() as cursor:
        return len(connection.introspection.table_names(cursor))
