"""Several production server instances on one PostgreSQL share everything (issue 13, point 3).

Two gunicorn processes with production settings, each with its own data folder (so nothing is
shared through the local disk), on the test database: a login on one is a login on the other.
"""

import shutil
from pathlib import Path
from typing import Any

import pytest
from django.conf import global_settings
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.db import connection

from . import server

pytestmark = [pytest.mark.server, pytest.mark.django_db(transaction=True)]


def database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"


def test_a_login_on_one_instance_is_a_login_on_the_other(tmp_path: Path, settings: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("several instances need PostgreSQL (DATABASE_URL=postgres://…)")
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS  # what the servers verify
    get_user_model().objects.create_user("tweeling", password="een-lang-wachtwoord-42")
    instances: list[Any] = []
    try:
        ports = []
        server.collectstatic(server.production_env(database_url(), tmp_path / "a"))
        shutil.copytree(tmp_path / "a" / "static", tmp_path / "b" / "static")
        for name in ("a", "b"):
            env = server.production_env(database_url(), tmp_path / name)
            port = server.free_port()
            instances.append(server.start(env, port))
            ports.append(port)
        session = server.log_in(ports[0], "tweeling", "een-lang-wachtwoord-42")

        status, _, page = server.request(
            ports[1], "GET", "/", headers={"Cookie": f"sessionid={session}"}
        )
        assert status == 200
        assert "tweeling" in page

        status, _, _ = server.request(ports[1], "GET", "/")  # without the cookie: anonymous
        assert status == 200

        # The national sums computed by one instance are kept in the database for both.
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {django_settings.SHARED_CACHE_TABLE}")
        status, _, _ = server.request(ports[0], "GET", "/landelijk/")
        assert status == 200
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT cache_key FROM {django_settings.SHARED_CACHE_TABLE}")
            keys = [row[0] for row in cursor.fetchall()]
        assert any("national:sums" in key for key in keys)
        status, _, _ = server.request(ports[1], "GET", "/landelijk/")
        assert status == 200
    finally:
        for process in instances:
            server.stop(process)
        connection.close()
