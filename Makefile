# Two commands on a fresh machine: `make run` and `make test` (CONTRACT section 1).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# Python keeps its bytecode, and pytest its rewritten test modules, in __pycache__ even where the
# environment says not to: without them every run, and every test worker and process a test starts,
# compiled our modules anew (a third of the fast suite's start)
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test test-fast setup migration clean

run: setup
	$(BIN)/dorpslijn run

test: $(INSTALLED)  # on every core (pytest-xdist); each worker has a database of its own
	$(BIN)/pytest -n auto

test-fast: $(INSTALLED)  # the cores alone: no stories through the webhooks, no fault or browser tests
	$(BIN)/pytest -n auto -m "not story and not fault and not browser"

setup: $(INSTALLED)
	$(BIN)/dorpslijn setup

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(INSTALLED)

migration: $(INSTALLED)  # make migration m="why the schema changes"
	scripts/new_migration.sh "$(m)"

clean:
	rm -rf $(VENV) instance
