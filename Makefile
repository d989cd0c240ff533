# Hevruta: `make run` sets up and serves the platform; `make test` runs every test.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup test test-sqlite test-postgres test-browser lint lock messages clean

# The address served; the site builds its links and credential ids from it unless SITE_URL is set.
run: export MAKE_RUN_URL := http://$(HOST):$(PORT)
run: setup
	$(PY) manage.py load_demo --if-empty
	@$(PY) manage.py demo_logins --url http://$(HOST):$(PORT)/
	$(PY) manage.py serve $(HOST):$(PORT)

# Creates the virtual environment with Python 3.12+, installs the locked dependencies, migrates.
setup: $(VENV)/.installed
	@mkdir -p var
	$(PY) manage.py migrate --no-input -v 0

$(VENV)/.installed: requirements/app.txt requirements/dev.txt
	@bash scripts/make-venv.sh $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check --require-hashes -r requirements/app.txt -r requirements/dev.txt
	@touch $@

test: setup
	bash scripts/test.sh

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy hevruta

# Re-pin dependencies after editing requirements/*.in.
lock:
	$(VENV)/bin/pip install -q pip-tools
	cd requirements && ../$(VENV)/bin/pip-compile -q --generate-hashes --strip-extras --allow-unsafe -o app.txt app.in
	cd requirements && ../$(VENV)/bin/pip-compile -q --generate-hashes --strip-extras --allow-unsafe -o dev.txt dev.in

messages: setup
	cd hevruta && ../$(PY) ../manage.py makemessages -l he -l ar --no-obsolete --ignore='static/*'
	cd hevruta && ../$(PY) ../manage.py compilemessages

clean:
	rm -rf $(VENV) var
