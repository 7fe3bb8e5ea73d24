"""Waiting on a real condition instead of sleeping a fixed time: the tests that drive servers
and Airflow processes poll what they wait for, with one generous overall deadline, so they end
as soon as the condition holds on an idle machine and still pass on a loaded one."""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Callable, Mapping
from typing import TypeVar

import httpx
import pytest

T = TypeVar("T")

# what a check may raise while the server it asks is still starting (connection refused, a
# 5xx page that is not JSON, a health document without its keys yet)
TRANSIENT = (httpx.HTTPError, KeyError, ValueError)
# how a server says its port was taken (uvicorn's "[Errno 98] error while attempting to bind on
# address ...: address already in use", http.server's "OSError: [Errno 98] Address already in use")
ADDRESS_IN_USE = re.compile(r"address already in use", re.IGNORECASE)
# starts on ports taken meanwhile before a test gives up (each taken port is another process's
# coincidence: three in a row mean something else is wrong)
PORT_ATTEMPTS = 3


class PortTakenError(Exception):
    """A server's port, free when the test chose it (faultserver.free_port), was taken by
    another process before the server bound it: the start is to be tried on other ports."""


def wait_for(
    what: str,
    check: Callable[[], T | None],
    timeout: float,
    *,
    processes: Mapping[str, subprocess.Popen[bytes]],
    diagnostics: Callable[[], str],
    interval: float = 0.5,
    transient: tuple[type[BaseException], ...] = TRANSIENT,
    logs: Callable[[], str] | None = None,
) -> T:
    """Poll ``check`` until it returns something truthy and return that; fail the test when one
    of ``processes`` (by name) exits meanwhile or ``timeout`` seconds pass, quoting
    ``diagnostics()`` (the processes' log tails). What ``check`` raises of ``transient`` counts
    as not yet. ``logs``, when given, is the processes' whole output: once it says a port was
    taken (ADDRESS_IN_USE), PortTakenError is raised instead, whether or not a process exited
    (a server may only log it and go on without listening)."""
    deadline = time.monotonic() + timeout
    last: object = None

    def check_ports() -> None:
        if logs is not None and (taken := ADDRESS_IN_USE.search(logs())):
            raise PortTakenError(taken.string[max(taken.start() - 300, 0):taken.end()])

    while True:
        check_ports()
        for name, process in processes.items():
            if process.poll() is not None:
                check_ports()  # what it said before exiting
                pytest.fail(f"{name} exited ({process.returncode}) while waiting for {what}:\n"
                            f"{diagnostics()}")
        try:
            result = check()
        except transient as exc:
            result, last = None, exc
        if result:
            return result
        if time.monotonic() >= deadline:
            pytest.fail(f"no {what} within {timeout:.0f} s (last: {last!r}):\n{diagnostics()}")
        time.sleep(interval)
