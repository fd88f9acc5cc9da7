# Two commands do everything on a fresh machine: `make run` and `make test` (see README).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
WORKERS ?= 3
STAMP := $(VENV)/.installed

export DJANGO_SECURE_SSL ?= 0
export DJANGO_ALLOWED_HOSTS ?= localhost,127.0.0.1,[::1]

.PHONY: run test install deps-test lint check-migrations serve-prep bench lighthouse load

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

run: serve-prep
	PORT=$(PORT) DJANGO_SECRET_KEY="$$(cat .secret-key)" $(VENV)/bin/gunicorn careerguide.wsgi \
		--bind 127.0.0.1:$(PORT) --workers $(WORKERS) --access-logfile -

# Test-only tools: Debian's Chromium for the browser tests, axe-core from npm.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch node_modules/.installed

deps-test: install node_modules/.installed
	@command -v chromium >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check-migrations: install
	$(PY) manage.py makemigrations --check --dry-run

# Two processes (pytest-xdist): the machine has two cores.
test: deps-test lint check-migrations
	DJANGO_SECRET_KEY=test-only-secret DJANGO_ALLOW_ASYNC_UNSAFE=true \
		$(VENV)/bin/pytest -q -n 2

# Measurements: each script starts its own gunicorn on a throwaway database and prints figures.
bench: install
	$(PY) bench/estimator_vs_page.py

lighthouse: install node_modules/.installed
	$(PY) bench/lighthouse.py

load: install
	$(PY) bench/load.py
