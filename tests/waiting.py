"""Waiting on a real condition instead of sleeping a fixed time: the tests that drive servers
and Airflow processes poll what they wait for, with one generous overall deadline, so they end
as soon as the condition holds on an idle machine and still pass on a loaded one."""

from __future__ import annotations

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


def wait_for(
    what: str,
    check: Callable[[], T | None],
    timeout: float,
    *,
    processes: Mapping[str, subprocess.Popen[bytes]],
    diagnostics: Callable[[], str],
    interval: float = 0.5,
    transient: tuple[type[BaseException], ...] = TRANSIENT,
) -> T:
    """Poll ``check`` until it returns something truthy and return that; fail the test when one
    of ``processes`` (by name) exits meanwhile or ``timeout`` seconds pass, quoting
    ``diagnostics()`` (the processes' log tails). What ``check`` raises of ``transient`` counts
    as not yet."""
    deadline = time.monotonic() + timeout
    last: object = None
    while True:
        for name, process in processes.items():
            if process.poll() is not None:
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
