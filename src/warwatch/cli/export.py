"""`warwatch export`: events, claims or articles as CSV, JSON lines or GeoJSON."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import Any

from warwatch.cli.common import add_db_option, write_lines
from warwatch.records import ARTICLE_COLUMNS, CLAIM_COLUMNS, EVENT_COLUMNS, csv_lines, event_row, geojson_lines, \
    jsonl_lines
from warwatch.store import ClaimQuery, EventQuery, database_address, open_store
from warwatch.store.base import SqlStore


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="write events, claims or articles as CSV, JSON lines or GeoJSON",
        description="Write the database's events (ACLED columns in ACLED's order, then fatalities_low, "
                    "fatalities_high, sources, evidence, claims...), its claims ledger, or its articles.",
    )
    add_db_option(parser)
    parser.add_argument("--table", choices=("events", "claims", "articles"), default="events",
                        help="what to export (default: events)")
    parser.add_argument("--format", choices=("csv", "jsonl", "geojson", "table"), default="csv",
                        help="csv (lists as JSON strings), jsonl, geojson (events only), or table "
                             "(events only, for reading in a terminal); default csv")
    parser.set_defaults(func=run)


def event_rows(store: SqlStore) -> Iterator[dict[str, Any]]:
    """Every event as an output row, with its claims."""
    for event in store.iter_events(EventQuery(order="event_date")):
        yield event_row(event, store.claims(ClaimQuery(event_id=event["event_id"])).items)


TABLE = (("event_date", 10), ("sub_event_type", 28), ("actor1", 30), ("actor2", 30), ("location", 16),
         ("admin1", 16), ("country", 10), ("fatalities", 10), ("sources", 7))


def table_lines(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    """Events as a fixed-width table for a terminal."""
    yield "  ".join(name.ljust(width) for name, width in TABLE).rstrip() + "\n"
    yield "  ".join("-" * width for _, width in TABLE) + "\n"
    count = 0
    for row in rows:
        count += 1
        cells = dict(row)
        low, high = row["fatalities_low"], row["fatalities_high"]
        cells["fatalities"] = str(low) if low == high else f"{low} ({low}-{high})"
        cells["sources"] = str(len(row["sources"]))
        yield "  ".join(str(cells.get(name) or "")[:width].ljust(width) for name, width in TABLE).rstrip() + "\n"
    yield f"{count} events\n"


def _paged(fetch) -> Iterator[dict[str, Any]]:
    cursor = None
    while True:
        page = fetch(cursor)
        yield from page.items
        if not page.next_cursor:
            return
        cursor = page.next_cursor


def run(args: argparse.Namespace) -> int:
    if args.format in ("geojson", "table") and args.table != "events":
        print(f"warwatch: --format {args.format} is for --table events only", file=sys.stderr)
        return 2
    store = open_store(database_address(args.db))
    try:
        if args.table == "events":
            rows, columns = event_rows(store), EVENT_COLUMNS
        elif args.table == "claims":
            rows, columns = _paged(lambda c: store.claims(ClaimQuery(limit=500, cursor=c))), CLAIM_COLUMNS
        else:
            rows, columns = _paged(lambda c: store.articles(limit=500, cursor=c)), ARTICLE_COLUMNS
        formatter = {"csv": lambda r: csv_lines(r, columns), "jsonl": jsonl_lines,
                     "geojson": geojson_lines, "table": table_lines}[args.format]
        write_lines(formatter(rows))
    finally:
        store.close()
    return 0
