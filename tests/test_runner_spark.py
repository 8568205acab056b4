"""The Spark runner codes a WARC of real pages into the same events as the local runner.

The WARC is built from the repository's sample pages (tests/firehose_pages.py). Spark runs in
local mode (local[2]) and stores into PostgreSQL when a server is reachable (else SQLite), so the
one Spark start-up (about ten seconds) also checks that both stores hold the same events. It is
skipped only when no Java is installed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from firehose_pages import sample_pages, write_warc
from warwatch.cli import main
from warwatch.store import ClaimQuery, open_store

SRC = Path(__file__).resolve().parents[1] / "src" / "warwatch"


def events_of(db: str) -> tuple[list, list]:
    store = open_store(db)
    events = sorted((e["event_id"], e["event_date"], e["sub_event_type"], e["fatalities_low"], e["fatalities_high"],
                     tuple(e["members"]), tuple(sorted(s["article_id"] for s in e["sources"])))
                    for e in store.iter_events())
    claims = sorted((c["claim_id"], c["number_low"], tuple(c["event_ids"]), len(c["sources"]))
                    for c in store.claims(ClaimQuery()).items)
    store.close()
    return events, claims


def articles_in(db: str) -> int:
    store = open_store(db)
    try:
        return store.counts()["articles"]
    finally:
        store.close()


@pytest.fixture
def spark_db(request, tmp_path):
    """A fresh PostgreSQL database when a server is reachable, else a SQLite file."""
    from conftest import _pg_admin_connection

    admin, _ = _pg_admin_connection()
    if admin is None:
        return str(tmp_path / "spark.db")
    admin.close()
    return request.getfixturevalue("postgres_address")


@pytest.mark.skipif(shutil.which("java") is None, reason="PySpark needs Java (17), and none is installed")
def test_spark_runner_gives_the_local_runners_events(tmp_path, monkeypatch, capsys, spark_db):
    crawl = str(write_warc(tmp_path / "crawl.warc.gz", sample_pages()))
    monkeypatch.setenv("WARWATCH_SPARK_MASTER", "local[2]")
    local_db, filtered_db = str(tmp_path / "local.db"), str(tmp_path / "filtered.db")
    assert main(["code", crawl, "--db", local_db, "--quiet"]) == 0
    assert main(["code", crawl, "--db", filtered_db, "--relevant-only", "--quiet"]) == 0
    capsys.readouterr()
    assert main(["code", crawl, "--db", spark_db, "--runner", "spark", "--relevant-only"]) == 0
    assert "pages read 13, not relevant 1, coded 12," in capsys.readouterr().err
    local = events_of(local_db)
    assert len(local[0]) >= 12, "the local runner coded too few events from the sample pages"
    assert events_of(filtered_db) == local  # the filter rejected the ordinary page and lost no event
    assert events_of(spark_db) == local
    assert (articles_in(local_db), articles_in(filtered_db), articles_in(spark_db)) == (13, 12, 12)


def test_no_stage_imports_spark():
    for path in SRC.rglob("*.py"):
        if path.name != "spark.py":
            assert "pyspark" not in path.read_text(encoding="utf-8"), f"{path} mentions pyspark"
    code = ("import sys, warwatch.pipeline, warwatch.runners.spark, warwatch.cli; "
            "sys.exit('pyspark' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_the_spark_master_comes_from_the_option_then_the_environment_then_local(monkeypatch):
    import argparse

    from warwatch.cli import build_parser
    from warwatch.runners.spark import spark_master

    parse = build_parser().parse_args
    monkeypatch.delenv("WARWATCH_SPARK_MASTER", raising=False)
    assert spark_master(parse(["code", "x.warc", "--runner", "spark"])) == "local[*]"
    monkeypatch.setenv("WARWATCH_SPARK_MASTER", "spark://head:7077")
    assert spark_master(parse(["code", "x.warc", "--runner", "spark"])) == "spark://head:7077"
    assert spark_master(parse(["code", "x.warc", "--spark-master", "local[2]"])) == "local[2]"
    assert spark_master(argparse.Namespace()) == "spark://head:7077"
