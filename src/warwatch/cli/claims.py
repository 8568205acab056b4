"""`warwatch claims`: the claims ledger, with disagreements between sources side by side."""

from __future__ import annotations

import argparse
from collections import defaultdict
from typing import Any

from warwatch.cli.common import add_db_option, write_lines
from warwatch.extract.numbers import find_counts
from warwatch.models import QUANTITIES, SCOPES
from warwatch.records import jsonl_lines
from warwatch.store import ClaimQuery, database_address, open_store


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "claims",
        help="list casualty figures: who claimed how many of whom, and where sources disagree",
        description="List every casualty figure in the database with who claimed it, the outlets that "
                    "reported it and its scope (one incident, or a running tally). Figures from different "
                    "sources for the same quantity of the same incident or tally are shown side by side.",
    )
    add_db_option(parser)
    parser.add_argument("--event", metavar="ID", help="claims about one event (any id it ever had)")
    parser.add_argument("--article", metavar="ID", help="claims made in one article")
    parser.add_argument("--quantity", choices=QUANTITIES, help="only this quantity")
    parser.add_argument("--scope", choices=SCOPES, help="only incident figures, or only running tallies")
    parser.add_argument("--claimant", metavar="TEXT", help="claimant name contains TEXT")
    parser.add_argument("--search", metavar="TEXT", help="claim sentence contains every word of TEXT")
    parser.add_argument("--format", choices=("table", "jsonl"), default="table",
                        help="table for reading (default) or jsonl")
    parser.set_defaults(func=run)


def _number(claim: dict[str, Any]) -> str:
    low, high = claim["number_low"], claim["number_high"]
    if low is None:
        return "n/a"
    return str(low) if high in (None, low) else f"{low}-{high}"


def _subject(claim: dict[str, Any]) -> tuple:
    anchor = tuple(claim["event_ids"]) if claim["scope"] == "incident" else (
        "tally", claim["tally_since"], claim["tally_area"])
    return anchor, claim["quantity"], claim["victim_type"], claim["victim_actor"]


def _counted(claim: dict[str, Any]) -> str:
    """The noun a figure counts ("children", "SDF fighters" -> "fighters"): 76 children and 41 women
    killed in the same clashes are two parts of one toll, not two sources disagreeing."""
    words = (claim["victims"] or "").lower().split()
    return words[-1].rstrip("s") if words else ""


def _exact(claim: dict[str, Any]) -> bool:
    """Whether a figure was written as a number ("10", "some 1,279", "two"), not as a vague word
    ("dozens", "most of the attackers") that stands for a conventional value."""
    counts = find_counts(claim["number_text"] or "")
    return bool(counts) and not any(count.vague for count in counts)


def disagree(anchor: tuple, items: list[dict[str, Any]]) -> bool:
    """Whether sources give different figures for the very same thing: the same quantity of the same
    people, in one incident or in a tally counted from a known date. Tallies whose start is unknown
    cannot be compared (one counts since 2011, another since last month)."""
    if not anchor or (anchor[0] == "tally" and not anchor[1]):
        return False
    figures: dict[str, set[str]] = defaultdict(set)
    for claim in items:
        if claim["number_low"] is not None and _exact(claim):
            figures[_counted(claim)].add(_number(claim))
    return any(len(numbers) > 1 for numbers in figures.values())


def format_table(claims: list[dict[str, Any]]) -> list[str]:
    """Claims grouped by what they count; a group where sources give different figures for the same
    people is marked DISAGREE."""
    groups: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for claim in claims:
        groups[_subject(claim)].append(claim)
    lines = []
    for (anchor, quantity, victim_type, victim_actor), items in groups.items():
        what = (f"event {', '.join(anchor)}" if anchor and anchor[0] != "tally" else
                f"tally since {anchor[1] or '?'}{' in ' + anchor[2] if anchor[2] else ''}" if anchor else
                "no event")
        flag = "  DISAGREE" if disagree(anchor, items) else ""
        lines.append(f"{quantity} {victim_actor or victim_type} | {what}{flag}\n")
        for c in items:
            outlets = ", ".join(sorted({s["outlet"] or s["article_id"] for s in c["sources"]}))
            lines.append(f"    {_number(c):>9}  {c['victims'][:40]:<40}  by {c['claimant'] or 'unattributed'}"
                         f"  [{outlets}]  {c['claim_id']}\n")
            lines.append(f"               \"{c['sentence'][:150]}\"\n")
    return lines


def run(args: argparse.Namespace) -> int:
    store = open_store(database_address(args.db))
    try:
        event_id = store.resolve_event_id(args.event) if args.event else None
        if args.event and not event_id:
            print(f"warwatch: no event has the id {args.event}")
            return 1
        claims = store.claims(ClaimQuery(event_id=event_id, article_id=args.article, quantity=args.quantity,
                                         scope=args.scope, claimant=args.claimant, q=args.search)).items
    finally:
        store.close()
    write_lines(jsonl_lines(claims) if args.format == "jsonl" else format_table(claims))
    return 0
