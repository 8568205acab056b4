"""The SQLite store: one file, WAL journal, one transaction per article."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from warwatch.errors import StoreError
from warwatch.store.base import SqlStore


class SqliteStore(SqlStore):
    """The store in a single SQLite file (the default backend)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            conn = sqlite3.connect(self.path, timeout=60, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
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

    def _migrate(self) -> None:
        self.begin()
        try:
            super()._migrate()
        except BaseException:
            self.rollback()
            raise
