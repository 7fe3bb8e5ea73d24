"""Push ingestion without Airflow: `wirehouse serve` with a real WebSub hub on loopback.

Three parts, each against a baseline measured in the same run:

* latency: ``--pushes`` distinct stories (bench/synthetic.py) published across ``--feeds``
  feeds on ``--sites`` loopback sites through flask-websub's hub, one every ``--interval``
  seconds; from the publish request to the story's article row and to its event row (serve
  drains the outbox and runs the events stage itself, default politeness and debounce).
  A first story, not counted, warms serve up. Baseline: the hub's own publish round trip (it
  pushes to our callback, which archives and commits, before answering).
* throughput: ``--burst`` small signed pushes sent to serve's callback over ``--concurrency``
  keep-alive connections, pushes acknowledged per second, and serve's CPU time per push (from
  /proc: what the figure would be on an idle core, as the machine is shared). Baselines: the
  same client against ``/healthz``, and serve storing each push alone
  (``WIREHOUSE_PUSH_BATCH_MAX=1``: one transaction and one WARC fsync per push) against group
  commit (the default), alternated ``--rounds`` times.
* durability: serve is killed with SIGKILL in the middle of a burst; every push it
  acknowledged must be in ``push_outbox`` (reported as acknowledged / stored, lost).

    python bench/push_bench.py --pushes 100 --feeds 10 --sites 5

With ``--airflow`` the latency part runs through Airflow instead, as deployed: ``airflow
standalone`` (API server, scheduler, DAG processor, triggerer) on a free port with a temporary
AIRFLOW_HOME over this repo's dags/ and plugins/; hubs push to the plugin's callback in the API
server (``/wirehouse/websub``), which stores each push in the outbox and announces it on
``--redis-url`` / ``--redis-channel``; the triggerer's watcher of ``wirehouse://push`` turns the
message into a run of ``wirehouse_push``, whose drain emits ``wirehouse://articles`` and so
starts ``wirehouse_events``. Every setting is the default (politeness, sweep every 600 s) except
private hosts allowed. The throughput and durability parts are those of ``wirehouse serve`` and
are not run in this mode.

    python bench/push_bench.py --airflow --redis-url redis://127.0.0.1:6379/0
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime, timedelta
from html import escape
from pathlib import Path
from typing import Self
from urllib.parse import urlsplit

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO / "tests"))  # the project's loopback servers and test hub
sys.path.insert(0, str(BENCH))

import httpx
from browser import stop_process_group
from faultserver import FaultServer, Reply, free_port
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from synthetic import SyntheticArticle, generate
from websub_hub import RSS_TYPE, LoopbackHub, feed

from load.db import make_engine, upgrade
from load.models import Article, ArticleUrl, EventArticle, PushOutbox, WebSubSubscription
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


def _stop(server: subprocess.Popen[bytes]) -> None:
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=300)


def _airflow_query(home: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    """Rows from Airflow's SQLite metadata database (read only); none while it is being made."""
    try:
        with sqlite3.connect(f"file:{home / 'airflow.db'}?mode=ro", uri=True,
                             timeout=30) as conn:
            return conn.execute(sql, params).fetchall()
    except sqlite3.OperationalError:  # not made yet, or its tables not yet
        return []


