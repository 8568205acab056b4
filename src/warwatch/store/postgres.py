"""The PostgreSQL store: the shared SQL store over psycopg 3, for teams sharing one database.

Each article is written in its own transaction at READ COMMITTED. Concurrent writers are kept
apart by transaction-scoped advisory locks: one on the article id (taken first, so two writers
of the same page queue and the second finds it unchanged) and one per merge block (taken in
sorted order, so writers never deadlock). A block's candidates are read after its lock is
held, so every writer merges what the others committed and no event is stored twice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from warwatch.errors import StoreError
from warwatch.models import Report, SourceRef
from warwatch.store.base import SqlStore, WriteResult

# Tries of one article's write that lost a race (deadlock, serialization, duplicate key).
_RETRIES = 5


def advisory_key(namespace: str, name: str) -> int:
    """A signed 64-bit key for pg_advisory_xact_lock, stable across processes and machines."""
    digest = hashlib.blake2b(f"warwatch:{namespace}:{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class PostgresStore(SqlStore):
    """The store in a PostgreSQL database given by a postgresql:// address."""

    placeholder = "%s"
    blob = "BYTEA"
    real = "DOUBLE PRECISION"

    def __init__(self, address: str) -> None:
        try:
            import psycopg
        except ImportError as exc:
            raise StoreError("a postgresql:// database needs psycopg: pip install 'warwatch[postgres]'") from exc
        self.address = address
        self._errors = psycopg.errors
        self._writing: str | None = None
        try:
            conn = psycopg.connect(address)
        except psycopg.Error as exc:
            raise StoreError(f"cannot open the PostgreSQL database {_redacted(address)}: "
                             f"{str(exc).strip().splitlines()[0] if str(exc).strip() else exc}") from exc
        super().__init__(conn)

    def _migrate(self) -> None:
        # Two processes opening a fresh database at once would race on CREATE TABLE.
        self.execute("SELECT pg_advisory_xact_lock(?)", (advisory_key("schema", "migrate"),))
        super()._migrate()

    def begin(self) -> None:
        """Start the article's transaction and hold its article lock until commit."""
        if self._writing is not None:
            self.execute("SELECT pg_advisory_xact_lock(?)", (advisory_key("article", self._writing),))

    def lock_blocks(self, blocks: Sequence[str]) -> None:
        for block in sorted(blocks):
            self.execute("SELECT pg_advisory_xact_lock(?)", (advisory_key("block", block),))

    def write_report(self, report: Report, source: SourceRef) -> WriteResult:
        """Store one coded article; a write that lost a race with another writer is tried again."""
        retryable = (self._errors.DeadlockDetected, self._errors.SerializationFailure,
                     self._errors.UniqueViolation)
        self._writing = report.article.article_id
        try:
            for attempt in range(_RETRIES):
                try:
                    return super().write_report(report, source)
                except retryable:
                    if attempt == _RETRIES - 1:
                        raise
            raise AssertionError("unreachable")
        finally:
            self._writing = None


def _redacted(address: str) -> str:
    """The address without its password."""
    head, at, tail = address.rpartition("@")
    if not at or ":" not in head.split("//", 1)[-1]:
        return address
    scheme, _, user_password = head.partition("//")
    return f"{scheme}//{user_password.split(':', 1)[0]}:***@{tail}"
