"""Requests per second and latency of `warwatch serve` on a database of ~100,000 events (issue 7).

1. Builds the database (or reuses it when --db already holds enough events): codes the real
   pages of INPUTS (e.g. samples/) with the pipeline and stores them; then joins those coded
   reports into one digest article (their texts one after the other, evidence offsets moved)
   and stores replicas of it through the store's own `write_report`: replica `r` is the digest
   under a new id, reported `r` days earlier, every place moved by up to ~0.25 degree, its
   candidate keys its own. Replicas have the same body, so the store records them as exact
   copies; their events fall on other days, so they are events of their own, and merging runs
   as it does for any report (events of different replicas on one day and province can merge).
   One digest per write rather than one article keeps the build near two minutes: a write
   costs about the same for 3 or 40 incidents.
2. Starts a real uvicorn server (HTTP on 127.0.0.1, in a thread of this process) and drives it
   with httpx clients on --concurrency threads, each endpoint for --seconds.
3. Prints one row per endpoint: requests, requests per second, p50 and p95 latency (ms).

    python bench/serve.py samples [--events 100000] [--db /tmp/warwatch-serve-bench.db] [--seconds 3]

"Cold" requests send a first day before every event that no request sent before (a whole-table
scan; the server keeps totals, aggregates and map cells for --cache-seconds), "warm" ones repeat
what the page asks when nothing changed. The event list is what the page asks first (newest 100, or the 200 it lists with a total);
"map cells" are the map's markers (events grouped by place and type); "one event" is one event
with its sources, evidence and claims, random ids.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import random
import socket
import statistics
import sys
import threading
import time

import httpx
import uvicorn

from warwatch.ingest import IngestOptions, read_pages
from warwatch.models import Evidence, Report, Skipped, body_hash
from warwatch.pipeline import code_page, source_of
from warwatch.serve.app import create_app
from warwatch.store import EventQuery, open_store


def coded_reports(inputs: list[str]) -> list[Report]:
    reports = []
    for page in read_pages(inputs, IngestOptions()):
        if isinstance(page, Skipped):
            continue
        report = code_page(page)
        if not isinstance(report, Skipped) and report.candidates:
            reports.append(report)
    return reports


def digest(reports: list[Report]) -> tuple[Report, ...]:
    """The coded reports as one article holding all their texts (offsets moved to match)."""
    parts, offset, candidates, claims = [], 0, [], []
    for report in reports:
        text = report.article.text
        parts.append(text)
        candidates += [dataclasses.replace(c, evidence=tuple(_moved_evidence(e, offset) for e in c.evidence))
                       for c in report.candidates]
        claims += [dataclasses.replace(c, claim_key=f"{report.article.article_id}:{c.claim_key}",
                                       evidence=_moved_evidence(c.evidence, offset)) for c in report.claims]
        offset += len(text) + 2
    text = "\n\n".join(parts)
    first = reports[0].article
    article = dataclasses.replace(first, article_id="digest", text=text, body_hash=body_hash(text),
                                  title="Digest of " + ", ".join(r.article.title or r.article.article_id
                                                                 for r in reports)[:200])
    return Report(article, tuple(candidates), tuple(claims), reports[0].extractor_version)


def _moved_evidence(evidence: Evidence, offset: int) -> Evidence:
    return dataclasses.replace(evidence, char_start=evidence.char_start + offset,
                               char_end=evidence.char_end + offset)


def replica(report: Report, r: int, rng: random.Random) -> Report:
    """The report as if another copy of its article was published `r` days earlier."""
    shift = dt.timedelta(days=r)
    a = report.article
    aid = f"{a.article_id}~{r}"
    article = dataclasses.replace(a, article_id=aid, published=a.published - shift if a.published else None)
    keys = {c.key: f"{c.key}~{r}" for c in report.candidates}

    def moved(place):
        if place is None:
            return None
        return dataclasses.replace(place, latitude=round(place.latitude + rng.uniform(-0.25, 0.25), 4),
                                   longitude=round(place.longitude + rng.uniform(-0.25, 0.25), 4))

    candidates = tuple(dataclasses.replace(
        c, key=keys[c.key], article_id=aid, event_date=c.event_date - shift, place=moved(c.place),
        evidence=tuple(dataclasses.replace(e, article_id=aid) for e in c.evidence)) for c in report.candidates)
    claims = tuple(dataclasses.replace(
        c, article_id=aid, candidate_key=keys.get(c.candidate_key) if c.candidate_key else None,
        evidence=dataclasses.replace(c.evidence, article_id=aid)) for c in report.claims)
    return Report(article, candidates, claims, report.extractor_version)


def build(db: str, inputs: list[str], target: int) -> None:
    store = open_store(db)
    try:
        have = store.counts()["events"]
        if have >= target:
            print(f"reusing {db}: {have:,} events", file=sys.stderr)
            return
        started = time.perf_counter()
        reports = coded_reports(inputs)
        if not reports:
            raise SystemExit("no events coded from the inputs: give pages that report incidents")
        for report in reports:
            store.write_report(report, source_of(report))
        rng = random.Random(7)
        whole = digest(reports)
        r = 0
        while have < target:
            r += 1
            copy = replica(whole, r, rng)
            store.write_report(copy, source_of(copy))
            if r % 100 == 0:
                have = store.counts()["events"]
                print(f"  {have:,} events after {r} rounds, {time.perf_counter() - started:.0f} s", file=sys.stderr)
        counts = store.counts()
        print(f"built {db}: {counts} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    finally:
        store.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure(base: str, paths, seconds: float, concurrency: int) -> tuple[int, float, list[float]]:
    """Hit the paths (a callable giving the next path) from `concurrency` threads for `seconds`."""
    latencies: list[float] = []
    errors = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        mine = []
        with httpx.Client(base_url=base, timeout=30) as client:
            while time.perf_counter() < stop:
                path = paths(rng)
                t0 = time.perf_counter()
                response = client.get(path)
                mine.append(time.perf_counter() - t0)
                if response.status_code != 200:
                    errors.append((path, response.status_code))
        with lock:
            latencies.extend(mine)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise SystemExit(f"{len(errors)} failed requests, e.g. {errors[0]}")
    return len(latencies), elapsed, latencies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("inputs", nargs="+", help="pages to code (files or folders), e.g. samples")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", default="/tmp/warwatch-serve-bench.db",
                        help="the SQLite file (reused when it already holds --events events)")
    parser.add_argument("--seconds", type=float, default=3.0, help="per endpoint")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--cache-seconds", type=float, default=10.0, help="as `warwatch serve --cache-seconds`")
    args = parser.parse_args(argv)

    build(args.db, args.inputs, args.events)
    store = open_store(args.db)
    counts = store.counts()
    ids = [e["event_id"] for e in store.iter_events(EventQuery(order="event_id"))]
    first = store.events(EventQuery(order="-event_date", limit=100))
    store.close()
    second_page = first.next_cursor

    port = free_port()
    config = uvicorn.Config(create_app(args.db, cache_seconds=args.cache_seconds), host="127.0.0.1", port=port, log_level="warning",
                            access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    def year_of_type(rng, event_type, year):
        return f"/api/events?limit=100&event_type={event_type}&date_from={year}-01-01&date_to={year}-12-31"

    def cold(rng):
        # a first day before every event: the whole table matches, and each request misses the cache
        return (dt.date(1990, 1, 1) + dt.timedelta(days=rng.randrange(9000))).isoformat()

    types = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests"]
    endpoints = [
        ("event list, newest 100", lambda rng: "/api/events?limit=100"),
        ("event list, next page (cursor)", lambda rng: f"/api/events?limit=100&cursor={second_page}"),
        ("event list, type + 1 year", lambda rng: year_of_type(rng, rng.choice(types), 2010 + rng.randrange(9))),
        ("event list, text search", lambda rng: f"/api/events?limit=100&q={rng.choice(['market', 'killed', 'aleppo'])}"),
        ("page: list 200 + total, cold", lambda rng: "/api/events?limit=200&order=-event_date&total=true"
                                                     f"&date_from={cold(rng)}"),
        ("page: list 200 + total, warm", lambda rng: "/api/events?limit=200&order=-event_date&total=true"),
        ("page: map cells, cold", lambda rng: f"/api/map?limit=2000&date_from={cold(rng)}"),
        ("page: map cells, warm", lambda rng: "/api/map?limit=2000"),
        ("page: per-day timeline, cold", lambda rng: f"/api/aggregates/per_day?limit=100000&date_from={cold(rng)}"),
        ("page: per-day timeline, warm", lambda rng: "/api/aggregates/per_day?limit=100000"),
        ("one event (random id)", lambda rng: f"/api/events/{rng.choice(ids)}"),
    ]
    print(f"database: {args.db}  {counts}")
    print(f"server: uvicorn (1 process, HTTP/1.1 over loopback, cache {args.cache_seconds:g} s), httpx clients "
          f"on {args.concurrency} threads, {args.seconds:g} s per endpoint")
    print(f"{'endpoint':34} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}")
    try:
        for name, paths in endpoints:
            n, elapsed, latencies = measure(base, paths, args.seconds, args.concurrency)
            latencies.sort()
            p95 = latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))]
            print(f"{name:34} {n:9d} {n / elapsed:8.1f} {statistics.median(latencies) * 1000:8.1f} "
                  f"{p95 * 1000:8.1f}", flush=True)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
