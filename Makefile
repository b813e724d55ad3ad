# corpus_tools: `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash
export NO_MKDOCS_2_WARNING := 1  # Material's banner about its successor, on every build

VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
RAW ?= data/raw
OUT ?= data/processed
REPORTS ?= reports

VERSION_OF = -c 'import sys; print("%d.%d" % sys.version_info[:2])'

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "corpus_tools demande Python 3.11 ou plus récent ; $(PYTHON) est " + sys.version.split()[0] + " : make install PYTHON=python3.11 (ou plus récent)")'
	@if [ -e $(VENV) ] && [ "$$($(BIN)/python $(VERSION_OF) 2>/dev/null)" != "$$($(PYTHON) $(VERSION_OF))" -o ! -x $(BIN)/pip ]; then \
		echo "$(VENV) est abîmé ou a été fait avec un autre Python : il est refait avec $(PYTHON)"; \
		rm -rf $(VENV); \
	fi
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --constraint constraints.txt --editable ".[dev]"
	touch $(STAMP)

# the browser tests' headless Chromium and its driver, from Debian's packages (root, or sudo)
BROWSER := /usr/bin/chromedriver
$(BROWSER):
	@command -v apt-get >/dev/null || { echo "les tests du navigateur demandent Chromium et chromedriver (paquets chromium et chromium-driver de Debian) : installez-les"; exit 1; }
	$(if $(filter 0,$(shell id -u)),,sudo) env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	$(if $(filter 0,$(shell id -u)),,sudo) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver

.PHONY: help install browser run test test-quick lab lint docs clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

install: $(STAMP) ## create .venv and install the package with its pinned dependencies

browser: $(BROWSER) ## install headless Chromium and chromedriver (Debian packages) for the browser tests

run: $(STAMP) ## set up, process the sample corpus (data/raw -> data/processed) and write reports/
	$(BIN)/corpus-tools run $(RAW) --out $(OUT)
	$(BIN)/corpus-tools report $(OUT) --out $(REPORTS)

test: $(STAMP) $(BROWSER) ## set up, then lint, build the documentation and run the whole test suite (CI)
	$(BIN)/ruff check src tests benchmarks notebooks
	$(BIN)/mkdocs build --strict --quiet
	$(BIN)/python -m pytest

test-quick: $(STAMP) $(BROWSER) ## the tests not marked slow (under a minute)
	$(BIN)/python -m pytest -m "not slow" -q

lab: $(STAMP) ## open JupyterLab on the notebooks
	$(BIN)/jupyter lab notebooks/

lint: $(STAMP) ## check the code style with ruff
	$(BIN)/ruff check src tests benchmarks notebooks

docs: $(STAMP) ## build the documentation site into site/ (open site/index.html)
	$(BIN)/mkdocs build --strict

clean: ## remove the generated tables and the virtual environment
	rm -rf $(VENV) site $(OUT)/*.parquet $(OUT)/*.csv $(OUT)/*.json
