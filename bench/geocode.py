"""Benchmark of the geocoder: start-up time and steady-state places per second (one core).

    .venv/bin/python bench/geocode.py                                   # sample names from the gazetteer
    .venv/bin/python bench/geocode.py ../shared/data/ucdp/ged_ukraine_2014_2021.csv   # UCDP GED rows

Start-up is measured in fresh child processes (interpreter, imports, opening the already built
gazetteer and coding one place), best of three; the first build of the gazetteer is timed
separately with --build (into a temporary cache folder). The rate is measured over distinct
place references (each text, province and country once), so repeated names in the input cannot
inflate it: GeoNames names drawn at random with their country and half of them with their
province (default), or the distinct (where_coordinates, adm_1, country) of a UCDP GED file.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from warwatch.models import PlaceRef

STARTUP = ("from warwatch.geocode import geocode, open_gazetteer; from warwatch.models import PlaceRef; "
           "open_gazetteer(); geocode(PlaceRef('Aleppo', country='Syria'))")


def sample_refs(n: int, seed: int = 7) -> tuple[list[PlaceRef], list[int]]:
    """n distinct references to GeoNames towns (name and country, and for half of them the province),
    with the GeoNames id each was drawn from."""
    from warwatch.geocode import open_gazetteer

    gaz = open_gazetteer()
    conn = gaz._conn
    rows = conn.execute("SELECT name, cc, admin1, id FROM places WHERE kind = 'P'").fetchall()
    random.Random(seed).shuffle(rows)
    refs, ids, seen = [], [], set()
    for i, (name, cc, code, geonameid) in enumerate(rows):
        division = gaz.admin1_of(cc, code)
        info = gaz.countries.get(cc)
        ref = PlaceRef(name, admin1=division.name if division and i % 2 else None,
                       country=info.name if info else None)
        if ref not in seen:
            seen.add(ref)
            refs.append(ref)
            ids.append(geonameid)
        if len(refs) >= n:
            break
    return refs, ids


def ucdp_refs(path: str) -> list[PlaceRef]:
    """The distinct place references of a UCDP GED file."""
    with open(path, encoding="utf-8", newline="") as handle:
        refs = {PlaceRef(r["where_coordinates"].strip(), admin1=r["adm_1"].strip() or None,
                         country=r["country"].strip() or None) for r in csv.DictReader(handle)}
    return sorted(refs, key=lambda r: (r.text, r.admin1 or "", r.country or ""))


def startup_seconds(env: dict[str, str]) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", STARTUP], check=True, env=env)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", help="a UCDP GED CSV file (default: names sampled from the gazetteer)")
    parser.add_argument("-n", type=int, default=20_000, help="sampled names (default %(default)s)")
    parser.add_argument("--build", action="store_true", help="also time a first build into an empty cache folder")
    args = parser.parse_args()

    from warwatch.geocode import geocode, open_gazetteer
    from warwatch.geocode.build import build, gazetteer_path

    if args.build:
        with tempfile.TemporaryDirectory() as folder:
            started = time.perf_counter()
            path = build(Path(folder) / gazetteer_path().name)
            print(f"first build: {time.perf_counter() - started:.1f} s, {path.stat().st_size / 2**20:.0f} MiB")
    gaz = open_gazetteer()  # built here if it was missing, so start-up below is the warm case
    print(f"start-up (fresh process, gazetteer built): {startup_seconds(dict(os.environ)):.2f} s")
    refs, ids = (ucdp_refs(args.path), None) if args.path else sample_refs(args.n)
    geocode(refs[0], gaz)
    started = time.perf_counter()
    places = [geocode(ref, gaz) for ref in refs]
    elapsed = time.perf_counter() - started
    found = sum(p is not None for p in places)
    print(f"{len(refs):,} distinct places ({args.path or 'sampled from the gazetteer'}): "
          f"{len(refs) / elapsed:,.0f} places/s, {found / len(refs):.1%} placed")
    if ids:  # homonyms: how often the town drawn is the one chosen (its name, country, half the province)
        same = sum(p is not None and p.geonameid == i for p, i in zip(places, ids))
        print(f"the town drawn chosen back: {same / len(refs):.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
