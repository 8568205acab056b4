"""`warwatch code`: clean, code, geocode and store pages."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from collections.abc import Iterator

from warwatch.cli.common import add_db_option, add_input_options, exit_code, ingest_options, report_skipped
from warwatch.errors import WarwatchError
from warwatch.ingest import read_pages
from warwatch.runners.local import run_local, terminal_progress
from warwatch.store import database_address, open_store


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "code",
        help="clean, code, geocode and store pages in the database",
        description="Clean each page, find the incidents it reports, code them by ACLED rules, geocode "
                    "them and store events and casualty claims. Pages already coded with this version "
                    "are left as they are, so running the same input twice adds nothing. Each page is "
                    "stored whole or not at all, a few pages a commit; a run stopped by Ctrl-C or "
                    "SIGTERM stores every page it coded, and a run killed outright keeps what it "
                    "committed (a restart codes the rest).",
    )
    add_input_options(parser)
    add_db_option(parser)
    parser.add_argument("--runner", choices=("local", "spark"), default="local",
                        help="local: this process (default); spark: PySpark, the pages coded over "
                             "partitions and the reports stored from Parquet")
    parser.add_argument("--spark-master", metavar="URL", default=None,
                        help="with --runner spark: the master (default: $WARWATCH_SPARK_MASTER, else "
                             "local[*]); on a cluster warwatch must be installed on the executors")
    parser.add_argument("--relevant-only", action="store_true",
                        help="code only pages the relevance filter keeps (conflict and protest news), "
                             "judged as they are read (HTML on its raw bytes); for firehose input such "
                             "as CC-NEWS WARC files, where most pages are not")
    parser.add_argument("--quiet", action="store_true", help="print no summary")
    parser.set_defaults(func=run)


@contextlib.contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (a service stopped, `timeout`) ends the run as Ctrl-C does: the reports coded and
    waiting for the store are stored first. Only the main thread can take signals."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run(args: argparse.Namespace) -> int:
    with sigterm_as_interrupt():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    address = database_address(args.db)
    try:
        store = open_store(address)
    except WarwatchError as exc:
        print(f"warwatch: {exc}", file=sys.stderr)
        return 2
    try:
        options = ingest_options(args)
        if args.relevant_only:
            from warwatch.relevance import RelevanceFilter

            options.relevance = RelevanceFilter()  # at ingest, in front of either runner
        pages = read_pages(args.inputs, options)
        if args.runner == "spark":
            from warwatch.runners.spark import run_spark

            summary = run_spark(pages, store, args)
        else:
            summary = run_local(pages, store, terminal_progress())
        if options.relevance is not None:
            summary.pages_read += options.relevance.rejected
            summary.pages_not_relevant = options.relevance.rejected
    finally:
        store.close()
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    report_skipped(summary.skipped)
    if not args.quiet:
        print(f"pages read {summary.pages_read}, not relevant {summary.pages_not_relevant}, "
              f"coded {summary.pages_coded}, "
              f"unchanged {summary.pages_unchanged}, copies {summary.copies}, "
              f"skipped {len(summary.skipped)}; events touched {summary.events_touched}, "
              f"claims {summary.claims}; database {address}", file=sys.stderr)
    return exit_code(summary.pages_read, len(summary.skipped))
