"""Headless Debian Chromium driven over the Chrome DevTools Protocol, for the UI end-to-end test.

Only what the test needs: open a page, read the DOM with JavaScript, set a cookie, take a
full-page screenshot, and record JavaScript dialogs (which are dismissed so a page cannot hang).
It talks to the browser's own websocket (``--remote-debugging-port=0``; the chosen port is read
from ``DevToolsActivePort`` in the profile), so nothing is downloaded and no driver is needed.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from websockets.sync.client import ClientConnection, connect

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--window-size=1280,900",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
)


class BrowserError(RuntimeError):
    """Chromium did not start, a protocol call failed, or a page did not load in time."""


@dataclass
class Browser:
    """One DevTools connection to the browser; pages are sessions on it (flat mode)."""

    ws: ClientConnection
    timeout: float
    _ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    _events: list[dict[str, Any]] = field(default_factory=list)

    def call(self, method: str, params: dict[str, Any] | None = None,
             session: str | None = None) -> dict[str, Any]:
        """Send one command and return its result; events seen meanwhile are kept."""
        message_id = next(self._ids)
        message: dict[str, Any] = {"id": message_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        self.ws.send(json.dumps(message))
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._receive(deadline, method)
            if reply.get("id") == message_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def wait_for(self, event: str, session: str,
                 match: Callable[[dict[str, Any]], bool] = lambda params: True) -> dict[str, Any]:
        """The params of the first received ``event`` of ``session`` that ``match`` accepts."""
        deadline = time.monotonic() + self.timeout
        while True:
            for i, seen in enumerate(self._events):
                if seen["method"] == event and seen.get("sessionId") == session \
                        and match(seen["params"]):
                    return self._events.pop(i)["params"]
            self._receive(deadline, event)

    def _receive(self, deadline: float, waiting_for: str) -> dict[str, Any]:
        left = deadline - time.monotonic()
        if left <= 0:
            raise BrowserError(f"timed out after {self.timeout:.0f} s waiting for {waiting_for}")
        try:
            message = json.loads(self.ws.recv(timeout=left))
        except TimeoutError as exc:
            raise BrowserError(f"timed out after {self.timeout:.0f} s waiting for {waiting_for}") from exc
        if "method" in message:
            self._events.append(message)
            if message["method"] == "Page.javascriptDialogOpening":
                # Kept as an event, and dismissed: an open dialog would block the page for good.
                self.ws.send(json.dumps({
                    "id": next(self._ids), "method": "Page.handleJavaScriptDialog",
                    "params": {"accept": False}, "sessionId": message.get("sessionId"),
                }))
        return message

    def events(self, method: str, session: str) -> list[dict[str, Any]]:
        """The params of every ``method`` event of ``session`` received so far (kept)."""
        return [e["params"] for e in self._events
                if e["method"] == method and e.get("sessionId") == session]

    def new_page(self) -> Page:
        """A tab in a fresh browser context: no cookies or storage shared with other pages."""
        context = self.call("Target.createBrowserContext")["browserContextId"]
        target = self.call("Target.createTarget",
                           {"url": "about:blank", "browserContextId": context})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, session)
        for domain in ("Page", "Runtime", "Network", "Log"):
            page.call(f"{domain}.enable")
        page.call("Page.setLifecycleEventsEnabled", {"enabled": True})
        return page


@dataclass
class Page:
    browser: Browser
    session: str

    def call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.call(method, params, self.session)

    def goto(self, url: str) -> None:
        """Navigate and wait for this navigation's load event; a network-level failure raises."""
        result = self.call("Page.navigate", {"url": url})
        if result.get("errorText"):
            raise BrowserError(f"could not open {url}: {result['errorText']}")
        self.browser.wait_for(
            "Page.lifecycleEvent", self.session,
            lambda event: event["name"] == "load" and event["loaderId"] == result["loaderId"],
        )

    def evaluate(self, expression: str) -> Any:
        """The JSON value of a JavaScript expression (promises are awaited)."""
        result = self.call("Runtime.evaluate", {
            "expression": expression, "returnByValue": True, "awaitPromise": True,
        })
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression[:80]!r} threw: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_until(self, expression: str, timeout: float) -> Any:
        """Poll a JavaScript expression until it is truthy; its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise BrowserError(f"{expression[:80]!r} still falsy after {timeout:.0f} s")
            time.sleep(0.25)

    def set_cookie(self, url: str, name: str, value: str) -> None:
        self.call("Network.setCookie", {
            "url": url, "name": name, "value": value, "httpOnly": True, "sameSite": "Lax",
        })

    def screenshot(self, path: Path) -> None:
        """The whole page (not just the viewport) as PNG."""
        size = self.call("Page.getLayoutMetrics")["cssContentSize"]
        shot = self.call("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1},
        })
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))

    def screenshot_element(self, selector: str, path: Path) -> None:
        """The element ``selector`` finds (its whole box, scrolled or not) as PNG."""
        box = self.evaluate(
            f"(() => {{ const r = document.querySelector({json.dumps(selector)})"
            ".getBoundingClientRect(); return [r.left + window.scrollX, r.top + window.scrollY,"
            " r.width, r.height]; })()")
        shot = self.call("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": box[0], "y": box[1], "width": box[2], "height": box[3], "scale": 1},
        })
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))

    def log_entries(self) -> list[dict[str, Any]]:
        """Console and browser log entries (CSP violations, failed loads) received so far."""
        return [e["entry"] for e in self.browser.events("Log.entryAdded", self.session)]

    def dialogs(self) -> list[str]:
        """Messages of the alert/confirm/prompt dialogs the page opened so far."""
        return [e["message"] for e in self.browser.events("Page.javascriptDialogOpening", self.session)]


@contextmanager
def chromium(profile: Path, binary: Path = CHROMIUM, timeout: float = 180) -> Iterator[Browser]:
    """A headless Chromium with a fresh profile in ``profile``; killed (process group) on exit."""
    profile.mkdir(parents=True, exist_ok=True)
    log_path = profile.parent / f"{profile.name}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [str(binary), *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        endpoint = _devtools_endpoint(profile, process, log_path, timeout)
        with connect(endpoint, max_size=None, open_timeout=timeout) as ws:
            yield Browser(ws, timeout)
    finally:
        stop_process_group(process)


def _devtools_endpoint(profile: Path, process: subprocess.Popen, log_path: Path,
                       timeout: float) -> str:
    active = profile / "DevToolsActivePort"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BrowserError(f"chromium exited with {process.returncode}: "
                               f"{log_path.read_text(errors='replace')[-2000:]}")
        lines = active.read_text().split() if active.exists() else []
        if len(lines) == 2:
            return f"ws://127.0.0.1:{lines[0]}{lines[1]}"
        time.sleep(0.1)
    raise BrowserError(f"chromium wrote no DevToolsActivePort within {timeout:.0f} s")


def stop_process_group(process: subprocess.Popen, grace: float = 10) -> None:
    """SIGTERM the process group, then, ``grace`` seconds on, SIGKILL whatever of it is left
    (helpers included)."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=10)
