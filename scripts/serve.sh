#!/bin/sh
# Production server for one machine: migrate, collect static files, then gunicorn with the
# background task worker beside it. `make serve` runs this; docs/deploy.md has the systemd way.
# Needs DATABASE_URL and SECRET_KEY (or SECRET_KEY_FILE) in the environment.
set -eu
BIN=${BIN:-.venv/bin}
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-woonafspraken.production_settings}

"$BIN/woonafspraken" migrate --no-input -v0
"$BIN/woonafspraken" collectstatic --no-input -v0
"$BIN/woonafspraken" worker &
worker=$!
trap 'kill "$worker" 2>/dev/null; wait "$worker" 2>/dev/null' EXIT INT TERM
"$BIN/gunicorn" -c python:woonafspraken.operations.gunicorn_conf
