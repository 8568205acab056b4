"""The gazetteer as the resolver sees it: the SQLite index opened read-only, the small tables in
memory, and the local additions (src/warwatch/data/local_places.tsv) loaded on top.

`open_gazetteer()` builds the index on first use (once per cache folder: a lock file keeps
concurrent first runs from building it twice) and returns one shared, thread-safe instance.
"""

from __future__ import annotations

import csv
import math
import os
import sqlite3
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from warwatch.errors import UsageError
from warwatch.geocode import build as builder
from warwatch.geocode.names import SLAVIC, fold, skeleton_key, skeleton_of_folded, split_qualifiers

LOCAL_ENV = "WARWATCH_LOCAL_PLACES"  # "0"/"off": no local additions; a path: that file instead
LOCAL_ID_BASE = 2_000_000  # local additions get ids -(LOCAL_ID_BASE + row number)
_LOCAL_COLUMNS = ("name", "alternate_names", "latitude", "longitude", "country", "admin1", "feature", "source")


@dataclass(frozen=True, slots=True)
class CountryInfo:
    """A country as ACLED names it, with its codes and capital."""

    iso2: str
    iso3: str
    isonum: int | None
    name: str
    region: str | None
    continent: str | None
    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer row a name matched: a town (P), a first-level division (A), a country (C)
    or a local addition (kind P, `local` true)."""

    id: int
    name: str
    lat: float
    lon: float
    cc: str
    admin1: str | None
    admin2: str | None
    population: int
    kind: str
    level: int  # build.MAIN .. build.ALTERNATE_SKELETON
    local: bool = False
    feature: str = "P"


@dataclass(frozen=True, slots=True)
class Admin1:
    """A first-level division: its GeoNames code, name, capital and bounding box."""

    cc: str
    code: str
    name: str
    place: int
    capital: int
    lat: float
    lon: float
    capital_name: str
    box: tuple[float, float, float, float]  # south, north, west, east


_CACHE_SIZE = 50_000  # name keys whose rows are kept in memory
_QUERY = ("SELECT p.id, p.name, p.lat, p.lon, p.cc, p.admin1, p.admin2, p.population, p.kind, n.level "
          "FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?")


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


class Gazetteer:
    """Name lookups over the built index plus the local additions."""

    def __init__(self, path: Path, local_path: Path | None):
        self.path = path
        self._conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._cache: dict[str, list[Candidate]] = {}
        rows = self._conn.execute(
            "SELECT a.cc, a.code, a.name, a.place, a.capital, p.lat, p.lon, c.name, a.south, a.north, a.west, a.east "
            "FROM admin1 a JOIN places p ON p.id = a.place LEFT JOIN places c ON c.id = a.capital").fetchall()
        self.admin1s = {(r[0], r[1]): Admin1(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7] or r[2], tuple(r[8:12]))
                        for r in rows}
        self.admin1_by_place = {a.place: a for a in self.admin1s.values()}
        self.countries: dict[str, CountryInfo] = {}
        self._country_keys: dict[str, str] = {}
        for iso2, iso3, isonum, name, region, continent, place in self._conn.execute(
                "SELECT c.iso2, c.iso3, c.isonum, c.name, c.region, c.continent, c.place FROM countries c"):
            lat, lon = self._conn.execute("SELECT lat, lon FROM places WHERE id = ?", (place,)).fetchone()
            self.countries[iso2] = CountryInfo(iso2, iso3, isonum, name, region, continent, lat, lon)
        by_place = {self._country_place(iso2): iso2 for iso2 in self.countries}
        for key, place in self._conn.execute(
                "SELECT key, place FROM names WHERE place <= ?", (-builder.COUNTRY_ID_BASE,)):
            if place in by_place:
                self._country_keys.setdefault(key, by_place[place])
        for info in self.countries.values():
            for code in (info.iso2, info.iso3):
                self._country_keys.setdefault(code.lower(), info.iso2)
        self.local: dict[str, list[Candidate]] = {}
        self.local_count = 0
        if local_path is not None:
            self._load_local(local_path)
            self._cache.clear()  # keys looked up while loading were cached without the additions

    def _country_place(self, iso2: str) -> int:
        return self._conn.execute("SELECT place FROM countries WHERE iso2 = ?", (iso2,)).fetchone()[0]

    def country(self, name_or_code: str | None, codes: bool = True) -> CountryInfo | None:
        """The country a name ("Syria", "Syrian Arab Republic") or ISO code ("SY", "SYR") stands for;
        `codes` False: names only."""
        if not name_or_code:
            return None
        text = name_or_code.strip()
        iso2 = None
        if codes and len(text) in (2, 3) and text.isalpha():
            iso2 = self._country_keys.get(text.lower())
        elif len(text) <= 3 and not codes:
            return None
        iso2 = iso2 or self._country_keys.get(fold(text))
        if iso2 is None and "(" in text:  # UCDP: "DR Congo (Zaire)", "Russia (Soviet Union)"
            outer, _, inner = text.partition("(")
            return self.country(outer, codes) or self.country(inner.rstrip(") "), codes)
        return self.countries.get(iso2) if iso2 else None

    def lookup(self, key: str) -> list[Candidate]:
        """Every row filed under a folded key ("deirzor") or a skeleton key ("~drzr")."""
        if not key:
            return []
        found = self._cache.get(key)
        if found is None:
            with self._lock:
                rows = self._conn.execute(_QUERY, (key,)).fetchall()
            found = [Candidate(*r) for r in rows]
            found.extend(self.local.get(key, ()))
            if len(self._cache) >= _CACHE_SIZE:  # names repeat a lot in news; a full cache starts over
                self._cache.clear()
            self._cache[key] = found
        return list(found)

    def admin1_of(self, cc: str, code: str | None) -> Admin1 | None:
        return self.admin1s.get((cc, code)) if code else None

    def find_admin1(self, text: str, cc: str | None = None) -> Admin1 | None:
        """The first-level division a province text names ("Deir el-Zour province", "Borno State")."""
        found = self.find_admin1s(text, cc)
        return found[0] if found else None

    def find_admin1s(self, text: str, cc: str | None = None, skeleton: bool = True) -> list[Admin1]:
        """Every first-level division a province text may name, the likeliest first: "Kiev" is both
        Kiev oblast and the city of Kyiv, a division of its own ("Kiev city" puts the city first)."""
        words, roles = split_qualifiers(text)
        key = fold(" ".join(words)) if words else fold(text)
        if not key:
            return []
        for k in (key, "~" + skeleton_of_folded(key)) if skeleton else (key,):
            rows = [c for c in self.lookup(k) if cc is None or c.cc == cc]
            divisions = sorted((c for c in rows if c.kind == "A" and c.id in self.admin1_by_place),
                               key=lambda c: (c.level, -c.population))
            found = [self.admin1_by_place[c.id] for c in divisions]
            if k == key:  # "Aleppo" names the province of its city too; small towns do not
                towns = [c for c in rows if c.kind == "P" and c.admin1 and c.level <= builder.ALTERNATE
                         and c.population >= 100_000]
                if towns:
                    best = max(towns, key=lambda c: c.population)
                    town_division = self.admin1_of(best.cc, best.admin1)
                    if town_division is not None and town_division not in found:
                        found.insert(0 if "town" in roles or not found else len(found), town_division)
            if found:
                found = list(dict.fromkeys(found))
                if roles & {"admin1", "town"} and len(found) > 1:
                    # "Kyiv oblast" is the oblast, "Kyiv city" the city that is a division of its own
                    found.sort(key=lambda d: ("town" in split_qualifiers(d.name)[1]) == ("admin1" in roles))
                return found
        return []

    def _load_local(self, path: Path) -> None:
        try:
            handle = open(path, encoding="utf-8", newline="")
        except OSError as exc:
            raise UsageError(f"cannot read the local places file {path}: {exc.strerror}") from None
        with handle:
            lines = [line for line in handle if line.strip() and not line.startswith("#")]
        for n, row in enumerate(csv.reader(lines, delimiter="\t"), start=1):
            if row == list(_LOCAL_COLUMNS):
                continue
            if len(row) != len(_LOCAL_COLUMNS):
                raise UsageError(f"{path}: entry {n} has {len(row)} columns, not {len(_LOCAL_COLUMNS)}")
            name, alternates, lat, lon, country, admin1, feature, source = (v.strip() for v in row)
            info = self.country(country)
            if info is None or not source:
                raise UsageError(f"{path}: entry {n} ({name}) needs a known country and a source")
            division = self.find_admin1(admin1, info.iso2) if admin1 else None
            candidate = Candidate(-(LOCAL_ID_BASE + n), name, float(lat), float(lon), info.iso2,
                                  division.code if division else None, None, 0, "P", builder.MAIN,
                                  local=True, feature=feature or "P")
            for level, text in [(builder.MAIN, name)] + [(builder.ALTERNATE, a) for a in alternates.split("|") if a.strip()]:
                key = fold(text)
                skel = skeleton_of_folded(skeleton_key(text), info.iso2 in SLAVIC)
                self.local.setdefault(key, []).append(_replace_level(candidate, level))
                if len(skel) >= builder.MIN_SKELETON:
                    self.local.setdefault("~" + skel, []).append(_replace_level(candidate, level + 2))
            self.local_count += 1


def _replace_level(c: Candidate, level: int) -> Candidate:
    return Candidate(c.id, c.name, c.lat, c.lon, c.cc, c.admin1, c.admin2, c.population, c.kind, level,
                     c.local, c.feature)


def default_local_path() -> Path | None:
    """The local additions file to load: $WARWATCH_LOCAL_PLACES, else the packaged one; None when off."""
    given = os.environ.get(LOCAL_ENV)
    if given is not None:
        if given.strip().lower() in ("", "0", "off", "no", "false", "none"):
            return None
        return Path(given)
    return Path(str(resources.files("warwatch").joinpath("data/local_places.tsv")))


def _usable(path: Path) -> bool:
    """Whether a gazetteer file is complete and of the current build format."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    return row is not None and row[0] == str(builder.FORMAT_VERSION)


