# Nordlicht Stimme: corporate blog and internal communications on Wagtail.
# `make help` lists the targets.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# First interpreter that really runs and is >= 3.12 (pyenv shims may exist
# for versions that are not active, so each candidate is executed, not just found).
PYTHON_CANDIDATES := python3.13 python3.12 python3 $(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3.13) $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12)
BASE_PYTHON ?= $(shell for p in $(PYTHON_CANDIDATES); do $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)

.PHONY: help venv install install-dev migrate messages seed run sso-demo sso-demo-reset worker test test-fast lint format clean bench soak backup restore

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}'

$(VENV)/.created:
	@if [ -z "$(BASE_PYTHON)" ]; then echo "Python 3.12 or newer is needed (python3.13 preferred). Install it and try again." >&2; exit 1; fi
	$(BASE_PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	touch $@

venv: $(VENV)/.created ## Create the virtual environment (.venv)

$(VENV)/.installed: $(VENV)/.created pyproject.toml
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

# The test suite's real parts from npm (the W3C Nu HTML checker, an OpenID
# Connect provider). Without npm the tests that need them skip, or fail under CI=true.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $@; else echo "npm not found: the HTML-validity and single-sign-on tests will say so"; fi

install: $(VENV)/.installed ## Install the runtime dependencies

install-dev: $(VENV)/.installed-dev node_modules/.installed ## Install runtime and test dependencies (Python, and npm test tools)

migrate: install ## Apply database migrations (SQLite by default)
	$(PY) manage.py migrate --noinput

messages: install ## Compile the German and English message catalogues (needs gettext)
	@if command -v msgfmt >/dev/null; then $(PY) manage.py compilemessages --ignore=.venv -v 0; else echo "gettext not installed: using the committed .mo files"; fi

seed: migrate ## Load the demo content (idempotent)
	$(PY) manage.py seed_demo

# The address the site links to is the one it serves at: migrate (a prerequisite)
# writes BASE_URL into Wagtail's and django.contrib.sites' site rows. A BASE_URL
# from the environment (a proxy in front, say) wins.
run: export BASE_URL ?= http://127.0.0.1:$(PORT)
run: install messages seed ## Install, migrate, seed and serve on http://127.0.0.1:$(PORT) with the task worker
	@echo "Serving on http://127.0.0.1:$(PORT)/, linking to $$BASE_URL/  (admin: /admin/). Ctrl-C stops the site and the worker."
	@trap 'kill 0' EXIT INT TERM; \
	  $(PY) manage.py run_worker --interval 1 --verbosity 0 & \
	  $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The tests' OpenID Connect provider (npm oidc-provider) on SSO_PORT with the demo
# users, and `make run` signed in against it; the provider stops when the site does.
# Its accounts are a copy in var/ (edit it to move someone; `make sso-demo-reset`
# brings back the demo users).
SSO_PORT ?= 9400
SSO_ACCOUNTS := var/sso-demo-accounts.json
sso-demo: export BASE_URL ?= http://127.0.0.1:$(PORT)
sso-demo: export OIDC_ISSUER := http://127.0.0.1:$(SSO_PORT)
sso-demo: export OIDC_CLIENT_ID := stimme
sso-demo: export OIDC_CLIENT_SECRET := stimme-local-secret
sso-demo: export OIDC_SCOPES := openid,profile,email,groups,org
sso-demo: export OIDC_ROLE_MAP := stimme-mitarbeitende=Employees,stimme-autoren=Authors,stimme-redaktion=Editors
sso-demo: install node_modules/.installed ## Serve like `make run`, signed in with the local demo provider on SSO_PORT (9400)
	@command -v node >/dev/null && [ -d node_modules/oidc-provider ] || { echo "sso-demo needs Node.js 20+ and npm (make install-dev installs oidc-provider)" >&2; exit 1; }
	@mkdir -p var && { [ -f $(SSO_ACCOUNTS) ] || cp tests/identity/provider/accounts.json $(SSO_ACCOUNTS); }
	@node tests/identity/provider/provider.mjs --port $(SSO_PORT) --accounts $(SSO_ACCOUNTS) \
	  --redirect $$BASE_URL/sso/complete/company/ --post-logout $$BASE_URL/ \
	  --backchannel $$BASE_URL/sso/backchannel-logout/ & provider=$$!; \
	  trap 'kill $$provider 2>/dev/null' EXIT; \
	  for _ in $$(seq 1 50); do \
	    $(PY) -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)" \
	      "$$OIDC_ISSUER/.well-known/openid-configuration" 2>/dev/null && break; \
	    kill -0 $$provider 2>/dev/null || { echo "the demo provider did not start (port $(SSO_PORT) taken? try SSO_PORT=...)" >&2; exit 1; }; \
	    sleep 0.2; \
	  done; \
	  echo "Demo provider at $$OIDC_ISSUER (users in $(SSO_ACCOUNTS), any password)."; \
	  $(MAKE) --no-print-directory run

sso-demo-reset: ## Bring back the demo provider's users as tests/identity/provider/accounts.json has them
	mkdir -p var && cp tests/identity/provider/accounts.json $(SSO_ACCOUNTS)

worker: install ## Run only the background task worker
	$(PY) manage.py run_worker

# One pytest worker per core, at most four: the browser, server and seeding work
# of each worker is its own, so more workers than cores only queue for them.
# TEST_WORKERS=0 runs in one process (a debugger, print output in order).
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); echo $$(( n > 4 ? 4 : n )))
test: install-dev ## Run the whole test suite (SQLite in memory, or DATABASE_URL), one worker per core
	$(PY) -m pytest -n $(TEST_WORKERS)

lint: install-dev ## Run ruff (lint and format check) and bandit (security lint)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/bandit -c pyproject.toml -r . -q

format: install-dev ## Fix what ruff can fix
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean: ## Remove the virtual environment, the SQLite database and media
	rm -rf $(VENV) db.sqlite3 media staticfiles

bench: install ## Load-test under production settings (PostgreSQL, Redis, wrk, nginx); BENCH_SECONDS=3 for a dry run
	$(PY) bench/run.py

soak: install-dev ## Readers, commenters, employees and an editor at once against gunicorn + PostgreSQL for SOAK_SECONDS (60), then check nothing was lost
	$(PY) -m soak.run

# Backups go to $(BACKUPS)/<date-time>/ (git-ignored); DATABASE_URL and MEDIA_ROOT say what is backed up.
BACKUPS ?= backups

backup: install ## Back up the database (pg_dump or SQLite copy) and uploaded originals to backups/<date-time>/
	$(PY) manage.py backup_site --into "$(BACKUPS)"

restore: install ## Restore one: make restore BACKUP=backups/<date-time> (asks first; NOINPUT=1 does not)
	@if [ -z "$(BACKUP)" ]; then echo "Which backup? make restore BACKUP=$(BACKUPS)/<date-time>; there are: $$(ls $(BACKUPS) 2>/dev/null | tr '\n' ' ')" >&2; exit 2; fi
	@if [ ! -d "$(BACKUP)" ]; then echo "No backup folder at $(BACKUP)" >&2; exit 2; fi
	$(PY) manage.py restore_site $(if $(NOINPUT),--noinput) "$(BACKUP)"
