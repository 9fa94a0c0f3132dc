# Two commands for a fresh machine with nothing but Python: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: setup run test migrate demo index services-test clean

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# axe-core for the accessibility tests; skipped with a message where npm is missing.
node_modules/.installed: package.json
	@if command -v npm >/dev/null 2>&1; then npm install --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: accessibility (axe-core) tests will be skipped"; fi

migrate: setup
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo

index: setup
	$(PY) manage.py rebuild_index --noinput

run: demo index
	@echo "阳光政务 on http://$(HOST)/  (后台 /admin/：admin / demo-portal-2026)"
	$(PY) manage.py runserver $(HOST) --noreload

test: setup
	$(PY) -m pytest

# gunicorn + Celery workers (search/default) + beat against this machine's PostgreSQL and Redis:
# publish through the admin over HTTP and find it in search (deploy/services_test.py).
services-test: setup
	$(PY) deploy/services_test.py

clean:
	rm -rf var/whoosh var/test.sqlite3
