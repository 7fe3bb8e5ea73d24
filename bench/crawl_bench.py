"""Crawl politeness benchmark: many loopback hosts, a per-host delay, one crawl.

Starts ``--hosts`` HTTP servers on 127.0.0.1 (distinct ports count as distinct hosts) in a child
process, then crawls ``--pages`` pages per host with ``extract.crawl.fetch_pages`` (robots.txt
first, archive written) and ``host_delay=--delay``. Each host's requests must start ``delay``
apart, so the physical limit is ``pages * delay`` seconds; with hosts crawled in parallel the wall
time should approach that, not ``hosts * pages * delay``. The baseline, measured in the same run,
is one host alone.

    python bench/crawl_bench.py                 # 50 hosts x 40 pages, 0.2 s: limit 8 s
    python bench/crawl_bench.py --hosts 10 --pages 10
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extract.archive import ArchiveWriter
from extract.crawl import FetchLogEntry, fetch_pages
from wirehouse.settings import load_settings

PAGE = ("<!doctype html><html><head><title>Bench page</title></head><body>"
        + "<p>Harbour news paragraph for the crawl benchmark.</p>" * 80 + "</body></html>").encode()


async def _handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            request = await reader.readuntil(b"\r\n\r\n")
            path = request.split(b" ", 2)[1]
            if path == b"/robots.txt":
                body, ctype = b"User-agent: *\nAllow: /\n", b"text/plain"
            else:
                body, ctype = PAGE, b"text/html; charset=utf-8"
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: " + ctype + b"\r\nContent-Length: "
                         + str(len(body)).encode() + b"\r\n\r\n" + body)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def _serve(hosts: int, conn: Connection) -> None:
    servers = [await asyncio.start_server(_handle, "127.0.0.1", 0) for _ in range(hosts)]
    conn.send([s.sockets[0].getsockname()[1] for s in servers])
    await asyncio.get_running_loop().run_in_executor(None, conn.recv)  # wait for "stop"
    for server in servers:
        server.close()


def _server_process(hosts: int, conn: Connection) -> None:
    asyncio.run(_serve(hosts, conn))


def crawl(ports: list[int], pages: int, delay: float, workdir: Path) -> tuple[float, int, int]:
    """Crawl ``pages`` pages on each port; return (seconds, pages ok, log entries)."""
    settings = load_settings(env={}, host_delay=delay, allow_private_hosts=True,
                             max_retries=0)
    urls = [f"http://127.0.0.1:{port}/story/{i}" for i in range(pages) for port in ports]
    log: list[FetchLogEntry] = []
    with ArchiveWriter(workdir / f"crawl-{len(ports)}.warc.gz") as archive:
        started = time.perf_counter()
        outcomes = fetch_pages(settings, "bench", urls, archive, log.append)
        elapsed = time.perf_counter() - started
    return elapsed, sum(o.error is None for o in outcomes), len(log)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--pages", type=int, default=40, help="pages per host")
    parser.add_argument("--delay", type=float, default=0.2, help="host_delay in seconds")
    args = parser.parse_args(argv)

    parent, child = multiprocessing.Pipe()
    process = multiprocessing.Process(target=_server_process, args=(args.hosts, child),
                                      daemon=True)
    process.start()
    try:
        ports = parent.recv()
        with tempfile.TemporaryDirectory() as tmp:
            base_time, base_ok, _ = crawl(ports[:1], args.pages, args.delay, Path(tmp))
            many_time, many_ok, log_entries = crawl(ports, args.pages, args.delay, Path(tmp))
    finally:
        parent.send("stop")
        process.join(timeout=10)

    limit = args.pages * args.delay
    total = args.hosts * args.pages
    print(f"crawl benchmark: {args.hosts} hosts x {args.pages} pages, host_delay {args.delay}s, "
          f"physical limit {limit:.2f}s (serial would be {args.hosts * limit:.0f}s)")
    print(f"{'run':<22}{'pages ok':>10}{'wall s':>10}{'/ limit':>10}")
    print(f"{'baseline: 1 host':<22}{f'{base_ok}/{args.pages}':>10}{base_time:>10.2f}"
          f"{base_time / limit:>10.2f}")
    print(f"{f'{args.hosts} hosts':<22}{f'{many_ok}/{total}':>10}{many_time:>10.2f}"
          f"{many_time / limit:>10.2f}")
    print(f"{args.hosts} hosts / 1 host: {many_time / base_time:.2f}x wall time for "
          f"{args.hosts}x the pages; {log_entries} fetch-log entries; goal: <= 1.25x limit")
    return 0 if many_ok == total else 1


if __name__ == "__main__":
    sys.exit(main())
