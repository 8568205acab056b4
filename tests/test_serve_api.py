"""The HTTP API over a real SQLite file holding hand-coded reports (tests/serve_corpus.py)."""

from __future__ import annotations

import base64
import dataclasses
import csv
import io
import json
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from serve_corpus import ARTICLES, BAMAKO, HOSTILE_SENTENCE, Written, report_of, write_corpus
from warwatch.models import SourceRef
from warwatch.records import EVENT_COLUMNS
from warwatch.serve.app import create_app
from warwatch.store import open_store

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "s3cret-token-for-tests"


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> tuple[str, dict[str, str]]:
    path = str(tmp_path_factory.mktemp("serve") / "events.db")
    store = open_store(path)
    ids = write_corpus(store)
    store.close()
    return path, ids


@pytest.fixture(scope="module")
def client(database) -> TestClient:
    with TestClient(create_app(database[0]), raise_server_exceptions=False) as test_client:
        yield test_client


def locations(response) -> set[str]:
    assert response.status_code == 200, response.text
    return {row["location"] for row in response.json()["items"]}


ALL = {"Konduga", "Lagos", "Kano", "Maarat al-Numan", "Hajin", "Aleppo", "Kabul", "Bamako"}


@pytest.mark.parametrize("params, expected", [
    ({}, ALL),
    ({"date_from": "2019-06-10"}, {"Lagos", "Konduga", "Aleppo", "Kano", "Maarat al-Numan"}),
    ({"date_to": "2019-06-07"}, {"Bamako", "Kabul", "Hajin"}),
    ({"date_from": "2019-06-07", "date_to": "2019-06-11"}, {"Bamako", "Maarat al-Numan", "Kano"}),
    ({"country": "syria"}, {"Maarat al-Numan", "Hajin", "Aleppo"}),
    ({"admin1": "Borno"}, {"Konduga"}),
    ({"event_type": "Protests"}, {"Lagos", "Bamako"}),
    ({"event_type": "explosions/remote violence"}, {"Maarat al-Numan", "Kabul"}),
    ({"sub_event_type": "Suicide bomb"}, {"Kabul"}),
    ({"actor": "islamic state"}, {"Hajin", "Kabul"}),
    ({"actor": "Civilians (Syria)"}, {"Maarat al-Numan", "Aleppo"}),
    ({"bbox": "2,4,15,14"}, {"Konduga", "Lagos", "Kano"}),
    ({"bbox": "36,34,42,37"}, {"Maarat al-Numan", "Hajin", "Aleppo"}),
    ({"min_fatalities": "10"}, {"Konduga", "Hajin"}),
    ({"min_fatalities": "0"}, ALL),
    ({"q": "market"}, {"Maarat al-Numan"}),
    ({"q": "white helmets"}, {"Maarat al-Numan"}),  # words of the second report's evidence
    ({"q": "helmets konduga"}, set()),  # every word must match
    ({"country": "Nigeria", "event_type": "Riots"}, {"Kano"}),
])
def test_every_event_filter_selects_the_matching_events(client, params, expected):
    assert locations(client.get("/api/events", params=params)) == expected


def test_order_by_fatalities_both_ways(client):
    up = [r["fatalities"] for r in client.get("/api/events", params={"order": "fatalities"}).json()["items"]]
    down = [r["fatalities"] for r in client.get("/api/events", params={"order": "-fatalities"}).json()["items"]]
    assert up == sorted(up) and down == sorted(up, reverse=True) and up[0] == 0 and down[0] == 20


def _walk(client, path: str, params: dict) -> list[list[dict]]:
    pages, cursor = [], None
    while True:
        body = client.get(path, params=params | ({"cursor": cursor} if cursor else {})).json()
        pages.append(body["items"])
        cursor = body["next_cursor"]
        if not cursor:
            return pages


@pytest.mark.parametrize("order", ["-event_date", "fatalities", "country", "-event_type"])
def test_event_pages_follow_cursors_past_the_first_page(client, order):
    whole = [r["event_id"] for r in client.get("/api/events", params={"order": order}).json()["items"]]
    pages = _walk(client, "/api/events", {"order": order, "limit": 3})
    assert [len(p) for p in pages] == [3, 3, 2]
    assert [r["event_id"] for p in pages for r in p] == whole


