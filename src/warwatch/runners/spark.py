"""The Spark runner: the same stage function (`pipeline.code_page`) mapped over partitions.

The driver never holds the pages: it writes them, a batch at a time, as JSON lines into a
temporary input folder; Spark reads that folder, codes each partition on the executors with
`code_page`, and writes every report (or skip reason) as Parquet (`models.to_dict` as a JSON
string). The driver then streams the Parquet back one partition at a time and stores the reports as
the local runner does (`runners.local.ReportWriter`: in small batches, each article all or nothing).

PySpark is imported here only, when this runner is used: no stage knows about Spark. The
master is `local[*]` unless $WARWATCH_SPARK_MASTER (or `--spark-master`) names another one;
on a cluster, warwatch must be installed on the executors' Python.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from warwatch.models import Page, Report, RunSummary, Skipped, from_dict, to_dict
from warwatch.store.base import SqlStore

DEFAULT_MASTER = "local[*]"
PAGES_PER_FILE = 2000  # pages per input file: the unit Spark splits the input into


def spark_master(args: Any = None) -> str:
    """The Spark master: --spark-master, else $WARWATCH_SPARK_MASTER, else local[*]."""
    return getattr(args, "spark_master", None) or os.environ.get("WARWATCH_SPARK_MASTER") or DEFAULT_MASTER


def code_partition(lines: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Executor side: code each page of a partition; ("report", json) or ("skipped", json).

    The relevance filter (--relevant-only) has run at ingest, on the driver: a rejected page is
    never written for the executors, so the cheapest test costs no JSON round trip.
    """
    from warwatch.pipeline import code_page

    for line in lines:
        page = from_dict(Page, json.loads(line))
        result = code_page(page)
        if isinstance(result, Skipped):
            yield "skipped", json.dumps({"where": result.where, "reason": result.reason})
        else:
            yield "report", json.dumps(to_dict(result))


def write_inputs(items: Iterable[Page | Skipped], folder: Path, summary: RunSummary,
                 per_file: int = PAGES_PER_FILE) -> int:
    """Stream pages into JSON-lines files of `per_file` pages; skipped inputs go to the summary."""
    folder.mkdir(parents=True, exist_ok=True)
    files = written = 0
    out = None
    try:
        for item in items:
            if isinstance(item, Skipped):
                summary.skipped.append(item)
                continue
            if out is None or written == per_file:
                if out is not None:
                    out.close()
                out = open(folder / f"pages-{files:05d}.jsonl", "w", encoding="utf-8")
                files, written = files + 1, 0
            out.write(json.dumps(to_dict(item), ensure_ascii=False) + "\n")
            written += 1
            summary.pages_read += 1
    finally:
        if out is not None:
            out.close()
    return files


def _session(master: str, scratch: Path):
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    session = (SparkSession.builder.master(master).appName("warwatch code")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.local.dir", str(scratch / "spark"))
               .config("spark.sql.parquet.compression.codec", "zstd")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    return session


def run_spark(items: Iterable[Page | Skipped], store: SqlStore, args: Any = None) -> RunSummary:
    """Code every page on Spark and load the reports into the store; same summary as run_local."""
    try:
        from pyspark.sql.types import StringType, StructField, StructType
    except ImportError as exc:
        from warwatch.errors import UsageError

        raise UsageError("--runner spark needs PySpark: pip install 'warwatch[spark]' (and Java 17)") from exc
    summary = RunSummary()
    scratch = Path(tempfile.mkdtemp(prefix="warwatch-spark-"))
    try:
        if not write_inputs(items, scratch / "pages", summary):
            return summary
        spark = _session(spark_master(args), scratch)
        try:
            schema = StructType([StructField("kind", StringType(), False), StructField("record", StringType(), False)])
            coded = spark.sparkContext.textFile(str(scratch / "pages")).mapPartitions(code_partition)
            spark.createDataFrame(coded, schema).write.parquet(str(scratch / "reports"))
            load_reports(spark.read.parquet(str(scratch / "reports")).toLocalIterator(), store, summary)
        finally:
            spark.stop()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return summary


def load_reports(rows: Iterable[Any], store: SqlStore, summary: RunSummary) -> None:
    """Store the coded reports as they stream in, in batches as run_local stores them; count what
    changed as run_local does."""
    from warwatch.runners.local import ReportWriter

    with ReportWriter(store, summary) as writer:
        for kind, record in rows:
            data = json.loads(record)
            if kind == "skipped":
                summary.skipped.append(Skipped(data["where"], data["reason"]))
                continue
            writer.add(from_dict(Report, data))
