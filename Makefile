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

.PHONY: install serve test test-all lint typecheck bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

serve: $(STAMP)
	$(BIN)/beslutsgraf ingest $(CORPUS) --store $(STORE)
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

test-all: lint
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
