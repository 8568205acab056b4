"""The store's behaviour, the same on SQLite and on a real PostgreSQL server.

Every test runs twice through the `store_address` fixture. The expected events are computed
apart with `resolve.merge_block` over all candidates, so a store that stored an event twice
or lost one fails whatever order the writers took.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import signal
import subprocess
import sys
from collections import defaultdict

from warwatch import resolve
from warwatch.models import (Article, Claim, Evidence, EventCandidate, Place, Report, SourceRef, body_hash,
                             candidate_key, to_dict)
from warwatch.store import ClaimQuery, EventQuery, open_store

DAY = dt.date(2019, 2, 9)
PLACES = [
    Place("Hajin", 34.69, 40.83, "Syria", 760, "SYR", 1, admin1="Deir ez-Zor", geonameid=170000),
    Place("Aleppo", 36.2, 37.16, "Syria", 760, "SYR", 1, admin1="Aleppo", geonameid=170063),
    Place("Mosul", 36.34, 43.13, "Iraq", 368, "IRQ", 1, admin1="Nineveh", geonameid=99072),
]
ACTORS = [("Islamic State", "SDF: Syrian Democratic Forces"), ("Military Forces of Syria (2000-)", "Civilians (Syria)")]

# A child process that stores the reports of a JSON-lines file one at a time (or, given a batch
# size, that many at a time with write_reports) and says which it stored.
WRITER = """
import json, sys
from warwatch.models import Report, SourceRef, from_dict
from warwatch.store import open_store
store = open_store(sys.argv[1])
size = int(sys.argv[3]) if len(sys.argv) > 3 else 0
with open(sys.argv[2]) as lines:
    reports = [from_dict(Report, json.loads(line)) for line in lines]
for start in range(0, len(reports), size or 1):
    batch = reports[start:start + (size or 1)]
    items = [(r, SourceRef(r.article.article_id, r.article.source, r.article.published)) for r in batch]
    if size:
        store.write_reports(items)
    else:
        store.write_report(*items[0])
    for r in batch:
        print(r.article.article_id, flush=True)
