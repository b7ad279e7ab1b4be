"""Start the production server (gunicorn, production settings) in a separate process."""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SECRET = "shared-secret-of-the-instances-under-test-0123456789abcdefghij"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def production_env(database_url: str, data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY_FILE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="woonafspraken.production_settings",
        DATABASE_URL=database_url,
        SECRET_KEY=SECRET,
        SECURE_SSL_REDIRECT="0",
        WOONAFSPRAKEN_DATA_DIR=str(data_dir),
        PYTHONPATH=str(ROOT / "src"),
        GUNICORN_ACCESS_LOG="",
        **extra,
    )
    return env


def collectstatic(env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "woonafspraken", "collectstatic", "--no-input", "-v0"],
        env=env,
        check=True,
    )


def start(env: dict[str, str], port: int, workers: int = 1) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "python:woonafspraken.operations.gunicorn_conf",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    for _ in range(600):  # started when it answers; a slow machine gets up to a minute
        if process.poll() is not None:
            raise RuntimeError(process.stderr.read().decode() if process.stderr else "")
        try:
            request(port, "GET", "/accounts/login/")
            return process
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise RuntimeError("gunicorn did not answer")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def request(
    port: int, method: str, path: str, body: str = "", headers: dict[str, str] | None = None
) -> tuple[int, dict[str, Any], str]:
    """One request as the TLS proxy in front would pass it (``X-Forwarded-Proto: https``)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    all_headers = {"X-Forwarded-Proto": "https", "Host": f"127.0.0.1:{port}", **(headers or {})}
    connection.request(method, path, body=body or None, headers=all_headers)
    response = connection.getresponse()
    cookies = {}
    for name, value in response.getheaders():
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            cookies[key] = rest.split(";", 1)[0]
    result = response.status, {"cookies": cookies, **dict(response.getheaders())}
    text = response.read().decode()
    connection.close()
    return result[0], result[1], text


def log_in(port: int, username: str, password: str) -> str:
    """Log in through the web form; returns the session cookie's value."""
    status, head, page = request(port, "GET", "/accounts/login/")
    assert "csrftoken" in head["cookies"], (status, head, page[:1500])
    csrf_cookie = head["cookies"]["csrftoken"]
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert match, page[:500]
    from urllib.parse import urlencode

    status, head, page = request(
        port,
        "POST",
        "/accounts/login/",
        urlencode({"csrfmiddlewaretoken": match[1], "username": username, "password": password}),
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf_cookie}",
            "Referer": f"https://127.0.0.1:{port}/accounts/login/",
        },
    )
    assert status == 302, page[:2000]
    return str(head["cookies"]["sessionid"])
