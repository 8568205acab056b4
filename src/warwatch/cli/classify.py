"""`warwatch classify`: the ACLED type and sub-type of each input's main incident."""

from __future__ import annotations

import argparse
import json
import sys

from warwatch.cli.common import add_input_options, exit_code, ingest_options, report_skipped
from warwatch.models import Skipped


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "classify",
        help="print the ACLED event type and sub-type of each input's main incident",
        description="Code the main incident of each input document by ACLED's event types (6) and "
                    "sub-event types (25), offline. Text inputs (a .txt file, or the text field of a JSONL "
                    "line or CSV row) are coded as they are, which suits news snippets; HTML pages are "
                    "cleaned first. One JSON line per document: id, event_type, sub_event_type (ACLED "
                    "names, e.g. \"Air/drone strike\") and confidence (0-1); the types are null when the "
                    "text reports no ACLED event (a disaster, a crime, diplomacy, a statement).",
    )
    add_input_options(parser)
    parser.add_argument("--format", choices=("jsonl",), default="jsonl", help="output format (jsonl)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from warwatch.extract import classify_text
    from warwatch.ingest import read_pages

    done, skipped = 0, []
    for item in read_pages(args.inputs, ingest_options(args)):
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        if item.text is not None:
            text, published = item.text, item.published
        else:
            from warwatch.clean import clean
            from warwatch.errors import WarwatchError

            try:
                article = clean(item)
            except WarwatchError as exc:
                skipped.append(Skipped(item.path or item.url or item.page_id, str(exc)))
                continue
            text, published = article.text, article.published
        event_type, sub_event_type, confidence = classify_text(text, published)
        sys.stdout.write(json.dumps({"id": item.page_id, "event_type": event_type,
                                     "sub_event_type": sub_event_type, "confidence": confidence}) + "\n")
        done += 1
    sys.stdout.flush()
    report_skipped(skipped)
    return exit_code(done, len(skipped))
