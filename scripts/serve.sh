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
"$BIN/gunicorn" -c python:woonafspraken.operations.gunicorn_conf &
web=$!
# Both in the background, so that a TERM or INT to this script reaches them at once.
trap 'kill "$web" "$worker" 2>/dev/null || true' INT TERM
status=0
wait "$web" || status=$?
kill "$worker" 2>/dev/null || true
wait "$worker" 2>/dev/null || true
exit "$status"
