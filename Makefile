# Wirehouse: `make run` for the demo, `make test` for the suite. Everything installs into .venv
# from requirements.lock; nothing is needed by hand beyond Python 3.11+.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
UV_VERSION := 0.13.9
export WIREHOUSE_DATA_DIR ?= $(CURDIR)/data

.PHONY: install run test lint lock clean airflow airflow-ports airflow-db airflow-login airflow-unpause test-airflow compose-check compose-up compose-down

# Local Airflow (standalone, SQLite metadata) over this repo's dags/ and plugins/, examples off.
# Override on the command line: make airflow AIRFLOW_HOME=/tmp/af AIRFLOW_PORT=8090
# AIRFLOW_LOG_PORT=8795 (a second instance beside the first needs both ports of its own).
# The UI listens on loopback only (a development setup; docker-compose.yml is the deployment).
# `airflow standalone` starts its parts as plain `airflow ...` commands, hence the venv on PATH;
# api.base_url is where the tasks reach the execution API and what alert links point at. A task
# waits up to 30 s (Airflow: 5) for that API: on a busy 2-core machine 5 s failed tasks at start.
AIRFLOW_HOME ?= $(CURDIR)/airflow_home
AIRFLOW_PORT ?= 8080
# Airflow's log servers: the worker's (tasks' logs) on AIRFLOW_LOG_PORT, the triggerer's on the
# next port up (Airflow's defaults: 8793 and 8794), bound on all interfaces by every instance.
AIRFLOW_LOG_PORT ?= 8793
# (nothing when AIRFLOW_LOG_PORT is no number: airflow-ports names that one, where expr's own
# "non-integer argument" preceded it once for every expansion)
AIRFLOW_TRIGGER_LOG_PORT ?= $(shell expr $(AIRFLOW_LOG_PORT) + 1 2>/dev/null)
# the Redis the wirehouse_push DAG's watcher listens to (Airflow connection redis_default)
AIRFLOW_REDIS_URL ?= redis://127.0.0.1:6379/0
# Task processes at once ([core] parallelism, Airflow's default 32): standalone's LocalExecutor
# forks that many idle workers when the scheduler starts (32 held 142 MiB of private memory on
# a 2-core machine); 8 leaves room for a run's fetch batches (WIREHOUSE_AIRFLOW_FETCH_PARALLELISM,
# 4) beside the events, push and websub tasks.
AIRFLOW_PARALLELISM ?= 8
# Airflow imports starlette's test client, whose deprecation warning (a dependency's concern, not
# ours) opened the output of every Airflow process and of the login line.
AIRFLOW_ENV := PATH="$(abspath $(BIN)):$$PATH" \
	PYTHONWARNINGS='ignore:Using `httpx` with `starlette.testclient`' \
	AIRFLOW_HOME="$(AIRFLOW_HOME)" \
	AIRFLOW_CONN_REDIS_DEFAULT="$(AIRFLOW_REDIS_URL)" \
	AIRFLOW__API__HOST=127.0.0.1 \
	AIRFLOW__API__PORT=$(AIRFLOW_PORT) \
	AIRFLOW__API__BASE_URL=http://localhost:$(AIRFLOW_PORT) \
	AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT=$(AIRFLOW_LOG_PORT) \
	AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT=$(AIRFLOW_TRIGGER_LOG_PORT) \
	AIRFLOW__CORE__DAGS_FOLDER="$(CURDIR)/dags" \
	AIRFLOW__CORE__PLUGINS_FOLDER="$(CURDIR)/plugins" \
	AIRFLOW__CORE__LOAD_EXAMPLES=False \
	AIRFLOW__CORE__PARALLELISM=$(AIRFLOW_PARALLELISM) \
	AIRFLOW__WORKERS__EXECUTION_API_TIMEOUT=30 \
	PYTHONPATH="$(CURDIR)"

install: $(VENV)/.installed $(VENV)/.compiled

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q "uv==$(UV_VERSION)"
	$(BIN)/uv pip install -q --python $(BIN)/python -r requirements.lock
	$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	touch $@

# Bytecode of every installed module, written once: where Python writes none itself
# (PYTHONDONTWRITEBYTECODE=1, a read-only venv) each process compiles every module it imports from
# source, seconds of CPU for each `wirehouse` or Airflow process (the suite starts hundreds).
$(VENV)/.compiled: $(VENV)/.installed
	$(BIN)/python -m compileall -q -j 0 "$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')"
	touch $@

# DEMO_PORT=N is the setting WIREHOUSE_DEMO_PORT: a port set there and taken, or no port number,
# is an error naming it (only the default port falls back to free ports)
ifdef DEMO_PORT
run: export WIREHOUSE_DEMO_PORT = $(DEMO_PORT)
endif
run: install
	$(BIN)/wirehouse demo run

