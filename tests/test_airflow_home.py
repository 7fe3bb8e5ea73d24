"""`make airflow`'s check of AIRFLOW_HOME (wirehouse/airflow_home.py): a home Airflow cannot
create its files in stops the start in one line naming the variable, not in Airflow's
traceback."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from wirehouse.airflow_home import hold, main

ROOT = Path(__file__).resolve().parent.parent


def test_a_missing_home_is_created_with_its_parents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "airflow" / "home"
    assert main([str(home)]) == 0
    assert home.is_dir()
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize(
    ("where", "reason"),
    [
        ("notes.txt", "is a file, not a directory"),
        ("notes.txt/home", "cannot be created: not a directory"),
    ],
)
def test_a_home_that_cannot_be_a_directory_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str, reason: str
) -> None:
    (tmp_path / "notes.txt").write_text("not a directory\n")
    home = tmp_path / where
    assert main([str(home)]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"make airflow: AIRFLOW_HOME={home} {reason}; give another, as in make airflow "
        "AIRFLOW_HOME=DIR\n"
    )


def test_a_home_taking_no_new_file_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    """/proc: root passes every mode, yet nothing can be created there."""
    assert main(["/proc"]) == 1
    assert capsys.readouterr().err.startswith("make airflow: AIRFLOW_HOME=/proc takes no new file")


def test_make_airflow_stops_before_airflow_on_such_a_home(tmp_path: Path) -> None:
    """The check runs before `airflow db migrate`, which ended in a traceback."""
    (tmp_path / "notes.txt").write_text("not a directory\n")
    home = tmp_path / "notes.txt"
    result = subprocess.run(
        ["make", "--no-print-directory", "airflow-db", f"AIRFLOW_HOME={home}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == (
        f"make airflow: AIRFLOW_HOME={home} is a file, not a directory; give another, as in "
        "make airflow AIRFLOW_HOME=DIR"
    )


def test_a_home_another_make_airflow_runs_in_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Started again on the same home with other ports, `make airflow` migrated the running
    Airflow's metadata and started a second scheduler over it."""
    running = hold(str(tmp_path), "http://localhost:8161")
    try:
        assert main([str(tmp_path)]) == 1
        assert capsys.readouterr().err == (
            f"make airflow: AIRFLOW_HOME={tmp_path} is in use: another make airflow runs there "
            "(UI http://localhost:8161); stop it first (Ctrl-C in its terminal), or give another "
            "AIRFLOW_HOME\n"
        )
    finally:
        running.close()
    assert main([str(tmp_path)]) == 0  # free again once it ends
