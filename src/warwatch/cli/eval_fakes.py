"""`warwatch eval fakes-places PATH`: where the main event of each FA-KES article is placed, against
the article's own `location` column (a Syrian governorate or its city)."""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter

COLUMNS = ("unit_id", "article_content", "location")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "fakes-places",
        help="score the main event's place on FA-KES articles",
        description="Code each FA-KES article (CSV with unit_id, article_title, article_content, source, date, "
                    "location, labels) and compare the place of its main event (the one the article tells "
                    "first, its lead; the first with a place when some have none) with the article's `location`: they agree when the "
                    "event's admin1 is the governorate that location names (a city names its governorate "
                    "too) or the event's location is that city. Prints the share of articles with an event "
                    "that agree, and the worst misses.",
    )
    parser.add_argument("path", metavar="PATH", help="the FA-KES CSV file")
    parser.add_argument("--errors", type=int, default=15, metavar="N", help="print the N most frequent misses")
    parser.add_argument("--limit", type=int, default=0, metavar="N", help="only the first N articles")
    parser.add_argument("--misses", metavar="FILE",
                        help="write every miss to FILE as JSON lines: unit_id, location, the place text with the "
                             "province, country and context tied to it, ours, and the main event's first sentence")
    parser.set_defaults(func=run)


def _main_event(report):
    candidates = [c for c in report.candidates if c.place_ref is not None or c.place is not None]
    if not candidates:
        return None
    # the lead: the first incident told that could be coded (ACLED codes no event without a place)
    return min(candidates, key=lambda c: (c.place is None, min((e.char_start for e in c.evidence), default=0)))


def agrees(location: str, place, gazetteer) -> bool:
    """Whether a Place agrees with a FA-KES location: same governorate, or the same city."""
    from warwatch.geocode.names import fold, skeleton_of_folded

    if place is None:
        return False
    key = fold(location)
    for name in (place.location, place.matched):
        if name and (fold(name) == key or skeleton_of_folded(fold(name)) == skeleton_of_folded(key)):
            return True
    info = gazetteer.country(place.country)
    divisions = gazetteer.find_admin1s(location, info.iso2 if info else None)
    # a city's countryside is often a governorate of its own ("Rif Dimashq", Damascus countryside),
    # and FA-KES files incidents there under the city
    names = {fold(d.name) for d in divisions} | {fold(d.capital_name) for d in divisions}
    names |= {"rif" + n for n in names}
    return place.admin1 is not None and fold(place.admin1) in names


def run(args: argparse.Namespace) -> int:
    from warwatch.geocode import open_gazetteer
    from warwatch.ingest import read_pages
    from warwatch.models import Page
    from warwatch.pipeline import code_page

    csv.field_size_limit(1 << 26)
    try:
        with open(args.path, encoding="utf-8", errors="replace", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        print(f"warwatch: cannot read {args.path}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    if not rows or not set(COLUMNS) <= set(rows[0]):
        print(f"warwatch: {args.path} is not a FA-KES file (columns {', '.join(COLUMNS)})", file=sys.stderr)
        return 2
    where = {row["unit_id"].strip(): row["location"].strip() for row in rows}
    gazetteer = open_gazetteer()
    started = time.perf_counter()
    counts: Counter = Counter()
    misses: Counter = Counter()
    details = []
    for page in read_pages([args.path]):
        if not isinstance(page, Page):
            counts["unreadable"] += 1
            continue
        location = where.get(page.page_id)
        if location is None:
            continue
        counts["articles"] += 1
        report = code_page(page)
        event = _main_event(report) if hasattr(report, "candidates") else None
        if event is None:
            counts["no event"] += 1
        else:
            counts["with event"] += 1
            ok = agrees(location, event.place, gazetteer)
            counts["agree"] += ok
            if not ok:
                place = event.place
                got = "unplaced" if place is None else f"{place.location} ({place.admin1}) p{place.geo_precision}"
                text = event.place_ref.text if event.place_ref else "-"
                misses[(location, text, got)] += 1
                ref = event.place_ref
                details.append({
                    "unit_id": page.page_id, "location": location, "text": text, "got": got,
                    "admin1": ref.admin1 if ref else None, "country": ref.country if ref else None,
                    "near": ref.near if ref else None, "context": list(ref.context) if ref else [],
                    "sentence": event.evidence[0].sentence if event.evidence else ""})
        if args.limit and counts["articles"] >= args.limit:
            break
    elapsed = time.perf_counter() - started
    n = counts["with event"]
    print(f"FA-KES places: {counts['articles']} articles ({args.path}); {n} with an event, "
          f"{counts['no event']} without")
    if n:
        print(f"main event's admin1 or city agrees with the article's location: {counts['agree']} of {n} "
              f"({counts['agree'] / n:.1%})")
    print(f"{counts['articles'] / max(elapsed, 1e-9):.1f} articles/s ({elapsed:.1f} s)")
    if args.errors and misses:
        print("\nmisses (location | place text -> ours), most frequent first:")
        for (location, text, got), k in misses.most_common(args.errors):
            print(f"{k:4d}  {location} | {text} -> {got}")
    if args.misses:
        try:
            with open(args.misses, "w", encoding="utf-8") as handle:
                for item in details:
                    handle.write(json.dumps(item, ensure_ascii=False) + "\n")
        except OSError as exc:
            print(f"warwatch: cannot write {args.misses}: {exc.strerror or exc}", file=sys.stderr)
            return 2
    return 0
