# Two commands matter: `make serve` and `make test`. Both create .venv with the
# system python3 when it is missing and install the package into it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
CORPUS ?= $(if $(wildcard ../shared/corpus),../shared/corpus,examples)
STORE  ?= data/store
HOST   ?= 127.0.0.1
PORT   ?= 8000
# mypy cannot follow setuptools' editable-install hooks, so it checks a tree of
# symlinks that mirrors the installed `beslutsgraf.*` namespace.
TYPECHECK_TREE := build/typecheck
PACKAGE_DIRS   := ontology shapes ingest store service

CHROMIUM ?= /usr/bin/chromium
BROWSER_STAMP := $(VENV)/.browser-stamp
BENCH_STAMP   := $(VENV)/.bench-stamp

.PHONY: install serve test test-all lint typecheck bench browser clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# A document that fails or is quarantined is reported by ingest; the rest is served.
serve: $(STAMP)
	$(BIN)/beslutsgraf ingest $(CORPUS) --store $(STORE) || \
		echo "make serve: some documents were not loaded (see above); serving the rest"
	$(BIN)/beslutsgraf serve --store $(STORE) --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MAKE) --no-print-directory typecheck

typecheck: $(STAMP)
	mkdir -p $(TYPECHECK_TREE)/beslutsgraf
	for dir in $(PACKAGE_DIRS); do ln -sfn ../../../$$dir $(TYPECHECK_TREE)/beslutsgraf/$$dir; done
	cd $(TYPECHECK_TREE) && ../../$(BIN)/mypy --config-file ../../pyproject.toml \
		-p beslutsgraf.ontology -p beslutsgraf.shapes -p beslutsgraf.ingest \
		-p beslutsgraf.store -p beslutsgraf.service

test: lint
	$(BIN)/python -m pytest -m "not slow" -q

# The browser suite needs Debian's Chromium (the machine's package manager, as root)
# and the Playwright client; Playwright never downloads a browser of its own here.
$(BROWSER_STAMP): $(STAMP)
	test -x $(CHROMIUM) || (apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,browser]'
	touch $(BROWSER_STAMP)

browser: $(BROWSER_STAMP)

test-all: lint browser
	$(BIN)/python -m pytest -q

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
