"""Push ingestion without Airflow: `wirehouse serve` with a real WebSub hub on loopback.

Three figures, each against a baseline measured in the same run:

* latency: ``--pushes`` stories published one after another across ``--feeds`` feeds on
  ``--sites`` loopback sites through flask-websub's hub; from the publish request to the
  article row (serve drains the outbox itself, default politeness). Baseline: the hub's own
  publish round trip (it pushes to our callback, which archives and commits, before answering).
* throughput: ``--burst`` small signed pushes sent to serve's callback over ``--concurrency``
  connections, pushes acknowledged per second. Baseline: the same client against ``/healthz``.
* durability: serve is killed with SIGKILL in the middle of a second burst; every push it
  acknowledged must be in ``push_outbox`` (reported as acknowledged / stored, lost).

    python bench/push_bench.py --pushes 100 --feeds 10 --sites 5
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))  # the project's loopback servers and test hub

import httpx
from faultserver import FaultServer, Reply
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from websub_hub import RSS_TYPE, LoopbackHub, article_page, feed, free_port

from load.db import make_engine, upgrade
from load.models import ArticleUrl, PushOutbox, WebSubSubscription
from transform.websub import sign


def _serve(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen([sys.executable, "-m", "wirehouse.cli", "serve"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"wirehouse serve exited with {server.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", trust_env=False).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("wirehouse serve did not start")


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _latency(args: argparse.Namespace, engine, env: dict[str, str], tmp: Path,
             stack: ExitStack) -> tuple[list[float], list[float]]:
    hub = stack.enter_context(LoopbackHub(tmp))
    sites = [stack.enter_context(FaultServer()) for _ in range(args.sites)]
    feeds: list[tuple[FaultServer, str, list[str]]] = []
    for n in range(args.feeds):
        site = sites[n % len(sites)]
        topic = site.url(f"/feed-{n}.xml")
        feeds.append((site, topic, []))
        _route_feed(site, topic, hub.url, [], n)
        done = subprocess.run([sys.executable, "-m", "wirehouse.cli", "websub", "subscribe",
                               topic], env=env, capture_output=True, text=True, check=False)
        if done.returncode:
            raise SystemExit(f"subscribe failed: {done.stderr.strip()}")
    latencies, round_trips = [], []
    for i in range(args.pushes):
        site, topic, links = feeds[i % len(feeds)]
        path = f"/story-{i}.html"
        site.route(path, Reply(200, body=article_page(f"Ferry story number {i}")))
        links.append(site.url(path))
        _route_feed(site, topic, hub.url, links[-20:], i)
        started = time.perf_counter()
        if hub.publish(topic).status_code != 202:
            raise SystemExit("the hub refused a publish")
        round_trips.append(time.perf_counter() - started)
        while True:
            with Session(engine) as session:
                if session.scalar(select(ArticleUrl.url).where(ArticleUrl.url == links[-1])):
                    break
            if time.perf_counter() - started > 300:
                raise SystemExit(f"story {i} never reached the warehouse")
            time.sleep(0.02)
        latencies.append(time.perf_counter() - started)
    return latencies, round_trips


def _route_feed(site: FaultServer, topic: str, hub_url: str, links: list[str], n: int) -> None:
    site.route(urlsplit(topic).path,
               Reply(200, body=feed(topic, hub_url, links), content_type=RSS_TYPE,
                     headers=(("Link", f'<{hub_url}>; rel="hub", <{topic}>; rel="self"'),
                              ("ETag", f'"{n}-{len(links)}"'))))


async def _burst(url: str, count: int, concurrency: int, secret: str | None,
                 topic: str, stamp: str, acks: list[int] | None = None) -> tuple[int, float]:
    """Send ``count`` requests (signed pushes of distinct feeds without entries when ``secret``
    is given, else GETs); how many were acknowledged with 2xx (also counted in ``acks[0]`` as
    they come), and the seconds it took."""
    acked = 0
    acks = acks if acks is not None else [0]
    queue: asyncio.Queue[int] = asyncio.Queue()
    for n in range(count):
        queue.put_nowait(n)
    limits = httpx.Limits(max_connections=concurrency)

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal acked
        while not queue.empty():
            n = queue.get_nowait()
            try:
                if secret is None:
                    answer = await client.get(url)
                else:
                    body = feed(topic, f"http://hub.invalid/{stamp}/{n}", [])
                    answer = await client.post(url, content=body, headers={
                        "Content-Type": RSS_TYPE, "X-Hub-Signature": sign(secret, body)})
            except httpx.TransportError:
                continue
            if 200 <= answer.status_code < 300:
                acked += 1
                acks[0] += 1

    started = time.perf_counter()
    async with httpx.AsyncClient(limits=limits, trust_env=False, timeout=30) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    return acked, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pushes", type=int, default=100)
    parser.add_argument("--feeds", type=int, default=10)
    parser.add_argument("--sites", type=int, default=5)
    parser.add_argument("--burst", type=int, default=2000, help="pushes per burst")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--db-url", default="", help="warehouse URL (default: SQLite in a temp dir)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp_name, ExitStack() as stack:
        tmp = Path(tmp_name)
        db_url = args.db_url or f"sqlite:///{tmp / 'warehouse.db'}"
        engine = make_engine(db_url)
        upgrade(engine)
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("WIREHOUSE_")}
        env.update(WIREHOUSE_DATA_DIR=str(tmp), WIREHOUSE_DB_URL=db_url,
                   WIREHOUSE_ALLOW_PRIVATE_HOSTS="1", WIREHOUSE_SERVE_PORT=str(port),
                   WIREHOUSE_WEBSUB_CALLBACK_URL=f"http://127.0.0.1:{port}/websub",
                   WIREHOUSE_PUSH_MAX_PER_MINUTE=str(10 * args.burst))
        server = _serve(env, port)
        try:
            latencies, round_trips = _latency(args, engine, env, tmp, stack)
            with Session(engine) as session:
                sub = session.scalars(select(WebSubSubscription).order_by(WebSubSubscription.id)).first()
            callback = f"http://127.0.0.1:{port}/websub/{sub.id}"
            health_ok, health_s = asyncio.run(_burst(f"http://127.0.0.1:{port}/healthz",
                                                     args.burst, args.concurrency, None, "", ""))
            push_ok, push_s = asyncio.run(_burst(callback, args.burst, args.concurrency,
                                                 sub.secret, sub.topic_url, "burst"))
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=120)
        with Session(engine) as session:
            before = session.scalar(select(func.count()).select_from(PushOutbox))
        server = _serve(env, port)

        async def burst_and_kill() -> int:
            acks = [0]
            task = asyncio.ensure_future(_burst(callback, args.burst, args.concurrency,
                                                sub.secret, sub.topic_url, "killed", acks))
            while acks[0] < args.burst // 4 and not task.done():
                await asyncio.sleep(0.01)
            server.send_signal(signal.SIGKILL)  # in the middle of the burst
            return (await task)[0]

        killed_acked = asyncio.run(burst_and_kill())
        server.wait(timeout=60)
        with Session(engine) as session:
            stored = session.scalar(select(func.count()).select_from(PushOutbox)) - before
    p50, p95 = statistics.median(latencies), _pct(latencies, 0.95)
    rtt = statistics.median(round_trips)
    print(f"backend: {engine.url.get_backend_name()}")
    print(f"publish to article p50: {p50:.3f} s (goal <= 5 s), p95: {_pct(latencies, 0.95):.3f} s "
          f"over {len(latencies)} pushes, {args.feeds} feeds, {args.sites} sites")
    print(f"hub publish round trip p50 (baseline): {rtt:.3f} s; ratio p50/baseline: {p50 / rtt:.2f}x,"
          f" p95/baseline: {p95 / rtt:.2f}x")
    print(f"callback: {push_ok / push_s:.0f} signed pushes/s acknowledged ({push_ok}/{args.burst},"
          f" concurrency {args.concurrency}; goal >= 200/s)")
    print(f"healthz (baseline): {health_ok / health_s:.0f} requests/s; ratio pushes/healthz: "
          f"{(push_ok / push_s) / (health_ok / health_s):.2f}x")
    print(f"SIGKILL during a burst: {killed_acked} acknowledged, {stored} in the outbox, "
          f"{max(0, killed_acked - stored)} lost")
    return 0 if stored >= killed_acked else 1


if __name__ == "__main__":
    sys.exit(main())
