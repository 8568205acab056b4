"""What storing costs: CPU per article as `write_reports` commits 1, 5, 20 or 50 articles together.

    .venv/bin/python bench/store.py --fakes ../shared/data/fakes/FA-KES-Dataset.csv [--rounds 4]

The FA-KES articles are coded once (clean, extract, geocode), then stored into a new SQLite
file per batch size and round, the batch sizes taking turns within each round so a slow spell of
the machine falls on all of them. Printed per batch size: the CPU milliseconds per article of the
whole write (the merge, the SQL and the commits), their minimum and median over the rounds, and
the database's bytes per article. `warwatch code` stores 20 at a time (runners.local.BATCH_REPORTS).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fakes", type=Path, default=SHARED / "data" / "fakes" / "FA-KES-Dataset.csv")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--sizes", default="1,5,20,50", help="comma-separated batch sizes")
    args = parser.parse_args()
    if not args.fakes.exists():
        print(f"store: {args.fakes} does not exist (give --fakes)", file=sys.stderr)
        return 2
    from warwatch.ingest import read_pages
    from warwatch.models import Skipped
    from warwatch.pipeline import code_page, source_of
    from warwatch.store import open_store

    reports = [r for r in map(code_page, (p for p in read_pages([str(args.fakes)]) if not isinstance(p, Skipped)))
               if not isinstance(r, Skipped)]
    items = [(r, source_of(r)) for r in reports]
    sizes = [int(s) for s in args.sizes.split(",")]
    cpu: dict[int, list[float]] = {size: [] for size in sizes}
    size_of: dict[int, int] = {}
    with tempfile.TemporaryDirectory(prefix="warwatch-store-") as scratch:
        for round_ in range(args.rounds):
            for size in sizes:
                path = Path(scratch, f"r{round_}-b{size}.db")
                store = open_store(str(path))
                started = time.process_time()
                for start in range(0, len(items), size):
                    store.write_reports(items[start:start + size])
                cpu[size].append((time.process_time() - started) / len(items) * 1000)
                store.close()
                size_of[size] = os.path.getsize(path) // len(items)
                path.unlink()
    print(f"articles={len(items)} rounds={args.rounds}")
    for size in sizes:
        print(f"batch={size} cpu_ms_per_article_min={min(cpu[size]):.2f} "
              f"median={statistics.median(cpu[size]):.2f} bytes_per_article={size_of[size]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