@contextmanager
def _airflow(env: dict[str, str], tmp: Path, redis_url: str, channel: str,
             timeout: float) -> Iterator[Path]:
    """``airflow standalone`` over dags/ and plugins/ with the given Wirehouse environment, the
    push DAGs unpaused and the watcher listening on ``channel``; yields AIRFLOW_HOME. The whole
    process group is stopped afterwards."""
    import redis

    home = tmp / "airflow_home"
    home.mkdir()
    bin_dir = Path(sys.executable).parent
    af_env = {k: v for k, v in env.items() if not k.startswith("AIRFLOW")}
    af_env.update(
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",  # standalone starts `airflow ...`
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")])),
        AIRFLOW_HOME=str(home),
        AIRFLOW_CONN_REDIS_DEFAULT=redis_url,
        AIRFLOW__API__HOST="127.0.0.1",
        AIRFLOW__API__PORT=str(urlsplit(env["WIREHOUSE_WEBSUB_CALLBACK_URL"]).port),
        AIRFLOW__API__BASE_URL=env["WIREHOUSE_WEBSUB_CALLBACK_URL"].removesuffix(
            "/wirehouse/websub"),
        AIRFLOW__CORE__DAGS_FOLDER=str(REPO / "dags"),
        AIRFLOW__CORE__PLUGINS_FOLDER=str(REPO / "plugins"),
        AIRFLOW__CORE__LOAD_EXAMPLES="False",
        AIRFLOW__WORKERS__EXECUTION_API_TIMEOUT="30",
        AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT=str(free_port()),
        AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT=str(free_port()),
    )
    log = tmp / "standalone.log"
    with log.open("wb") as out:
        process = subprocess.Popen([str(bin_dir / "airflow"), "standalone"], env=af_env,
                                   cwd=home, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    client = redis.Redis.from_url(redis_url)

    def wait(what: str, check: Callable[[], object]) -> None:
        deadline = time.monotonic() + timeout
        while not check():
            if process.poll() is not None or time.monotonic() > deadline:
                tail = log.read_text(errors="replace")[-3000:]
                raise SystemExit(f"airflow standalone: no {what}\n{tail}")
            time.sleep(1)

    try:
        dags = ("wirehouse_push", "wirehouse_events")
        wait("parsed push DAGs", lambda: len(_airflow_query(
            home, "SELECT dag_id FROM dag WHERE dag_id IN (?, ?)", *dags)) == len(dags))
        for dag_id in dags:
            done = subprocess.run([str(bin_dir / "airflow"), "dags", "unpause", dag_id],
                                  env=af_env, cwd=home, capture_output=True, text=True,
                                  timeout=300, check=False)
            if done.returncode:
                raise SystemExit(f"cannot unpause {dag_id}: {done.stderr[-2000:]}")
        wait(f"subscriber on {channel}",
             lambda: dict(client.pubsub_numsub(channel)).get(channel.encode()))
        base = af_env["AIRFLOW__API__BASE_URL"]
        wait("API server", lambda: _healthy(f"{base}/api/v2/monitor/health"))
        yield home
    finally:
        client.close()
        stop_process_group(process)


def _healthy(url: str) -> bool:
    try:
        return httpx.get(url, trust_env=False, timeout=10).status_code == 200
    except httpx.TransportError:
        return False


def _run_counts(home: Path) -> dict[tuple[str, str], int]:
    """Runs of the push DAGs by (dag_id, run_type)."""
    rows = _airflow_query(home, "SELECT dag_id, run_type, count(*) FROM dag_run WHERE dag_id "
                          "IN ('wirehouse_push', 'wirehouse_events') GROUP BY dag_id, run_type")
    return {(str(dag), str(kind)): int(str(n)) for dag, kind, n in rows}


def _cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _page(article: SyntheticArticle) -> bytes:
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in article.text.split("\n\n"))
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{escape(article.title)}</title></head><body><article>"
            f"<h1>{escape(article.title)}</h1><p class='byline'>By Ines Varga</p>{paragraphs}"
            f"</article></body></html>").encode()


