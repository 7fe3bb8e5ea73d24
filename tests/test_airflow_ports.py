"""`make airflow`'s port check (wirehouse/airflow_ports.py): a port something listens on stops
the start in one line naming the Make variable that moves it."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from wirehouse.airflow_ports import main


@pytest.fixture
def listening() -> Iterator[int]:
    """A port a server listens on, on loopback."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield server.getsockname()[1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_free_ports_pass_silently(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as held:  # two different free ports: one is held while the other is
        held.bind(("127.0.0.1", 0))  # found, then let go
        port, other = held.getsockname()[1], _free_port()
    assert main([f"AIRFLOW_PORT=127.0.0.1:{port}", f"AIRFLOW_LOG_PORT=:{other}"]) == 0
    assert capsys.readouterr() == ("", "")


def test_the_ui_port_taken_is_one_line_naming_its_variable(
    listening: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([f"AIRFLOW_PORT=127.0.0.1:{listening}"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        (f"make airflow: 127.0.0.1:{listening} (AIRFLOW_PORT) cannot be bound: Address already "
         "in use; give another, as in make airflow AIRFLOW_PORT=N")]


def test_a_log_port_taken_on_loopback_is_taken_for_every_interface(
    listening: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """Airflow's log servers bind every interface: a loopback listener already blocks them."""
    assert main([f"AIRFLOW_PORT=127.0.0.1:{_free_port()}", f"AIRFLOW_LOG_PORT=:{listening}"]) == 1
    assert f"port {listening} (AIRFLOW_LOG_PORT) cannot be bound" in capsys.readouterr().err


def test_a_port_taken_after_a_variables_names_that_variable(
    listening: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([f"AIRFLOW_LOG_PORT+1=:{listening}"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        (f"make airflow: port {listening} (the port after AIRFLOW_LOG_PORT's) cannot be bound: "
         "Address already in use; give another, as in make airflow AIRFLOW_LOG_PORT=N")]


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (
            ("AIRFLOW_LOG_PORT=:18793", "AIRFLOW_TRIGGER_LOG_PORT=:18793"),
            ("AIRFLOW_LOG_PORT and AIRFLOW_TRIGGER_LOG_PORT are one port, 18793: Airflow needs "
            "one each; move one, as in make airflow AIRFLOW_TRIGGER_LOG_PORT=N"),
        ),
        # the UI on loopback, a log server on every interface: still one port
        (
            (
                "AIRFLOW_PORT=127.0.0.1:18794",
                "AIRFLOW_LOG_PORT=:18793",
                "AIRFLOW_LOG_PORT+1=:18794",
            ),
            ("AIRFLOW_PORT and the port after AIRFLOW_LOG_PORT's are one port, 18794: Airflow "
            "needs one each; move one, as in make airflow AIRFLOW_LOG_PORT=N"),
        ),
    ],
)
def test_one_port_given_to_two_servers_is_one_line(
    arguments: tuple[str, ...], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each passed the check alone, free, and Airflow's second server to start failed to bind."""
    assert main(list(arguments)) == 1
    assert capsys.readouterr().err.splitlines() == [f"make airflow: {said}"]


@pytest.mark.parametrize(
    ("argument", "said"),
    [
        ("AIRFLOW_PORT=127.0.0.1:", "AIRFLOW_PORT='' is not a port number (1-65535)"),
        ("AIRFLOW_LOG_PORT=:70000", "AIRFLOW_LOG_PORT='70000' is not a port number (1-65535)"),
        ("AIRFLOW_PORT=127.0.0.1:http", "AIRFLOW_PORT='http' is not a port number (1-65535)"),
        ("=127.0.0.1:8080", "not NAME=HOST:PORT: '=127.0.0.1:8080'"),
        # `make airflow AIRFLOW_LOG_PORT=65535` named AIRFLOW_TRIGGER_LOG_PORT='65536', unset
        (
            "AIRFLOW_LOG_PORT+1=:65536",
            ("AIRFLOW_LOG_PORT=65535 cannot be used: the port after it is needed too, and 65536 "
             "is beyond 65535; give a lower one, as in make airflow AIRFLOW_LOG_PORT=N"),
        ),
    ],
)
def test_a_port_that_is_no_port_number_is_one_line(
    argument: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said "not NAME=HOST:PORT with a port number: 'AIRFLOW_PORT=127.0.0.1:http'", this
    module's own argument form, for `make airflow AIRFLOW_PORT=http`."""
    assert main([argument]) == 1
    assert capsys.readouterr().err.splitlines() == [f"make airflow: {said}"]
