"""The store protocol and the SQL store shared by the SQLite and PostgreSQL backends.

Every article is written all or nothing: the article, its candidates and claims, and the
re-merged events of the blocks (day, country, province) it touches, in its own transaction
(`write_report`), or with others in one (`write_reports`: SQLite, a savepoint each). A run killed
mid-way keeps every article committed before, and re-writing an article with the same body and
extractor version changes nothing.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from warwatch import resolve
from warwatch.dedup import CopyFinder, bands_of, minhash_signature
from warwatch.models import Event, EventCandidate, Report, SourceRef, from_dict, to_dict

SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What storing one report changed."""

    status: str  # "coded" | "unchanged" | "recoded"
    copy_of: str | None = None
    events: tuple[str, ...] = ()
    claims: int = 0


@dataclass(slots=True)
class EventQuery:
    """Filters, order and page of an event listing; every field is optional."""

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    min_fatalities: int | None = None
    q: str | None = None
    order: str = "-event_date"  # a column of SORTABLE, "-" for descending
    limit: int | None = None
    cursor: str | None = None


@dataclass(slots=True)
class ClaimQuery:
    """Filters of the claims ledger."""

    event_id: str | None = None
    article_id: str | None = None
    quantity: str | None = None
    scope: str | None = None
    claimant: str | None = None
    q: str | None = None
    limit: int | None = None
    cursor: str | None = None


@dataclass(slots=True)
class Page_:
    """One page of results and the cursor of the next page (None at the end)."""

    items: list[dict[str, Any]] = field(default_factory=list)
    next_cursor: str | None = None


SORTABLE = ("event_date", "fatalities", "event_id", "country", "event_type")


class Store(Protocol):
    """What the pipeline, the exporters and the web app need of a database."""

    def write_report(self, report: Report, source: SourceRef) -> WriteResult: ...
    def write_reports(self, items: Sequence[tuple[Report, SourceRef]]) -> list[WriteResult]: ...
    def article_state(self, article_id: str) -> tuple[str, str] | None: ...
    def events(self, query: EventQuery) -> Page_: ...
    def event(self, event_id: str) -> dict[str, Any] | None: ...
    def claims(self, query: ClaimQuery) -> Page_: ...
    def articles(self, limit: int | None = None, cursor: str | None = None) -> Page_: ...
    def article(self, article_id: str) -> dict[str, Any] | None: ...
    def counts(self) -> dict[str, int]: ...
    def close(self) -> None: ...