class _Watcher:
    """Polls the warehouse for the published story URLs: when each became an article row and
    when that article (or the one it duplicates) got an event row."""

    def __init__(self, engine: Engine, poll: float = 0.05) -> None:
        self._engine = engine
        self._poll = poll
        self._lock = threading.Lock()
        self.published: dict[str, float] = {}
        self.article_at: dict[str, float] = {}
        self.event_at: dict[str, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        self._thread.join()

    def published_at(self, url: str, moment: float) -> None:
        with self._lock:
            self.published[url] = moment

    def done(self) -> bool:
        with self._lock:
            return len(self.event_at) == len(self.published)

    def _loop(self) -> None:
        while not self._stop.wait(self._poll):
            with self._lock:
                no_article = [u for u in self.published if u not in self.article_at]
                no_event = [u for u in self.published if u not in self.event_at]
            if not no_event:
                continue
            with Session(self._engine) as session:
                found = set(session.scalars(select(ArticleUrl.url).where(
                    ArticleUrl.url.in_(no_article)))) if no_article else set()
                events = set(session.scalars(
                    select(ArticleUrl.url)
                    .join(Article, Article.id == ArticleUrl.article_id)
                    .join(EventArticle, EventArticle.article_id
                          == func.coalesce(Article.duplicate_of_id, Article.id))
                    .where(ArticleUrl.url.in_(no_event))))
            now = time.perf_counter()
            with self._lock:
                for url in found | events:
                    self.article_at.setdefault(url, now)
                for url in events:
                    self.event_at[url] = now


def _route_feed(site: FaultServer, topic: str, hub_url: str, links: list[str], n: int) -> None:
    site.route(urlsplit(topic).path,
               Reply(200, body=feed(topic, hub_url, links), content_type=RSS_TYPE,
                     headers=(("Link", f'<{hub_url}>; rel="hub", <{topic}>; rel="self"'),
                              ("ETag", f'"{n}-{len(links)}"'))))


def _subscribe(args: argparse.Namespace, env: dict[str, str], hub: LoopbackHub,
               sites: list[FaultServer]) -> list[tuple[FaultServer, str, list[str]]]:
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
    return feeds


def _latency(args: argparse.Namespace, engine: Engine, hub: LoopbackHub,
             feeds: list[tuple[FaultServer, str, list[str]]]) -> tuple[_Watcher, list[float]]:
    warmup, *stories = generate(args.pushes + 1, seed=11,
                                start=datetime.now(UTC) - timedelta(hours=6),
                                per_day=args.pushes * 4, copy_share=0.0)
    round_trips: list[float] = []
    # One story first, not counted: serve loads its gazetteers and clustering modules before
    # its first drain, as any server that has been up a while has.
    site, topic, links = feeds[0]
    site.route("/warmup.html", Reply(200, body=_page(warmup)))
    links.append(site.url("/warmup.html"))
    _route_feed(site, topic, hub.url, links[-20:], -1)
    with _Watcher(engine) as warming:
        warming.published_at(links[-1], time.perf_counter())
        if hub.publish(topic).status_code != 202:
            raise SystemExit("the hub refused a publish")
        deadline = time.perf_counter() + args.wait
        while not warming.done() and time.perf_counter() < deadline:
            time.sleep(0.2)
    with _Watcher(engine) as watcher:
        began = time.perf_counter()
        for i, story in enumerate(stories):
            site, topic, links = feeds[i % len(feeds)]
            path = f"/story-{i}.html"
            site.route(path, Reply(200, body=_page(story)))
            links.append(site.url(path))
            _route_feed(site, topic, hub.url, links[-20:], i)
            pause = began + i * args.interval - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
            started = time.perf_counter()
            watcher.published_at(links[-1], started)
            if hub.publish(topic).status_code != 202:
                raise SystemExit("the hub refused a publish")
            round_trips.append(time.perf_counter() - started)
        deadline = time.perf_counter() + args.wait
        while not watcher.done() and time.perf_counter() < deadline:
            time.sleep(0.2)
    return watcher, round_trips


async def _post_all(port: int, requests: list[bytes], concurrency: int,
                    acks: list[int]) -> int:
    """Send raw HTTP/1.1 requests over ``concurrency`` keep-alive connections (a light client,
    so that the server, not the client, is what is measured); counts 2xx answers in ``acks[0]``
    as they come. A connection that breaks (the server died) ends its worker."""
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    for request in requests:
        queue.put_nowait(request)

    async def worker() -> None:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            return
        try:
            while not queue.empty():
                writer.write(queue.get_nowait())
                await writer.drain()
                status = await reader.readline()
                length = 0
                while (line := await reader.readline()) not in (b"\r\n", b""):
                    name, _sep, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                await reader.readexactly(length)
                if status.split(b" ")[1:2] and status.split(b" ")[1].startswith(b"2"):
                    acks[0] += 1
        except (OSError, asyncio.IncompleteReadError, IndexError, ValueError):
            return
        finally:
            writer.close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return acks[0]


def _push_requests(sub_id: int, secret: str, topic: str, stamp: str, count: int) -> list[bytes]:
    """Signed pushes of distinct small feeds (no entries) to subscription ``sub_id``."""
    requests = []
    for n in range(count):
        body = feed(topic, f"http://hub.invalid/{stamp}/{n}", [])
        head = (f"POST /websub/{sub_id} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                f"Content-Type: {RSS_TYPE}\r\nX-Hub-Signature: {sign(secret, body)}\r\n"
                f"Content-Length: {len(body)}\r\n\r\n")
        requests.append(head.encode() + body)
    return requests


def _health_requests(count: int) -> list[bytes]:
    return [b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"] * count


def _burst(port: int, requests: list[bytes], concurrency: int,
           pid: int) -> tuple[float, float]:
    """Acknowledged requests per second, and the server's CPU milliseconds per request."""
    cpu = _cpu_seconds(pid)
    started = time.perf_counter()
    acked = asyncio.run(_post_all(port, requests, concurrency, [0]))
    wall = time.perf_counter() - started
    if acked != len(requests):
        raise SystemExit(f"only {acked} of {len(requests)} requests acknowledged")
    return acked / wall, 1000 * (_cpu_seconds(pid) - cpu) / acked


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pushes", type=int, default=100)
    parser.add_argument("--feeds", type=int, default=10)
    parser.add_argument("--sites", type=int, default=5)
    parser.add_argument("--interval", type=float, default=0.5,
                        help="seconds between publishes")
    parser.add_argument("--wait", type=float, default=300.0,
                        help="seconds to wait for the last events after the last publish")
    parser.add_argument("--burst", type=int, default=1500, help="pushes per burst")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=2,
                        help="alternations of the per-push and group-commit bursts")
    parser.add_argument("--db-url", default="",
                        help="warehouse URL (default: SQLite in a temp dir)")
    parser.add_argument("--airflow", action="store_true",
                        help="latency through airflow standalone (plugin callback, Redis "
                        "watcher, triggerer) instead of wirehouse serve; nothing else")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/0",
                        help="with --airflow: the Redis of the pushes' announcements")
    parser.add_argument("--redis-channel", default="",
                        help="with --airflow: its channel (default: wirehouse.push.<random>)")
    parser.add_argument("--start-timeout", type=float, default=900.0,
                        help="with --airflow: seconds for Airflow to come up")
    args = parser.parse_args(argv)
    if args.airflow:
        return _main_airflow(args)
    with tempfile.TemporaryDirectory() as tmp_name, ExitStack() as stack:
        tmp = Path(tmp_name)
        db_url, engine, port, env = _fresh_warehouse(args, tmp)
        env.update(WIREHOUSE_DATA_DIR=str(tmp), WIREHOUSE_DB_URL=db_url,
                   WIREHOUSE_ALLOW_PRIVATE_HOSTS="1", WIREHOUSE_SERVE_PORT=str(port),
                   WIREHOUSE_WEBSUB_CALLBACK_URL=f"http://127.0.0.1:{port}/websub",
                   WIREHOUSE_PUSH_MAX_PER_MINUTE=str(100 * args.burst))
        hub = stack.enter_context(LoopbackHub(tmp))
        sites = [stack.enter_context(FaultServer()) for _ in range(args.sites)]
        server = _serve(env, port)
        try:
            feeds = _subscribe(args, env, hub, sites)
            watcher, round_trips = _latency(args, engine, hub, feeds)
        finally:
            _stop(server)
        with Session(engine) as session:
            sub = session.scalars(select(WebSubSubscription)
                                  .order_by(WebSubSubscription.id)).first()
        assert sub is not None
        rates: dict[str, list[float]] = {"1": [], "default": []}
        cpus: dict[str, list[float]] = {"1": [], "default": []}
        health: list[float] = []
        for run in range(args.rounds):
            for batch in ("1", "default"):
                run_env = dict(env)
                if batch == "1":
                    run_env["WIREHOUSE_PUSH_BATCH_MAX"] = "1"
                server = _serve(run_env, port)
                try:
                    rate, _cpu = _burst(port, _health_requests(args.burst), args.concurrency,
                                        server.pid)
                    health.append(rate)
                    rate, cpu = _burst(port, _push_requests(
                        sub.id, sub.secret, sub.topic_url, f"{batch}-{run}", args.burst),
                        args.concurrency, server.pid)
                    rates[batch].append(rate)
                    cpus[batch].append(cpu)
                finally:
                    _stop(server)
        with Session(engine) as session:
            before = session.scalar(select(func.count()).select_from(PushOutbox)) or 0
        server = _serve(env, port)
        requests = _push_requests(sub.id, sub.secret, sub.topic_url, "killed", args.burst)

        async def burst_and_kill() -> int:
            acks = [0]
            task = asyncio.ensure_future(_post_all(port, requests, args.concurrency, acks))
            while acks[0] < args.burst // 4 and not task.done():
                await asyncio.sleep(0.005)
            server.send_signal(signal.SIGKILL)  # in the middle of the burst
            return await task

        killed_acked = asyncio.run(burst_and_kill())
        server.wait(timeout=60)
        with Session(engine) as session:
            stored = (session.scalar(select(func.count()).select_from(PushOutbox)) or 0) - before
    print(f"backend: {engine.url.get_backend_name()}; {args.feeds} feeds, {args.sites} sites, "
          f"one publish every {args.interval} s")
    _report_latency(watcher, round_trips, ("goal <= 5 s", "", ""), args.wait)
    group, alone = statistics.median(rates["default"]), statistics.median(rates["1"])
    cpu_group, cpu_alone = statistics.median(cpus["default"]), statistics.median(cpus["1"])
    print(f"callback: {group:.0f} signed pushes/s acknowledged with group commit "
          f"(burst {args.burst}, concurrency {args.concurrency}, median of {args.rounds}; "
          f"goal >= 200/s)")
    print(f"callback storing each push alone (baseline): {alone:.0f} pushes/s; "
          f"ratio group/alone: {group / alone:.2f}x")
    print(f"serve CPU per push: {cpu_group:.2f} ms with group commit, {cpu_alone:.2f} ms alone "
          f"(baseline), so {1000 / cpu_group:.0f} and {1000 / cpu_alone:.0f} pushes/s per "
          f"idle core")
    healthz = statistics.median(health)
    print(f"healthz (baseline): {healthz:.0f} requests/s; ratio pushes/healthz: "
          f"{group / healthz:.2f}x")
    print(f"SIGKILL during a burst: {killed_acked} acknowledged, {stored} in the outbox, "
          f"{max(0, killed_acked - stored)} lost")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0 if stored >= killed_acked else 1


