"""Shared fixtures: `store_address` runs a test once on SQLite and once on a real PostgreSQL server.

The PostgreSQL run creates its own database (warwatch_test_<random>) on the server at
$WARWATCH_TEST_PG (default postgresql://postgres@127.0.0.1:5432/test) and drops it afterwards.
Without a reachable server that case is skipped with the reason, except under CI (CI=true),
where it fails: `.ci/run` starts the server first.
"""

from __future__ import annotations

import os
import secrets

import pytest

PG_ADMIN = os.environ.get("WARWATCH_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def _pg_admin_connection():
    """An autocommit connection to the admin database, or the reason there is none."""
    try:
        import psycopg
    except ImportError:
        return None, "psycopg is not installed (pip install -e '.[postgres]')"
    errors = []
    for address in (PG_ADMIN, PG_ADMIN.replace("//postgres@", "//root@")):
        try:
            return psycopg.connect(address, autocommit=True, connect_timeout=5), address
        except psycopg.Error as exc:
            errors.append(str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc))
    return None, f"no PostgreSQL server at {PG_ADMIN}: {errors[0]}"


@pytest.fixture
def postgres_address():
    """The address of a fresh, empty PostgreSQL database, dropped after the test."""
    admin, found = _pg_admin_connection()
    if admin is None:
        if os.environ.get("CI"):
            pytest.fail(found)
        pytest.skip(found)
    name = f"warwatch_test_{secrets.token_hex(6)}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield found.rsplit("/", 1)[0] + "/" + name
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture(params=["sqlite", "postgres"])
def store_address(request, tmp_path):
    """A database address for `open_store`: a fresh SQLite file, then a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "warwatch.db")
    return request.getfixturevalue("postgres_address")
