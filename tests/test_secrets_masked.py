"""No password in any output: `wirehouse db upgrade`, `run` and `stats` (and their errors) run as
commands against a PostgreSQL warehouse whose URL carries a password, the alert payload built by
wirehouse/airflow_support.py, and log lines, all grepped for it. One helper masks them all
(wirehouse/redact.py).
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from faultserver import FaultServer, Reply
from sqlalchemy.engine import make_url
from test_hostile_input import RSS_TYPE, article_html, opml, rss, write_fault_record

from load.db import WarehouseUnavailable, safe_url
from wirehouse import cli
from wirehouse.redact import install_log_masking, mask_secrets, url_passwords

PASSWORD = "S3cr3tPW"


@pytest.mark.parametrize(("raw", "masked"), [
    (f"postgresql+psycopg://postgres:{PASSWORD}@127.0.0.1:5432/wh",
     "postgresql+psycopg://postgres:***@127.0.0.1:5432/wh"),
    (f"error at postgresql://u:{PASSWORD}@db/wh: refused", "error at postgresql://u:***@db/wh: refused"),
    (f"postgresql://u:p@{PASSWORD}@db/wh", "postgresql://u:***@db/wh"),  # an unencoded "@"
    (f"https://hook:{PASSWORD}@hooks.test/x and redis://:{PASSWORD}@cache:6379/0",
     "https://hook:***@hooks.test/x and redis://:***@cache:6379/0"),
    ("postgresql+psycopg://postgres@127.0.0.1/wh", "postgresql+psycopg://postgres@127.0.0.1/wh"),
    ("sqlite:////data/warehouse.db", "sqlite:////data/warehouse.db"),
    ("https://example.test/a@b", "https://example.test/a@b"),
])
def test_mask_secrets(raw: str, masked: str) -> None:
    assert mask_secrets(raw) == masked
    assert safe_url(raw) == masked


def test_url_passwords_finds_encoded_and_plain_forms() -> None:
    assert url_passwords(f"postgresql://u:{PASSWORD}%40x@db/wh", "") == [
        f"{PASSWORD}%40x", f"{PASSWORD}@x"]


def test_log_lines_are_masked_once_installed(caplog: pytest.LogCaptureFixture) -> None:
    install_log_masking()
    with caplog.at_level(logging.WARNING):
        logging.getLogger("wirehouse.pipeline").warning(
            "warehouse %s unreachable", f"postgresql://postgres:{PASSWORD}@db/wh")
    assert "postgres:***@db" in caplog.text and PASSWORD not in caplog.text


def test_the_alert_payload_and_airflow_task_logs_hold_no_password() -> None:
    from airflow.sdk.log import _secrets_masker

    from wirehouse.airflow_support import build_alert, default_args
    from wirehouse.settings import load_settings

    url = f"postgresql+psycopg://postgres:{PASSWORD}@db:5432/wirehouse"
    ti = SimpleNamespace(dag_id="wirehouse_ingest", task_id="load", run_id="r1", map_index=2,
                         log_url="http://airflow/log")
    alert = build_alert({"ti": ti, "exception": WarehouseUnavailable(
        f"warehouse unavailable at {url}: connection refused")})
    payload = json.dumps(alert)
    assert PASSWORD not in payload and "postgres:***@db" in payload
    # Airflow's own masker (task logs, tracebacks included) is told the password at DAG parse
    default_args(load_settings(env={}, db_url=url))
    logged = _secrets_masker().redact(f"psycopg.OperationalError: at {url}; password {PASSWORD}")
    assert PASSWORD not in logged


def _wirehouse(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "wirehouse.cli", *args], env=env,
                          capture_output=True, text=True, timeout=240, check=False)


def test_no_password_in_the_output_of_db_upgrade_run_and_stats(
    _postgres_schema_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = make_url(_postgres_schema_url).set(password=PASSWORD)  # trust auth ignores it
    outputs: dict[str, tuple[int, str]] = {}
    with FaultServer() as server:
        server.route("/good/1", Reply(200, article_html("Breakwater to close", "Harbour")))
        server.route("/feed.xml", Reply(200, rss("Good", [server.url("/good/1")]), RSS_TYPE))
        env = {
            "WIREHOUSE_DB_URL": url.render_as_string(hide_password=False),
            "WIREHOUSE_DATA_DIR": str(tmp_path),
            "WIREHOUSE_FEEDS": str(opml(tmp_path / "feeds.opml", [server.url("/feed.xml")])),
            "WIREHOUSE_ALLOW_PRIVATE_HOSTS": "1",
            "WIREHOUSE_HOST_DELAY": "0",
        }
        # the three commands the issue names, as real processes
        for name in ("db upgrade", "run", "stats"):
            result = _wirehouse({**os.environ, **env}, *name.split())
            outputs[name] = (result.returncode, result.stdout + result.stderr)
        # the rest in-process (same code path, much faster): a listing, and every command's
        # error against an unreachable warehouse
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        outputs["feeds list"] = (cli.main(["feeds", "list"]), "".join(capsys.readouterr()))
        monkeypatch.setenv("WIREHOUSE_DB_URL", url.set(port=1).render_as_string(hide_password=False))
        for name in ("run", "db upgrade", "stats", "feeds list"):
            code = cli.main(name.split())
            outputs[f"{name} (unreachable)"] = (code, "".join(capsys.readouterr()))
    for name, (code, output) in outputs.items():
        assert PASSWORD not in output, f"`wirehouse {name}` printed the password:\n{output}"
        if "unreachable" in name:
            assert code == 1 and "postgres:***@" in output, (name, output)
        else:
            assert code == 0, (name, output)
    assert "postgres:***@127.0.0.1" in outputs["stats"][1]
    assert "postgres:***@127.0.0.1" in outputs["run"][1]
    assert "postgres:***@127.0.0.1" in outputs["db upgrade"][1]
    write_fault_record("secrets-in-output", {
        "fault": "a password in WIREHOUSE_DB_URL: outputs of db upgrade, run, stats, feeds list "
                 "(reachable and unreachable warehouse) grepped for it",
        "tried": len(outputs), "survived": len(outputs), "rows_lost": 0,
    })
