# Two commands on a fresh machine (Python 3.11+ and make):
#   make run    install, build the knowledge index if needed, load the demo programme into an empty
#               database (its accounts are printed), serve http://127.0.0.1:7860
#   make test   install, run the whole test suite (browser tests need Debian's chromium)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: install run test test-fast lint bench clean

$(STAMP):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[test,lint]"
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

run: install
	$(BIN)/companion demo --if-empty
	$(BIN)/python app.py

# Two workers (the machine has two cores); files stay together, see tests/conftest.py. PYTEST_WORKERS=0 runs serially.
PYTEST_WORKERS ?= 2
PYTEST := $(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup

test: install
	$(PYTEST)

test-fast: install
	$(PYTEST) -m "not slow"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: install
	$(BIN)/python -m bench.run --full-ingest

clean:
	rm -rf $(VENV) data .pytest_cache
