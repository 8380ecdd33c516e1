# The README's commands. Each target sets up what it needs, so any of them works on a fresh clone.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
export PYTHONDONTWRITEBYTECODE := 1

PYTHON ?= python
UV := $(PYTHON) -m uv
VENV_PY := .venv/bin/python
MANAGE := $(VENV_PY) manage.py
# A throwaway key that satisfies the production checks; never used to serve anything.
CHECK_ENV := DJANGO_DEBUG=false DJANGO_ALLOWED_HOSTS=flip-the-counter.example \
	DJANGO_SECRET_KEY=check-only-$(shell printf '%060d' 0)

.PHONY: install run test test-fast lint check format system-deps bench loadtest

.venv/.installed: pyproject.toml uv.lock
	@$(PYTHON) -m uv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --disable-pip-version-check uv
	$(UV) sync --locked --quiet
	@touch $@

install: .venv/.installed

# What the browser tests and the HTML checker need (Chromium, Java, vnu.jar); installed only when
# missing and when we can (root + apt, npm).
system-deps:
	@bash scripts/ensure-system-deps

run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo --quiet-objects
	@echo "Serving Flip the Counter at http://127.0.0.1:8000/ with a task worker (Ctrl+C stops both)"
	bash scripts/run

test: install system-deps
	$(VENV_PY) -m pytest $(PYTEST_ARGS)

# Everything but the slow outside tools: no Chromium, no HTML checker.
test-fast: install
	$(VENV_PY) -m pytest -m "not browser and not htmlcheck" $(PYTEST_ARGS)

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: install
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

check: install
	$(CHECK_ENV) $(MANAGE) makemigrations --check --dry-run
	$(CHECK_ENV) $(MANAGE) check --deploy --fail-level WARNING

# Seeds BENCH_STORIES (100,000) stories into its own database (never the development one) and
# prints the table; runs with perf.settings (the site's settings plus the perf app).
bench: install
	bash scripts/bench $(BENCH_ARGS)

# 50 readers and 20 members against gunicorn for LOADTEST_SECONDS (60); PostgreSQL too when
# DATABASE_URL points at it, once with the database restarted mid-load. Runs with perf.settings.
loadtest: install
	bash scripts/loadtest
