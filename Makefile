# Two commands do everything on a fresh machine: `make run` and `make test` (see README).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
WORKERS ?= 3
STAMP := $(VENV)/.installed
# Sockets, pid files and logs of running servers.
RUN ?= run

export DJANGO_SECURE_SSL ?= 0
export DJANGO_ALLOWED_HOSTS ?= localhost,127.0.0.1,[::1]

.PHONY: run serve test install deps-test deps-serve deps-backup lint check-migrations serve-prep bench \
	lighthouse load

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

.secret-key:
	$(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > .secret-key

# deploy/prepare checks first (manage.py preflight): an unusable database, disk or cache
# is one line and a non-zero exit, before anything writes.
serve-prep: install .secret-key
	@DJANGO_SECRET_KEY="$$(cat .secret-key)" PYTHON=$(PY) deploy/prepare

# One gunicorn on PORT. Its control socket is in the run folder, one per port: gunicorn's
# default (~/.gunicorn/gunicorn.ctl) is shared by every server of one user, and each new
# one takes it over from the last.
run: serve-prep
	@mkdir -p $(RUN)
	PORT=$(PORT) DJANGO_SECRET_KEY="$$(cat .secret-key)" $(VENV)/bin/gunicorn careerguide.wsgi \
		--config deploy/gunicorn.conf.py --bind 127.0.0.1:$(PORT) --workers $(WORKERS) \
		--control-socket $(RUN)/gunicorn-$(PORT).ctl --access-logfile -

# The production shape on this machine: nginx on PORT in front of two gunicorn app
# servers (deploy/serve; README, "Deploying"). With DJANGO_SECURE_SSL=1 the deploy
# checks must pass first.
serve: serve-prep deps-serve
	@if [ "$$DJANGO_SECURE_SSL" = 1 ]; then DJANGO_BEHIND_PROXY=1 \
		$(PY) manage.py check --deploy --fail-level WARNING; fi
	PORT=$(PORT) WORKERS=$(WORKERS) RUN=$(RUN)/serve PYTHON=$(PY) \
		DJANGO_SECRET_KEY="$$(cat .secret-key)" deploy/serve

# Debian's nginx, for `make serve` and the tests that start the production shape.
deps-serve:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; }

# Test-only tools: Debian's Chromium for the browser tests, axe-core from npm.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch node_modules/.installed

# nginx too, for the tests that start the production shape (tests/test_serving.py), and
# the database tools deploy/backup and deploy/restore use (tests/test_backups.py).
deps-test: install node_modules/.installed deps-serve deps-backup
	@command -v chromium >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# sqlite3 for SQLite; PostgreSQL's client tools when DATABASE_URL names PostgreSQL.
deps-backup:
	@command -v sqlite3 >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null; }
	@case "$$DATABASE_URL" in postgres*) command -v pg_restore >/dev/null || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq postgresql-client >/dev/null; } ;; esac

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

check-migrations: install
	$(PY) manage.py makemigrations --check --dry-run

# Two processes (pytest-xdist): the machine has two cores. The tests on the production
# shape share one worker (xdist_group), so it is started once.
test: deps-test lint check-migrations
	DJANGO_SECRET_KEY=test-only-secret DJANGO_ALLOW_ASYNC_UNSAFE=true \
		$(VENV)/bin/pytest -q -n 2 --dist loadgroup

# Measurements: each script starts its own gunicorn on a throwaway database and prints figures;
# `make bench` also the production shape (deploy/serve, so nginx). wrk is installed when missing.
bench: install deps-serve
	$(PY) bench/estimator_vs_page.py

lighthouse: install node_modules/.installed
	$(PY) bench/lighthouse.py

load: install
	$(PY) bench/load.py
