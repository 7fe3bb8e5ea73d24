"""The Makefile's Airflow environment, read with `make -n` (nothing is started): the ports a
second `make airflow` beside the first must move, and what `make airflow-unpause` prints."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from dagrun import SUBPROCESS_TIMEOUT  # importing Airflow took minutes on a loaded machine

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def _dry_run(target: str, *assignments: str) -> str:
    done = subprocess.run(["make", "-n", target, *assignments], cwd=REPO, capture_output=True,
                          text=True, timeout=120, check=True)
    return done.stdout


def _airflow_env(*assignments: str) -> str:
    """The environment assignments the Makefile puts before its Airflow commands."""
    line = next(line for line in _dry_run("airflow-login", *assignments).splitlines()
                if "wirehouse.airflow_login" in line)
    return line[: line.index(".venv/bin/python")]


def test_log_server_ports_follow_airflow_log_port() -> None:
    ports = r"AIRFLOW__LOGGING__(WORKER|TRIGGER)_LOG_SERVER_PORT=(\d+)"
    assert dict(re.findall(ports, _airflow_env())) == {"WORKER": "8793", "TRIGGER": "8794"}
    moved = _airflow_env("AIRFLOW_PORT=8090", "AIRFLOW_LOG_PORT=8795")
    assert dict(re.findall(ports, moved)) == {"WORKER": "8795", "TRIGGER": "8796"}
    assert "AIRFLOW__API__PORT=8090" in moved
    # `make airflow` starts standalone under the same environment
    assert _airflow_env("AIRFLOW_LOG_PORT=8795") in _dry_run("airflow", "AIRFLOW_LOG_PORT=8795")


def test_standalone_forks_a_modest_number_of_workers_unless_told_otherwise() -> None:
    """LocalExecutor forks [core] parallelism idle workers when the scheduler starts (Airflow's
    32 held 142 MiB of private memory on 2 cores): `make airflow` asks for 8, overridable."""
    parallelism = r"AIRFLOW__CORE__PARALLELISM=(\d+)"
    assert re.findall(parallelism, _airflow_env()) == ["8"]
    assert re.findall(parallelism, _airflow_env("AIRFLOW_PARALLELISM=3")) == ["3"]


@pytest.mark.airflow
@pytest.mark.timeout(SUBPROCESS_TIMEOUT + 60)
def test_airflow_reads_the_log_server_ports_from_the_makefile(tmp_path: Path) -> None:
    env = _airflow_env(f"AIRFLOW_HOME={tmp_path}", "AIRFLOW_LOG_PORT=18795")
    script = ("from airflow.configuration import conf; "
              "print(conf.get('logging', 'worker_log_server_port'), "
              "conf.get('logging', 'trigger_log_server_port'))")
    done = subprocess.run(["/bin/sh", "-c", f"{env} {sys.executable} -c \"{script}\""],
                          cwd=REPO, capture_output=True, text=True, timeout=SUBPROCESS_TIMEOUT,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-2:] == ["18795", "18796"]


def test_unpause_prints_the_state_after_the_change_not_airflows_table() -> None:
    recipe = _dry_run("airflow-unpause").splitlines()
    unpause = next(line for line in recipe if " dags unpause " in line)
    assert unpause.rstrip().endswith(">/dev/null")  # Airflow's table shows the state before
    listing = "\n".join(recipe[recipe.index(unpause) + 1:])
    assert "dags list --columns dag_id,is_paused" in listing


@pytest.mark.airflow
@pytest.mark.timeout(SUBPROCESS_TIMEOUT + 60)
def test_airflow_login_prints_the_login_without_a_dependencys_warning(tmp_path: Path) -> None:
    """Airflow imports starlette's test client, whose deprecation warning opened the login's
    output (and every Airflow process's): the Makefile's environment silences that one."""
    (tmp_path / "simple_auth_manager_passwords.json.generated").write_text('{"admin": "kiln7"}')
    done = subprocess.run(["make", "-s", "airflow-login", f"AIRFLOW_HOME={tmp_path}"], cwd=REPO,
                          capture_output=True, text=True, timeout=SUBPROCESS_TIMEOUT, check=True)
    assert "Airflow login: user admin  password kiln7" in done.stdout
    assert "httpx" not in done.stdout + done.stderr


@pytest.mark.airflow
@pytest.mark.timeout(SUBPROCESS_TIMEOUT + 60)
def test_airflow_login_for_a_home_no_airflow_started_in_is_one_line(tmp_path: Path) -> None:
    """`make airflow-login` without the AIRFLOW_HOME given to `make airflow` generated a
    password for that other home and printed it: a login that let no one in."""
    done = subprocess.run(["make", "-s", "airflow-login", f"AIRFLOW_HOME={tmp_path}"], cwd=REPO,
                          capture_output=True, text=True, timeout=SUBPROCESS_TIMEOUT, check=False)
    assert done.returncode != 0 and "password" not in done.stdout
    (line,) = [line for line in done.stderr.splitlines() if not line.startswith("make")]
    assert line.startswith(f"airflow login: no login kept in {tmp_path} (AIRFLOW_HOME)")
    assert not (tmp_path / "simple_auth_manager_passwords.json.generated").exists()


@pytest.mark.parametrize(
    ("target", "line"),
    [
        ("airflow-login", "airflow login: no login kept in {home} (AIRFLOW_HOME): "),
        ("airflow-unpause", "airflow: no Airflow metadata database in {home} (AIRFLOW_HOME): "),
    ],
)
def test_a_home_that_does_not_exist_is_one_line_and_not_created(
    tmp_path: Path, target: str, line: str
) -> None:
    """An AIRFLOW_HOME mistyped: importing Airflow created it and its logs/ before the line."""
    home = tmp_path / "airflow_hme"
    env = {k: v for k, v in os.environ.items() if k not in {"MAKELEVEL", "MAKEFLAGS", "MFLAGS"}}
    done = subprocess.run(["make", "-s", target, f"AIRFLOW_HOME={home}"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=SUBPROCESS_TIMEOUT, check=False)
    assert done.returncode != 0 and done.stdout == ""
    (error,) = [e for e in done.stderr.splitlines() if not e.startswith("make")]
    assert error.startswith(line.format(home=home)), error
    assert not home.exists()


def test_airflow_checks_its_ports_before_migrating_and_starting() -> None:
    """A port taken stops `make airflow` in one line before anything starts (see
    tests/test_airflow_ports.py), the ports the same as Airflow is given."""
    lines = _dry_run("airflow", "AIRFLOW_PORT=8090", "AIRFLOW_LOG_PORT=8795").replace(
        "\\\n", " ").splitlines()
    check = next(i for i, line in enumerate(lines) if "wirehouse.airflow_ports" in line)
    migrate = next(i for i, line in enumerate(lines) if "airflow db migrate" in line)
    assert check < migrate
    assert lines[check].split()[-3:] == [
        "AIRFLOW_PORT=127.0.0.1:8090", "AIRFLOW_LOG_PORT=:8795", "AIRFLOW_LOG_PORT+1=:8796"]


@pytest.mark.parametrize(
    ("variables", "checked"),
    [
        # unset, the triggerer's port is checked as the one after AIRFLOW_LOG_PORT's, so that
        # a failure names the variable set: AIRFLOW_LOG_PORT=65535 named AIRFLOW_TRIGGER_LOG_PORT
        ((), "AIRFLOW_LOG_PORT=:8793 AIRFLOW_LOG_PORT+1=:8794"),
        (
            ("AIRFLOW_TRIGGER_LOG_PORT=9001",),
            "AIRFLOW_LOG_PORT=:8793 AIRFLOW_TRIGGER_LOG_PORT=:9001",
        ),
    ],
)
def test_the_triggerer_log_port_is_checked_under_the_variable_set(
    variables: tuple[str, ...], checked: str
) -> None:
    command = _dry_run("airflow-ports", *variables).replace("\\\n", " ")
    assert checked in " ".join(command.split())


def test_a_log_port_that_is_no_number_is_left_to_the_port_check() -> None:
    """`make airflow AIRFLOW_LOG_PORT=abc` printed expr's "non-integer argument" twice before
    the port check's one line naming AIRFLOW_LOG_PORT."""
    done = subprocess.run(["make", "-n", "airflow", "AIRFLOW_LOG_PORT=abc"], cwd=REPO,
                          capture_output=True, text=True, timeout=120, check=True)
    assert done.stderr == ""
    assert "AIRFLOW_LOG_PORT=:abc AIRFLOW_LOG_PORT+1=:" in " ".join(
        done.stdout.replace("\\\n", " ").split())


@pytest.mark.airflow
@pytest.mark.timeout(SUBPROCESS_TIMEOUT + 60)
@pytest.mark.parametrize("database", [None, b"", b"no database at all"])
def test_unpause_on_a_home_no_airflow_started_in_is_one_line(
    tmp_path: Path, database: bytes | None
) -> None:
    """`make airflow-unpause` on an AIRFLOW_HOME without a migrated metadata database printed
    Airflow's migration log line (and created an empty database there) before failing."""
    if database is not None:
        (tmp_path / "airflow.db").write_bytes(database)
    # as typed at a shell: under `make test` the inner make would say "make[1]: ***"
    env = {k: v for k, v in os.environ.items() if k not in {"MAKELEVEL", "MAKEFLAGS", "MFLAGS"}}
    done = subprocess.run(["make", "-s", "airflow-unpause", f"AIRFLOW_HOME={tmp_path}"],
                          cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=SUBPROCESS_TIMEOUT, check=False)
    assert done.returncode != 0 and done.stdout == ""
    (line,) = [line for line in done.stderr.splitlines() if not line.startswith("make")]
    assert line.startswith("airflow: ") and f"{tmp_path} (AIRFLOW_HOME)" in line
    assert "make: *** [Makefile" in done.stderr and "Error 1" in done.stderr
    assert (tmp_path / "airflow.db").exists() == (database is not None)


@pytest.mark.airflow
@pytest.mark.timeout(SUBPROCESS_TIMEOUT + 60)
def test_unpause_with_a_metadata_connection_airflow_cannot_use_is_one_line(
    tmp_path: Path,
) -> None:
    """Airflow sets up its metadata connection as it is imported: a string it cannot use was
    a traceback out of that import."""
    env = {**os.environ, "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": "fennick-metadata"}
    done = subprocess.run(["make", "-s", "airflow-unpause", f"AIRFLOW_HOME={tmp_path}"],
                          cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=SUBPROCESS_TIMEOUT, check=False)
    assert done.returncode != 0 and done.stdout == ""
    (line,) = [line for line in done.stderr.splitlines() if not line.startswith("make")]
    assert line.startswith("airflow: Airflow cannot start with its configuration ([database]")


@pytest.mark.parametrize("given", ["busy", "http"])
def test_make_run_names_demo_port_when_that_port_cannot_be_used(tmp_path: Path,
                                                                given: str) -> None:
    """`make run DEMO_PORT=N` with N taken (or no port number) ends in one line naming
    DEMO_PORT, what was typed: the line said `--port`, an option of a command never typed."""
    env = {k: v for k, v in os.environ.items() if k not in {"MAKELEVEL", "MAKEFLAGS", "MFLAGS"}}
    env["WIREHOUSE_DATA_DIR"] = str(tmp_path)
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = str(listener.getsockname()[1]) if given == "busy" else given
        done = subprocess.run(["make", "-s", "-o", "install", "run", f"DEMO_PORT={port}"],
                              cwd=REPO, env=env, capture_output=True, text=True,
                              timeout=SUBPROCESS_TIMEOUT, check=False)
    assert done.returncode != 0 and done.stdout == ""
    (error,) = [e for e in done.stderr.splitlines() if not e.startswith("make")]
    assert error.startswith("wirehouse: error: ") and "--port" not in error, error
    assert "DEMO_PORT" in error, error