def ensure_built(path: Path | None = None) -> Path:
    """The gazetteer file, built first when missing or unusable; concurrent callers wait for one build."""
    path = path or builder.gazetteer_path()
    if path.exists() and _usable(path):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            import fcntl
        except ImportError:  # no POSIX locks: each process builds to its own temporary file, last one wins
            return builder.build(path)
        with open(path.with_name(path.name + ".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                if not (path.exists() and _usable(path)):
                    builder.build(path)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
    except OSError as exc:
        raise UsageError(f"cannot build the gazetteer in {path.parent} ({exc.strerror or exc}); "
                         f"set WARWATCH_CACHE to a writable folder") from None
    return path


_SHARED: dict[tuple[str, str | None], Gazetteer] = {}
_OPENED: dict[tuple, Gazetteer] = {}  # open_gazetteer's arguments and the environment it reads -> gazetteer
_PATH_ENV = ("WARWATCH_CACHE", LOCAL_ENV, "XDG_CACHE_HOME", "HOME", "LOCALAPPDATA")
_SHARED_LOCK = threading.Lock()


def open_gazetteer(path: Path | str | None = None, local: bool | Path | str | None = True) -> Gazetteer:
    """The gazetteer (built on first use), shared per file; `local`: False to leave out the local
    additions, a path for another file, True for $WARWATCH_LOCAL_PLACES or the packaged file."""
    # the same arguments under the same environment open the same files: skip finding them again
    fast_key = (str(path) if path else None, local if isinstance(local, bool) or local is None else str(local),
                *(os.environ.get(name) for name in _PATH_ENV))
    found = _OPENED.get(fast_key) if path is None or os.path.isabs(path) else None
    if found is not None:
        return found
    gazetteer_file = Path(path) if path else builder.gazetteer_path()
    if local is True or local is None:
        local_path = default_local_path()
    elif local is False:
        local_path = None
    else:
        local_path = Path(local)
    if local_path is not None and not local_path.exists() and local is True and os.environ.get(LOCAL_ENV) is None:
        local_path = None  # the packaged file is optional
    key = (str(gazetteer_file), str(local_path) if local_path else None)
    with _SHARED_LOCK:
        found = _SHARED.get(key)
        if found is None:
            found = _SHARED[key] = Gazetteer(ensure_built(gazetteer_file), local_path)
        _OPENED[fast_key] = found
    return found
