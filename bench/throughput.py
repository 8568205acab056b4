"""End-to-end throughput of `warwatch code`: pages per second per core, start-up apart, peak memory.

    .venv/bin/python bench/throughput.py --fakes FA-KES-Dataset.csv --news extraction/html
    .venv/bin/python bench/throughput.py ... --spark          # and the Spark runner on local[2]
    .venv/bin/python bench/throughput.py ... --no-filter      # code every page (no --relevant-only)

By default the relevance filter runs in front of the stages, as `warwatch code --relevant-only`
runs it: at ingest (on the driver with Spark), an HTML file judged on its raw bytes before it is
decoded; rejected pages count as pages read.

Streams:
  conflict  the 804 FA-KES articles (../shared/data/fakes/FA-KES-Dataset.csv, read as CSV by ingest)
  mixed     the 181 ordinary news pages of ../shared/bench/extraction (html/*.html.gz) with 10 FA-KES
            articles spread among them (5% conflict); every page is fed once

Each stream runs in a fresh child process, so no cache keyed on a page's content is warm at the
start and each peak memory is its own. End to end means ingest (reading and decoding the files),
`pipeline.code_page` and storing the reports (as `warwatch code` stores them, in batches) into a
new SQLite file. The start-up (imports, opening the store, coding one warm-up page that we wrote,
which loads the lexicons and the gazetteer index) is timed apart; the steady-state rate is
measured over every page of the stream after it. The local runner uses one core: its rate per
core is pages over the process's CPU seconds (other processes on the machine do not slow it),
with pages over wall seconds beside it. The Spark runner uses local[2]: its rate per core is
pages over wall seconds over 2, after the JVM start-up; its driver's peak memory is given with
the largest child's (the JVM, which hosts the executors) apart. Peak memory is the maximum
resident set (getrusage).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
FAKES = SHARED / "data" / "fakes" / "FA-KES-Dataset.csv"
NEWS = SHARED / "bench" / "extraction" / "html"
MIXED_CONFLICT = 10  # 10 of 191 pages: 5%

WARM_UP = {
    "id": "warm-up", "published": "2019-02-09", "source": "warwatch bench",
    "title": "Shelling kills four in northern town",
    "text": "BEIRUT - Government shelling killed four civilians in the town of Khan Sheikhoun in Idlib "
            "province on Saturday, a monitoring group said. Rebels fired rockets at nearby army positions.",
}


def _maxrss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


class ChildMemory:
    """Samples the resident memory of this process's descendants (the JVM and its Python
    workers) every 0.2 s: the peak of their sum, and the JVM's own peak (VmHWM)."""

    def __init__(self) -> None:
        import threading

        self.peak_sum_mb = self.jvm_peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @staticmethod
    def _status(pid: str) -> dict[str, str]:
        try:
            with open(f"/proc/{pid}/status") as handle:
                return dict(line.split(":", 1) for line in handle if ":" in line)
        except OSError:
            return {}

    def _descendants(self) -> list[str]:
        parents: dict[str, list[str]] = {}
        for pid in filter(str.isdigit, os.listdir("/proc")):
            ppid = self._status(pid).get("PPid", "").strip()
            parents.setdefault(ppid, []).append(pid)
        found, todo = [], [str(os.getpid())]
        while todo:
            children = parents.get(todo.pop(), [])
            found += children
            todo += children
        return found

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            total = 0.0
            for pid in self._descendants():
                status = self._status(pid)
                rss = float(status.get("VmRSS", "0 kB").split()[0]) / 1024
                total += rss
                if "java" in status.get("Name", ""):
                    self.jvm_peak_mb = max(self.jvm_peak_mb, float(status.get("VmHWM", "0 kB").split()[0]) / 1024)
            self.peak_sum_mb = max(self.peak_sum_mb, total)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def mixed_inputs(folder: Path, fakes: Path, news: Path) -> list[str]:
    """The 181 news pages, each once, with MIXED_CONFLICT FA-KES articles spread among them."""
    pages = sorted(str(p) for p in Path(news).glob("*.html*"))
    with open(fakes, newline="", encoding="utf-8", errors="replace") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda r: hashlib.sha1(r["unit_id"].encode()).hexdigest())
    inputs = list(pages)
    step = len(pages) // MIXED_CONFLICT
    for i, row in enumerate(rows[:MIXED_CONFLICT]):
        path = folder / f"fakes-{row['unit_id']}.jsonl"
        path.write_text(json.dumps({"id": f"fakes-{row['unit_id']}", "title": row["article_title"],
                                    "text": row["article_content"], "source": row["source"],
                                    "published": row["date"]}) + "\n")
        inputs.insert(i * (step + 1) + step // 2, str(path))
    return inputs


def child(runner: str, stream: str, relevant_only: bool, fakes: Path, news: Path) -> dict:
    """Run one stream in this process and return its figures."""
    wall0 = time.perf_counter()
    from warwatch.ingest import IngestOptions, read_pages
    from warwatch.pipeline import code_page, source_of
    from warwatch.store import open_store

    scratch = Path(tempfile.mkdtemp(prefix="warwatch-bench-"))
    inputs = [str(fakes)] if stream == "conflict" else mixed_inputs(scratch, fakes, news)
    store = open_store(str(scratch / "bench.db"))
    warm = (scratch / "warm-up.jsonl")
    warm.write_text(json.dumps(WARM_UP) + "\n")
    for page in read_pages([str(warm)]):
        store.write_report(code_page(page), source_of(code_page(page)))

    from warwatch.relevance import RelevanceFilter

    options = IngestOptions(relevance=RelevanceFilter() if relevant_only else None)

    def pages():
        return read_pages(inputs, options)

    def count_rejected(summary) -> None:  # as `warwatch code` counts them
        if options.relevance is not None:
            summary.pages_read += options.relevance.rejected
            summary.pages_not_relevant = options.relevance.rejected

    figures: dict = {"runner": runner, "stream": stream, "relevant_only": relevant_only}
    if runner == "spark":
        import argparse as _argparse

        from warwatch.runners.spark import _session, run_spark

        memory = ChildMemory()
        session_start = time.perf_counter()
        _session("local[2]", scratch)  # the JVM starts here; run_spark reuses the session
        figures["jvm_startup_s"] = round(time.perf_counter() - session_start, 2)
        figures["startup_s"] = round(session_start - wall0, 2)
        # Time the driver spends loading reports into the store, apart from the rest.
        write, loading = store.write_reports, [0.0]

        def timed_write(*a):
            t = time.perf_counter()
            try:
                return write(*a)
            finally:
                loading[0] += time.perf_counter() - t

        store.write_reports = timed_write
        wall1, cpu1 = time.perf_counter(), time.process_time()
        summary = run_spark(pages(), store, _argparse.Namespace(spark_master="local[2]"))
        wall = time.perf_counter() - wall1
        count_rejected(summary)
        memory.stop()
        figures["pages_per_s_per_core"] = round(summary.pages_read / wall / 2, 1)
        figures["store_loading_s"] = round(loading[0], 2)
        figures["jvm_peak_mb"] = round(memory.jvm_peak_mb, 1)
        figures["jvm_and_workers_peak_sum_mb"] = round(memory.peak_sum_mb, 1)
    else:
        from warwatch.runners.local import run_local

        figures["startup_s"] = round(time.perf_counter() - wall0, 2)
        wall1, cpu1 = time.perf_counter(), time.process_time()
        summary = run_local(pages(), store)
        wall, cpu = time.perf_counter() - wall1, time.process_time() - cpu1
        count_rejected(summary)
        figures["pages_per_s_per_core"] = round(summary.pages_read / cpu, 1)
        figures["pages_per_wall_s"] = round(summary.pages_read / wall, 1)
    figures.update(pages=summary.pages_read, not_relevant=summary.pages_not_relevant, coded=summary.pages_coded,
                   skipped=len(summary.skipped),
                   events=store.counts()["events"], steady_wall_s=round(wall, 2),
                   peak_mb=round(_maxrss_mb(resource.RUSAGE_SELF), 1))
    store.close()
    return figures


def memory_run(fakes: Path, n: int, relevant_only: bool) -> None:
    """Peak memory as the input grows: `n` distinct pages (FA-KES articles, each copy with its own
    id and an edition line, so no two bodies are equal), streamed through the local runner into a
    new SQLite file; the peak resident set is printed every n/5 pages."""
    import itertools

    from warwatch.ingest import IngestOptions, read_pages
    from warwatch.models import Page
    from warwatch.relevance import RelevanceFilter
    from warwatch.runners.local import run_local
    from warwatch.store import open_store

    scratch = Path(tempfile.mkdtemp(prefix="warwatch-bench-"))
    base = [p for p in read_pages([str(fakes)], IngestOptions()) if isinstance(p, Page)]

    def pages():
        for i, page in zip(range(n), itertools.cycle(base)):
            yield Page(page_id=f"{page.page_id}-e{i}", title=page.title, published=page.published,
                       source=page.source, text=f"{page.text}\nEdition {i} of this report.")

    store = open_store(str(scratch / "memory.db"))
    marks, start = [], time.perf_counter()

    def progress(summary) -> None:
        if summary.pages_read % max(n // 5, 1) == 0:
            marks.append(f"{summary.pages_read}:{_maxrss_mb(resource.RUSAGE_SELF):.0f}MB")

    keep = RelevanceFilter() if relevant_only else None
    summary = run_local(keep(pages()) if keep else pages(), store, progress)
    print(f"memory pages={n} coded={summary.pages_coded} events={store.counts()['events']} "
          f"wall_s={time.perf_counter() - start:.1f} peak_rss_by_pages={' '.join(marks)}", flush=True)
    store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spark", action="store_true", help="also run the Spark runner on local[2]")
    parser.add_argument("--fakes", type=Path, default=FAKES, help="the FA-KES CSV (conflict stream)")
    parser.add_argument("--news", type=Path, default=NEWS, help="folder of ordinary news pages (*.html.gz)")
    parser.add_argument("--no-filter", action="store_true", help="code every page: no relevance filter")
    parser.add_argument("--streams", default="conflict,mixed", help="comma-separated: conflict, mixed")
    parser.add_argument("--profile", action="store_true",
                        help="instead: profile the local runner on each stream (cProfile, top functions)")
    parser.add_argument("--memory", type=int, metavar="N",
                        help="instead: peak memory of the local runner as N distinct pages stream in")
    parser.add_argument("--child", nargs=2, metavar=("RUNNER", "STREAM"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    for path in (args.fakes, args.news):
        if not path.exists():
            print(f"throughput: {path} does not exist (give --fakes and --news)", file=sys.stderr)
            return 2
    if args.profile:
        import cProfile
        import pstats

        for stream in args.streams.split(","):
            profiler = cProfile.Profile()
            figures = profiler.runcall(child, "local", stream, not args.no_filter, args.fakes, args.news)
            print(" ".join(f"{k}={v}" for k, v in figures.items()) + " (under cProfile)")
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(r"warwatch/(?!cli)", 30)
            pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
        return 0
    if args.memory:
        memory_run(args.fakes, args.memory, not args.no_filter)
        return 0
    if args.child:
        print(json.dumps(child(*args.child, not args.no_filter, args.fakes, args.news)))
        return 0
    runners = ["local", "spark"] if args.spark else ["local"]
    for runner in runners:
        for stream in args.streams.split(","):
            command = [sys.executable, __file__, "--child", runner, stream, "--fakes", str(args.fakes),
                       "--news", str(args.news)] + (["--no-filter"] if args.no_filter else [])
            done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
            if done.returncode != 0:
                print(f"{runner}/{stream} failed:\n{done.stderr[-3000:]}", file=sys.stderr)
                return 1
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            print(" ".join(f"{k}={v}" for k, v in figures.items()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
