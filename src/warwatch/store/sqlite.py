"""The SQLite store: one file, WAL journal; each article all or nothing, several articles given
together committed in one transaction (a savepoint each)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from pathlib import Path

from warwatch.errors import StoreError
from warwatch.models import Report, SourceRef
from warwatch.store.base import SqlStore, WriteResult


BUSY_TIMEOUT_S = 60.0


def _use_wal(conn: sqlite3.Connection) -> None:
    """Put the database in WAL mode, waiting out other openers doing the same.

    Switching the journal mode needs the database to itself, and SQLite's busy handler does
    not always wait for that: when several processes open a fresh file together, one of them
    gets 'database is locked' at once. A database already in WAL mode stays so (the mode is
    kept in the file), so the switch is tried only when needed and retried with short sleeps
    up to the busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    delay = 0.005
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                # an in-memory database answers 'memory' and stays so, as before
                conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            message = str(exc).lower()
            if ("locked" not in message and "busy" not in message) or time.monotonic() > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.2)


class SqliteStore(SqlStore):
    """The store in a single SQLite file (the default backend)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                   check_same_thread=False)
            _use_wal(conn)
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the SQLite database {self.path}: {exc}") from exc
        self._in_tx = False
        super().__init__(conn)

    def begin(self) -> None:
        # IMMEDIATE takes the write lock up front, so concurrent writers queue instead of
        # merging the same blocks from stale reads.
        self.conn.execute("BEGIN IMMEDIATE")
        self._in_tx = True

    def commit(self) -> None:
        if self._in_tx:
            self.conn.execute("COMMIT")
            self._in_tx = False

    def rollback(self) -> None:
        if self._in_tx:
            self.conn.execute("ROLLBACK")
            self._in_tx = False

    def write_reports(self, items: Sequence[tuple[Report, SourceRef]]) -> list[WriteResult]:
        """Store several articles in one transaction, each in its own savepoint.

        A commit writes every page the transaction changed to the WAL, and one article's writes
        change some 65 pages, many of them index pages the next articles change again: storing
        20 articles in one commit takes about a fifth less CPU than 20 commits (bench/store.py).
        An article that fails is rolled back alone; those written before it are committed, then
        the error goes on.
        """
        results: list[WriteResult] = []
        if not items:
            return results
        self.begin()
        try:
            for report, source in items:
                self.execute("SAVEPOINT article")
                try:
                    results.append(self._write(report, source))
                except BaseException:
                    self.execute("ROLLBACK TO article")
                    raise
                finally:
                    self.execute("RELEASE article")
        except BaseException:
            self._finish()  # the articles stored before the failing one are kept
            raise
        self._finish()
        return results

    def _finish(self) -> None:
        try:
            self.commit()
        except BaseException:
            self.rollback()
            raise

    def _migrate(self) -> None:
        self.begin()
        try:
            super()._migrate()
        except BaseException:
            self.rollback()
            raise
