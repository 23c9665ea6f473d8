# One command to run the app, one to test it; both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BUNDLE_STAMP := $(VENV)/.bundle-installed

.PHONY: run test lint bench bundle system-libs clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# Qt's window needs X11 libraries of the system (Linux): install the missing ones with apt
# (as root or with sudo), or say which command does. Nothing to do on macOS and Windows.
system-libs:
	$(PYTHON) packaging/system_libs.py

run: system-libs $(STAMP)
	$(BIN)/cs-planner $(ARGS)

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Every benchmark, one table, compared with benchmarks/results.md; RECORD=1 rewrites it.
# BENCH_ARGS="--cache DIR" keeps the demo portfolios between runs; "--only map" one case.
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/harness.py $(if $(RECORD),--record) $(BENCH_ARGS)

# The self-contained app folder (PyInstaller): dist/cs-planner, or dist/cs_planner.app.
$(BUNDLE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[bundle]"
	touch $(BUNDLE_STAMP)

bundle: $(BUNDLE_STAMP)
	$(BIN)/python packaging/build_bundle.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
