"""Events in the output contract: ACLED's columns in ACLED's order, then ours.

Shared by `warwatch export` and the HTTP API, so a CSV from either loads where ACLED's does.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
OUR_COLUMNS = (
    "event_id", "iso3", "geonameid", "fatalities_low", "fatalities_high", "injuries", "sources",
    "evidence", "claims", "confidence", "extractor_version",
)
EVENT_COLUMNS = ACLED_COLUMNS + OUR_COLUMNS
JSON_COLUMNS = ("sources", "evidence", "claims")

CLAIM_COLUMNS = (
    "claim_id", "event_ids", "quantity", "number_low", "number_high", "number_text", "victims",
    "victim_type", "victim_actor", "claimant", "claimant_actor", "scope", "tally_since", "tally_area",
    "sentence", "char_start", "char_end", "article_id", "outlet", "reported_date", "sources",
)
ARTICLE_COLUMNS = (
    "article_id", "body_hash", "url", "title", "published", "dateline", "byline", "publisher",
    "source", "copy_of", "text", "captions",
)


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's disorder type of an event type and sub-type."""
    if event_type == "Strategic developments":
        return "Strategic developments"
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if event_type == "Protests" or sub_event_type == "Violent demonstration":
        return "Demonstrations"
    return "Political violence"


def interaction(inter1: int | None, inter2: int | None) -> str:
    """ACLED's two-digit interaction code: the two inter codes, smaller first (10 for one side)."""
    if inter1 is None:
        return ""
    if inter2 is None:
        return f"{inter1}0"
    low, high = sorted((inter1, inter2))
    return f"{low}{high}"


def event_row(event: dict[str, Any], claims: Iterable[dict[str, Any]] = ()) -> dict[str, Any]:
    """A stored event record (as `to_dict(Event)`) as one output row, every column present."""
    place = event.get("place") or {}
    outlets = []
    for s in event.get("sources", []):
        if s.get("outlet") and s["outlet"] not in outlets:
            outlets.append(s["outlet"])
    claim_list = [{k: c[k] for k in ("claim_id", "quantity", "number_low", "number_high", "victims",
                                     "claimant", "scope")} for c in claims]
    return {
        "event_id_cnty": event["event_id"],
        "event_date": event["event_date"],
        "year": int(event["event_date"][:4]),
        "time_precision": event["time_precision"],
        "disorder_type": disorder_type(event["event_type"], event["sub_event_type"]),
        "event_type": event["event_type"],
        "sub_event_type": event["sub_event_type"],
        "actor1": event["actor1"],
        "assoc_actor_1": event.get("assoc_actor_1") or "",
        "inter1": event.get("inter1"),
        "actor2": event.get("actor2") or "",
        "assoc_actor_2": event.get("assoc_actor_2") or "",
        "inter2": event.get("inter2"),
        "interaction": interaction(event.get("inter1"), event.get("inter2")),
        "civilian_targeting": "Civilian targeting" if event.get("civilian_targeting") else "",
        "iso": place.get("iso"),
        "region": place.get("region") or "",
        "country": place.get("country") or "",
        "admin1": place.get("admin1") or "",
        "admin2": place.get("admin2") or "",
        "admin3": "",
        "location": place.get("location") or "",
        "latitude": place.get("latitude"),
        "longitude": place.get("longitude"),
        "geo_precision": place.get("geo_precision"),
        "source": "; ".join(outlets),
        "source_scale": "",
        "notes": event.get("notes") or "",
        "fatalities": event["fatalities"],
        "tags": "",
        "timestamp": "",
        "event_id": event["event_id"],
        "iso3": place.get("iso3") or "",
        "geonameid": place.get("geonameid"),
        "fatalities_low": event["fatalities_low"],
        "fatalities_high": event["fatalities_high"],
        "injuries": event.get("injuries"),
        "sources": event.get("sources", []),
        "evidence": event.get("evidence", []),
        "claims": claim_list,
        "confidence": event.get("confidence"),
        "extractor_version": event.get("extractor_version") or "",
    }


def _csv_value(column: str, value: Any) -> Any:
    if column in JSON_COLUMNS or isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def csv_lines(rows: Iterable[dict[str, Any]], columns: tuple[str, ...]) -> Iterator[str]:
    """CSV text, header first, one row at a time; list and dict cells as JSON strings."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    yield buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([_csv_value(c, row.get(c)) for c in columns])
        yield buffer.getvalue()


def jsonl_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """One JSON object a line."""
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"


def geojson_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A GeoJSON FeatureCollection of the rows that have coordinates, streamed."""
    yield '{"type": "FeatureCollection", "features": [\n'
    first = True
    for row in rows:
        if row.get("latitude") is None or row.get("longitude") is None:
            continue
        feature = {"type": "Feature", "id": row.get("event_id"),
                   "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
                   "properties": row}
        yield ("" if first else ",\n") + json.dumps(feature, ensure_ascii=False)
        first = False
    yield "\n]}\n"