def _report_latency(watcher: _Watcher, round_trips: list[float], goals: tuple[str, str, str],
                    wait: float) -> tuple[list[float], list[float]]:
    published = watcher.published
    to_article = [watcher.article_at[u] - t for u, t in published.items() if u in watcher.article_at]
    to_event = [watcher.event_at[u] - t for u, t in published.items() if u in watcher.event_at]
    if not to_article:
        raise SystemExit("no pushed story reached the warehouse")
    p50, p95 = statistics.median(to_article), _pct(to_article, 0.95)
    rtt = statistics.median(round_trips)
    print(f"publish to article p50: {p50:.3f} s ({goals[0]}), p95: {p95:.3f} s{goals[1]}, "
          f"{len(to_article)} of {len(published)} stories")
    if to_event:
        print(f"publish to event p50: {statistics.median(to_event):.3f} s, "
              f"p95: {_pct(to_event, 0.95):.3f} s{goals[2]}, {len(to_event)} of "
              f"{len(published)} stories")
    else:
        print(f"publish to event: no story reached an event within {wait:.0f} s")
    print(f"hub publish round trip p50 (baseline): {rtt:.3f} s; ratio p50/baseline: "
          f"{p50 / rtt:.2f}x, p95/baseline: {p95 / rtt:.2f}x")
    return to_article, to_event


