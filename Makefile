# Two commands that work on a fresh machine: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
AXE := tests/browser/node_modules/.installed

.PHONY: run test install install-dev install-axe lint typecheck demo bench clean

$(VENV)/.installed: requirements.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# axe-core for the accessibility tests, pinned in tests/browser/package-lock.json (no install scripts run).
# Without npm the accessibility tests skip (and fail in CI, where .ci/run installs npm).
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch node_modules/.installed; \
	else \
		echo "npm not found: the accessibility tests will be skipped (apt-get install npm)"; \
	fi

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev
install-axe: $(AXE)

## Install, create demo data if the database is empty, and serve the app.
run: install
	$(PY) -m storage demo --if-empty
	$(PY) -m ui.gate
	$(VENV)/bin/streamlit run app.py --server.port $(PORT)

## Install, lint, type-check and run every test (PostgreSQL is started for the run when available).
test: install-dev install-axe lint typecheck
	scripts/with_postgres.sh $(PY) -m pytest

lint: install-dev
	$(VENV)/bin/ruff check .

typecheck: install-dev
	$(VENV)/bin/mypy

demo: install
	$(PY) -m storage demo

bench: install-dev
	$(PY) -m bench.rerun
	$(PY) -m bench.wall_scaling
	$(PY) -m bench.organisers_report
	$(PY) -m bench.startup
	$(PY) -m bench.workshop_load

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache tests/browser/node_modules
