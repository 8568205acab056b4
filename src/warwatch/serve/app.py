"""The HTTP API and the analyst's web page over an event database (SQLite or PostgreSQL).

Read-only unless a token is configured: then `POST /api/pages` codes new pages for callers that
send it as a bearer token. Answers that read the whole events table (totals, aggregates, map
cells, the overview) are kept for a few seconds (`cache_seconds`), so a page that many analysts
load at once costs one scan; a write through the API clears them. Every response carries a strict Content-Security-Policy: the page's
scripts come from this server only and article text is never markup.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hmac
import io
import math
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from warwatch import __version__
from warwatch.models import QUANTITIES, SCOPES
from warwatch.records import EVENT_COLUMNS, csv_lines, event_row, geojson_lines, jsonl_lines
from warwatch.resolve import EVENT_TYPE_RANK
from warwatch.store import ClaimQuery, EventQuery, open_store
from warwatch.store.aggregates import AGGREGATES, aggregate, count_events, event_filter, overview
from warwatch.store.base import SORTABLE, SqlStore, decode_cursor

STATIC = Path(__file__).resolve().parent / "static"
MAX_LIMIT = 1000
MAX_TEXT = 200
MAX_POST_BYTES = 50 * 2**20
MAP_CELLS = 2000
CELLS_PER_DEGREE = 100  # map cells of 0.01 degree (about 1 km): a town's events make one marker
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
ORDER_PATTERN = "^-?(" + "|".join(SORTABLE) + ")$"

DESCRIPTION = """\
Conflict events coded from news pages, ACLED's columns first, each with the evidence behind it:
the sentences (`evidence`: article id, sentence, code-point span in the article's `text`), every
report (`sources`) and every casualty figure with who claimed it (`claims`).

Lists are paged with cursors: pass the `next_cursor` of one page as `cursor` to get the next.
"""


class ResultCache:
    """Answers of whole-table queries kept for `ttl` seconds, the most recent `size` of them.

    Requests that ask for the same answer while it is being computed wait for it rather than
    scanning the table again each (a page loaded by many analysts at once costs one scan)."""

    def __init__(self, ttl: float, size: int = 256) -> None:
        self.ttl = ttl
        self.size = size
        self._items: OrderedDict[Any, tuple[float, Any]] = OrderedDict()
        self._pending: dict[Any, threading.Lock] = {}
        self._lock = threading.Lock()

    def _fresh(self, key: Any) -> tuple[bool, Any]:
        hit = self._items.get(key)
        if hit is not None and time.monotonic() - hit[0] < self.ttl:
            self._items.move_to_end(key)
            return True, hit[1]
        return False, None

    def get(self, key: Any, compute: Any) -> Any:
        if self.ttl <= 0:
            return compute()
        with self._lock:
            found, value = self._fresh(key)
            if found:
                return value
            pending = self._pending.setdefault(key, threading.Lock())
        with pending:  # one computation per key at a time; the others then find its answer
            with self._lock:
                found, value = self._fresh(key)
            if found:
                return value
            started = time.monotonic()
            try:
                value = compute()
            except BaseException:
                with self._lock:
                    self._pending.pop(key, None)
                raise
            with self._lock:
                self._items[key] = (started, value)
                self._items.move_to_end(key)
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
                self._pending.pop(key, None)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def _filter_key(query: EventQuery) -> tuple[str, tuple[Any, ...]]:
    where, params = event_filter(query)
    return where, tuple(params)


class StorePool:
    """One store per worker thread (a DB-API connection is not shared between threads)."""

    def __init__(self, address: str) -> None:
        self.address = address
        self._local = threading.local()
        self._opened: list[SqlStore] = []
        self._lock = threading.Lock()

    def get(self) -> SqlStore:
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.address)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            for store in self._opened:
                store.close()
            self._opened.clear()


def _store(request: Request) -> SqlStore:
    return request.app.state.stores.get()


StoreDep = Annotated[SqlStore, Depends(_store)]
Text = Annotated[str | None, Query(max_length=MAX_TEXT)]


def _clean_text(name: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if any(ord(ch) < 32 for ch in value):
        raise HTTPException(422, f"{name} must not hold control characters")
    return value.strip()


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None or not value.strip():
        return None
    parts = value.split(",")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise HTTPException(422, "bbox must be four numbers: west,south,east,north (degrees)") from None
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        raise HTTPException(422, "bbox numbers must be finite")
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise HTTPException(422, "bbox must satisfy -180 <= west <= east <= 180 and -90 <= south <= north <= 90")
    return west, south, east, north


def _cursor(value: str | None) -> str | None:
    """The cursor as given, after checking it is one of ours (400 if not)."""
    if not value:
        return None
    try:
        values = decode_cursor(value)
    except ValueError:
        raise HTTPException(400, "invalid cursor: pass the next_cursor of a previous page unchanged") from None
    if not all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in values):
        raise HTTPException(400, "invalid cursor: pass the next_cursor of a previous page unchanged")
    return value


def event_filters(
    date_from: Annotated[dt.date | None, Query(description="first day, YYYY-MM-DD")] = None,
    date_to: Annotated[dt.date | None, Query(description="last day, YYYY-MM-DD")] = None,
    country: Annotated[str | None, Query(max_length=MAX_TEXT, description="country name, e.g. Syria")] = None,
    admin1: Annotated[str | None, Query(max_length=MAX_TEXT, description="province or state")] = None,
    event_type: Annotated[str | None, Query(max_length=MAX_TEXT,
                                            description="one of: " + ", ".join(EVENT_TYPE_RANK))] = None,
    sub_event_type: Annotated[str | None, Query(max_length=MAX_TEXT, description="an ACLED sub-type")] = None,
    actor: Annotated[str | None, Query(max_length=MAX_TEXT, description="actor1 or actor2 contains")] = None,
    bbox: Annotated[str | None, Query(max_length=MAX_TEXT, description="west,south,east,north in degrees")] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=10**9)] = None,
    q: Annotated[str | None, Query(max_length=MAX_TEXT,
                                   description="every word appears in the notes, actors, place or evidence")] = None,
) -> EventQuery:
    """The filters shared by the event list, the aggregates and the exports."""
    if date_from and date_to and date_from > date_to:
        raise HTTPException(422, "date_from is after date_to")
    event_type = _clean_text("event_type", event_type)
    if event_type and event_type.lower() not in {t.lower() for t in EVENT_TYPE_RANK}:
        raise HTTPException(422, f"unknown event_type {event_type!r}: use one of {', '.join(EVENT_TYPE_RANK)}")
    return EventQuery(
        date_from=date_from, date_to=date_to, country=_clean_text("country", country),
        admin1=_clean_text("admin1", admin1), event_type=event_type,
        sub_event_type=_clean_text("sub_event_type", sub_event_type), actor=_clean_text("actor", actor),
        bbox=_bbox(bbox), min_fatalities=min_fatalities, q=_clean_text("q", q))


Filters = Annotated[EventQuery, Depends(event_filters)]


def list_row(event: dict[str, Any]) -> dict[str, Any]:
    """An event of a listing: its output row without the claims (see the event itself)."""
    row = event_row(event)
    del row["claims"]
    return row


def event_detail(record: dict[str, Any], requested_id: str) -> dict[str, Any]:
    """One event's output row with its full claims, and the id it was asked by."""
    detail = event_row(record, record["claims"])
    detail["claims"] = record["claims"]
    detail["requested_id"] = requested_id
    return detail


def _not_found(what: str, ident: str) -> HTTPException:
    return HTTPException(404, f"no {what} has the id {ident!r}")


def _export_rows(address: str, query: EventQuery) -> Iterator[dict[str, Any]]:
    # Its own connection: a streamed body is iterated on other threads than the request's.
    store = open_store(address)
    try:
        for event in store.iter_events(query):
            yield event_row(event, store.claims(ClaimQuery(event_id=event["event_id"])).items)
    finally:
        store.close()


def create_app(store_address: str, token: str | None = None, cache_seconds: float = 10.0) -> FastAPI:
    """The FastAPI app over the store at `store_address`; writes need `token` (None: read-only).

    Totals, aggregates, map cells and the overview are answered from a cache for `cache_seconds`
    (0: never cached): writes made by other processes show in them after at most that long."""
    stores = StorePool(store_address)
    cache = ResultCache(cache_seconds)
    stores.get()  # fail now, not at the first request, when the database cannot be opened

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        stores.close()

    app = FastAPI(title="warwatch", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.stores = stores
    app.state.token = token or None
    app.state.cache = cache

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/api/overview", tags=["events"])
    def get_overview(store: StoreDep) -> JSONResponse:
        """What the database holds: counts, the date range, countries and event types with their counts."""
        return JSONResponse(cache.get(("overview",), lambda: overview(store) | {"counts": store.counts(),
                                                                              "version": __version__}))

    @app.get("/api/events", tags=["events"])
    def list_events(
        store: StoreDep, filters: Filters,
        order: Annotated[str, Query(pattern=ORDER_PATTERN,
                                    description="a column of " + ", ".join(SORTABLE) + "; '-' first for descending")]
        = "-event_date",
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
        cursor: Annotated[str | None, Query(max_length=1000)] = None,
        total: Annotated[bool, Query(description="also count every matching event")] = False,
    ) -> JSONResponse:
        """Events matching every given filter, one page at a time."""
        filters.order, filters.limit, filters.cursor = order, limit, _cursor(cursor)
        page = store.events(filters)
        body: dict[str, Any] = {"items": [list_row(e) for e in page.items], "next_cursor": page.next_cursor}
        if total:
            body["total"] = cache.get(("total", _filter_key(filters)), lambda: count_events(store, filters))
        return JSONResponse(body)

    @app.get("/api/events/{event_id}", tags=["events"])
    def get_event(store: StoreDep, event_id: Annotated[str, PathParam(max_length=MAX_TEXT)]) -> JSONResponse:
        """One event with its sources, evidence and claims; an id merged into another event answers
        with the surviving event (its `event_id` then differs from `requested_id`)."""
        record = store.event(event_id)
        if record is None:
            raise _not_found("event", event_id)
        return JSONResponse(event_detail(record, event_id))

    @app.get("/api/claims", tags=["claims"])
    def list_claims(
        store: StoreDep,
        event_id: Text = None, article_id: Text = None,
        quantity: Literal[QUANTITIES] | None = None,  # type: ignore[valid-type]
        scope: Literal[SCOPES] | None = None,  # type: ignore[valid-type]
        claimant: Text = None, q: Text = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
        cursor: Annotated[str | None, Query(max_length=1000)] = None,
    ) -> JSONResponse:
        """The claims ledger: who claimed how many of whom, with every report carrying the claim."""
        event_id = _clean_text("event_id", event_id)
        if event_id:
            event_id = store.resolve_event_id(event_id) or event_id
        page = store.claims(ClaimQuery(
            event_id=event_id, article_id=_clean_text("article_id", article_id), quantity=quantity, scope=scope,
            claimant=_clean_text("claimant", claimant), q=_clean_text("q", q), limit=limit, cursor=_cursor(cursor)))
        return JSONResponse({"items": page.items, "next_cursor": page.next_cursor})

    @app.get("/api/articles", tags=["articles"])
    def list_articles(
        store: StoreDep,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
        cursor: Annotated[str | None, Query(max_length=1000)] = None,
    ) -> JSONResponse:
        """Stored articles in id order, with their text (the body the evidence spans point into)."""
        page = store.articles(limit=limit, cursor=_cursor(cursor))
        return JSONResponse({"items": page.items, "next_cursor": page.next_cursor})

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def get_article(store: StoreDep, article_id: Annotated[str, PathParam(max_length=1000)]) -> JSONResponse:
        """One article; `char_start`/`char_end` of evidence count code points in its `text`."""
        record = store.article(article_id)
        if record is None:
            raise _not_found("article", article_id)
        return JSONResponse(record)

    @app.get("/api/aggregates/{name}", tags=["events"])
    def get_aggregate(
        store: StoreDep, filters: Filters,
        name: Literal[tuple(AGGREGATES)],  # type: ignore[valid-type]
        limit: Annotated[int, Query(ge=1, le=100_000)] = 1000,
    ) -> JSONResponse:
        """Events and fatalities per day, per admin1 (with its country) or per actor pair."""
        items = cache.get((name, _filter_key(filters), limit), lambda: aggregate(store, name, filters, limit))
        return JSONResponse({"name": name, "items": items})

    @app.get("/api/map", tags=["events"])
    def get_map(
        store: StoreDep, filters: Filters,
        limit: Annotated[int, Query(ge=1, le=20_000, description="most cells, the busiest first")] = MAP_CELLS,
    ) -> JSONResponse:
        """Matching events grouped for the map: one row per cell of 0.01 degree (about 1 km) and event
        type, with the number of events and fatalities, a place name and one event id. Each cell's
        `bbox` selects its events in the other endpoints; `total_cells` says how many cells there were."""
        return JSONResponse(cache.get(("map", _filter_key(filters), limit), lambda: map_cells(store, filters, limit)))

    exports = {
        "csv": ("text/csv; charset=utf-8", lambda rows: csv_lines(rows, EVENT_COLUMNS)),
        "geojson": ("application/geo+json", geojson_lines),
        "jsonl": ("application/x-ndjson", jsonl_lines),
    }

    @app.get("/api/export/events.{fmt}", tags=["export"])
    def export_events(filters: Filters, fmt: Literal["csv", "geojson", "jsonl"]) -> StreamingResponse:
        """Every matching event as ACLED-column CSV (lists as JSON strings), GeoJSON or JSON lines."""
        media_type, formatter = exports[fmt]
        filters.order = "event_date"
        return StreamingResponse(formatter(_export_rows(store_address, filters)), media_type=media_type,
                                 headers={"Content-Disposition": f'attachment; filename="events.{fmt}"'})

    @app.post("/api/pages", tags=["write"], status_code=200)
    async def post_pages(request: Request) -> JSONResponse:
        """Code new pages (a JSON object like one line of a JSONL input: `html` or `text`, and
        optionally `id`, `url`, `title`, `published`, `source`; several lines for several pages).
        Needs `Authorization: Bearer <token>` with the token the server was started with."""
        _check_token(request)
        body = await request.body()
        if len(body) > MAX_POST_BYTES:
            raise HTTPException(413, f"body larger than {MAX_POST_BYTES // 2**20} MB")
        if not body.lstrip()[:1] == b"{":
            raise HTTPException(422, "the body must be a JSON object like a JSONL input line")
        results = await run_in_threadpool(_code_pages, body, store_address)
        cache.clear()
        coded = any("status" in r for r in results)
        return JSONResponse({"pages": results}, status_code=200 if coded else 422)

    return app


def map_cells(store: SqlStore, query: EventQuery, limit: int) -> dict[str, Any]:
    """The map's markers: events grouped by 0.01-degree cell and event type, busiest first."""
    where, params = event_filter(query)
    where = (where + " AND " if where else " WHERE ") + "latitude IS NOT NULL AND longitude IS NOT NULL"
    grid = CELLS_PER_DEGREE
    cells = (f"SELECT ROUND(latitude * {grid}) AS cy, ROUND(longitude * {grid}) AS cx, event_type, "
             f"COUNT(*) AS events, COALESCE(SUM(fatalities), 0) AS fatalities, AVG(latitude) AS lat, "
             f"AVG(longitude) AS lon, MIN(location) AS location, MIN(country) AS country, "
             f"MAX(event_date) AS last_date, MIN(event_id) AS event_id, COUNT(*) OVER () AS cells "
             f"FROM events{where} GROUP BY ROUND(latitude * {grid}), ROUND(longitude * {grid}), event_type")
    rows = store.execute(f"{cells} ORDER BY events DESC, fatalities DESC, event_id LIMIT ?",
                         [*params, limit]).fetchall()
    items = []
    half = 0.5 / grid
    total = int(rows[0][-1]) if rows else 0
    for cy, cx, event_type, events, fatalities, lat, lon, location, country, last_date, event_id, _ in rows:
        y, x = float(cy) / grid, float(cx) / grid
        items.append({
            "latitude": round(float(lat), 5), "longitude": round(float(lon), 5), "event_type": event_type,
            "events": int(events), "fatalities": int(fatalities), "location": location, "country": country,
            "last_date": str(last_date), "event_id": event_id,
            "bbox": [round(max(-180.0, x - half), 6), round(max(-90.0, y - half), 6),
                     round(min(180.0, x + half), 6), round(min(90.0, y + half), 6)]})
    return {"items": items, "total_cells": total}


def _check_token(request: Request) -> None:
    expected = request.app.state.token
    if not expected:
        raise HTTPException(403, "this server is read-only: start `warwatch serve` with --token to allow writes")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise HTTPException(403, "writes need the header `Authorization: Bearer <token>` with the server's token")


def _code_pages(body: bytes, address: str) -> list[dict[str, Any]]:
    """Code and store every page of a JSONL body; one result per page (status, or skipped reason)."""
    # The pipeline (cleaning, extraction lexicons, gazetteer) loads only when a write comes in,
    # so a read-only server starts fast.
    from warwatch.ingest import IngestOptions, read_pages
    from warwatch.models import Skipped
    from warwatch.pipeline import code_page, source_of

    results: list[dict[str, Any]] = []
    store = open_store(address)
    try:
        for item in read_pages(["-"], IngestOptions(stdin=io.BytesIO(body), max_page_bytes=MAX_POST_BYTES)):
            if isinstance(item, Skipped):
                results.append({"where": item.where, "skipped": item.reason})
                continue
            report = code_page(item)
            if isinstance(report, Skipped):
                results.append({"page_id": item.page_id, "skipped": report.reason})
                continue
            written = store.write_report(report, source_of(report))
            results.append({"page_id": item.page_id, "article_id": report.article.article_id,
                            "status": written.status, "copy_of": written.copy_of,
                            "events": list(written.events), "claims": written.claims})
    finally:
        store.close()
    return results