def _fresh_warehouse(args: argparse.Namespace, tmp: Path) -> tuple[str, Engine, int, dict[str, str]]:
    """The warehouse a run measures (``--db-url``, else a new SQLite file in ``tmp``), migrated;
    a free port for the callback; this environment without any WIREHOUSE_* setting."""
    db_url = args.db_url or f"sqlite:///{tmp / 'warehouse.db'}"
    engine = make_engine(db_url)
    upgrade(engine)
    env = {k: v for k, v in os.environ.items() if not k.startswith("WIREHOUSE_")}
    return db_url, engine, free_port(), env


def _main_airflow(args: argparse.Namespace) -> int:
    """The latency part through Airflow; see the module's doc."""
    channel = args.redis_channel or f"wirehouse.push.{secrets.token_hex(4)}"
    with tempfile.TemporaryDirectory() as tmp_name, ExitStack() as stack:
        tmp = Path(tmp_name)
        db_url, engine, port, env = _fresh_warehouse(args, tmp)
        data = tmp / "data"
        data.mkdir()
        env.update(WIREHOUSE_DATA_DIR=str(data), WIREHOUSE_DB_URL=db_url,
                   WIREHOUSE_ALLOW_PRIVATE_HOSTS="1",
                   WIREHOUSE_WEBSUB_CALLBACK_URL=f"http://127.0.0.1:{port}/wirehouse/websub",
                   WIREHOUSE_PUSH_REDIS_URL=args.redis_url,
                   WIREHOUSE_PUSH_REDIS_CHANNEL=channel)
        hub = stack.enter_context(LoopbackHub(tmp))
        sites = [stack.enter_context(FaultServer()) for _ in range(args.sites)]
        started = time.perf_counter()
        home = stack.enter_context(_airflow(env, tmp, args.redis_url, channel,
                                            args.start_timeout))
        print(f"airflow standalone ready in {time.perf_counter() - started:.0f} s")
        feeds = _subscribe(args, env, hub, sites)
        before = _run_counts(home)
        watcher, round_trips = _latency(args, engine, hub, feeds)
        after = _run_counts(home)
    print(f"backend: {engine.url.get_backend_name()}; Airflow path: plugin callback, Redis "
          f"watcher, triggerer; {args.feeds} feeds, {args.sites} sites, one publish every "
          f"{args.interval} s")
    to_article, to_event = _report_latency(
        watcher, round_trips, ("goal <= 30 s", " (goal <= 60 s)", " (goal <= 90 s)"), args.wait)
    runs = {key: after.get(key, 0) - before.get(key, 0) for key in after}
    print("runs during the measured pushes: " + ", ".join(
        f"{dag} {kind} {n}" for (dag, kind), n in sorted(runs.items()) if n))
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    complete = len(to_article) == len(to_event) == len(watcher.published)
    return 0 if complete else 1


if __name__ == "__main__":
    sys.exit(main())
