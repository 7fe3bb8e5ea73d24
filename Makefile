# Wirehouse: `make run` for the demo, `make test` for the suite. Everything installs into .venv
# from requirements.lock; nothing is needed by hand beyond Python 3.11+.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV_VERSION := 0.13.9
export WIREHOUSE_DATA_DIR ?= $(CURDIR)/data

.PHONY: install run test lint lock clean airflow airflow-db test-airflow compose-check compose-up compose-down

# Local Airflow (standalone, SQLite metadata) over this repo's dags/ and plugins/, examples off.
AIRFLOW_ENV := AIRFLOW_HOME=$(CURDIR)/airflow_home \
	AIRFLOW__CORE__DAGS_FOLDER=$(CURDIR)/dags \
	AIRFLOW__CORE__PLUGINS_FOLDER=$(CURDIR)/plugins \
	AIRFLOW__CORE__LOAD_EXAMPLES=False \
	PYTHONPATH=$(CURDIR)

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q "uv==$(UV_VERSION)"
	$(BIN)/uv pip install -q --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	touch $@

run: install
	$(BIN)/wirehouse demo run $(if $(DEMO_PORT),--port $(DEMO_PORT))

test: install
	$(BIN)/python -m pytest -q

airflow-db: install
	$(AIRFLOW_ENV) $(BIN)/airflow db migrate
	$(BIN)/wirehouse db upgrade

airflow: airflow-db
	$(AIRFLOW_ENV) $(BIN)/airflow standalone

# The Airflow-level tests only (DagBag, `airflow dags list`, dag.test on the demo sites, plugin).
test-airflow: install
	$(BIN)/python -m pytest -q -m airflow tests/test_dags.py tests/test_plugin.py

# docker-compose.yml against the compose-spec schema (offline; no Docker needed).
compose-check: install
	$(BIN)/check-jsonschema --builtin-schema vendor.compose-spec docker-compose.yml

compose-up:
	@test -f .env || { echo "copy .env.example to .env and replace every CHANGE_ME first"; exit 1; }
	docker compose up -d --build

compose-down:
	docker compose down

# Benchmarks (never part of `make test`): every one, writing bench/RESULTS.md and
# bench/scaling.png. Shared data is read from ../shared/bench; override with BENCH_DATA=DIR.
BENCH_DATA ?= $(CURDIR)/../shared/bench
BENCH_ARGS ?=
BENCHES := startup extraction entities clustering same-window story-scale crawl warc-memory load demo-scale e2e deadline faults

.PHONY: bench bench-quick fuzz $(BENCHES:%=bench-%)

bench: install
	$(BIN)/python bench/run_all.py --data $(BENCH_DATA) $(BENCH_ARGS)

# Everything at small sizes, one run each (a few minutes); writes the same files.
bench-quick: install
	$(BIN)/python bench/run_all.py --quick --data $(BENCH_DATA) $(BENCH_ARGS)

# Property-based fuzzing of feed parsing, extraction and URLs, far longer than in `make test`.
fuzz: install
	$(BIN)/python bench/fuzz_long.py

$(BENCHES:%=bench-%): install
	$(BIN)/python bench/run_all.py --only $(@:bench-%=%) --data $(BENCH_DATA) $(BENCH_ARGS)

lint: install
	$(BIN)/ruff check .

lock:
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) data airflow_home .pytest_cache
