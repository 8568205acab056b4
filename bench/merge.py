"""How merging grows with the number of candidates in one day and province (issue 6).

Prints, for an input that doubles each row, the time to merge one block of candidates
(`resolve.merge_block`) and the time to store the same candidates one report at a time
into a fresh SQLite file, each also divided by n log2 n: a flat column means n log n.

Storing report by report re-merges the report's block each time (so that every write
leaves the database fully merged), so one write costs a merge of its block, and storing a
whole block one report at a time grows faster than n log n; real blocks (one day, one
province) hold tens of candidates, and the `store ms/write` column shows the cost of the
last write at each size.

    python bench/merge.py [--start 500] [--doublings 5] [--store-up-to 4000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import sys
import tempfile
import time
from pathlib import Path

from warwatch.models import Article, Evidence, EventCandidate, Place, Report, SourceRef, body_hash, candidate_key
from warwatch.resolve import merge_block
from warwatch.store import open_store

DAY = dt.date(2019, 2, 9)
ACTORS = [("Islamic State (Syria)", "SDF: Syrian Democratic Forces"), ("Military Forces of Syria (2000-)", None),
          ("Military Forces of Syria (2000-)", "Civilians (Syria)"), ("Protesters (Syria)", None),
          ("Unidentified Armed Group (Syria)", "Civilians (Syria)")]


def candidates(n: int, seed: int = 1) -> list[EventCandidate]:
    """n candidates on one day in one block: about n/4 towns, each reported ~4 times.

    The towns are spread at a constant density (25 per square degree, about one per 500 km2,
    a dense conflict zone), so doubling n doubles the area as well as the reports, as more
    events of one day and province do in real data.
    """
    rng = random.Random(seed)
    half = 0.1 * math.sqrt(max(4, n // 4))
    towns = [(35.0 + rng.uniform(-half, half), 40.0 + rng.uniform(-half, half), 1000 + i)
             for i in range(max(4, n // 4))]
    out = []
    for i in range(n):
        lat, lon, gid = rng.choice(towns)
        a1, a2 = rng.choice(ACTORS)
        text = f"report {i}"
        key = candidate_key(body_hash(text), 0, len(text))
        place = Place(f"Town {gid}", lat, lon, "Syria", 760, "SYR", 1, admin1="Deir ez-Zor", geonameid=gid)
        out.append(EventCandidate(key=key, article_id=f"a{i}", event_date=DAY, time_precision=1,
                                  event_type="Battles", sub_event_type="Armed clash", actor1=a1, actor2=a2,
                                  place=place, fatalities=rng.randint(0, 9),
                                  evidence=(Evidence(f"a{i}", text, 0, len(text)),)))
    return out


def report_of(c: EventCandidate) -> Report:
    text = c.evidence[0].sentence
    return Report(Article(c.article_id, text, body_hash(text), published=DAY, source="bench"), (c,), (), "bench")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--start", type=int, default=500, help="candidates in the first row")
    parser.add_argument("--doublings", type=int, default=5, help="how many times the input doubles")
    parser.add_argument("--store-up-to", type=int, default=4000, help="largest n also timed through the store")
    args = parser.parse_args()
    print(f"{'n':>7} {'events':>7} {'merge s':>9} {'us/(n log n)':>13} {'store s':>9} {'us/(n log n)':>13} {'store ms/write':>15}")
    n = args.start
    for _ in range(args.doublings + 1):
        cands = candidates(n)
        started = time.perf_counter()
        events = merge_block(cands, {})
        merge_s = time.perf_counter() - started
        nlogn = n * math.log2(n)
        store_cell = f"{'-':>9} {'-':>13} {'-':>15}"
        if n <= args.store_up_to:
            with tempfile.TemporaryDirectory() as tmp:
                store = open_store(str(Path(tmp) / "bench.db"))
                started = time.perf_counter()
                for c in cands:
                    last = time.perf_counter()
                    store.write_report(report_of(c), SourceRef(c.article_id, "bench", DAY))
                store_s = time.perf_counter() - started
                last_ms = (time.perf_counter() - last) * 1000
                store.close()
            store_cell = f"{store_s:>9.2f} {store_s / nlogn * 1e6:>13.2f} {last_ms:>15.1f}"
        print(f"{n:>7} {len(events):>7} {merge_s:>9.3f} {merge_s / nlogn * 1e6:>13.3f} {store_cell}")
        sys.stdout.flush()
        n *= 2


if __name__ == "__main__":
    main()
