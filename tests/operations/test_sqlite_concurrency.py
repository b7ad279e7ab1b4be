"""SQLite as the embedded default survives concurrent writers (issue 15, point 6)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_twenty_clients_writing_twenty_figures_get_no_server_error(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "woonafspraken.settings",
        "ALLOWED_HOSTS": "testserver",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        "WOONAFSPRAKEN_DATA_DIR": str(tmp_path),
    }
    env.pop("DEBUG", None)
    done = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("sqlite_writers.py"))],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["journal"] == "wal"
    assert result["clients"] == 20
    assert result["statuses"] == {"200": 380, "201": 20}, result["failures"]
