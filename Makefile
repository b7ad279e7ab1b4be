# Woonafspraken — two commands on a fresh Debian machine with Python 3.11, Node.js and npm:
#   make run    install, migrate SQLite, load the Maastricht demo and serve on 127.0.0.1:$(PORT)
#               (DEBUG off: friendly error pages; `make debug` for Django's debug pages)
#   make test   install (also Debian's chromium for the browser tests) and run the whole suite

PYTHON ?= python3.11
ifeq (, $(shell command -v $(PYTHON) 2>/dev/null))
PYTHON = python3
endif
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: screenshots run debug demo-data serve test install lint check messages openapi lock bench bench-national clean system-test-packages

$(BIN)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e . 2>/dev/null \
	  || $(BIN)/pip install -q --disable-pip-version-check --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(BIN)/.installed node_modules/.installed

# A random secret key for this machine's demo, made once (the public development key is
# refused outside debug mode).
var/secret_key:
	mkdir -p var
	$(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@
	chmod 600 $@

demo-data: install var/secret_key
	@scripts/install-system-packages.sh run
	SECRET_KEY_FILE=var/secret_key $(BIN)/woonafspraken migrate --no-input -v0
	SECRET_KEY_FILE=var/secret_key $(BIN)/woonafspraken load_demo

run: demo-data
	@echo "Woonafspraken: http://127.0.0.1:$(PORT)"
	SECRET_KEY_FILE=var/secret_key $(BIN)/woonafspraken runserver 127.0.0.1:$(PORT)

# Django's debug pages (settings and tracebacks in the browser): only on purpose.
debug: demo-data
	@echo "Woonafspraken (debug): http://127.0.0.1:$(PORT)"
	DEBUG=1 SECRET_KEY_FILE=var/secret_key $(BIN)/woonafspraken runserver 127.0.0.1:$(PORT)

# The production server: gunicorn with production settings and the task worker beside it.
# Needs DATABASE_URL (PostgreSQL; sqlite:///path chooses SQLite on purpose) and SECRET_KEY or
# SECRET_KEY_FILE; behind a TLS proxy (docs/deploy.md). Try it on this machine with
#   DATABASE_URL=sqlite:///$(CURDIR)/var/woonafspraken.sqlite3 SECRET_KEY_FILE=var/secret_key \
#   SECURE_SSL_REDIRECT=0 make serve
serve: install
	BIN=$(BIN) scripts/serve.sh

system-test-packages:
	@scripts/install-system-packages.sh test

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

check: install
	$(BIN)/woonafspraken makemigrations --check --dry-run
	$(BIN)/woonafspraken check
	SECRET_KEY=ci-check-only-a-long-random-looking-secret-key-0123456789abcdef \
	  DATABASE_URL=postgres://woonafspraken@localhost:5432/woonafspraken \
	  DJANGO_SETTINGS_MODULE=woonafspraken.production_settings \
	  $(BIN)/woonafspraken check --deploy --fail-level WARNING

test: install system-test-packages lint check
	$(BIN)/python -m pytest -n auto

# The key pages at 1280 and 390 px for a visitor and each demo role, into docs/screenshots.
screenshots: install system-test-packages
	WOONAFSPRAKEN_SCREENSHOTS=docs/screenshots $(BIN)/python -m pytest -q -p no:cacheprovider \
	  tests/browser/test_screenshots.py

openapi: install
	$(BIN)/woonafspraken openapi

messages: install
	cd src/woonafspraken && ../../$(BIN)/woonafspraken makemessages -l en --no-obsolete --add-location file
	cd src/woonafspraken && ../../$(BIN)/woonafspraken compilemessages -l en

lock:
	$(BIN)/pip freeze --exclude-editable | grep -v '^woonafspraken' \
	  | sed -E 's/^([A-Za-z0-9_.-]+) @ file:.*\/[A-Za-z0-9_]+-([0-9][^-]*)-.*$$/\1==\2/' > requirements.lock.new
	{ echo '# Exact versions of every Python package (runtime and test). Regenerate with `make lock`.'; cat requirements.lock.new; } > requirements.lock
	rm requirements.lock.new

bench: install
	$(BIN)/python benchmarks/run.py

# The load benchmark of issue 13 on the national data set: an empty PostgreSQL database, e.g.
#   createdb wa_bench && DATABASE_URL=postgres://localhost/wa_bench make bench-national
# (fills it with 342 municipalities × 2016–2030 and the demo, then 50 clients per page).
bench-national: install
	@test -n "$(DATABASE_URL)" || { echo "Zet DATABASE_URL (PostgreSQL)."; exit 2; }
	$(BIN)/python benchmarks/load_bench.py --national --clients 50 --requests 20 --workers 2 --threads 4

clean:
	rm -rf $(VENV) node_modules var
