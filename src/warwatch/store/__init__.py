"""Stores: SQLite by default, PostgreSQL for teams, chosen by the database address."""

from __future__ import annotations

import os

from warwatch.store.base import ClaimQuery, EventQuery, Page_, SqlStore, Store, WriteResult

DEFAULT_DB = "warwatch.db"


def database_address(given: str | None = None) -> str:
    """The database to use: the given one, else $WARWATCH_DB, else warwatch.db here."""
    return given or os.environ.get("WARWATCH_DB") or DEFAULT_DB


def open_store(address: str | None = None) -> SqlStore:
    """Open (creating if needed) the store at a file path or a postgresql:// address."""
    address = database_address(address)
    if address.startswith(("postgresql://", "postgres://")):
        from warwatch.store.postgres import PostgresStore

        return PostgresStore(address)
    from warwatch.store.sqlite import SqliteStore

    return SqliteStore(address)


__all__ = ["ClaimQuery", "EventQuery", "Page_", "SqlStore", "Store", "WriteResult", "open_store",
           "database_address", "DEFAULT_DB"]
