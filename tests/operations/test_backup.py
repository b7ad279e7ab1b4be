"""``woonafspraken backup`` and ``restore``: a round trip on SQLite and PostgreSQL (issue 15.8).

Each side is a separate installation (its own database and media folder) driven by the commands
as an operator would run them; the restored installation must dump exactly what the original
dumps, and hold the same uploaded files.
"""

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")


def command(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "woonafspraken", *args],
        env=env,
        capture_output=True,
        text=True,
    )


def installation(tmp: Path, name: str, database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="woonafspraken.settings",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(tmp / name / "media"),
        WOONAFSPRAKEN_DATA_DIR=str(tmp / name),
        PYTHONPATH=str(ROOT / "src"),
    )
    return env


def dump(env: dict[str, str]) -> str:
    done = command(
        env,
        "dumpdata",
        "--format=backupjson",  # every digit of every timestamp
        "--natural-foreign",
        "--exclude=contenttypes",
        "--exclude=auth.permission",
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def round_trip(tmp: Path, original: dict[str, str], restored: dict[str, str], *extra: str) -> None:
    # The core of the demo: agreements, figures, history, governance, affordability.
    core = "from woonafspraken import demo; demo.load_core()"
    for step in (("migrate", "-v0"), ("shell", "-c", core)):
        done = command(original, *step)
        assert done.returncode == 0, done.stderr
    decision = Path(original["MEDIA_ROOT"]) / "besluiten" / "2026" / "besluit.pdf"
    decision.parent.mkdir(parents=True)
    decision.write_bytes(b"%PDF-1.7 a signed decision")
    archive = tmp / "backup.tar.gz"

    done = command(original, "backup", "--output", str(archive), *extra)
    assert done.returncode == 0, done.stderr
    done = command(restored, "restore", str(archive))
    assert done.returncode == 0, done.stderr

    assert dump(restored) == dump(original)
    copy = Path(restored["MEDIA_ROOT"]) / "besluiten" / "2026" / "besluit.pdf"
    assert copy.read_bytes() == decision.read_bytes()
    again = command(restored, "restore", str(archive))  # never over live data
    assert again.returncode != 0
    assert "restore into a new" in again.stderr


def test_round_trip_on_sqlite(tmp_path: Path) -> None:
    round_trip(
        tmp_path,
        installation(tmp_path, "a", f"sqlite:///{tmp_path / 'a.sqlite3'}"),
        installation(tmp_path, "b", f"sqlite:///{tmp_path / 'b.sqlite3'}"),
    )


@pytest.fixture
def two_postgres_databases() -> Iterator[tuple[str, str]]:
    if not POSTGRES:
        pytest.skip("PostgreSQL only (DATABASE_URL=postgres://…)")
    import psycopg

    server = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    names = [f"wa_backup_{uuid.uuid4().hex[:8]}_{side}" for side in "ab"]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield f"{server}/{names[0]}", f"{server}/{names[1]}"
        finally:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.parametrize("native", [False, True], ids=["json", "pg_dump"])
def test_round_trip_on_postgresql(
    tmp_path: Path, two_postgres_databases: tuple[str, str], native: bool
) -> None:
    a, b = two_postgres_databases
    round_trip(
        tmp_path,
        installation(tmp_path, "a", a),
        installation(tmp_path, "b", b),
        *(["--pg-dump"] if native else []),
    )


def test_restore_refuses_an_archive_that_is_not_a_backup(tmp_path: Path) -> None:
    import tarfile

    bogus = tmp_path / "bogus.tar.gz"
    with tarfile.open(bogus, "w:gz") as archive:
        (tmp_path / "manifest.json").write_text('{"format": 99}')
        archive.add(tmp_path / "manifest.json", arcname="manifest.json")
    env = installation(tmp_path, "c", f"sqlite:///{tmp_path / 'c.sqlite3'}")
    done = command(env, "restore", str(bogus))
    assert done.returncode != 0
    assert "format" in done.stderr
