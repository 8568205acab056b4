"""`warwatch eval geocode PATH`: the geocoder scored on UCDP GED rows (place text, province, country)."""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter, defaultdict

from warwatch.models import PlaceRef

COLUMNS = ("where_coordinates", "latitude", "longitude", "where_prec", "adm_1", "country")
THRESHOLDS_KM = (5, 25, 100)
# UCDP GED's where_prec codes.
WHERE_PREC = {"1": "exact place", "2": "within 25 km of a place", "3": "second-order division",
              "4": "first-order division", "5": "linear feature or area", "6": "country",
              "7": "international waters or air"}
TOWN_LEVEL = ("1", "2")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "geocode",
        help="score geocoding on UCDP GED rows",
        description="Geocode each UCDP GED row's place text (where_coordinates) given its province (adm_1) "
                    "and country, and print the share of rows within 5, 25 and 100 km of UCDP's coordinates "
                    "by where_prec (1 exact place, 2 near a place, 3 district, 4 province, 5 area, 6 country), "
                    "the figure for town-level rows (where_prec 1-2), and places per second. A row the "
                    "geocoder leaves unresolved counts as a miss.",
    )
    parser.add_argument("path", metavar="PATH", help="a UCDP GED CSV file")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="also print the N most frequent town-level misses (over 25 km or unresolved)")
    parser.add_argument("--no-local", action="store_true", help="leave out the local additions file")
    parser.set_defaults(func=run)


def _ref(row: dict) -> PlaceRef:
    return PlaceRef(row["where_coordinates"].strip(), admin1=(row.get("adm_1") or "").strip() or None,
                    country=(row.get("country") or "").strip() or None)


def run(args: argparse.Namespace) -> int:
    from warwatch.errors import WarwatchError
    from warwatch.geocode import geocode, open_gazetteer
    from warwatch.geocode.gazetteer import km

    try:
        with open(args.path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError) as exc:
        print(f"warwatch: cannot read {args.path}: {getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
        return 2
    if not rows or not set(COLUMNS) <= set(rows[0]):
        print(f"warwatch: {args.path} is not a UCDP GED file (columns {', '.join(COLUMNS)})", file=sys.stderr)
        return 2
    usable = []
    for row in rows:
        try:
            usable.append((row, _ref(row), float(row["latitude"]), float(row["longitude"])))
        except (TypeError, ValueError, AttributeError):
            continue
    if len(usable) < len(rows):
        print(f"warwatch: {len(rows) - len(usable)} rows without coordinates or place text left out", file=sys.stderr)
    try:
        started = time.perf_counter()
        gazetteer = open_gazetteer(local=not args.no_local)
        startup = time.perf_counter() - started
        started = time.perf_counter()
        places = [geocode(ref, gazetteer) for _, ref, _, _ in usable]
        elapsed = time.perf_counter() - started
    except WarwatchError as exc:
        print(f"warwatch: {exc}", file=sys.stderr)
        return 2

    counts: dict[str, Counter] = defaultdict(Counter)
    misses: Counter = Counter()
    for (row, ref, lat, lon), place in zip(usable, places):
        prec = row["where_prec"].strip()
        for group in (prec, "town") if prec in TOWN_LEVEL else (prec,):
            c = counts[group]
            c["n"] += 1
            if place is None:
                continue
            c["resolved"] += 1
            distance = km(lat, lon, place.latitude, place.longitude)
            for limit in THRESHOLDS_KM:
                c[limit] += distance <= limit
            if place.geo_precision < 3:
                c["town"] += 1
                c["town_25"] += distance <= 25
        if prec in TOWN_LEVEL and (place is None or km(lat, lon, place.latitude, place.longitude) > 25):
            got = "unresolved" if place is None else (
                f"{place.location} ({place.admin1}) p{place.geo_precision} "
                f"{km(lat, lon, place.latitude, place.longitude):.0f} km off")
            misses[(ref.text, ref.admin1, ref.country, got)] += 1

    print(f"UCDP GED geocoding: {len(usable)} rows ({args.path}); local additions "
          f"{'off' if args.no_local else gazetteer.local_count}")
    print(f"{'where_prec':<34} {'rows':>6} {'found':>6} " + " ".join(f"{f'<={t}km':>7}" for t in THRESHOLDS_KM))
    for group in sorted(counts, key=lambda g: (g == "town", g)):
        c = counts[group]
        label = "town level (1-2)" if group == "town" else f"{group} {WHERE_PREC.get(group, '')}"
        print(f"{label:<34} {c['n']:6d} {c['resolved'] / c['n']:6.1%} "
              + " ".join(f"{c[t] / c['n']:7.1%}" for t in THRESHOLDS_KM))
    town = counts.get("town")
    if town:
        print(f"\ntown-level rows placed at a town (precision 1-2): {town['town']} of {town['n']} "
              f"({town['town'] / town['n']:.1%}); of those within 25 km: "
              f"{town['town_25'] / max(town['town'], 1):.1%}; the rest fell back to the province (precision 3)")
    print(f"\n{len(usable) / elapsed:,.0f} places/s ({elapsed:.2f} s), gazetteer opened in {startup:.2f} s")
    if args.errors:
        print("\ntown-level misses (text | adm_1 | country -> ours), most frequent first:")
        for (text, admin1, country, got), n in misses.most_common(args.errors):
            print(f"{n:4d}  {text} | {admin1} | {country} -> {got}")
    return 0
