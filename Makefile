# kbsite's tasks. `make site` and `make test` are the two commands of the README.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site serve test test-fast lint browser-deps golden bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.deps: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.deps

site: $(VENV)/.deps  ## set up, then build the default KB into docs/, .kbsite/index and site/
	$(BIN)/python build_index.py build

serve: $(VENV)/.deps
	$(BIN)/python build_index.py serve

browser-deps:  ## Debian's chromium for the browser tests (and node packages they inject)
	sh scripts/browser-deps.sh

lint: $(VENV)/.dev-deps
	$(BIN)/ruff check .

test: $(VENV)/.dev-deps browser-deps lint  ## set up, then run every test
	$(BIN)/python -m pytest -q

test-fast: $(VENV)/.dev-deps
	$(BIN)/python -m pytest -q -m "not browser and not slow"

golden: $(VENV)/.dev-deps  ## rewrite tests/golden/ from a build of the default KB
	$(BIN)/python -m tests.golden

bench: $(VENV)/.dev-deps browser-deps  ## 1k articles; see BENCHMARKS.md for the sizes and options
	$(BIN)/python -m pip install -q -r requirements-bench.txt
	$(BIN)/python benchmarks/bench_build.py --sizes 1000
	$(BIN)/python benchmarks/bench_search.py --sizes 1000

clean: $(VENV)/.deps  ## remove site/, the index and the cache, under the build lock (refused while a build runs)
	$(BIN)/python build_index.py clean
