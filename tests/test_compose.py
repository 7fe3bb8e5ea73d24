"""docker-compose.yml, validated offline (no Docker engine here): the compose-spec schema, the
service graph, one shared image and environment for Airflow, health checks, required settings,
secrets only from .env, and the preflight that refuses placeholder secrets (run with /bin/sh).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
COMPOSE = REPO / "docker-compose.yml"
ENV_EXAMPLE = REPO / ".env.example"
DOCKERFILE = REPO / "Dockerfile"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"

AIRFLOW_SERVICES = {
    "airflow-init",
    "airflow-apiserver",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-triggerer",
    "airflow-worker",
}
# Not Airflow, but the Airflow image, environment and start-up order (it needs the warehouse
# migrated and Redis up).
PIPELINE_SERVICES = {"wirehouse-push-listen"}
SECRETS = {
    "POSTGRES_PASSWORD",
    "AIRFLOW_DB_PASSWORD",
    "WAREHOUSE_DB_PASSWORD",
    "REDIS_PASSWORD",
    "AIRFLOW_FERNET_KEY",
    "AIRFLOW_API_SECRET_KEY",
    "AIRFLOW_JWT_SECRET",
    "AIRFLOW_ADMIN_PASSWORD",
}
_VAR = re.compile(r"(?<!\$)\$\{([A-Z0-9_]+)(:?[-?][^}]*)?\}")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


@pytest.fixture(scope="module")
def services(compose: dict) -> dict:
    return compose["services"]


def _env_example() -> dict[str, str]:
    values = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def _check_schema(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.compose-spec", str(path)],
        check=False,
        capture_output=True, text=True, timeout=120,
    )


def test_compose_file_matches_the_compose_spec() -> None:
    done = _check_schema(COMPOSE)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_schema_check_rejects_a_broken_file(tmp_path: Path) -> None:
    broken = tmp_path / "docker-compose.yml"
    broken.write_text(COMPOSE.read_text().replace("    command: scheduler\n", "    commandd: scheduler\n"))
    done = _check_schema(broken)
    assert done.returncode != 0
    assert "commandd" in done.stdout + done.stderr


def test_every_dependency_names_a_defined_service(services: dict) -> None:
    conditions = {"service_started", "service_healthy", "service_completed_successfully"}
    for name, service in services.items():
        depends = service.get("depends_on", {})
        assert isinstance(depends, dict), f"{name}: use the long depends_on form with conditions"
        for target, spec in depends.items():
            assert target in services, f"{name} depends on undefined service {target}"
            assert target != name
            assert spec["condition"] in conditions


def test_airflow_services_share_one_image_and_one_environment_block(compose: dict, services: dict) -> None:
    common = compose["x-airflow-common"]
    assert AIRFLOW_SERVICES | PIPELINE_SERVICES <= set(services)
    for name in AIRFLOW_SERVICES | PIPELINE_SERVICES:
        service = services[name]
        assert service["image"] == common["image"], name
        # the same YAML node (the anchor), not a copy that could drift
        assert service["environment"] is common["environment"], name
    others = set(services) - AIRFLOW_SERVICES - PIPELINE_SERVICES
    assert not any(services[name].get("image") == common["image"] for name in others)


def test_airflow_commands(services: dict) -> None:
    commands = {name: services[name].get("command") for name in AIRFLOW_SERVICES - {"airflow-init"}}
    assert commands == {
        "airflow-apiserver": "api-server",
        "airflow-scheduler": "scheduler",
        "airflow-dag-processor": "dag-processor",
        "airflow-triggerer": "triggerer",
        "airflow-worker": "celery worker",
    }
    init = services["airflow-init"]["command"][0]
    for step in ("airflow db migrate", "airflow pools set wirehouse_fetch", "wirehouse.cli db upgrade"):
        assert step in init


def test_health_checks_on_every_long_running_service(services: dict) -> None:
    for name, service in services.items():
        if service.get("restart") == "no" and "healthcheck" not in service:
            # one-shot jobs are waited for by completion, never by health
            for other in services.values():
                spec = other.get("depends_on", {}).get(name)
                assert spec is None or spec["condition"] == "service_completed_successfully"
            continue
        check = service.get("healthcheck")
        assert check, f"{name} has no health check"
        assert check["test"][0] in {"CMD", "CMD-SHELL"} and len(check["test"]) > 1, name


def test_startup_order(services: dict) -> None:
    for name in ("postgres", "redis"):
        assert services[name]["depends_on"]["preflight"]["condition"] == "service_completed_successfully"
    assert services["airflow-init"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in AIRFLOW_SERVICES - {"airflow-init"} | PIPELINE_SERVICES:
        depends = services[name]["depends_on"]
        assert depends["airflow-init"]["condition"] == "service_completed_successfully", name
        assert depends["postgres"]["condition"] == "service_healthy", name
        assert depends["redis"]["condition"] == "service_healthy", name
    assert services["airflow-worker"]["depends_on"]["airflow-apiserver"]["condition"] == "service_healthy"


def test_required_environment(compose: dict) -> None:
    env = compose["x-airflow-common"]["environment"]
    assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor"
    assert re.fullmatch(r"redis://:\$\{REDIS_PASSWORD[^}]*\}@redis:6379/\d+", env["AIRFLOW__CELERY__BROKER_URL"])
    assert re.fullmatch(
        r"db\+postgresql\+psycopg2://airflow:\$\{AIRFLOW_DB_PASSWORD\}@postgres:5432/airflow",
        env["AIRFLOW__CELERY__RESULT_BACKEND"],
    )
    assert re.fullmatch(
        r"postgresql\+psycopg2://airflow:\$\{AIRFLOW_DB_PASSWORD[^}]*\}@postgres:5432/airflow",
        env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"],
    )
    assert re.fullmatch(
        r"postgresql\+psycopg://wirehouse:\$\{WAREHOUSE_DB_PASSWORD[^}]*\}@postgres:5432/wirehouse",
        env["WIREHOUSE_DB_URL"],
    )
    assert env["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"] == "http://airflow-apiserver:8080/execution/"
    assert env["WIREHOUSE_AIRFLOW_FETCH_POOL"] == "wirehouse_fetch"
    assert env["AIRFLOW__CORE__LOAD_EXAMPLES"] == "false"
    assert env["AIRFLOW__API__BASE_URL"].startswith("${AIRFLOW_BASE_URL:-http")


def test_push_notifications_reach_the_triggerer_through_redis(compose: dict, services: dict) -> None:
    env = compose["x-airflow-common"]["environment"]
    # the callback publishes on the Redis server that the watcher's connection reads
    publish = env["WIREHOUSE_PUSH_REDIS_URL"]
    watch = env["AIRFLOW_CONN_REDIS_DEFAULT"]  # the connection id wirehouse_push's watcher uses
    for url in (publish, watch):
        assert re.fullmatch(r"redis://:\$\{REDIS_PASSWORD\}@redis:6379/\d+", url), url
    assert services["airflow-triggerer"]["command"] == "triggerer"
    assert "WIREHOUSE_PUSH_REDIS_CONN_ID" not in env  # the default, redis_default, is the one set
    assert services["airflow-triggerer"]["depends_on"]["redis"]["condition"] == "service_healthy"


def test_the_submission_listener_runs_with_a_heartbeat_health_check(compose: dict,
                                                                    services: dict) -> None:
    listener = services["wirehouse-push-listen"]
    run = [*listener["entrypoint"], *listener["command"]]
    assert run == ["python", "-m", "wirehouse.cli", "push", "--listen"]
    assert listener["restart"] == "unless-stopped"
    check = listener["healthcheck"]["test"]
    assert check == ["CMD", "python", "-m", "wirehouse.cli", "push", "--listen", "--check"]
    env = compose["x-airflow-common"]["environment"]
    # the file the listener touches and the check reads, outside the shared volumes (each
    # container's /tmp is its own)
    heartbeat = env["WIREHOUSE_PUSH_LISTEN_HEARTBEAT"]
    assert heartbeat.startswith("/tmp/")
    targets = [re.search(r":(/[^:]+)(:ro)?$", v).group(1) for v in compose["x-airflow-common"]["volumes"]]
    assert "/opt/airflow/wirehouse-data" in targets
    assert not any(heartbeat.startswith(target + "/") for target in targets)
    # it listens on the Redis that the callback announces on and wirehouse_push's watcher reads
    assert env["WIREHOUSE_PUSH_REDIS_URL"] == env["AIRFLOW_CONN_REDIS_DEFAULT"]
    assert "WIREHOUSE_PUSH_SUBMIT_CHANNEL" not in env  # the documented default, wirehouse.submit


def test_the_listener_check_command_parses(services: dict) -> None:
    from wirehouse.cli import build_parser

    check = services["wirehouse-push-listen"]["healthcheck"]["test"]
    args = build_parser().parse_args(check[4:])
    assert (args.listen, args.check, args.urls, args.drain) == (True, True, [], False)


def test_postgres_creates_the_warehouse_database(compose: dict, services: dict) -> None:
    mounts = services["postgres"]["configs"]
    assert {"source": "postgres-init", "target": "/docker-entrypoint-initdb.d/10-wirehouse.sh"} in mounts
    script = compose["configs"]["postgres-init"]["content"]
    assert "CREATE DATABASE airflow OWNER airflow;" in script
    assert "CREATE DATABASE wirehouse OWNER wirehouse;" in script
    assert services["postgres"]["image"].startswith("postgres:16")


def test_secrets_come_only_from_dot_env(compose: dict) -> None:
    text = COMPOSE.read_text()
    example = _env_example()
    assert SECRETS <= set(example)
    for name in SECRETS:
        assert example[name] == "CHANGE_ME", f".env.example must hold a placeholder for {name}"
        # required where first used: compose refuses to interpolate without it
        assert f"${{{name}:?" in text, f"{name} is not required with ${{{name}:?...}}"
    # every variable the file reads is a documented secret or has a default
    for match in _VAR.finditer(text):
        name, modifier = match.group(1), match.group(2) or ""
        assert name in example or modifier.startswith((":-", "-")) or name in SECRETS, name
    # no literal password in any URL
    for value in compose["x-airflow-common"]["environment"].values():
        for secret in re.findall(r"://[^:/@]*:([^@]*)@", str(value)):
            assert secret.startswith("${"), value


def _preflight(env: dict[str, str]) -> subprocess.CompletedProcess:
    script = yaml.safe_load(COMPOSE.read_text())["services"]["preflight"]["command"][0]
    script = script.replace("$$", "$")  # what compose's interpolation does to the file
    return subprocess.run(
        ["/bin/sh", "-c", script], check=False, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell")
def test_preflight_refuses_placeholder_secrets() -> None:
    done = _preflight(_env_example())
    assert done.returncode != 0
    for name in SECRETS:
        assert f"{name} is still a placeholder" in done.stdout


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell")
def test_preflight_refuses_short_secrets_and_accepts_real_ones() -> None:
    good = {name: f"{name.lower()}-0123456789abcdef" for name in SECRETS}
    good["AIRFLOW_JWT_SECRET"] = "j" * 64
    done = _preflight(good)
    assert done.returncode == 0, done.stdout
    short = dict(good, REDIS_PASSWORD="hunter2")
    done = _preflight(short)
    assert done.returncode != 0
    assert "REDIS_PASSWORD must be at least 16 characters" in done.stdout


def _dockerfile_airflow_version() -> str:
    base = re.search(
        r"^FROM apache/airflow:(\S+)-python3\.11$", DOCKERFILE.read_text(), re.MULTILINE
    )
    assert base, "Dockerfile must build FROM apache/airflow:<version>-python3.11"
    return base.group(1)


def test_dockerfile_builds_on_the_locked_airflow() -> None:
    dockerfile = DOCKERFILE.read_text()
    version = _dockerfile_airflow_version()
    lock = (REPO / "requirements.lock").read_text()
    assert f"\napache-airflow=={version}\n" in lock
    assert "pip install --no-cache-dir -r /opt/wirehouse/requirements.lock" in dockerfile
    for part in ("wirehouse", "extract", "transform", "load", "sql", "dags", "plugins"):
        assert re.search(rf"^COPY .* {part} /opt/", dockerfile, re.MULTILINE), part


def test_the_image_is_tagged_with_the_airflow_it_builds_on(compose: dict) -> None:
    image = f"wirehouse-airflow:{_dockerfile_airflow_version()}"
    assert compose["x-airflow-common"]["image"] == image


def _locked_versions(lock: str) -> dict[str, str]:
    pins = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)$", lock, re.MULTILINE)
    return {canonicalize_name(name): version for name, version in pins}


def test_the_lock_pins_every_dependency_at_a_version_pyproject_allows() -> None:
    # the image installs the lock alone: a dependency missing there is missing in production
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    locked = _locked_versions((REPO / "requirements.lock").read_text())
    declared = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    assert len(declared) > 20
    for line in declared:
        requirement = Requirement(line)
        version = locked.get(canonicalize_name(requirement.name))
        assert version is not None, f"requirements.lock does not pin {requirement.name}"
        assert requirement.specifier.contains(version, prereleases=True), (line, version)


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell")
def test_preflight_demands_a_64_byte_jwt_secret() -> None:
    # Airflow signs task JWTs with HS512: a shorter key draws its "HMAC key ... < 64" warning
    good = {name: f"{name.lower()}-0123456789abcdef" for name in SECRETS}
    for length, accepted in ((43, False), (63, False), (64, True)):
        done = _preflight(dict(good, AIRFLOW_JWT_SECRET="j" * length))
        assert (done.returncode == 0) is accepted, (length, done.stdout)
        assert ("AIRFLOW_JWT_SECRET must be at least 64 characters" in done.stdout) is not accepted
    # the generator .env.example suggests for it yields enough
    example = ENV_EXAMPLE.read_text()
    suggested = re.search(r"print\(secrets\.token_urlsafe\((\d+)\)\)\"\s+# AIRFLOW_JWT_SECRET", example)
    assert suggested, ".env.example must say how to generate AIRFLOW_JWT_SECRET"
    import secrets

    assert len(secrets.token_urlsafe(int(suggested.group(1)))) >= 64


def test_the_broker_visibility_timeout_outlasts_the_longest_dag_run(compose: dict) -> None:
    env = compose["x-airflow-common"]["environment"]
    timeout = int(env["AIRFLOW__CELERY_BROKER_TRANSPORT_OPTIONS__VISIBILITY_TIMEOUT"])
    # no task sets an execution_timeout: a task lasts at most as long as its DAG run may
    longest = max(
        int(hours)
        for dag in (REPO / "dags").glob("*.py")
        for hours in re.findall(r"dagrun_timeout=timedelta\(hours=(\d+)\)", dag.read_text())
    )
    assert longest >= 1
    assert timeout > longest * 3600
    assert "execution_timeout" not in "".join(p.read_text() for p in (REPO / "dags").glob("*.py"))
