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

.PHONY: help install run serve migrate demo test check lint format clean

help:
	@echo "make run    - install, migrate, load the VALUES demo data and serve on http://$(HOST):$(PORT)"
	@echo "make test   - run the test suite"
	@echo "make check  - what CI runs: formatting, lint, migrations check, Django checks, tests"

$(BIN)/.installed: pyproject.toml
	@if [ -z "$(PYTHON)" ]; then \
	  echo "No Python >= 3.12 found. Install Python 3.12 or 3.13, or run: make PYTHON=/path/to/python3.13 run" >&2; \
	  exit 1; \
	fi
	@echo "Using $(PYTHON) ($$($(PYTHON) --version))"
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet ".[dev]"
	@touch $@

install: $(BIN)/.installed

migrate: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --no-input

demo: migrate
	$(DEV_ENV) $(BIN)/python manage.py load_values_demo

run: demo
	@$(DEV_ENV) $(BIN)/python manage.py demo_coordinator
	$(DEV_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: lint
	$(DEV_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	$(DEV_ENV) $(BIN)/python manage.py check
	$(BIN)/pytest

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
