# hotspot-kg: the commands the README shows.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
HK     := $(BIN)/hotspot-kg

.PHONY: install neo4j image demo test test-unit test-integration lint format bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Error: $(PYTHON) not found; install Python 3.11 or run make PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,spark]'
	touch $@

neo4j: install
	$(HK) neo4j start

image: install
	$(HK) image build

demo: install
	$(HK) demo

test: install
	sh scripts/ensure-chromium.sh
	$(BIN)/pytest tests/unit tests/integration

test-unit: install
	$(BIN)/pytest tests/unit

test-integration: install
	$(BIN)/pytest tests/integration

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python -m benchmarks

clean:
	-$(HK) neo4j stop
	rm -rf $(VENV) .neo4j neo4j-build/*/target
