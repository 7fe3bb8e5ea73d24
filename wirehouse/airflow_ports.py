"""Check, before ``make airflow`` starts Airflow, that the ports it will listen on are free.

``airflow standalone`` starts its parts side by side: when the UI's port was taken the API server
logged the bind error among the other parts' output and exited, and the rest ran on without a UI
(and with a log port taken, without task logs). This says which port, in one line, and exits 1.

Run as ``python -m wirehouse.airflow_ports NAME=HOST:PORT ...`` (an empty HOST: every
interface, as Airflow's log servers bind), NAME being the Make variable that sets the port, or
``NAME+1`` for a port the Makefile put after NAME's (the triggerer's log port, unless set): the
messages then name NAME, the variable the user set, not one the user never heard of.
"""

from __future__ import annotations

import socket
import sys


class PortTakenError(OSError):
    """A port Airflow would listen on is in use."""


def check_free(name: str, host: str, port: int) -> None:
    """Raise PortTakenError unless ``port`` can be bound on ``host`` as a server binds it
    (SO_REUSEADDR: a port left in TIME_WAIT is free, one that something listens on is not)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            where = f"{host}:{port}" if host else f"port {port}"
            raise PortTakenError(
                f"{where} ({_described(name)}) cannot be bound: {exc.strerror or exc}; give "
                f"another, as in make airflow {_variable(name)}=N"
            ) from None


def _split(name: str) -> tuple[str, bool]:
    """``NAME`` -> (NAME, False); ``NAME+1`` -> (NAME, True): the Make variable that moves the
    port ``name`` stands for, and whether the port is the one after that variable's."""
    variable, after, _ = name.partition("+")
    return variable, bool(after)


def _variable(name: str) -> str:
    """The Make variable that moves the port ``name`` stands for (NAME, or NAME+1's NAME)."""
    return _split(name)[0]


def _described(name: str) -> str:
    variable, after = _split(name)
    return f"the port after {variable}'s" if after else name


def _check_distinct(ports: list[tuple[str, str, int]]) -> None:
    """Raise ValueError when two of Airflow's servers are given one port (Airflow's log servers
    bind every interface, so a log port is the UI's too): each port passed the check alone, and
    the second server to start failed to bind it."""
    first_of: dict[int, str] = {}
    for name, _host, port in ports:
        if port in first_of:
            raise ValueError(
                f"{_described(first_of[port])} and {_described(name)} are one port, {port}: "
                f"Airflow needs one each; move one, as in make airflow {_variable(name)}=N"
            )
        first_of[port] = name


def _parse(argument: str) -> tuple[str, str, int]:
    """``NAME=HOST:PORT`` -> (NAME, HOST, PORT). A port that is no port number is named by its
    Make variable, as it was given (``make airflow AIRFLOW_PORT=http``); one put after NAME's
    port (``NAME+1``) beyond 65535 is NAME's fault, the port before it."""
    name, _, address = argument.partition("=")
    if not name or ":" not in address:
        raise ValueError(f"not NAME=HOST:PORT: {argument!r}")
    host, _, port = address.rpartition(":")
    if not (port.isascii() and port.isdigit()) or not 0 < int(port) <= 65535:
        variable, after = _split(name)
        if after and port.isascii() and port.isdigit():
            raise ValueError(
                f"{variable}={int(port) - 1} cannot be used: the port after it is needed too, "
                f"and {port} is beyond 65535; give a lower one, as in make airflow {variable}=N"
            )
        raise ValueError(f"{name}={port!r} is not a port number (1-65535)")
    return name, host, int(port)


def main(argv: list[str]) -> int:
    try:
        ports = [_parse(argument) for argument in argv]
        _check_distinct(ports)
        for name, host, port in ports:
            check_free(name, host, port)
    except (ValueError, PortTakenError) as exc:
        print(f"make airflow: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
