# Lanzarote — the two commands are `make run` and `make test`; everything else is a helper.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
PY := $(VENV)/bin/python
LZ := $(VENV)/bin/lanzarote
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/lanzarote
# Test processes (pytest-xdist): one per core; WORKERS=0 runs the suite in a single process.
WORKERS ?= auto
PYTEST := $(PY) -m pytest -n $(WORKERS)

.PHONY: help run test check check-types check-rest lint format typecheck test-sqlite test-postgres messages bench bench-search screenshots clean map-data

help:
	@echo "make run    set everything up and serve http://$(HOST):$(PORT) on SQLite with the reference data"
	@echo "make test   set everything up, lint, type-check and run the suite on SQLite (and PostgreSQL if reachable)"
	@echo "make bench  measure every public page and API read against a trivial view (wrk)"

$(VENV)/.installed: pyproject.toml
	@PYTHON=$$(scripts/find-python) && echo "Using $$PYTHON" && $$PYTHON -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

$(VENV)/.compiled: $(VENV)/.installed $(shell find src/lanzarote -name '*.po' 2>/dev/null)
	cd src/lanzarote && ../../$(PY) -m django compilemessages --settings=lanzarote.settings.local --ignore=.venv >/dev/null
	@touch $@

venv: $(VENV)/.compiled

run: venv
	$(LZ) migrate --noinput
	$(LZ) load-reference-data
	$(LZ) collectstatic --noinput --verbosity 0
	$(LZ) serve --bind $(HOST):$(PORT)

# mypy takes as long as all the other checks together: it runs on one core while they run on the
# other, each group's output printed in one piece when it ends; `make check` fails if either fails.
check: venv
	@$(MAKE) --no-print-directory -j2 --output-sync=target check-types check-rest

check-types: venv
	$(VENV)/bin/mypy

check-rest: venv
	$(VENV)/bin/ruff check src tests scripts
	$(VENV)/bin/ruff format --check src tests scripts
	$(VENV)/bin/lint-imports --no-logo --no-cache
	$(VENV)/bin/djlint --lint src/lanzarote
	DJANGO_SETTINGS_MODULE=lanzarote.settings.test $(LZ) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=lanzarote.settings.test $(LZ) check

# Every Python process of a run compiles the project once and reuses it: the environment may ask
# Python not to write bytecode, which makes each test worker and `lanzarote` subprocess compile
# the whole project again.
test test-sqlite test-postgres check check-types check-rest: export PYTHONDONTWRITEBYTECODE :=

test: check node_modules
	@$(MAKE) --no-print-directory test-sqlite test-postgres
	@echo "make test: check passed; suites run: SQLite (every test, browser included)$$( \
	  [ -n "$${DATABASE_URL:-}" ] || $(PY) scripts/pg_reachable.py 127.0.0.1 5432 \
	  && echo ', PostgreSQL (every test that reaches the database, the browser ones excepted)' \
	  || echo '; PostgreSQL skipped (none reachable)')"

# Build- and test-time assets only (world-atlas for scripts/build_map_data.py, axe-core for the
# accessibility tests); `make run` never needs them. Without npm those tests skip and say why.
node_modules: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --no-audit --no-fund && touch node_modules; \
	else echo "npm not found: the browser accessibility tests will be skipped"; fi

map-data: node_modules
	$(PY) scripts/build_map_data.py
	$(PY) scripts/build_map_assets.py

# --reference-data-early (tests/conftest.py): the reference database, or the PostgreSQL template,
# is built while the test processes start and collect, not with one core idle once they wait for it.
test-sqlite: venv
	@echo "== SQLite suite: every test, browser tests included =="
	$(PYTEST) --reference-data-early

# PostgreSQL runs when DATABASE_URL is set or a server answers on 127.0.0.1:5432. It runs the
# tests whose outcome the database can change: those marked `database` when collected
# (tests/conftest.py: they use the Django test database, or PostgreSQL itself). pytest-django
# refuses the database to every other test, so the SQLite run has already run them as they are.
# The browser tests serve SQLite whatever DATABASE_URL says.
PG_TESTS := -m "database and not browser" --reference-data-early
test-postgres: venv
	@if [ -n "$${DATABASE_URL:-}" ]; then \
	  echo "== PostgreSQL suite on DATABASE_URL: every test that reaches the database =="; \
	  $(PYTEST) $(PG_TESTS); \
	elif $(PY) scripts/pg_reachable.py 127.0.0.1 5432; then \
	  echo "== PostgreSQL suite on $(PG_URL): every test that reaches the database =="; \
	  DATABASE_URL=$(PG_URL) $(PYTEST) $(PG_TESTS); \
	else echo "No PostgreSQL reachable: skipping the PostgreSQL run"; fi

format: venv
	$(VENV)/bin/ruff format src tests scripts
	$(VENV)/bin/ruff check --fix src tests scripts
	$(VENV)/bin/djlint --reformat src/lanzarote || true

messages: venv
	cd src/lanzarote && ../../$(PY) -m django makemessages -l fr --settings=lanzarote.settings.local --no-obsolete --ignore=.venv
	cd src/lanzarote && ../../$(PY) -m django compilemessages --settings=lanzarote.settings.local --ignore=.venv

# wrk drives the load (a C client, never the bottleneck); apt-get installs it where it is missing.
bench: venv
	@command -v wrk >/dev/null 2>&1 || apt-get install -y -q wrk || echo "install wrk to run make bench"
	$(PY) scripts/bench.py
	$(PY) scripts/bench_search.py
	$(PY) scripts/bench_scale.py

# Monitoring search on 250,000 records in a scratch SQLite database: p50/p95 (target p95 <= 100 ms).
bench-search: venv
	$(PY) scripts/bench_search.py

screenshots: venv
	$(PY) scripts/screenshots.py

# The owner role that migrates and the application role (docs/operations.md), as a superuser of
# DATABASE_URL (default PG_URL); OWNER/APP change the role names.
.PHONY: db-roles
db-roles: venv
	DATABASE_URL=$${DATABASE_URL:-$(PG_URL)} $(LZ) db-roles --apply --owner $${OWNER:-lanzarote_owner} --app $${APP:-lanzarote_app}

clean:
	rm -rf $(VENV) var/*.sqlite3 staticfiles
