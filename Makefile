# Two commands do everything on a fresh machine: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py

.PHONY: run serve test check-fast test-postgres test-engine test-cluster lint check pytest bench bench-sqlite bench-scale load screenshots browser-deps clean-db help

help:
	@echo "make run    - install, migrate, load demo content and serve on http://127.0.0.1:$(PORT)/ (development)"
	@echo "make serve  - the same code under gunicorn with production settings (needs SECRET_KEY, ALLOWED_HOSTS)"
	@echo "make test   - install test tools and run every check and test"

# The virtualenv is rebuilt when a requirements file changes.
$(VENV)/.installed: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

run: $(VENV)/.installed
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_content
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) runserver 127.0.0.1:$(PORT)

serve: $(VENV)/.installed
	@test -n "$$SECRET_KEY" || { echo "Set SECRET_KEY (at least 32 random characters) to serve with production settings."; exit 1; }
	DJANGO_SETTINGS_MODULE=portal.settings.production $(MANAGE) migrate --noinput
	DJANGO_SETTINGS_MODULE=portal.settings.production $(MANAGE) collectstatic --noinput --verbosity 0
	SERVE_MEDIA=$${SERVE_MEDIA:-true} DJANGO_SETTINGS_MODULE=portal.settings.production $(VENV)/bin/gunicorn portal.wsgi \
		--bind 127.0.0.1:$(PORT) --workers $${WEB_CONCURRENCY:-3} --access-logfile - --forwarded-allow-ips 127.0.0.1

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: $(VENV)/.installed-dev
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) makemigrations --check --dry-run

# Debian's chromium for the browser tests (Playwright's own browser download does not work here).
browser-deps:
	bash tools/browser/install.sh

# pytest-xdist: one test process per CPU (PYTEST_WORKERS=0 runs in this process); each worker gets its own test
# database and search indexes. Tests are handed out one by one in pytest-django's order (transactional tests last):
# grouping a module on one worker would run its transactional tests, which empty the database, before other
# modules' tests.
PYTEST_WORKERS ?= auto
export PYTEST_WORKERS

pytest: $(VENV)/.installed-dev browser-deps
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The search suite again on PostgreSQL, then PostgreSQL + OpenSearch (1 node), then a 3-node OpenSearch cluster
# losing a node during a stream of searches. Each starts (and stops) its own servers on loopback:
# see tools/test/matrix.sh.
test-postgres: $(VENV)/.installed-dev
	bash tools/test/matrix.sh postgres

test-engine: $(VENV)/.installed-dev
	bash tools/test/matrix.sh engine

test-cluster: $(VENV)/.installed-dev
	bash tools/test/matrix.sh cluster

test: lint check pytest test-postgres test-engine test-cluster

# The edit-test loop (under 3 minutes): ruff, Django checks and the fast tests, chosen by tests/fast_loop.py (no
# browser, engine, PostgreSQL, transactional or process-starting tests). `make test` runs everything.
check-fast: lint check
	$(PY) -m pytest -q -p tests.fast_loop -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# Latency benchmarks; figures are written to docs/benchmarks.md. SQLite at 1,000 and 10,000 evaluations, then
# PostgreSQL + OpenSearch at 100,000 (about an hour in all on 2 CPUs); each can run on its own. Each size ends with
# a mixed read/write run: searches while an editor publishes once a second (BENCH_MIXED_REQUESTS=0 skips it).
bench: bench-sqlite bench-scale

bench-sqlite: $(VENV)/.installed-dev
	BENCH_CONFIG=sqlite bash tools/bench/run.sh

bench-scale: $(VENV)/.installed-dev
	BENCH_CONFIG=engine bash tools/bench/run.sh

# Load test: make serve (production settings) on the demo content in a throwaway SQLite database, 32 concurrent
# clients for 60 s on pages, search, API and map (tools/load/run.sh; LOAD_CLIENTS, LOAD_SECONDS). Figures: docs/benchmarks.md.
load: $(VENV)/.installed
	bash tools/load/run.sh

# Screenshots of the key pages at 1280 px and 375 px, saved to docs/screenshots/.
screenshots: $(VENV)/.installed-dev browser-deps
	$(PY) tools/browser/screenshots.py

clean-db:
	rm -f db.sqlite3 db.sqlite3-wal db.sqlite3-shm
