# Everything an author or a developer runs. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-requirements
PORT ?= 5000
N ?= 1000

.DEFAULT_GOAL := help
.PHONY: help build serve test clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-8s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or newer is needed (set PYTHON=python3.11)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --quiet -r requirements.txt
	@touch $(STAMP)

build: $(STAMP) ## Build the site into build/ (atomically; the old build stays on failure)
	$(BIN)/python site.py build

serve: $(STAMP) ## Preview at http://127.0.0.1:5000/ with drafts (PORT=8000 to change)
	$(BIN)/python site.py serve --port $(PORT)

test: $(STAMP) ## Run the whole test suite
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean: ## Remove build/ and the render cache (.cache/)
	rm -rf build .cache .build-tmp-* .build.lock