# The suite on PYTEST_WORKERS pytest-xdist workers (whole modules, in the order tests/conftest.py gives).
# Most tests wait on subprocesses, servers and sockets, so more workers than cores pay off;
# PYTEST_WORKERS=0 runs everything in one process.
PYTEST_WORKERS ?= 6

# The project's own modules are compiled first for the same reason (only the changed ones).
test: install
	$(BIN)/python -m compileall -q wirehouse load transform extract dags plugins tests bench
	$(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder

# AIRFLOW_HOME is checked (and created) first: where Airflow cannot create its files it stopped
# in a traceback; one another `make airflow` runs in is refused (a second scheduler ran over its
# metadata). The migration runs as standalone does, so that Ctrl-C ends it without a traceback.
airflow-db: install
	@$(BIN)/python -m wirehouse.airflow_home "$(AIRFLOW_HOME)"
	$(AIRFLOW_ENV) $(BIN)/python -m wirehouse.airflow_standalone $(BIN)/airflow db migrate
	$(BIN)/wirehouse db upgrade

# The triggerer's log port, unless set, is checked as AIRFLOW_LOG_PORT+1: a failure names the
# variable the user set (AIRFLOW_LOG_PORT=65535 said AIRFLOW_TRIGGER_LOG_PORT='65536').
TRIGGER_LOG_PORT_NAME = $(if $(filter file,$(origin AIRFLOW_TRIGGER_LOG_PORT)),\
	AIRFLOW_LOG_PORT+1,AIRFLOW_TRIGGER_LOG_PORT)
airflow-ports: install
	@$(BIN)/python -m wirehouse.airflow_ports AIRFLOW_PORT=127.0.0.1:$(AIRFLOW_PORT) \
		AIRFLOW_LOG_PORT=:$(AIRFLOW_LOG_PORT) \
		$(strip $(TRIGGER_LOG_PORT_NAME))=:$(AIRFLOW_TRIGGER_LOG_PORT)

# The login (user, password and the file holding it), printed before every start; here only
# one Airflow keeps already (an AIRFLOW_HOME other than the running one's is one line, status 1).
airflow-login: install
	@$(AIRFLOW_ENV) $(BIN)/python -m wirehouse.airflow_login --existing

# Its ports are checked first: with one taken, standalone ran on without the part that needed it.
# Standalone runs in a process group of its own and is passed Ctrl-C alone
# (wirehouse/airflow_standalone.py): its parts, signalled by the terminal too, hung on the
# second signal or were left running.
airflow: airflow-ports airflow-db
	@$(AIRFLOW_ENV) $(BIN)/python -m wirehouse.airflow_login
	$(AIRFLOW_ENV) $(BIN)/python -m wirehouse.airflow_standalone --hold-home $(BIN)/airflow standalone

# DAGs start paused: this unpauses all four (the same as their toggles in the UI), then lists
# them with their state. Airflow's own table is dropped: it shows each DAG's state before the
# change (is_paused True for a DAG just unpaused). An AIRFLOW_HOME whose metadata database is
# missing or not migrated (no Airflow started there) ends in one line first (Airflow's commands
# created an empty database there and printed their migration log line).
PIPELINE_DAGS := ^wirehouse_(ingest|events|push|websub)$$
airflow-unpause: install
	@$(AIRFLOW_ENV) $(BIN)/python -m wirehouse.airflow_metadata
	@$(AIRFLOW_ENV) $(BIN)/airflow dags unpause --treat-dag-id-as-regex --yes '$(PIPELINE_DAGS)' >/dev/null
	@$(AIRFLOW_ENV) $(BIN)/airflow dags list --columns dag_id,is_paused -o plain \
		| grep -E '^(dag_id|wirehouse_(ingest|events|push|websub)) ' \
		|| echo "no wirehouse DAG is known to Airflow yet: start 'make airflow' and unpause once it has read dags/"

# The Airflow-level tests only (DagBag, `airflow dags list`, dag.test on the demo sites, plugin,
# `make airflow` itself, the CeleryExecutor chain).
test-airflow: install
	$(BIN)/python -m pytest -q -m airflow tests/

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
BENCHES := startup extraction entities entities-held-out entities-unseen entities-unseen-2 entities-unseen-3 entities-unseen-4 entities-unseen-5 entities-unseen-6 entities-unseen-7 clustering same-window real-pages story-scale crawl warc-memory load demo-scale e2e deadline faults push

.PHONY: bench bench-quick bench-push-airflow fuzz $(BENCHES:%=bench-%)

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

# Push latency through `airflow standalone` (plugin callback, Redis watcher, triggerer); not part
# of `make bench`. Prints its figures only (bench/README.md, "Through Airflow").
bench-push-airflow: install
	$(BIN)/python bench/push_bench.py --airflow --redis-url $(AIRFLOW_REDIS_URL) $(BENCH_ARGS)

lint: install
	$(BIN)/ruff check .

lock:
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) data airflow_home .pytest_cache
