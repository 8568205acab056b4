"""`warwatch code` on a WARC of real pages: killed mid-way by a signal and restarted, on SQLite
and on a real PostgreSQL server, it ends with exactly the store of an uninterrupted run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from firehose_pages import editions, sample_pages, write_warc
from warwatch.ingest import IngestOptions, read_pages
from warwatch.runners.local import run_local
from warwatch.store import ClaimQuery, open_store


def snapshot(address: str) -> tuple:
    store = open_store(address)
    try:
        events = sorted((e["event_id"], e["event_date"], e["sub_event_type"], e["fatalities_low"],
                         e["fatalities_high"], tuple(e["members"]), tuple(sorted(s["article_id"] for s in e["sources"])))
                        for e in store.iter_events())
        claims = sorted((c["claim_id"], c["number_low"], tuple(c["event_ids"]),
                         tuple(sorted(s["article_id"] for s in c["sources"])))
                        for c in store.claims(ClaimQuery()).items)
        return store.counts(), events, claims
    finally:
        store.close()


def stored_articles(address: str) -> int:
    try:
        store = open_store(address)
    except Exception:  # the writer may hold the schema lock for a moment
        return 0
    try:
        return store.counts()["articles"]
    finally:
        store.close()


def test_a_run_killed_mid_way_and_restarted_ends_with_no_duplicates_and_no_losses(store_address, tmp_path):
    pages = editions(sample_pages()[:-1], 150)
    crawl = str(write_warc(tmp_path / "crawl.warc.gz", pages))
    command = [sys.executable, "-m", "warwatch", "code", crawl, "--db", store_address, "--quiet"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    deadline, stored = time.monotonic() + 120, 0
    while time.monotonic() < deadline and run.poll() is None and stored < 10:
        time.sleep(0.05)
        stored = stored_articles(store_address)
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=30)
    assert run.returncode == -signal.SIGKILL, f"the run ended before it was killed: {run.stderr.read()}"
    killed = stored_articles(store_address)
    assert 10 <= killed < len(pages), "the run was not killed mid-way"

    again = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert again.returncode == 0, again.stderr

    reference = str(tmp_path / "uninterrupted.db")
    store = open_store(reference)
    summary = run_local(read_pages([crawl], IngestOptions()), store)
    store.close()
    assert summary.pages_coded == len(pages) and not summary.skipped
    restarted, whole = snapshot(store_address), snapshot(reference)
    assert restarted[0]["articles"] == len(pages)
    members = [m for e in restarted[1] for m in e[5]]
    assert len(members) == len(set(members)), "a candidate sits in two events"
    assert restarted == whole
