"""Events and fatalities counted per day, per admin1 or per actor pair, under the event filters.

Plain SQL over the `events` table of `SqlStore`, with `?` placeholders that the store
translates, so it runs on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from typing import Any

from warwatch.store.base import EventQuery, SqlStore, filter_terms

AGGREGATES = {
    # name: (grouping columns, the columns returned, order)
    "per_day": (("event_date",), ("event_date",), "event_date"),
    "per_admin1": (("country", "admin1"), ("country", "admin1"), "events DESC, fatalities DESC, country, admin1"),
    "per_actor_pair": (("actor1", "actor2"), ("actor1", "actor2"), "events DESC, fatalities DESC, actor1, actor2"),
}


def event_filter(query: EventQuery) -> tuple[str, list[Any]]:
    """The WHERE clause (or "") and its parameters for the filters of an event query."""
    where, params = filter_terms(query)
    return (" WHERE " + " AND ".join(where) if where else ""), params


def aggregate(store: SqlStore, name: str, query: EventQuery, limit: int | None = None) -> list[dict[str, Any]]:
    """Rows of {group columns..., events, fatalities} for the events that match the query."""
    if name not in AGGREGATES:
        raise ValueError(f"unknown aggregate {name!r}: use one of {', '.join(AGGREGATES)}")
    group, columns, order = AGGREGATES[name]
    where, params = event_filter(query)
    sql = (f"SELECT {', '.join(group)}, COUNT(*) AS events, COALESCE(SUM(fatalities), 0) AS fatalities "
           f"FROM events{where} GROUP BY {', '.join(group)} ORDER BY {order}")
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    rows = store.execute(sql, params).fetchall()
    return [dict(zip(columns + ("events", "fatalities"), (*row[:len(columns)], int(row[-2]), int(row[-1]))))
            for row in rows]


def count_events(store: SqlStore, query: EventQuery) -> int:
    """How many events match the filters of a query."""
    where, params = event_filter(query)
    return int(store.execute(f"SELECT COUNT(*) FROM events{where}", params).fetchone()[0])


def overview(store: SqlStore) -> dict[str, Any]:
    """The date range, and every country and event type with its number of events."""
    first, last = store.execute("SELECT MIN(event_date), MAX(event_date) FROM events").fetchone()
    countries = store.execute("SELECT country, COUNT(*) FROM events WHERE country IS NOT NULL "
                              "GROUP BY country ORDER BY country").fetchall()
    types = store.execute("SELECT event_type, COUNT(*) FROM events GROUP BY event_type "
                          "ORDER BY event_type").fetchall()
    return {"date_from": first, "date_to": last,
            "countries": [{"country": c, "events": int(n)} for c, n in countries],
            "event_types": [{"event_type": t, "events": int(n)} for t, n in types]}
