# Everything an author or a developer runs. `make help` lists the targets.
# requirements.txt is what the site needs (every target installs it); requirements-test.txt
# adds the test and lint tools, which only `make test`, `make test-fast` and `make lint` install.
#
# SITE=DIR makes build, serve, new, check, deploy and clean work on the site folder DIR (made
# by `make init DIR=...`) instead of this folder's demo site. A relative SITE or DIR is read
# from this folder, as every command runs here: from another folder, `make -C ENGINE` needs
# an absolute one, such as SITE=$PWD. `make fuzz SITE=DIR` works on a copy of DIR instead.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-requirements
TEST_STAMP := $(VENV)/.installed-requirements-test
COMPILED := $(VENV)/.compiled-engine
PORT ?= 5000
N ?= 1000

.DEFAULT_GOAL := help
.PHONY: help init build serve test test-fast lint clean new check deploy bench fuzz screenshots

# The site's commands get the site folder as SITE_ROOT (which `site.py --root` reads).
ifdef SITE
build serve new check deploy clean: export SITE_ROOT := $(SITE)
endif

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo "SITE=DIR: build, serve, new, check, deploy or clean the site folder DIR (an absolute"
	@echo "path with make -C; a relative one is read from $(CURDIR))."

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "Python 3.11 or newer is needed (set PYTHON=python3.11)"; exit 1; }
	@if test -x $(BIN)/python; then echo "Installing the changed requirements.txt into $(VENV) ..."; \
	else echo "Installing the site's requirements into $(VENV) (first run only, about a minute) ..."; \
		$(PYTHON) -m venv $(VENV); fi
	@$(BIN)/python -m pip install --disable-pip-version-check --quiet -r requirements.txt
	@touch $(STAMP)

# The test and lint tools, installed again when either requirements file changes.
$(TEST_STAMP): requirements-test.txt $(STAMP)
	@echo "Installing the test and lint tools of requirements-test.txt into $(VENV) (about a minute) ..."
	@$(BIN)/python -m pip install --disable-pip-version-check --quiet -r requirements-test.txt
	@touch $(TEST_STAMP)

# The engine's compiled Python, written once after each change to it: where
# PYTHONDONTWRITEBYTECODE is set, every command would compile it again (80 ms).
$(COMPILED): $(STAMP) $(wildcard sitegen/*.py)
	@$(BIN)/python -m compileall -q sitegen
	@touch $(COMPILED)

init: $(STAMP) $(COMPILED) ## Create a new site folder: make init DIR=../mysite (then make serve SITE=../mysite)
	@# DIR reaches the command through the environment, so spaces and quotes stay text.
	@test -n "$$DIR" || { echo 'usage: make init DIR=path/to/new-site (relative to $(CURDIR))'; exit 2; }
	@$(BIN)/python site.py init -- "$$DIR"

build: $(STAMP) $(COMPILED) ## Build the site into build/ (atomically; the old build stays on failure; JOBS=1 for one process)
	$(BIN)/python site.py build

serve: $(STAMP) $(COMPILED) ## Preview at http://127.0.0.1:5000/ with drafts (PORT=8000 to change)
	$(BIN)/python site.py serve --port $(PORT)

test: $(TEST_STAMP) $(COMPILED) ## Run the whole test suite (installs requirements-test.txt too)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: $(TEST_STAMP) $(COMPILED) ## Run the test suite without the slow tests (large sites, browser)
	$(BIN)/python -m pytest -m "not slow" $(PYTEST_ARGS)

lint: $(TEST_STAMP) ## Run ruff, mypy (strict), radon (no function graded D or worse) and the 50-line limit
	@status=0; \
	echo "ruff check site.py sitegen tests"; \
	$(BIN)/ruff check site.py sitegen tests || status=1; \
	echo "mypy (site.py, sitegen: strict)"; \
	$(BIN)/mypy || status=1; \
	echo "radon cc -n D site.py sitegen"; \
	complex=$$($(BIN)/radon cc -n D site.py sitegen) || status=1; \
	if [ -n "$$complex" ]; then echo "$$complex"; echo "Functions graded D or worse (above)"; status=1; fi; \
	echo "tests/lint_lengths.py site.py sitegen"; \
	$(BIN)/python tests/lint_lengths.py site.py sitegen || status=1; \
	exit $$status

new: $(STAMP) $(COMPILED) ## Start a draft post: make new TITLE="My post"
	@# TITLE reaches the command through the environment, so quotes, $ and ` stay text.
	@test -n "$$TITLE" || { echo 'usage: make new TITLE="My post"'; exit 2; }
	@$(BIN)/python site.py new -- "$$TITLE"

check: $(STAMP) $(COMPILED) ## Build, then verify every link, anchor, image, feed, title and description
	$(BIN)/python site.py check

deploy: $(STAMP) $(COMPILED) ## Publish build/ with rsync to DEPLOY_TARGET (keeps CNAME, .nojekyll)
	@test -n "$$DEPLOY_TARGET" || { echo 'usage: make deploy DEPLOY_TARGET=user@host:/var/www/site/'; exit 2; }
	$(BIN)/python site.py deploy --target "$$DEPLOY_TARGET"

screenshots: $(TEST_STAMP) $(COMPILED) ## Screenshots of the demo (home, post, docs, search; light, dark; 1280 and 390 px) into tests/screenshots/
	$(BIN)/python tests/screenshots.py

bench: $(STAMP) $(COMPILED) ## Time N posts' builds (N=1000) in two configurations beside Hugo, Hugo + Pagefind and Pelican, against the targets (SCALE="5000 10000" adds larger sites)
	$(BIN)/python tests/bench.py --n $(N) $(if $(SCALE),--scale $(SCALE))

fuzz: $(STAMP) $(COMPILED) ## Random runs of edits on a copy of SITE (ROUNDS=40, SEED=1): each rebuild against a clean build, the preview against a fresh one
	@test -n "$(SITE)" || { echo 'usage: make fuzz SITE=path/to/site [ROUNDS=40] [SEED=1]'; exit 2; }
	$(BIN)/python tests/fuzz_rebuilds.py "$(SITE)" --rounds $(or $(ROUNDS),40) --seed $(or $(SEED),1)

clean: $(STAMP) ## Remove build/, the previous build kept beside it, and the cache: only what builds wrote
	$(BIN)/python site.py clean
