# vngov: `make run` sets everything up and builds the dataset from seeds/; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
INPUT ?= seeds
OUTPUT ?= output
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1
export PREFECT_LOGGING_LEVEL := WARNING
export GX_ANALYTICS_ENABLED := false

.PHONY: setup run test lint docs bench bench-quick lock clean

# The environment is rebuilt whenever the lock changes; uv verifies every pinned hash.
$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip sync --quiet --compile-bytecode --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

setup: $(VENV)/.installed

run: setup
	$(BIN)/vngov run --input $(INPUT) --output $(OUTPUT)

test: setup
	$(BIN)/pytest -n 2

lint: setup
	$(BIN)/ruff check flows tests tools bench
	$(BIN)/ruff format --check flows tests tools bench
	$(BIN)/mypy flows

docs: setup
	{ printf '# The tables\n\nGenerated from `schemas/` by `make docs` (`vngov tables`); do not edit by hand.\n\n'; \
	  $(BIN)/vngov tables; } > docs/tables.md
	$(BIN)/python tools/build_expectations.py

bench: setup
	$(BIN)/python bench/run_bench.py

bench-quick: setup
	$(BIN)/python bench/run_bench.py --quick

# Re-resolve the pins after editing pyproject.toml's dependencies.
lock:
	$(BIN)/uv pip compile pyproject.toml --group dev --generate-hashes --python-version 3.11 --no-header -o requirements.lock

clean:
	rm -rf $(OUTPUT) .pytest_cache .mypy_cache .ruff_cache
