"""Build the web page's offline base layer: country outlines as a small GeoJSON file.

The outlines are Natural Earth's 1:110m admin-0 countries (public domain), as shipped in the
geopandas 0.14.4 wheel on PyPI (`geopandas/datasets/naturalearth_lowres`, removed from later
releases). This script reads that shapefile with the standard library only and writes
`src/warwatch/serve/static/countries.geojson` with coordinates rounded to 0.01 degree.

    pip download geopandas==0.14.4 --no-deps -d /tmp/gp
    python scripts/build_outlines.py /tmp/gp/geopandas-0.14.4-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import json
import struct
import sys
import zipfile
from pathlib import Path

DATASET = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
OUTPUT = Path(__file__).resolve().parents[1] / "src" / "warwatch" / "serve" / "static" / "countries.geojson"
POLYGON = 5


def dbf_records(data: bytes) -> list[dict[str, str]]:
    """The rows of a dBASE III table as text fields."""
    count, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields = []
    offset = 32
    while data[offset] != 0x0D:
        name = data[offset:offset + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[offset + 16]))
        offset += 32
    rows = []
    for i in range(count):
        start = header_len + i * record_len + 1  # the first byte is the deletion flag
        row = {}
        for name, width in fields:
            row[name] = data[start:start + width].decode("utf-8", "replace").strip()
            start += width
        rows.append(row)
    return rows


def shp_polygons(data: bytes) -> list[list[list[tuple[float, float]]]]:
    """The rings of every polygon record of an ESRI shapefile."""
    shapes = []
    offset = 100
    while offset < len(data):
        _, length = struct.unpack(">II", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length * 2]
        offset += 8 + length * 2
        shape_type = struct.unpack("<i", body[:4])[0]
        if shape_type != POLYGON:
            shapes.append([])
            continue
        parts_n, points_n = struct.unpack("<ii", body[36:44])
        parts = list(struct.unpack(f"<{parts_n}i", body[44:44 + 4 * parts_n]))
        points_at = 44 + 4 * parts_n
        points = [struct.unpack("<2d", body[points_at + 16 * k:points_at + 16 * (k + 1)]) for k in range(points_n)]
        bounds = parts + [points_n]
        shapes.append([points[bounds[k]:bounds[k + 1]] for k in range(parts_n)])
    return shapes


def _ring(points: list[tuple[float, float]]) -> list[list[float]]:
    ring: list[list[float]] = []
    for x, y in points:
        point = [round(x, 2), round(y, 2)]
        if not ring or ring[-1] != point:
            ring.append(point)
    return ring


def _clockwise(points: list[tuple[float, float]]) -> bool:
    area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:]))
    return area < 0


def feature_collection(shp: bytes, dbf: bytes) -> dict:
    """Each country as a (Multi)Polygon feature with its name and ISO3 code."""
    features = []
    for record, rings in zip(dbf_records(dbf), shp_polygons(shp)):
        polygons: list[list[list[list[float]]]] = []
        for points in rings:
            ring = _ring(points)
            if len(ring) < 4:
                continue
            if _clockwise(points) or not polygons:  # shapefiles: outer rings clockwise, holes not
                polygons.append([ring])
            else:
                polygons[-1].append(ring)
        if not polygons:
            continue
        geometry = ({"type": "Polygon", "coordinates": polygons[0]} if len(polygons) == 1
                    else {"type": "MultiPolygon", "coordinates": polygons})
        features.append({"type": "Feature", "properties": {"name": record["name"], "iso3": record["iso_a3"]},
                         "geometry": geometry})
    return {"type": "FeatureCollection",
            "attribution": "Natural Earth 1:110m admin-0 countries (public domain), via geopandas 0.14.4",
            "features": features}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("wheel", help="geopandas-0.14.4-py3-none-any.whl")
    parser.add_argument("--output", default=str(OUTPUT))
    args = parser.parse_args(argv)
    with zipfile.ZipFile(args.wheel) as wheel:
        shp, dbf = wheel.read(DATASET + ".shp"), wheel.read(DATASET + ".dbf")
    collection = feature_collection(shp, dbf)
    Path(args.output).write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(collection['features'])} countries -> {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