def _encode_cursor(values: Sequence[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(values)).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> list[Any]:
    """The sort values a cursor carries; ValueError if it was not made by us."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValueError("invalid cursor") from exc
    if not isinstance(values, list) or len(values) != 2:
        raise ValueError("invalid cursor")
    return values


def _like(text: str) -> str:
    return "%" + re.sub(r"([%_\\])", r"\\\1", text.lower()) + "%"


# Bounds of the decode/encode caches: a day's blocks fit, and memory stays flat on a firehose
# (a full cache starts over). Entries and characters of JSON added since the last start: an
# event's JSON grows with its members (a wire story that 25 outlets carry), so a bound on
# entries alone let these caches grow with the input (20,000 edited copies of the FA-KES
# articles: peak 187 MB at 4,000 pages, 285 MB at 16,000).
_DECODED_MAX = 10_000
_ENCODED_MAX = 5_000
_CACHED_CHARS_MAX = 8_000_000  # each cache: some tens of MB with the decoded objects


class _JsonCache(dict):
    """A dict of entries that each hold one JSON text, emptied before it takes in more than
    `entries` entries or `_CACHED_CHARS_MAX` characters of JSON since it was last emptied."""

    def __init__(self, entries: int) -> None:
        super().__init__()
        self.entries = entries
        self.chars = 0  # characters of JSON put since the last start-over

    def put(self, key: Any, value: Any, json_text: str) -> None:
        if len(self) >= self.entries or self.chars >= _CACHED_CHARS_MAX:
            self.clear()
            self.chars = 0
        self[key] = value
        self.chars += len(json_text)


def filter_terms(query: EventQuery) -> tuple[list[str], list[Any]]:
    """The SQL conditions (to be joined with AND) and their parameters for the filters of an event query."""
    where: list[str] = []
    params: list[Any] = []
    if query.date_from:
        where.append("event_date >= ?")
        params.append(query.date_from.isoformat())
    if query.date_to:
        where.append("event_date <= ?")
        params.append(query.date_to.isoformat())
    for column, value in (("country", query.country), ("admin1", query.admin1),
                          ("event_type", query.event_type), ("sub_event_type", query.sub_event_type)):
        if value:
            where.append(f"LOWER({column}) = ?")
            params.append(value.lower())
    if query.actor:
        where.append("(LOWER(actor1) LIKE ? ESCAPE '\\' OR LOWER(actor2) LIKE ? ESCAPE '\\')")
        params += [_like(query.actor)] * 2
    if query.bbox:
        west, south, east, north = query.bbox
        where.append("latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?")
        params += [south, north, west, east]
    if query.min_fatalities is not None:
        where.append("fatalities >= ?")
        params.append(query.min_fatalities)
    if query.q:
        for term in query.q.split():
            where.append("search LIKE ? ESCAPE '\\'")
            params.append(_like(term))
    return where, params


class SqlStore:
    """The store over a DB-API connection; subclasses give the dialect."""

    placeholder = "?"
    blob = "BLOB"
    real = "REAL"

    def __init__(self, connection: Any) -> None:
        self.conn = connection
        self.copies = CopyFinder(self)
        # (article_id, key) -> (stored JSON, decoded candidate): a block is re-read on every
        # write that touches it, and decoding is most of that cost; a row whose JSON changed
        # is decoded again, so the cache never serves a stale candidate.
        self._decoded = _JsonCache(_DECODED_MAX)
        # event_id -> (event, its JSON): most events of a re-merged block come out equal.
        self._encoded = _JsonCache(_ENCODED_MAX)
        self._migrate()

    # ------------------------------------------------------------ dialect hooks

    def sql(self, statement: str) -> str:
        """The statement in this backend's placeholder style."""
        return statement if self.placeholder == "?" else statement.replace("?", self.placeholder)

    def execute(self, statement: str, params: Sequence[Any] = ()) -> Any:
        cur = self.conn.cursor()
        cur.execute(self.sql(statement), tuple(params))
        return cur

    def executemany(self, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self.conn.cursor().executemany(self.sql(statement), [tuple(r) for r in rows])

    def begin(self) -> None:
        """Start a write transaction (serialised between writers)."""

    def commit(self) -> None:
        self.conn.commit()

    def rollback(self) -> None:
        self.conn.rollback()

    def lock_blocks(self, blocks: Sequence[str]) -> None:
        """Keep concurrent writers from re-merging the same blocks at once."""

    # ------------------------------------------------------------ schema

    def _migrate(self) -> None:
        self.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        row = self.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row and int(row[0]) >= SCHEMA_VERSION:
            self.commit()
            return
        for statement in self.schema():
            self.execute(statement)
        self.execute("INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(SCHEMA_VERSION),))
        self.commit()

    def schema(self) -> list[str]:
        real, blob = self.real, self.blob
        return [
            """CREATE TABLE IF NOT EXISTS articles (
                article_id TEXT PRIMARY KEY, body_hash TEXT NOT NULL, url TEXT, title TEXT,
                published TEXT, source TEXT, copy_of TEXT, extractor_version TEXT NOT NULL,
                signature {blob}, data TEXT NOT NULL)""".format(blob=blob),
            "CREATE INDEX IF NOT EXISTS articles_body_hash ON articles (body_hash)",
            """CREATE TABLE IF NOT EXISTS article_bands (
                band TEXT NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (band, article_id))""",
            "CREATE INDEX IF NOT EXISTS article_bands_article ON article_bands (article_id)",
            """CREATE TABLE IF NOT EXISTS candidates (
                article_id TEXT NOT NULL, key TEXT NOT NULL, block TEXT NOT NULL, data TEXT NOT NULL,
                PRIMARY KEY (article_id, key))""",
            "CREATE INDEX IF NOT EXISTS candidates_block ON candidates (block)",
            """CREATE TABLE IF NOT EXISTS claims (
                article_id TEXT NOT NULL, claim_key TEXT NOT NULL, candidate_key TEXT,
                claim_id TEXT NOT NULL, event_id TEXT, quantity TEXT NOT NULL, scope TEXT NOT NULL,
                claimant TEXT, search TEXT NOT NULL, data TEXT NOT NULL,
                PRIMARY KEY (article_id, claim_key))""",
            "CREATE INDEX IF NOT EXISTS claims_candidate ON claims (candidate_key)",
            "CREATE INDEX IF NOT EXISTS claims_claim_id ON claims (claim_id)",
            "CREATE INDEX IF NOT EXISTS claims_event ON claims (event_id)",
            """CREATE TABLE IF NOT EXISTS events (
                event_id TEXT PRIMARY KEY, block TEXT NOT NULL, event_date TEXT NOT NULL,
                iso3 TEXT, country TEXT, admin1 TEXT, location TEXT, latitude {real}, longitude {real},
                event_type TEXT, sub_event_type TEXT, actor1 TEXT, actor2 TEXT,
                fatalities INTEGER, search TEXT NOT NULL, data TEXT NOT NULL)""".format(real=real),
            "CREATE INDEX IF NOT EXISTS events_block ON events (block)",
            "CREATE INDEX IF NOT EXISTS events_date ON events (event_date, event_id)",
            "CREATE INDEX IF NOT EXISTS events_country ON events (country)",
            "CREATE INDEX IF NOT EXISTS events_type ON events (event_type, sub_event_type)",
            "CREATE INDEX IF NOT EXISTS events_fatalities ON events (fatalities, event_id)",
            """CREATE TABLE IF NOT EXISTS event_ids (
                alias TEXT PRIMARY KEY, event_id TEXT NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS event_ids_target ON event_ids (event_id)",
        ]

    # ------------------------------------------------------------ writing

    def article_state(self, article_id: str) -> tuple[str, str] | None:
        """(body_hash, extractor_version) of a stored article, or None."""
        row = self.execute("SELECT body_hash, extractor_version FROM articles WHERE article_id = ?",
                           (article_id,)).fetchone()
        return (row[0], row[1]) if row else None

    def write_report(self, report: Report, source: SourceRef) -> WriteResult:
        """Store one coded article and re-merge the events of every block it touches, in one
        transaction."""
        self.begin()
        try:
            result = self._write(report, source)
            if result.status == "unchanged":
                self.rollback()
            else:
                self.commit()
        except BaseException:
            self.rollback()
            raise
        return result

    def write_reports(self, items: Sequence[tuple[Report, SourceRef]]) -> list[WriteResult]:
        """Store several coded articles, each as `write_report` stores it (a backend may commit
        them together: each article is still all or nothing)."""
        return [self.write_report(report, source) for report, source in items]

    def _write(self, report: Report, source: SourceRef) -> WriteResult:
        """The writes of one article, inside a transaction the caller opened and ends."""
        article = report.article
        state = self.article_state(article.article_id)
        if state == (article.body_hash, report.extractor_version):
            return WriteResult("unchanged")
        old_blocks = [r[0] for r in self.execute(
            "SELECT DISTINCT block FROM candidates WHERE article_id = ?", (article.article_id,))]
        if state:
            self._delete_article(article.article_id)
        signature = minhash_signature(article.text)
        copy_of = self.copies.find(article, signature)
        self._insert_article(report, source, signature, copy_of)
        blocks = sorted(set(old_blocks) | {resolve.block_of(c) for c in report.candidates})
        self.lock_blocks(blocks)
        touched: list[str] = []
        for block in blocks:
            touched.extend(self._remerge(block, report.extractor_version))
        self._place_claims(report)
        return WriteResult("recoded" if state else "coded", copy_of, tuple(touched), len(report.claims))

    def _delete_article(self, article_id: str) -> None:
        for table in ("candidates", "claims", "article_bands", "articles"):
            self.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))

    def _insert_article(self, report: Report, source: SourceRef, signature: bytes,
                        copy_of: str | None) -> None:
        a = report.article
        data = to_dict(a)
        data["copy_of"] = copy_of
        data["outlet"] = source.outlet
        self.execute(
            "INSERT INTO articles (article_id, body_hash, url, title, published, source, copy_of, "
            "extractor_version, signature, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (a.article_id, a.body_hash, a.url, a.title, a.published.isoformat() if a.published else None,
             source.outlet, copy_of, report.extractor_version, signature, json.dumps(data)))
        self.executemany("INSERT INTO article_bands (band, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                         [(band, a.article_id) for band in bands_of(signature)])
        self.executemany(
            "INSERT INTO candidates (article_id, key, block, data) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (article_id, key) DO UPDATE SET block = excluded.block, data = excluded.data",
            [(c.article_id, c.key, resolve.block_of(c), json.dumps(to_dict(c))) for c in report.candidates])
        self.executemany(
            "INSERT INTO claims (article_id, claim_key, candidate_key, claim_id, event_id, quantity, scope, "
            "claimant, search, data) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?) "
            "ON CONFLICT (article_id, claim_key) DO NOTHING",
            [(c.article_id, c.claim_key, c.candidate_key, resolve.claim_id_for(c, None), c.quantity, c.scope,
              c.claimant_actor or c.claimant, " ".join(filter(None, (
                  c.evidence.sentence, c.claimant, c.victims, c.number_text))).lower(),
              json.dumps(to_dict(c))) for c in report.claims])

    def source_refs(self, article_ids: Sequence[str]) -> dict[str, SourceRef]:
        """The outlet and reporting date of each article."""
        refs: dict[str, SourceRef] = {}
        ids = sorted(set(article_ids))
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            for aid, outlet, published in self.execute(
                    f"SELECT article_id, source, published FROM articles WHERE article_id IN ({marks})", chunk):
                refs[aid] = SourceRef(aid, outlet, dt.date.fromisoformat(published) if published else None)
        return refs

    def _remerge(self, block: str, extractor_version: str) -> list[str]:
        """Merge one block's candidates again and write the events that changed.

        Events whose record is unchanged are left as they are, so a new report costs one
        merge of its block plus the writes of the events it joins or creates; ids that
        disappear become aliases of the event that took their members.
        """
        candidates = [self._candidate(article_id, key, data) for article_id, key, data in self.execute(
            "SELECT article_id, key, data FROM candidates WHERE block = ?", (block,)).fetchall()]
        old = {row[0]: row[1] for row in self.execute(
            "SELECT event_id, data FROM events WHERE block = ?", (block,))}
        events = resolve.merge_block(candidates, self.source_refs([c.article_id for c in candidates]),
                                     extractor_version)
        owner = {key: e.event_id for e in events for key in e.members}
        changed = []
        for event in events:
            data = self._event_json(event)
            if old.get(event.event_id) != data:
                changed.append((event, data))
        new_ids = {e.event_id for e in events}
        for event_id in [i for i in old if i not in new_ids] + [e.event_id for e, _ in changed if e.event_id in old]:
            self.execute("DELETE FROM events WHERE event_id = ?", (event_id,))
        for old_id, data in old.items():
            if old_id in new_ids:
                continue
            survivors = sorted(owner[k] for k in json.loads(data)["members"] if k in owner)
            if survivors:
                self._alias(old_id, survivors[0])
            else:
                self.execute("DELETE FROM event_ids WHERE event_id = ?", (old_id,))
        for event, data in changed:
            self._insert_event(block, event, data)
            if event.event_id not in old:
                self._alias(event.event_id, event.event_id)
        self._relink_claims([k for e, _ in changed for k in e.members], owner,
                            {(c.article_id, c.key) for c in candidates})
        return [e.event_id for e, _ in changed]

    def _candidate(self, article_id: str, key: str, data: str) -> EventCandidate:
        cached = self._decoded.get((article_id, key))
        if cached is not None and cached[0] == data:
            return cached[1]
        candidate = from_dict(EventCandidate, json.loads(data))
        self._decoded.put((article_id, key), (data, candidate), data)
        return candidate

    def _event_json(self, event: Event) -> str:
        cached = self._encoded.get(event.event_id)
        if cached is not None and cached[0] == event:
            return cached[1]
        data = json.dumps(to_dict(event))
        self._encoded.put(event.event_id, (event, data), data)
        return data

    def _alias(self, alias: str, event_id: str) -> None:
        self.execute("UPDATE event_ids SET event_id = ? WHERE event_id = ?", (event_id, alias))
        self.execute("INSERT INTO event_ids (alias, event_id) VALUES (?, ?) "
                     "ON CONFLICT (alias) DO UPDATE SET event_id = excluded.event_id", (alias, event_id))

    def _insert_event(self, block: str, event: Event, data: str) -> None:
        p = event.place
        search = " ".join([event.notes, event.actor1, event.actor2 or "", p.location if p else ""]
                          + [e.sentence for e in event.evidence]).lower()
        self.execute(
            "INSERT INTO events (event_id, block, event_date, iso3, country, admin1, location, latitude, "
            "longitude, event_type, sub_event_type, actor1, actor2, fatalities, search, data) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (event.event_id, block, event.event_date.isoformat(), p.iso3 if p else None,
             p.country if p else None, p.admin1 if p else None, p.location if p else None,
             p.latitude if p else None, p.longitude if p else None, event.event_type, event.sub_event_type,
             event.actor1, event.actor2, event.fatalities, search, data))

    def _relink_claims(self, member_keys: Sequence[str], owner: dict[str, str],
                       in_block: set[tuple[str, str]]) -> None:
        for start in range(0, len(member_keys), 500):
            chunk = member_keys[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            rows = self.execute(
                f"SELECT article_id, claim_key, candidate_key, event_id, claim_id, data FROM claims "
                f"WHERE candidate_key IN ({marks})", chunk).fetchall()
            updates = []
            for article_id, claim_key, candidate_key, old_event, old_claim_id, data in rows:
                if (article_id, candidate_key) not in in_block:
                    continue  # an exact copy's claim, whose candidate sits in another block
                event_id = owner.get(candidate_key or "")
                # the ledger id reads only plain fields of the stored claim (its dates as ISO text)
                claim_id = resolve.claim_id_for(_ClaimFields(json.loads(data)), event_id)
                if (event_id, claim_id) != (old_event, old_claim_id):
                    updates.append((event_id, claim_id, article_id, claim_key))
            self.executemany("UPDATE claims SET event_id = ?, claim_id = ? WHERE article_id = ? AND claim_key = ?",
                             updates)

    def _place_claims(self, report: Report) -> None:
        """Claims of the article whose incident was not coded as an event keep no event."""
        for claim in report.claims:
            if claim.candidate_key is None:
                continue
            row = self.execute("SELECT event_id FROM claims WHERE article_id = ? AND claim_key = ?",
                               (claim.article_id, claim.claim_key)).fetchone()
            if row and row[0] is None:
                self.execute("UPDATE claims SET claim_id = ? WHERE article_id = ? AND claim_key = ?",
                             (resolve.claim_id_for(claim, None), claim.article_id, claim.claim_key))

    # ------------------------------------------------------------ reading

    def resolve_event_id(self, event_id: str) -> str | None:
        """The surviving event an id names, following merges."""
        row = self.execute("SELECT event_id FROM event_ids WHERE alias = ?", (event_id,)).fetchone()
        return row[0] if row else None

    def _event_record(self, data: str) -> dict[str, Any]:
        return json.loads(data)

    def events(self, query: EventQuery) -> Page_:
        """Events matching the filters, in the asked order, one page at a time."""
        where, params = filter_terms(query)
        descending = query.order.startswith("-")
        column = query.order.lstrip("-")
        if column not in SORTABLE:
            raise ValueError(f"cannot sort by {column!r}: use one of {', '.join(SORTABLE)}")
        op, direction = ("<", "DESC") if descending else (">", "ASC")
        if query.cursor:
            value, last_id = decode_cursor(query.cursor)
            where.append(f"({column} {op} ? OR ({column} = ? AND event_id {op} ?))")
            params += [value, value, last_id]
        sql = "SELECT event_id, " + column + ", data FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {column} {direction}, event_id {direction}"
        if query.limit is not None:
            sql += " LIMIT ?"
            params.append(query.limit + 1)
        rows = self.execute(sql, params).fetchall()
        page = Page_()
        if query.limit is not None and len(rows) > query.limit:
            rows = rows[:query.limit]
            page.next_cursor = _encode_cursor([rows[-1][1], rows[-1][0]])
        page.items = [self._event_record(r[2]) for r in rows]
        return page

    def iter_events(self, query: EventQuery | None = None, batch: int = 1000) -> Iterator[dict[str, Any]]:
        """Every matching event, fetched a batch at a time."""
        query = query or EventQuery()
        query.limit = batch
        while True:
            page = self.events(query)
            yield from page.items
            if not page.next_cursor:
                return
            query.cursor = page.next_cursor

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event by any id that ever named it, with its claims."""
        current = self.resolve_event_id(event_id)
        if current is None:
            return None
        row = self.execute("SELECT data FROM events WHERE event_id = ?", (current,)).fetchone()
        if row is None:
            return None
        record = self._event_record(row[0])
        record["claims"] = self.claims(ClaimQuery(event_id=current)).items
        return record

    def claims(self, query: ClaimQuery) -> Page_:
        """The claims ledger: one entry per claim, with every report that carries it."""
        where, params = [], []
        for column, value in (("event_id", query.event_id), ("quantity", query.quantity),
                              ("scope", query.scope)):
            if value:
                where.append(f"{column} = ?"), params.append(value)
        if query.article_id:
            where.append("claim_id IN (SELECT claim_id FROM claims WHERE article_id = ?)")
            params.append(query.article_id)
        if query.claimant:
            where.append("LOWER(claimant) LIKE ? ESCAPE '\\'"), params.append(_like(query.claimant))
        if query.q:
            for term in query.q.split():
                where.append("search LIKE ? ESCAPE '\\'"), params.append(_like(term))
        if query.cursor:
            _, last = decode_cursor(query.cursor)
            where.append("claim_id > ?"), params.append(last)
        sql = "SELECT claim_id, event_id, data FROM claims"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY claim_id, article_id, claim_key"
        grouped: dict[str, dict[str, Any]] = {}
        rows = self.execute(sql, params).fetchall()
        refs = self.source_refs([json.loads(r[2])["article_id"] for r in rows])
        for claim_id, event_id, data in rows:
            claim = json.loads(data)
            ref = refs.get(claim["article_id"])
            source = {"article_id": claim["article_id"], "outlet": ref.outlet if ref else None,
                      "reported_date": ref.reported_date.isoformat() if ref and ref.reported_date else None}
            if claim_id not in grouped:
                if query.limit is not None and len(grouped) == query.limit:
                    break
                grouped[claim_id] = claim_record(claim_id, event_id, claim, source)
            else:
                grouped[claim_id]["sources"].append(source)
        page = Page_(items=list(grouped.values()))
        if query.limit is not None and len(grouped) == query.limit and len(rows) > sum(
                len(g["sources"]) for g in grouped.values()):
            page.next_cursor = _encode_cursor(["claim_id", page.items[-1]["claim_id"]])
        for item in page.items:
            item["sources"].sort(key=lambda s: (s["reported_date"] or "", s["article_id"]))
            first = item["sources"][0]
            item["outlet"], item["reported_date"] = first["outlet"], first["reported_date"]
        return page

    def articles(self, limit: int | None = None, cursor: str | None = None) -> Page_:
        """Stored articles in id order."""
        sql, params = "SELECT article_id, data FROM articles", []
        if cursor:
            sql += " WHERE article_id > ?"
            params.append(decode_cursor(cursor)[1])
        sql += " ORDER BY article_id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit + 1)
        rows = self.execute(sql, params).fetchall()
        page = Page_()
        if limit is not None and len(rows) > limit:
            rows = rows[:limit]
            page.next_cursor = _encode_cursor(["article_id", rows[-1][0]])
        page.items = [article_record(json.loads(r[1])) for r in rows]
        return page

    def article(self, article_id: str) -> dict[str, Any] | None:
        row = self.execute("SELECT data FROM articles WHERE article_id = ?", (article_id,)).fetchone()
        return article_record(json.loads(row[0])) if row else None

    def counts(self) -> dict[str, int]:
        """How many articles, copies, events and distinct claims are stored."""
        one = lambda sql: self.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "articles": one("SELECT COUNT(*) FROM articles"),
            "copies": one("SELECT COUNT(*) FROM articles WHERE copy_of IS NOT NULL"),
            "events": one("SELECT COUNT(*) FROM events"),
            "claims": one("SELECT COUNT(DISTINCT claim_id) FROM claims"),
        }

    def close(self) -> None:
        self.conn.close()


class _ClaimFields:
    """A stored claim's JSON read as attributes, for `resolve.claim_id_for` (no full decode)."""

    __slots__ = ("_data",)

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getattr__(self, name: str) -> Any:
        return self._data[name]


def claim_record(claim_id: str, event_id: str | None, claim: dict[str, Any],
                 source: dict[str, Any]) -> dict[str, Any]:
    """A claim in the output contract's shape (CLARIFICATIONS §3)."""
    evidence = claim["evidence"]
    return {
        "claim_id": claim_id,
        "event_ids": [event_id] if event_id else [],
        "quantity": claim["quantity"],
        "number_low": claim["number_low"],
        "number_high": claim["number_high"],
        "number_text": claim["number_text"],
        "victims": claim["victims"],
        "victim_type": claim["victim_type"],
        "victim_actor": claim["victim_actor"],
        "claimant": claim["claimant"],
        "claimant_actor": claim["claimant_actor"],
        "scope": claim["scope"],
        "tally_since": claim["tally_since"],
        "tally_area": claim["tally_area"],
        "sentence": evidence["sentence"],
        "char_start": evidence["char_start"],
        "char_end": evidence["char_end"],
        "article_id": claim["article_id"],
        "outlet": source["outlet"],
        "reported_date": source["reported_date"],
        "sources": [source],
    }


def article_record(data: dict[str, Any]) -> dict[str, Any]:
    """An article in the output contract's shape."""
    return {
        "article_id": data["article_id"],
        "body_hash": data["body_hash"],
        "url": data.get("url"),
        "title": data.get("title"),
        "published": data.get("published"),
        "dateline": data.get("dateline"),
        "byline": data.get("byline"),
        "publisher": data.get("publisher"),
        "source": data.get("outlet") or data.get("source"),
        "copy_of": data.get("copy_of"),
        "text": data["text"],
        "captions": data.get("captions") or [],
    }
