"""Options and output helpers shared by the commands."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterable, Sequence

from warwatch.ingest import DEFAULT_MAX_PAGE_BYTES, CsvColumns, IngestOptions, parse_date
from warwatch.models import Skipped
from warwatch.store import DEFAULT_DB

EXIT_OK, EXIT_SKIPPED, EXIT_USAGE = 0, 1, 2


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="PATH",
                        help=f"the database: a SQLite file or a postgresql:// address "
                             f"(default: $WARWATCH_DB, else {DEFAULT_DB} in this folder)")


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """INPUT... and the options that say how to read inputs."""
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="files or folders (.html .htm .txt .jsonl .csv .warc .warc.gz, also gzipped), "
                             "or - for standard input")
    parser.add_argument("--published", metavar="DATE", type=_date_arg,
                        help="the date of inputs that carry none (YYYY-MM-DD); relative dates such as "
                             "'Saturday' are resolved against it")
    parser.add_argument("--source", metavar="NAME", help="the outlet of inputs that name none")
    parser.add_argument("--csv-columns", metavar="MAP", type=_csv_columns_arg,
                        help="for .csv inputs: FIELD=COLUMN pairs, e.g. id=unit_id,title=article_title,"
                             "text=article_content,source=source,published=date (FA-KES columns are "
                             "recognised without this)")
    parser.add_argument("--max-page-mb", metavar="MB", type=float, default=DEFAULT_MAX_PAGE_BYTES / 2**20,
                        help="skip single pages larger than this (default: %(default).0f)")


def ingest_options(args: argparse.Namespace) -> IngestOptions:
    return IngestOptions(published=args.published, source=args.source,
                         max_page_bytes=int(args.max_page_mb * 2**20), csv_columns=args.csv_columns)


def _date_arg(text: str) -> dt.date:
    value = parse_date(text)
    if value is None:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD)")
    return value


def _csv_columns_arg(text: str) -> CsvColumns:
    try:
        return CsvColumns.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def report_skipped(skipped: Sequence[Skipped], stream=sys.stderr) -> None:
    """One line per skipped input: where, and why."""
    for item in skipped:
        print(f"skipped {item.where}: {item.reason}", file=stream)


def exit_code(done: int, skipped: int) -> int:
    """0 every input handled, 1 some skipped, 2 nothing could be read."""
    if skipped and not done:
        return EXIT_USAGE
    return EXIT_SKIPPED if skipped else EXIT_OK


def write_lines(lines: Iterable[str], stream=None) -> None:
    """Stream text lines to stdout (or a given stream)."""
    out = stream or sys.stdout
    for line in lines:
        out.write(line)
    out.flush()
