"""Production-safe defaults: start-up refusals, deploy checks, the demo (issue 15, point 8)."""

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from woonafspraken.operations.checks import development_defaults

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "a-long-random-looking-secret-for-this-test-only-0123456789abcdef"


def run_python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {"DATABASE_URL", "SECRET_KEY", "SECRET_KEY_FILE", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    clean["PYTHONPATH"] = str(ROOT / "src")
    return subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, capture_output=True, text=True
    )


LOAD_SETTINGS = "import django; django.setup(); from django.conf import settings; print('ok')"


def test_production_settings_refuse_to_load_without_a_database_url() -> None:
    done = run_python(
        LOAD_SETTINGS,
        DJANGO_SETTINGS_MODULE="woonafspraken.production_settings",
        SECRET_KEY=STRONG_KEY,
    )
    assert done.returncode != 0
    assert "DATABASE_URL" in done.stderr


def test_production_settings_accept_sqlite_when_chosen_explicitly(tmp_path: Path) -> None:
    done = run_python(
        LOAD_SETTINGS,
        DJANGO_SETTINGS_MODULE="woonafspraken.production_settings",
        SECRET_KEY=STRONG_KEY,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert done.returncode == 0, done.stderr


def test_production_settings_refuse_to_load_without_a_secret_key(tmp_path: Path) -> None:
    done = run_python(
        LOAD_SETTINGS,
        DJANGO_SETTINGS_MODULE="woonafspraken.production_settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert done.returncode != 0
    assert "SECRET_KEY" in done.stderr


def test_the_secret_key_may_come_from_a_file(tmp_path: Path) -> None:
    (tmp_path / "key").write_text(STRONG_KEY + "\n")
    done = run_python(
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SECRET_KEY)",
        DJANGO_SETTINGS_MODULE="woonafspraken.production_settings",
        SECRET_KEY_FILE=str(tmp_path / "key"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert done.stdout.strip() == STRONG_KEY, done.stderr


@pytest.mark.parametrize("entry", ["wsgi", "asgi"])
def test_entry_points_refuse_the_development_key_outside_debug(entry: str) -> None:
    done = run_python(
        f"import woonafspraken.{entry}", DJANGO_SETTINGS_MODULE="woonafspraken.settings"
    )
    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr
    assert "SECRET_KEY" in done.stderr


@pytest.mark.parametrize("entry", ["wsgi", "asgi"])
def test_entry_points_start_in_debug_or_with_a_real_key(entry: str, tmp_path: Path) -> None:
    debug = run_python(
        f"import woonafspraken.{entry}", DJANGO_SETTINGS_MODULE="woonafspraken.settings", DEBUG="1"
    )
    assert debug.returncode == 0, debug.stderr
    production = run_python(
        f"import woonafspraken.{entry}",
        SECRET_KEY=STRONG_KEY,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert production.returncode == 0, production.stderr
    assert "production_settings" not in production.stderr


def test_entry_points_default_to_production_settings(tmp_path: Path) -> None:
    done = run_python(
        "import os, woonafspraken.wsgi; print(os.environ['DJANGO_SETTINGS_MODULE'])",
        SECRET_KEY=STRONG_KEY,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert done.stdout.strip() == "woonafspraken.production_settings", done.stderr


def ids(**settings: Any) -> set[str]:
    with override_settings(**settings):
        return {e.id for e in development_defaults()}


def test_deploy_checks_flag_the_development_key_sqlite_by_default_and_testserver() -> None:
    from django.conf import settings

    assert "woonafspraken.E001" in ids(SECRET_KEY=settings.DEVELOPMENT_SECRET_KEY)
    assert "woonafspraken.E001" not in ids(SECRET_KEY=STRONG_KEY)
    sqlite = {**settings.DATABASES["default"], "ENGINE": "django.db.backends.sqlite3"}
    assert "woonafspraken.E002" in ids(DATABASES={"default": sqlite}, SQLITE_CHOSEN=False)
    assert "woonafspraken.E002" not in ids(DATABASES={"default": sqlite}, SQLITE_CHOSEN=True)
    assert "woonafspraken.E003" in ids(ALLOWED_HOSTS=["example.nl", "testserver"])
    assert "woonafspraken.E003" not in ids(ALLOWED_HOSTS=["example.nl"])


def test_check_deploy_fails_on_the_development_defaults() -> None:
    done = run_python(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['woonafspraken', 'check', '--deploy'])",
        DJANGO_SETTINGS_MODULE="woonafspraken.settings",
        ALLOWED_HOSTS="example.nl,testserver",
    )
    assert done.returncode != 0
    for check in ("woonafspraken.E001", "woonafspraken.E002", "woonafspraken.E003"):
        assert check in done.stderr


@pytest.mark.django_db
def test_the_demo_does_not_load_under_production_settings() -> None:
    from django.contrib.auth import get_user_model

    with override_settings(PRODUCTION=True), pytest.raises(CommandError, match="productie"):
        call_command("load_demo")
    assert not get_user_model().objects.filter(username="beheer").exists()
