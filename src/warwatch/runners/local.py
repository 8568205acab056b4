"""The local runner: pages one at a time, each stored in its own transaction."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable

from warwatch.models import Page, Report, RunSummary, Skipped
from warwatch.pipeline import code_page, source_of
from warwatch.store.base import SqlStore

Progress = Callable[[RunSummary], None]


def run_local(items: Iterable[Page | Skipped], store: SqlStore, progress: Progress | None = None) -> RunSummary:
    """Code every page into the store; skipped inputs are collected with their reasons."""
    summary = RunSummary()
    touched: set[str] = set()
    for item in items:
        if isinstance(item, Skipped):
            summary.skipped.append(item)
        else:
            summary.pages_read += 1
            result = code_page(item)
            if isinstance(result, Skipped):
                summary.skipped.append(result)
            else:
                store_report(result, store, summary, touched)
        summary.events_touched = len(touched)
        if progress:
            progress(summary)
    return summary


def store_report(report: Report, store: SqlStore, summary: RunSummary, touched: set[str]) -> None:
    """Store one coded report and count it in `summary`; the events it touched join `touched`."""
    outcome = store.write_report(report, source_of(report))
    if outcome.status == "unchanged":
        summary.pages_unchanged += 1
    else:
        summary.pages_coded += 1
        summary.claims += outcome.claims
        summary.copies += outcome.copy_of is not None
        touched.update(outcome.events)


def terminal_progress(stream=None) -> Progress | None:
    """A one-line progress display when `stream` (standard error by default) is a terminal, else None."""
    stream = stream or sys.stderr  # looked up at call time: sys.stderr may have been replaced
    if not stream.isatty():
        return None

    def show(summary: RunSummary) -> None:
        stream.write(f"\rpages {summary.pages_read:>7,}  coded {summary.pages_coded:>7,}  "
                     f"skipped {len(summary.skipped):>5,}  events {summary.events_touched:>7,}")
        stream.flush()

    return show
