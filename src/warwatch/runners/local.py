"""The local runner: pages one at a time on one core, their reports stored in small batches."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable

from warwatch.models import Page, Report, RunSummary, Skipped
from warwatch.pipeline import code_page, source_of
from warwatch.store.base import SqlStore

Progress = Callable[[RunSummary], None]

# Coded reports wait for the store until this many are ready, or until the next page comes when
# the oldest has waited this long; the store then writes them together (SQLite: one commit, each
# article all or nothing). A run killed outright loses at most these, and a restart codes them again.
BATCH_REPORTS = 20
BATCH_WAIT_S = 1.0


class ReportWriter:
    """Stores coded reports in batches and counts what changed in a RunSummary; as a context
    manager, it stores the reports still waiting when the block ends, also on an error or Ctrl-C."""

    def __init__(self, store: SqlStore, summary: RunSummary, size: int = BATCH_REPORTS,
                 wait_s: float = BATCH_WAIT_S) -> None:
        self.store, self.summary = store, summary
        self.size, self.wait_s = size, wait_s
        self.touched: set[str] = set()
        self._pending: list[Report] = []
        self._since = 0.0

    def add(self, report: Report) -> None:
        if not self._pending:
            self._since = time.monotonic()
        self._pending.append(report)
        if len(self._pending) >= self.size:
            self.flush()
        else:
            self.flush_if_due()

    def flush_if_due(self) -> None:
        """Write the waiting reports if the oldest has waited `wait_s`."""
        if self._pending and time.monotonic() - self._since >= self.wait_s:
            self.flush()

    def __enter__(self) -> ReportWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.flush()

    def flush(self) -> None:
        """Write every waiting report now."""
        pending, self._pending = self._pending, []
        if not pending:
            return
        outcomes = self.store.write_reports([(report, source_of(report)) for report in pending])
        for report, outcome in zip(pending, outcomes):
            if outcome.status == "unchanged":
                self.summary.pages_unchanged += 1
            else:
                self.summary.pages_coded += 1
                self.summary.claims += outcome.claims
                self.summary.copies += outcome.copy_of is not None
                self.touched.update(outcome.events)
        self.summary.events_touched = len(self.touched)


def run_local(items: Iterable[Page | Skipped], store: SqlStore, progress: Progress | None = None) -> RunSummary:
    """Code every page into the store; skipped inputs are collected with their reasons. Reports
    still waiting are stored when the run ends, also when it is interrupted (Ctrl-C)."""
    summary = RunSummary()
    with ReportWriter(store, summary) as writer:
        for item in items:
            if isinstance(item, Skipped):
                summary.skipped.append(item)
                writer.flush_if_due()
            else:
                summary.pages_read += 1
                result = code_page(item)
                if isinstance(result, Skipped):
                    summary.skipped.append(result)
                    writer.flush_if_due()
                else:
                    writer.add(result)
            if progress:
                progress(summary)
    if progress:
        progress(summary)
    return summary


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
