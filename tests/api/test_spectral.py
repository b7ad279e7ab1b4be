"""Logius' Spectral ruleset for the NLGov API Design Rules finds nothing in the document.

Spectral comes from npm (``package.json`` devDependencies, installed by ``make test``); the
ruleset is stored in ``docs/api/spectral.yaml``, so nothing is fetched while testing.
"""

import json
import subprocess
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
RULESET = ROOT / "docs" / "api" / "spectral.yaml"
DOCUMENT = ROOT / "docs" / "openapi.json"


def spectral() -> Path:
    for folder in (ROOT / "node_modules", settings.NODE_MODULES):
        binary = Path(folder) / ".bin" / "spectral"
        if binary.exists():
            return binary
    raise AssertionError("Spectral ontbreekt: `npm ci` installeert @stoplight/spectral-cli.")


def test_the_design_rules_linter_reports_no_error_and_no_warning():
    done = subprocess.run(
        [
            str(spectral()),
            "lint",
            "--ruleset",
            str(RULESET),
            "--format",
            "json",
            "--fail-severity",
            "hint",
            "--quiet",
            str(DOCUMENT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    output = done.stdout.strip()
    results = json.loads(output) if output.startswith("[") else None
    assert results == [], done.stdout + done.stderr
    assert done.returncode == 0, done.stdout + done.stderr