def test_filtered_pages_and_total(client):
    pages = _walk(client, "/api/events", {"country": "Nigeria", "limit": 2})
    assert [len(p) for p in pages] == [2, 1]
    body = client.get("/api/events", params={"country": "Nigeria", "limit": 1, "total": "true"}).json()
    assert body["total"] == 3 and len(body["items"]) == 1


def test_claims_and_articles_pages_follow_cursors(client):
    claims = _walk(client, "/api/claims", {"limit": 3})
    assert len(claims) > 1
    ids = [c["claim_id"] for p in claims for c in p]
    assert len(ids) == len(set(ids)) == len(client.get("/api/claims").json()["items"])
    articles = _walk(client, "/api/articles", {"limit": 3})
    assert [len(p) for p in articles] == [3, 3, 2]
    assert sorted(a["article_id"] for p in articles for a in p) == sorted(w.article_id for w in ARTICLES)


def test_list_rows_have_the_acled_columns(client):
    row = client.get("/api/events", params={"admin1": "Borno"}).json()["items"][0]
    assert set(EVENT_COLUMNS) - {"claims"} <= set(row)
    assert (row["event_type"], row["fatalities"], row["injuries"], row["iso"]) == ("Violence against civilians", 12, 5, 566)
    assert row["evidence"][0]["article_id"] == "wire-konduga"


def test_one_event_carries_sources_evidence_and_claims(client, database):
    survivor = database[1]["survivor"]
    event = client.get(f"/api/events/{survivor}").json()
    assert (event["fatalities"], event["fatalities_low"], event["fatalities_high"]) == (9, 9, 11)
    assert sorted(s["outlet"] for s in event["sources"]) == ["Levant Monitor Wire", "Northern Syria Daily"]
    assert sorted(e["article_id"] for e in event["evidence"]) == ["wire-idlib-monitor", "wire-idlib-rescuers"]
    claimed = sorted((c["number_low"], c["claimant"]) for c in event["claims"])
    assert claimed == [(9, "the Syrian Observatory for Human Rights"), (11, "the White Helmets")]
    for item in event["evidence"]:
        text = client.get(f"/api/articles/{item['article_id']}").json()["text"]
        assert text[item["char_start"]:item["char_end"]] == item["sentence"]


def test_an_absorbed_id_answers_with_the_surviving_event(client, database):
    ids = database[1]
    assert ids["absorbed"] != ids["survivor"]
    event = client.get(f"/api/events/{ids['absorbed']}").json()
    assert event["event_id"] == ids["survivor"] and event["requested_id"] == ids["absorbed"]
    claims = client.get("/api/claims", params={"event_id": ids["absorbed"]}).json()["items"]
    assert {c["number_low"] for c in claims} == {9, 11}


def test_unknown_ids_are_404(client):
    assert client.get("/api/events/SYRnothere").status_code == 404
    assert client.get("/api/articles/no-such-article").status_code == 404


def test_evidence_offsets_count_code_points(client):
    article = client.get("/api/articles/wire-hajin").json()
    event = client.get("/api/events", params={"admin1": "Deir ez-Zor"}).json()["items"][0]
    span = event["evidence"][0]
    assert article["text"][span["char_start"]:span["char_end"]] == span["sentence"]
    # the text starts with characters outside the BMP: UTF-16 offsets would be larger
    assert len(article["text"][:span["char_start"]].encode("utf-16-le")) // 2 > span["char_start"]


@pytest.mark.parametrize("params, expected", [
    ({"quantity": "injured"}, {5, 16}),
    ({"scope": "tally"}, {30000}),
    ({"claimant": "white helmets"}, {11}),
    ({"article_id": "wire-kabul-bombing"}, {6, 16}),
    ({"q": "spokesman"}, {20, 2}),
])
def test_claim_filters(client, params, expected):
    items = client.get("/api/claims", params=params).json()["items"]
    assert {c["number_low"] for c in items} == expected


def test_aggregates_count_events_and_fatalities(client):
    days = client.get("/api/aggregates/per_day").json()["items"]
    assert sum(d["events"] for d in days) == 8 and sum(d["fatalities"] for d in days) == 49
    assert [d["event_date"] for d in days] == sorted(d["event_date"] for d in days)
    syria = client.get("/api/aggregates/per_admin1", params={"country": "Syria"}).json()["items"]
    assert {(a["admin1"], a["events"], a["fatalities"]) for a in syria} == {
        ("Deir ez-Zor", 1, 20), ("Idlib", 1, 9), ("Aleppo", 1, 0)}
    pairs = client.get("/api/aggregates/per_actor_pair", params={"min_fatalities": "1"}).json()["items"]
    assert pairs[0] == {"actor1": "SDF: Syrian Democratic Forces", "actor2": "Islamic State (Syria)",
                        "events": 1, "fatalities": 20}
    assert len(pairs) == 5


