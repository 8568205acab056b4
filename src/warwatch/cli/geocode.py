"""`warwatch geocode`: resolve place texts to GeoNames places with ACLED's geo_precision."""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Iterator

from warwatch.cli.common import exit_code, report_skipped
from warwatch.models import PlaceRef, Skipped

OUTPUT_FIELDS = ("id", "name", "geonameid", "latitude", "longitude", "country", "admin1", "admin2",
                 "geo_precision")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "geocode",
        help="resolve place names to coordinates, offline (JSON lines in and out)",
        description="Resolve each input line's place to a GeoNames place, offline. Input: JSON lines "
                    "{\"id\", \"place\", \"country\"?, \"admin1\"?, \"context\"?} where context is a list of "
                    "other place names of the article (a province named with its kind word, e.g. \"Idlib "
                    "province\", ties the place to that province). Output, one line per input line: id, name, "
                    "geonameid, latitude, longitude, country, admin1, admin2, geo_precision (1 the town, 2 "
                    "near a town, 3 only the province is known); the place fields are null when the place "
                    "cannot be found. A bad line is reported on stderr with its reason and the run goes on. "
                    "The gazetteer is built into the cache folder ($WARWATCH_CACHE) on first use; "
                    "$WARWATCH_LOCAL_PLACES=off leaves out the local additions.",
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="JSON lines files (also .gz), or - for stdin")
    parser.add_argument("--format", choices=("jsonl",), default="jsonl", help="output format (jsonl)")
    parser.set_defaults(func=run)


def _lines(inputs: list[str], skipped: list[Skipped]) -> Iterator[tuple[str, str]]:
    for name in inputs:
        if name == "-":
            for n, line in enumerate(sys.stdin, start=1):
                yield f"<stdin>:{n}", line
            continue
        opener = gzip.open if name.endswith(".gz") else open
        try:
            with opener(name, "rt", encoding="utf-8", errors="replace") as handle:
                for n, line in enumerate(handle, start=1):
                    yield f"{name}:{n}", line
        except (OSError, EOFError) as exc:
            skipped.append(Skipped(name, f"cannot read: {getattr(exc, 'strerror', None) or exc}"))


def place_ref_of(record: object) -> PlaceRef:
    """The PlaceRef of one input record; ValueError with the reason when it has none."""
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    place = record.get("place")
    if not isinstance(place, str) or not place.strip():
        raise ValueError("no \"place\" text")
    context = record.get("context") or ()
    if isinstance(context, str):
        context = (context,)
    if not isinstance(context, (list, tuple)) or not all(isinstance(c, str) for c in context):
        raise ValueError("\"context\" must be a list of place names")
    country, admin1 = record.get("country"), record.get("admin1")
    for field, value in (("country", country), ("admin1", admin1)):
        if value is not None and not isinstance(value, str):
            raise ValueError(f"\"{field}\" must be a string")
    return PlaceRef(place.strip(), admin1=admin1 or None, country=country or None, context=tuple(context))


def output_record(record_id: object, place) -> dict:
    """The output line of one input: the place's fields, null when it was not found."""
    if place is None:
        return dict.fromkeys(OUTPUT_FIELDS) | {"id": record_id}
    return {"id": record_id, "name": place.location, "geonameid": place.geonameid, "latitude": place.latitude,
            "longitude": place.longitude, "country": place.country, "admin1": place.admin1,
            "admin2": place.admin2, "geo_precision": place.geo_precision}


def run(args: argparse.Namespace) -> int:
    from warwatch.errors import WarwatchError
    from warwatch.geocode import geocode, open_gazetteer

    try:
        gazetteer = open_gazetteer()
    except WarwatchError as exc:
        print(f"warwatch: {exc}", file=sys.stderr)
        return 2
    done, skipped = 0, []
    out = sys.stdout
    for where, line in _lines(args.inputs, skipped):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            ref = place_ref_of(record)
        except json.JSONDecodeError as exc:
            skipped.append(Skipped(where, f"not JSON ({exc.msg})"))
            continue
        except ValueError as exc:
            skipped.append(Skipped(where, str(exc)))
            continue
        out.write(json.dumps(output_record(record.get("id"), geocode(ref, gazetteer)), ensure_ascii=False) + "\n")
        done += 1
    out.flush()
    report_skipped(skipped)
    return exit_code(done, len(skipped))
