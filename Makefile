# The VALUES Portal. `make run` and `make test` are the whole set-up on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

# The first Python >= 3.12 found: $(PYTHON) if given, else python3.13, python3.12,
# python3, else a pyenv build (CI's PATH may not include pyenv's shims).
PYTHON ?= $(shell \
	for c in python3.13 python3.12 python3 \
	         $$(pyenv root 2>/dev/null)/versions/3.13*/bin/python3 \
	         $$(pyenv root 2>/dev/null)/versions/3.12*/bin/python3 \
	         $$HOME/.pyenv/versions/3.13*/bin/python3 \
	         $$HOME/.pyenv/versions/3.12*/bin/python3; do \
	  if command -v "$$c" >/dev/null 2>&1 && \
	     "$$c" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	    command -v "$$c"; break; \
	  fi; \
	done)

DEV_ENV := DJANGO_DEBUG=true

.PHONY: help install dev run serve migrate demo test check lint format clean bench bench-growth chromium java pdf-libs screenshots messages

help:
	@echo "make run    - install, migrate, load the VALUES demo data and serve on http://$(HOST):$(PORT)"
	@echo "make test   - run the test suite"
	@echo "make check  - what CI runs: formatting, lint, migrations check, Django checks, tests"
	@echo "make bench  - the portal at scale under load: PostgreSQL, gunicorn, wrk (bench/README.md)"
	@echo "make bench-growth - each page's cold request at 10,000 and at 100,000 practices"
	@echo "make screenshots - write the README's screenshots into docs/screenshots/"
	@echo "make messages    - update the catalogues of every language from the code, then compile them"
	@echo "make serve-prod  - production: collect static files, check, serve with gunicorn (README: Deploy)"

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then \
	  echo "No Python >= 3.12 found. Install Python 3.12 or 3.13, or run: make PYTHON=/path/to/python3.13 run" >&2; \
	  exit 1; \
	fi
	@echo "Using $(PYTHON) ($$($(PYTHON) --version))"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# What the portal runs on: production installs this and nothing else.
$(BIN)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet .
	@touch $@

# The tests and the tools (pytest, Playwright, ruff, import-linter): make test and make check.
$(BIN)/.dev-installed: pyproject.toml $(BIN)/.installed
	$(BIN)/python -m pip install --quiet ".[dev]"
	@touch $@

install: $(BIN)/.installed

dev: $(BIN)/.dev-installed

migrate: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --no-input

demo: migrate
	$(DEV_ENV) $(BIN)/python manage.py load_values_demo

run: demo pdf-libs
	@$(DEV_ENV) $(BIN)/python manage.py demo_people --base-url http://$(HOST):$(PORT)
	$(DEV_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The browser tests (tests/browser) drive Debian's Chromium. Install it when we
# can (as root, with apt-get); otherwise the tests say so and are skipped.
CHROMIUM := /usr/lib/chromium/chromium

chromium:
	@if [ -x $(CHROMIUM) ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Chromium for the browser tests: apt-get install -y chromium"; \
	  apt-get install -y chromium >/dev/null 2>&1 || \
	    { apt-get update -qq && apt-get install -y chromium >/dev/null; } || \
	    echo "Could not install Chromium: the browser tests will be skipped." >&2; \
	else \
	  echo "Chromium is not installed ($(CHROMIUM)) and this user cannot install it:" \
	       "the browser tests will be skipped. Install it with: sudo apt-get install -y chromium" >&2; \
	fi

# tests/ops/test_w3c_valid.py runs the W3C's HTML checker (vnu.jar, from the dev extra)
# on every page; it needs Java. Installed like Chromium: when missing, as root, with apt-get.
java:
	@if command -v java >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Java for the W3C HTML checker: apt-get install -y default-jre-headless"; \
	  apt-get install -y default-jre-headless >/dev/null 2>&1 || \
	    { apt-get update -qq && apt-get install -y default-jre-headless >/dev/null; } || \
	    echo "Could not install Java: the W3C HTML check will be skipped." >&2; \
	else \
	  echo "Java is not installed and this user cannot install it: the W3C HTML check" \
	       "will be skipped. Install it with: sudo apt-get install -y default-jre-headless" >&2; \
	fi

# The funder's report is printed to PDF by WeasyPrint, which needs Pango and a
# font. Installed like Chromium: when missing, as root, with apt-get.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core

pdf-libs:
	@if ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0.so.0 && [ -d /usr/share/fonts/truetype/dejavu ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing what the PDF report needs: apt-get install -y $(PDF_PACKAGES)"; \
	  apt-get install -y $(PDF_PACKAGES) >/dev/null 2>&1 || \
	    { apt-get update -qq && apt-get install -y $(PDF_PACKAGES) >/dev/null; } || \
	    echo "Could not install $(PDF_PACKAGES): the PDF report will not render." >&2; \
	else \
	  echo "Pango is not installed: the PDF report will not render." \
	       "Install it with: sudo apt-get install -y $(PDF_PACKAGES)" >&2; \
	fi

# The suite runs in TEST_WORKERS processes at once (pytest-xdist), each with its own test
# database, live server and browser: `auto` is one per CPU core; TEST_WORKERS=0 runs it in
# this process alone (for pdb). PYTEST_ARGS narrows a run (.ci/run uses it to drive the
# browser only once).
TEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest --numprocesses $(TEST_WORKERS)

test: dev chromium java pdf-libs
	$(PYTEST) $(PYTEST_ARGS)

screenshots: dev chromium
	SCREENSHOTS_DIR=docs/screenshots $(BIN)/pytest tests/browser/test_screenshots.py -q

# The interface languages of settings.LANGUAGES with a catalogue: all but English,
# the language the strings are written in (tests/i18n checks the two lists agree).
CATALOGUES := it nl cs de es lv el fr fi

# Needs GNU gettext (apt-get install gettext). The compiled .mo files are committed,
# so a fresh clone shows every language without it.
messages: dev
	$(DEV_ENV) $(BIN)/python manage.py makemessages $(addprefix -l ,$(CATALOGUES)) --ignore=.venv --ignore=tests --ignore=build
	$(DEV_ENV) $(BIN)/python manage.py compilemessages $(addprefix -l ,$(CATALOGUES)) --ignore=.venv

# Formatting, lint, and the one-way layers of the README's "Layout" (pyproject.toml).
lint: dev
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports

format: dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: lint chromium java pdf-libs
	$(DEV_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(DEV_ENV) $(BIN)/python manage.py check
	$(PYTEST)

BENCH_SECONDS ?= 5
# The portal at scale under load (bench/README.md): values_bench database, gunicorn, wrk;
# every page anonymous, signed in and cold.
bench: install
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	BENCH_SECONDS=$(BENCH_SECONDS) $(BIN)/python bench/run.py

# Each page's cold request at 10,000 and at 100,000 practices (values_bench_growth).
bench-growth: install
	$(BIN)/python bench/run.py growth

# Production (README, "Deploy"): the settings come from the environment, never from
# here; debug stays off. `check --deploy` prints any weakness before gunicorn starts.
.PHONY: serve-prod
serve-prod: install pdf-libs
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(BIN)/python manage.py check --deploy
	GUNICORN_BIND=$${GUNICORN_BIND:-$(HOST):$(PORT)} \
	  exec $(BIN)/gunicorn --config python:ops.gunicorn_conf

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