def test_map_cells_group_the_matching_events_by_place_and_type(client):
    body = client.get("/api/map").json()
    assert body["total_cells"] == len(body["items"]) == 8  # eight places, one event type each
    assert sum(c["events"] for c in body["items"]) == 8
    for cell in body["items"]:
        inside = client.get("/api/events", params={"bbox": ",".join(map(str, cell["bbox"])),
                                                   "event_type": cell["event_type"]}).json()["items"]
        assert [e["event_id"] for e in inside] == [cell["event_id"]]
        assert cell["fatalities"] == inside[0]["fatalities"] and cell["location"] == inside[0]["location"]
    syria = client.get("/api/map", params={"country": "Syria", "min_fatalities": "1"}).json()
    assert {c["location"] for c in syria["items"]} == {"Maarat al-Numan", "Hajin"}
    busiest = client.get("/api/map", params={"limit": "1"}).json()
    assert busiest["total_cells"] == 8 and len(busiest["items"]) == 1
    assert busiest["items"][0]["location"] == "Hajin"  # one event each: the most fatalities first


def test_csv_export_has_acled_columns_and_json_lists(client):
    response = client.get("/api/export/events.csv", params={"event_type": "Explosions/Remote violence"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert tuple(csv.reader(io.StringIO(response.text)).__next__()) == EVENT_COLUMNS
    assert sorted(r["location"] for r in rows) == ["Kabul", "Maarat al-Numan"]
    idlib = next(r for r in rows if r["location"] == "Maarat al-Numan")
    assert idlib["source"] == "Levant Monitor Wire; Northern Syria Daily"
    assert len(json.loads(idlib["evidence"])) == 2 and len(json.loads(idlib["claims"])) == 2


def test_geojson_and_jsonl_exports(client):
    collection = client.get("/api/export/events.geojson", params={"country": "Nigeria"}).json()
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 3
    kano = next(f for f in collection["features"] if f["properties"]["location"] == "Kano")
    assert kano["geometry"]["coordinates"] == [8.592, 12.0022]
    lines = client.get("/api/export/events.jsonl").text.splitlines()
    assert len(lines) == 8 and all(isinstance(json.loads(line)["sources"], list) for line in lines)


def _cursor_of(values) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


@pytest.mark.parametrize("path, params", [
    ("/api/events", {"date_from": "2019-13-01"}),
    ("/api/events", {"date_to": "yesterday"}),
    ("/api/events", {"date_from": "2019-06-10", "date_to": "2019-06-01"}),
    ("/api/events", {"bbox": "1,2,3"}),
    ("/api/events", {"bbox": "a,b,c,d"}),
    ("/api/events", {"bbox": "10,0,5,5"}),
    ("/api/events", {"bbox": "nan,0,1,1"}),
    ("/api/events", {"bbox": "0,0,1,inf"}),
    ("/api/events", {"bbox": "-200,0,1,1"}),
    ("/api/events", {"min_fatalities": "-1"}),
    ("/api/events", {"min_fatalities": "many"}),
    ("/api/events", {"min_fatalities": str(10**30)}),
    ("/api/events", {"limit": "0"}),
    ("/api/events", {"limit": "100000"}),
    ("/api/events", {"order": "notes"}),
    ("/api/events", {"order": "event_date; DROP TABLE events"}),
    ("/api/events", {"cursor": "not a cursor!"}),
    ("/api/events", {"cursor": _cursor_of([1, 2, 3])}),
    ("/api/events", {"cursor": _cursor_of([{"a": 1}, ["b"]])}),
    ("/api/events", {"event_type": "Bombings"}),
    ("/api/events", {"q": "x" * 500}),
    ("/api/events", {"q": "kano\x00"}),
    ("/api/events", {"total": "maybe"}),
    ("/api/claims", {"quantity": "eaten"}),
    ("/api/claims", {"scope": "forever"}),
    ("/api/claims", {"cursor": _cursor_of([None, {"x": 1}])}),
    ("/api/claims", {"limit": "-5"}),
    ("/api/articles", {"cursor": "%%%"}),
    ("/api/articles", {"limit": "lots"}),
    ("/api/aggregates/per_week", {}),
    ("/api/aggregates/per_day", {"limit": "0"}),
    ("/api/aggregates/per_admin1", {"bbox": "1,1,1"}),
    ("/api/map", {"limit": "0"}),
    ("/api/map", {"bbox": "0,0,1"}),
    ("/api/map", {"date_from": "2019-02-30"}),
    ("/api/export/events.xml", {}),
    ("/api/export/events.csv", {"date_from": "01/02/2019"}),
])
def test_bad_parameters_get_a_clear_client_error(client, path, params):
    response = client.get(path, params=params)
    assert response.status_code in (400, 422), (response.status_code, response.text)
    assert response.json()["detail"]


SQL_PAYLOADS = ["'; DROP TABLE events; --", "\" OR 1=1 --", "' OR '1'='1", "%", "Robert'); DROP TABLE articles;--",
                "\\", "1 UNION SELECT data FROM articles"]
EVENT_TEXT_FILTERS = ["country", "admin1", "sub_event_type", "actor", "q"]
CLAIM_TEXT_FILTERS = ["event_id", "article_id", "claimant", "q"]


@pytest.mark.parametrize("payload", SQL_PAYLOADS)
def test_sql_metacharacters_in_text_filters_are_plain_text(client, database, payload):
    for name in EVENT_TEXT_FILTERS:
        for path in ("/api/events", "/api/aggregates/per_day", "/api/export/events.jsonl", "/api/map"):
            response = client.get(path, params={name: payload})
            assert response.status_code == 200, (path, name, response.text)
            assert response.text.strip() in ('{"items":[],"next_cursor":null}', '{"name":"per_day","items":[]}', "",
                                             '{"items":[],"total_cells":0}')
    for name in CLAIM_TEXT_FILTERS:
        response = client.get("/api/claims", params={name: payload})
        assert response.status_code == 200 and response.json()["items"] == [], (name, response.text)
    assert client.get("/api/events", params={"event_type": payload}).status_code == 422
    for path in ("/api/events/", "/api/articles/"):
        assert client.get(path + payload.replace("/", "%2F")).status_code == 404
    store = open_store(database[0])
    assert store.counts() == {"articles": 8, "copies": 0, "events": 8, "claims": 10}
    store.close()


def test_like_wildcards_match_only_themselves(client):
    # "_" is a LIKE wildcard; only the Kano page really holds one ("window.__pwned")
    assert locations(client.get("/api/events", params={"q": "_"})) == {"Kano"}
    assert locations(client.get("/api/events", params={"actor": "_"})) == set()


def test_hostile_article_is_returned_as_data_and_the_page_runs_no_inline_script(client):
    article = client.get("/api/articles/wire-kano-riot")
    assert article.headers["content-type"] == "application/json"
    assert HOSTILE_SENTENCE in article.json()["text"]
    page = client.get("/")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page.text, re.S)
    assert scripts and all('src="/static/' in attrs and not body.strip() for attrs, body in scripts)
    assert "<script" not in page.text.split("</head>")[1]  # no data is ever templated into the page
    script = client.get("/static/app.js").text
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script and "eval(" not in script


def test_page_assets_are_local(client):
    page = client.get("/").text
    for asset in re.findall(r'(?:src|href)="([^"]+)"', page):
        assert asset.startswith("/"), asset
        assert client.get(asset).status_code == 200, asset
    docs = client.get("/docs")
    assert docs.status_code == 200 and "http" not in docs.text
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/claims", "/api/articles", "/api/articles/{article_id}",
            "/api/aggregates/{name}", "/api/export/events.{fmt}", "/api/pages"} <= set(spec["paths"])
    outlines = client.get("/static/countries.geojson").json()
    assert len(outlines["features"]) > 150