store.close()
"""


WORDS = ("market road bridge convoy village council river checkpoint hospital school mosque bakery field "
         "district hill border camp airport station highway farm factory clinic square tower").split()


def background(article_id: str) -> str:
    """Forty words of filler that differ between articles, so no report is a near-copy of another."""
    seed = int(hashlib.sha1(article_id.encode()).hexdigest(), 16)
    return " ".join(WORDS[(seed >> (5 * i)) % len(WORDS)] for i in range(40)) + "."


def report(article_id: str, toll: int, *, incident: int = 0, version: str = "test-1",
           outlet: str = "Wire") -> Report:
    """A one-incident report as the stages hand it to the store; `incident` picks day, place, actors."""
    day = DAY + dt.timedelta(days=incident // 2)  # two incidents a day: blocks shared, incidents apart
    place = PLACES[incident % len(PLACES)]
    actors = ACTORS[incident % len(ACTORS)]
    sentence = f"{actors[0]} attacked {actors[1]} in {place.location} and {toll} people were killed."
    text = f"{sentence} {background(article_id)}"
    h = body_hash(text)
    ev = Evidence(article_id, sentence, 0, len(sentence))
    key = candidate_key(h, 0, len(sentence))
    candidate = EventCandidate(key=key, article_id=article_id, event_date=day, time_precision=1,
                               event_type="Battles", sub_event_type="Armed clash", actor1=actors[0], inter1=2,
                               actor2=actors[1], inter2=7, place=place, fatalities=toll, evidence=(ev,),
                               notes=f"{actors[0]} attacked {actors[1]} in {place.location}.")
    claim = Claim(claim_key=f"{key}:killed", article_id=article_id, quantity="killed", number_low=toll,
                  number_high=toll, number_text=str(toll), victims="people", victim_type="unknown", evidence=ev,
                  claimant=outlet, candidate_key=key)
    article = Article(article_id=article_id, text=text, body_hash=h, published=day, source=outlet)
    return Report(article, (candidate,), (claim,), version)


def source(r: Report) -> SourceRef:
    return SourceRef(r.article.article_id, r.article.source, r.article.published)


def stream(n_incidents: int = 8, per_incident: int = 3) -> list[Report]:
    """Several reports of each of several incidents, with tolls that disagree."""
    return [report(f"art-{i:02d}-{j}", 5 + j, incident=i, outlet=f"Wire {j}")
            for i in range(n_incidents) for j in range(per_incident)]


def expected_events(reports: list[Report]) -> dict[str, tuple[str, ...]]:
    """event_id -> member keys, merged apart from any store."""
    blocks: dict[str, list[EventCandidate]] = defaultdict(list)
    for r in reports:
        for c in r.candidates:
            blocks[resolve.block_of(c)].append(c)
    return {e.event_id: e.members for cs in blocks.values() for e in resolve.merge_block(cs, {})}


def stored_events(store) -> dict[str, tuple[str, ...]]:
    return {e["event_id"]: tuple(e["members"]) for e in store.iter_events()}


def snapshot(store) -> tuple:
    events = sorted((e["event_id"], e["fatalities_low"], e["fatalities_high"], json.dumps(e["sources"]))
                    for e in store.iter_events())
    claims = sorted((c["claim_id"], tuple(s["article_id"] for s in c["sources"]), tuple(c["event_ids"]))
                    for c in store.claims(ClaimQuery()).items)
    return store.counts(), events, claims


def write_all(address: str, reports: list[Report]) -> None:
    store = open_store(address)
    for r in reports:
        store.write_report(r, source(r))
    store.close()


def writer_process(address: str, reports: list[Report], tmp_path, name: str, batch: int = 0) -> subprocess.Popen:
    lines = tmp_path / f"{name}.jsonl"
    lines.write_text("".join(json.dumps(to_dict(r)) + "\n" for r in reports))
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-c", WRITER, address, str(lines)] + ([str(batch)] if batch else []),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_rewriting_the_same_reports_changes_nothing(store_address):
    reports = stream()
    write_all(store_address, reports)
    store = open_store(store_address)
    before = snapshot(store)
    assert [store.write_report(r, source(r)).status for r in reports] == ["unchanged"] * len(reports)
    assert snapshot(store) == before
    assert stored_events(store) == expected_events(reports)
    assert before[0]["events"] == 8 and before[0]["articles"] == 24
    store.close()


def test_events_and_tolls_match_the_reports(store_address):
    reports = stream(n_incidents=2)
    write_all(store_address, reports)
    store = open_store(store_address)
    events = list(store.iter_events())
    assert len(events) == 2
    assert {(e["fatalities"], e["fatalities_low"], e["fatalities_high"]) for e in events} == {(5, 5, 7)}
    assert {len(e["sources"]) for e in events} == {3}
    assert store.counts()["claims"] == 6
    store.close()


def test_recoding_with_a_newer_version_replaces_the_article(store_address):
    store = open_store(store_address)
    old = [report("a", 10), report("b", 12)]
    for r in old:
        store.write_report(r, source(r))
    (before,) = store.events(EventQuery()).items
    newer = report("a", 30, version="test-2")
    assert store.write_report(newer, source(newer)).status == "recoded"
    assert store.write_report(newer, source(newer)).status == "unchanged"
    (after,) = store.events(EventQuery()).items
    assert (after["fatalities_low"], after["fatalities_high"]) == (12, 30)
    assert old[0].candidates[0].key not in after["members"]
    assert newer.candidates[0].key in after["members"]
    assert sorted(c["number_low"] for c in store.claims(ClaimQuery(article_id="a")).items) == [30]
    assert store.counts()["claims"] == 2
    assert store.event(before["event_id"])["event_id"] == after["event_id"]
    store.close()


def test_every_id_that_named_an_event_resolves_to_its_survivor(store_address):
    store = open_store(store_address)
    late, early = report("z-late", 9), report("a-early", 11)
    store.write_report(late, source(late))
    (first,) = store.events(EventQuery()).items
    store.write_report(early, source(early))
    (merged,) = store.events(EventQuery()).items
    assert first["event_id"] != merged["event_id"]  # the smaller member key now names it
    assert store.resolve_event_id(first["event_id"]) == merged["event_id"]
    assert store.event(first["event_id"])["event_id"] == merged["event_id"]
    assert store.event(merged["event_id"])["fatalities_high"] == 11
    assert store.event("SYRnosuchid") is None
    store.close()


def test_concurrent_writers_of_overlapping_reports_leave_no_duplicates(store_address, tmp_path):
    reports = stream(n_incidents=9, per_incident=4)
    open_store(store_address).close()  # the schema exists before the writers race
    shares = [reports[:24], list(reversed(reports[12:])), reports[6:30][::2] + reports[::3]]
    # one writer stores its reports five at a time in one transaction, the others one at a time
    writers = [writer_process(store_address, share, tmp_path, f"w{i}", batch=5 if i == 1 else 0)
               for i, share in enumerate(shares)]
    for w in writers:
        out, err = w.communicate(timeout=120)
        assert w.returncode == 0, err
    store = open_store(store_address)
    assert stored_events(store) == expected_events(reports)
    assert store.counts()["articles"] == len(reports)
    solo = tmp_path / "solo.db"
    write_all(str(solo), reports)
    reference = open_store(str(solo))
    assert snapshot(store) == snapshot(reference)
    reference.close()
    store.close()


def test_reports_written_together_store_what_they_store_written_one_by_one(store_address, tmp_path):
    reports = stream(n_incidents=6, per_incident=4)
    store = open_store(store_address)
    results = []
    for start in range(0, len(reports), 7):  # batches that cut across incidents and blocks
        batch = reports[start:start + 7]
        results += store.write_reports([(r, source(r)) for r in batch])
    assert [r.status for r in results] == ["coded"] * len(reports)
    assert sum(r.claims for r in results) == len(reports)
    solo = tmp_path / "solo.db"
    write_all(str(solo), reports)
    reference = open_store(str(solo))
    assert snapshot(store) == snapshot(reference)
    reference.close()
    again = store.write_reports([(r, source(r)) for r in reports])
    assert [r.status for r in again] == ["unchanged"] * len(reports)
    assert store.write_reports([]) == []
    store.close()


def test_the_decode_caches_stay_within_their_characters_and_store_the_same(store_address, tmp_path, monkeypatch):
    from warwatch.store import base

    reports = stream(n_incidents=4, per_incident=6)  # events of six members: their JSON grows
    reference_path = tmp_path / "reference.db"
    write_all(str(reference_path), reports)
    monkeypatch.setattr(base, "_CACHED_CHARS_MAX", 3000)
    store = open_store(store_address)
    largest = 0
    for r in reports:
        store.write_report(r, source(r))
        largest = max([largest] + [len(data) for data, _ in store._decoded.values()]
                      + [len(data) for _, data in store._encoded.values()])
        assert store._decoded.chars < 3000 + largest and store._encoded.chars < 3000 + largest
        assert sum(len(data) for data, _ in store._decoded.values()) <= store._decoded.chars
    reference = open_store(str(reference_path))
    assert snapshot(store) == snapshot(reference)
    reference.close()
    store.close()


def test_an_article_that_fails_in_a_batch_is_rolled_back_alone_and_those_before_it_are_kept(store_address):
    import dataclasses

    import pytest

    reports = stream(n_incidents=2, per_incident=3)
    good = reports[:2]
    bad = dataclasses.replace(reports[2], article=dataclasses.replace(reports[2].article, body_hash=None))
    after = reports[3:]
    store = open_store(store_address)
    with pytest.raises(Exception) as failed:
        store.write_reports([(r, source(r)) for r in good + [bad] + after])
    assert "null" in str(failed.value).lower()  # the NOT NULL body hash, from the database itself
    assert store.counts()["articles"] == 2
    assert stored_events(store) == expected_events(good)
    # the store goes on: the rest are written, and the two kept are unchanged
    statuses = [w.status for w in store.write_reports([(r, source(r)) for r in reports])]
    assert statuses == ["unchanged", "unchanged"] + ["coded"] * 4
    assert stored_events(store) == expected_events(reports)
    store.close()


def test_a_run_killed_mid_way_and_restarted_ends_with_no_duplicates_and_no_losses(store_address, tmp_path):
    reports = stream(n_incidents=60, per_incident=5)
    open_store(store_address).close()
    writer = writer_process(store_address, reports, tmp_path, "killed")
    for _ in range(25):
        assert writer.stdout.readline()
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL
    store = open_store(store_address)
    stored = store.counts()["articles"]
    assert 25 <= stored < len(reports)  # killed mid-way, nothing it reported stored is lost
    store.close()
    again = writer_process(store_address, reports, tmp_path, "restarted")
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    store = open_store(store_address)
    assert stored_events(store) == expected_events(reports)
    assert store.counts() == {"articles": 300, "copies": 0, "events": 60, "claims": 300}
    store.close()


def test_exact_copies_dated_apart_give_separate_events_and_keep_their_claims(store_address):
    """FA-KES holds the same body under two ids and dates: the shared candidate key lands in two blocks."""
    import dataclasses

    first = report("copy-a", 7)
    c, claim, a = first.candidates[0], first.claims[0], first.article
    day = DAY + dt.timedelta(days=1)
    second = Report(dataclasses.replace(a, article_id="copy-b", published=day),
                    (dataclasses.replace(c, article_id="copy-b", event_date=day),),
                    (dataclasses.replace(claim, article_id="copy-b"),), first.extractor_version)
    assert second.candidates[0].key == c.key
    for order in ((first, second), (second, first)):
        store = open_store(store_address)
        for r in order:
            store.write_report(r, source(r))
        events = {e["event_date"]: e for e in store.iter_events()}
        assert sorted(events) == ["2019-02-09", "2019-02-10"]
        assert stored_events(store) == expected_events([first, second])
        links = {c["sources"][0]["article_id"]: c["event_ids"] for c in store.claims(ClaimQuery()).items}
        assert links == {"copy-a": [events["2019-02-09"]["event_id"]], "copy-b": [events["2019-02-10"]["event_id"]]}
        for table in ("events", "event_ids", "candidates", "claims", "articles", "article_bands"):
            store.execute(f"DELETE FROM {table}")
        store.commit()
        store.close()


def test_many_processes_opening_a_fresh_sqlite_file_at_once_all_get_a_migrated_store(tmp_path):
    # Switching a fresh file to WAL needs it to itself; openers racing for that must wait, not fail.
    for round_ in range(3):
        address = str(tmp_path / f"fresh-{round_}.sqlite")
        open_together(address, 12)
        store = open_store(address)
        assert store.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        store.close()


OPENER = """
import sys
from warwatch.store import open_store
store = open_store(sys.argv[1])
print(store.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0])
store.close()
"""


def open_together(address: str, openers: int) -> None:
    """Opens the store at `address` from `openers` processes at once; each must see it migrated."""
    from warwatch.store.base import SCHEMA_VERSION

    running = [subprocess.Popen([sys.executable, "-c", OPENER, address], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(openers)]
    for opener in running:
        out, err = opener.communicate(timeout=120)
        assert opener.returncode == 0, err
        assert out.strip() == str(SCHEMA_VERSION)


def test_migrations_run_once_even_when_writers_open_a_fresh_database_together(store_address):
    open_together(store_address, 4)
    write_all(store_address, stream(n_incidents=2))
    store = open_store(store_address)  # re-opening migrates nothing and keeps the data
    assert store.counts()["articles"] == 6
    tables = {"articles", "article_bands", "candidates", "claims", "events", "event_ids", "meta"}
    for table in tables:
        store.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
    store.close()
