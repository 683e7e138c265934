# The two commands of the README: `make run` and `make test`. Everything else supports them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install setup run test lint format messages bench bench-tiny bench-install clean-db

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "SXSH Portal needs Python 3.11 (found %d.%d)" % sys.version_info[:2])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

install: $(STAMP)

# Migrate and load the seed fixtures and demo data; safe to run any number of times.
setup: install
	@$(BIN)/python manage.py check_pdf_support || true
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py setup_demo

# The portal as its users see it: Vietnamese error pages, static files from WhiteNoise.
# Django's debug pages only on request: `DEBUG=true make run`.
run: setup
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# In parallel, one worker per core (pytest-xdist); `make test TEST_WORKERS=0` runs in one process.
# loadgroup: a file is one unit of work (its access table builds its world once) and the
# tests with a real Celery worker run one after another (tests/conftest.py).
# --nomigrations: each worker creates its SQLite tables from the models in seconds instead of
# replaying every migration (about a minute a worker); the migrations themselves are checked
# by `makemigrations --check` and run by CI's PostgreSQL suite and by `make run`.
TEST_WORKERS ?= auto

test: install
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup --nomigrations

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the Vietnamese/English message catalogues after changing strings.
messages: install
	$(BIN)/python manage.py makemessages -l vi -l en --ignore=.venv --ignore=staticfiles --ignore=tests --ignore=scripts --ignore=bench --no-obsolete

# Benchmarks on PostgreSQL + Redis at 127.0.0.1 (see bench/run.py): `bench` at national size
# (generates the data once into the sxsh_bench database), `bench-tiny` in seconds for CI.
bench-install: install
	$(BIN)/pip install --quiet -r requirements-bench.txt

bench: bench-install
	$(BIN)/python bench/run.py

bench-tiny: bench-install
	$(BIN)/python bench/run.py --tiny

clean-db:
	rm -f db.sqlite3 db.sqlite3-wal db.sqlite3-shm
