"""`warwatch clean INPUT... [--format jsonl|text]`: show what cleaning keeps of each page."""

from __future__ import annotations

import argparse
import json
import sys

from warwatch.clean import clean
from warwatch.cli.common import add_input_options, exit_code, ingest_options, report_skipped
from warwatch.errors import BadInput
from warwatch.ingest import read_pages
from warwatch.models import Article, Skipped

FIELDS = ("path", "id", "url", "title", "published", "byline", "dateline", "publisher", "text",
          "captions", "removed")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "clean",
        help="print the cleaned article of each page, without storing anything",
        description="Clean each page and print what is kept: the story's paragraphs, its title, "
                    "published date, byline, dateline and publisher, the photo captions with their "
                    "credits, and the boilerplate lines that were removed. Works on HTML pages and on "
                    "text that was already scraped (one block per line). Exit status: 0 every input "
                    "was cleaned, 1 some were skipped (each with its reason on stderr), 2 none could "
                    "be read.",
        epilog="JSON fields (--format jsonl, one object a line): " + ", ".join(FIELDS) + ". "
               "`published` is an ISO date or null; `captions` is a list of {text, credit}.",
    )
    add_input_options(parser)
    parser.add_argument("--format", choices=("jsonl", "text"), default="jsonl",
                        help="jsonl: one JSON object per article (default); text: a readable block "
                             "per article with the body, then captions and removed lines")
    parser.set_defaults(func=run)


def article_record(article: Article) -> dict:
    """The JSON object printed for one article (the fields of FIELDS, in that order)."""
    return {
        "path": article.path,
        "id": article.article_id,
        "url": article.url,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "byline": article.byline,
        "dateline": article.dateline,
        "publisher": article.publisher,
        "text": article.text,
        "captions": [{"text": c.text, "credit": c.credit} for c in article.captions],
        "removed": list(article.removed),
    }


def _as_text(article: Article) -> str:
    head = [f"== {article.path or article.url or article.article_id}"]
    for label, value in (("title", article.title),
                         ("published", f"{article.published} (from {article.published_from})"
                          if article.published else None),
                         ("byline", article.byline), ("dateline", article.dateline),
                         ("publisher", article.publisher)):
        if value:
            head.append(f"{label}: {value}")
    parts = ["\n".join(head), article.text]
    if article.captions:
        parts.append("captions:\n" + "\n".join(
            f"  {c.text}" + (f" [{c.credit}]" if c.credit else "") for c in article.captions))
    if article.removed:
        parts.append("removed:\n" + "\n".join(f"  {line}" for line in article.removed))
    return "\n\n".join(parts) + "\n\n"


def run(args: argparse.Namespace) -> int:
    done, skipped = 0, 0
    for item in read_pages(args.inputs, ingest_options(args)):
        if isinstance(item, Skipped):
            report_skipped([item])
            skipped += 1
            continue
        try:
            article = clean(item)
        except BadInput as exc:
            report_skipped([Skipped(item.path or item.url or item.page_id, exc.message)])
            skipped += 1
            continue
        if args.format == "text":
            sys.stdout.write(_as_text(article))
        else:
            sys.stdout.write(json.dumps(article_record(article), ensure_ascii=False) + "\n")
        done += 1
    sys.stdout.flush()
    return exit_code(done, skipped)
