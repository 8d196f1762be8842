# Yuva: `make run` serves the demo, `make test` runs the suite. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST := $(BIN)/python -m pytest

.PHONY: setup system-deps run migrate demo test test-sqlite test-postgres test-services test-e2e lint lock bench clean

setup: $(VENV)/.installed system-deps

$(VENV)/.installed: requirements.lock pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

system-deps:
	@bash scripts/system-deps.sh

migrate: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py createcachetable

demo: migrate
	$(BIN)/python manage.py seed_demo

run: demo
	@bash scripts/run.sh $(PORT)

# The suite on SQLite: everything that needs no outside service.
test: setup
	@bash scripts/system-deps.sh --test
	$(BIN)/ruff check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(PYTEST) -m "not services and not e2e" -q -n 2

test-postgres: setup
	@bash scripts/system-deps.sh --test
	DATABASE_URL=$${POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/yuva} $(PYTEST) -m "not services and not e2e" -q -n 2

# Suites that need the local services: a Celery worker on Redis, PostgreSQL.
test-services: setup
	$(PYTEST) -m services -q

# axe-core (accessibility checks in the browser tests) comes from npm, pinned in
# package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

test-e2e: setup node_modules/.installed
	@bash scripts/chromium.sh
	$(PYTEST) -m e2e -q

lint: setup
	$(BIN)/ruff check .

# Re-pin every dependency after changing pyproject.toml.
lock:
	rm -rf .lockenv && $(PYTHON) -m venv .lockenv
	.lockenv/bin/pip install --quiet --upgrade pip
	.lockenv/bin/pip install --quiet ".[dev]"
	.lockenv/bin/pip freeze --exclude-editable | grep -v '^yuva' > requirements.lock
	rm -rf .lockenv

bench: setup
	$(BIN)/python -m benchmarks
	$(BIN)/python -m benchmarks.families

clean:
	rm -rf var static_collected node_modules