def test_writes_are_refused_without_the_configured_token(database):
    page = json.dumps({"id": "post-1", "text": "KANO — Rioters burned shops in Kano on Tuesday, police said."})
    with TestClient(create_app(database[0]), raise_server_exceptions=False) as read_only:
        assert read_only.post("/api/pages", content=page,
                              headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 403
    with TestClient(create_app(database[0], token=TOKEN), raise_server_exceptions=False) as guarded:
        assert guarded.post("/api/pages", content=page).status_code == 403
        assert guarded.post("/api/pages", content=page, headers={"Authorization": "Bearer wrong"}).status_code == 403
        assert guarded.post("/api/pages", content=page, headers={"Authorization": TOKEN}).status_code == 403
        bad = guarded.post("/api/pages", content="not json", headers={"Authorization": f"Bearer {TOKEN}"})
        assert bad.status_code == 422
    store = open_store(database[0])
    assert store.article("post-1") is None
    store.close()


def test_serve_command_documents_every_option_and_refuses_a_missing_database(tmp_path):
    from warwatch.cli import serve as serve_command
    import argparse

    parser = argparse.ArgumentParser(prog="warwatch")
    serve_command.register(parser.add_subparsers())
    sub = parser.parse_args(["serve", "--db", str(tmp_path / "missing.db")])
    assert sub.func(sub) == 2 and not (tmp_path / "missing.db").exists()
    help_text = subprocess.run([sys.executable, "-c", "import argparse\nfrom warwatch.cli import serve\n"
                                "p = argparse.ArgumentParser(prog='warwatch')\nserve.register(p.add_subparsers())\n"
                                "p.parse_args(['serve', '--help'])"], capture_output=True, text=True).stdout
    for option in ("--db", "--host", "--port", "--token", "WARWATCH_TOKEN", "--cache-seconds"):
        assert option in help_text


# The Bamako march reported again a month later, as another article: one more event.
BAMAKO_AGAIN = Written(
    "wire-bamako-again", BAMAKO.outlet, BAMAKO.published.replace(month=7),
    BAMAKO.title, BAMAKO.text.replace("Thousands", "Hundreds"),
    [dataclasses.replace(BAMAKO.incidents[0], sentence=BAMAKO.incidents[0].sentence.replace("Thousands", "Hundreds"),
                         event_date=BAMAKO.incidents[0].event_date.replace(month=7))])


def test_cached_totals_follow_writes_through_the_api_and_none_are_kept_when_disabled(tmp_path):
    path = str(tmp_path / "events.db")
    store = open_store(path)
    write_corpus(store)
    store.close()
    page = json.dumps({"id": "post-2", "published": "2019-06-20", "source": "Test Wire",
                       "text": "KANO, Nigeria — Gunmen killed four villagers in an attack on the village of "
                               "Dawakin Tofa in Kano state on Tuesday, police said."})
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with TestClient(create_app(path, token=TOKEN, cache_seconds=3600), raise_server_exceptions=False) as cached, \
            TestClient(create_app(path, cache_seconds=0), raise_server_exceptions=False) as uncached:
        def totals(client):
            return (client.get("/api/events", params={"total": "true"}).json()["total"],
                    sum(c["events"] for c in client.get("/api/map").json()["items"]),
                    client.get("/api/overview").json()["counts"]["articles"])

        assert totals(cached) == totals(uncached) == (8, 8, 8)
        # a write by another process shows at once without a cache, after the cache time with one
        other = open_store(path)
        other.write_report(report_of(BAMAKO_AGAIN), SourceRef("wire-bamako-again", "Sahel Report", None))
        other.close()
        assert totals(uncached) == (9, 9, 9) and totals(cached) == (8, 8, 8)
        # a write through the API clears the cache
        posted = cached.post("/api/pages", content=page, headers=headers)
        assert posted.status_code == 200, posted.text
        assert totals(cached) == totals(uncached) and totals(cached)[2] == 10


def test_cache_computes_an_answer_once_for_requests_that_ask_at_the_same_time():
    from concurrent.futures import ThreadPoolExecutor
    import threading
    import time

    from warwatch.serve.app import ResultCache

    calls = []
    lock = threading.Lock()

    def slow():
        with lock:
            calls.append(1)
        time.sleep(0.2)
        return {"n": len(calls)}

    cache = ResultCache(ttl=60)
    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(lambda _: cache.get(("k",), slow), range(6)))
    assert answers == [{"n": 1}] * 6 and len(calls) == 1
    assert cache.get(("other",), slow) == {"n": 2}
    cache.clear()
    assert cache.get(("k",), slow) == {"n": 3}
    assert ResultCache(ttl=0).get(("k",), slow) == {"n": 4} and len(calls) == 4
