"""The analyst's web page in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

`warwatch serve` runs as a real process (uvicorn) over a SQLite file coded by `warwatch code`
from the bundled sample pages, plus one article whose text holds `<script>` and `onerror=`
payloads (tests/serve_corpus.py). The test loads the page, filters by type and date, opens an
event and checks the evidence is highlighted in its article with every source and claim, and
that the hostile article shows as plain text and runs nothing. A screenshot is saved under
tests/artifacts/ (or $WARWATCH_ARTIFACTS) and its path printed.

Without Chromium or Playwright the test is skipped with the reason, except under CI (CI=true),
where it fails: `make test` installs Debian's chromium first.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from serve_corpus import HOSTILE_SENTENCE, KANO, report_of
from warwatch.models import SourceRef
from warwatch.store import open_store

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("WARWATCH_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-gpu",
        "--disable-dev-shm-usage"]
ARTIFACTS = Path(os.environ.get("WARWATCH_ARTIFACTS", ROOT / "tests" / "artifacts"))


def _missing(reason: str) -> None:
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"browser test cannot run under CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def sync_playwright():
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        _missing(f"no Chromium at {CHROMIUM} (apt-get install chromium, or `make browser`)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install -e '.[test]')")
    return sync_playwright


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(base: str, path: str, **params) -> dict:
    url = base + path + ("?" + urllib.parse.urlencode(params) if params else "")
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A `warwatch serve` process over samples/ coded by `warwatch code`, plus the hostile article."""
    db = tmp_path_factory.mktemp("browser") / "events.db"
    cli = [sys.executable, "-m", "warwatch"]
    coded = subprocess.run([*cli, "code", str(ROOT / "samples"), "--db", str(db), "--quiet"],
                           capture_output=True, text=True, timeout=120)
    assert coded.returncode == 0, coded.stderr
    store = open_store(str(db))
    report = report_of(KANO)
    store.write_report(report, SourceRef(KANO.article_id, KANO.outlet, KANO.published))
    store.close()
    port = _free_port()
    process = subprocess.Popen([*cli, "serve", "--db", str(db), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                _get(base, "/api/overview")
                break
            except (urllib.error.URLError, ConnectionError):
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    pytest.fail(f"warwatch serve did not start: {process.stdout.read()}")
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def page(sync_playwright, server):
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        tab = context.new_page()
        problems: list[str] = []
        tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        tab.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
        tab.on("requestfailed", lambda request: problems.append(f"request failed: {request.url}"))
        tab.problems = problems
        yield tab
        browser.close()


def _rows(page) -> list[str]:
    return page.locator("#event-rows tr").evaluate_all("rows => rows.map(r => r.dataset.eventId)")


def _wait_for_rows(page, expected: list[str]) -> None:
    deadline = time.monotonic() + 15
    while _rows(page) != expected:
        if time.monotonic() > deadline:
            assert _rows(page) == expected
        page.wait_for_timeout(50)


def _click_marker(page, selector: str) -> None:
    """Click a map marker once the map has stopped moving (Leaflet ignores clicks mid-animation)."""
    deadline = time.monotonic() + 15
    while True:
        page.wait_for_timeout(300)
        if page.locator("#map .leaflet-zoom-anim").count() == 0:
            page.dispatch_event(selector, "click")
            page.wait_for_timeout(300)
            if page.locator("#area").is_visible() or time.monotonic() > deadline:
                return


def test_filter_open_an_event_and_read_its_evidence(page, server):
    page.goto(server + "/")
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)
    overview = _get(server, "/api/overview")
    everything = _get(server, "/api/events", limit=1000, total="true")
    assert everything["total"] == overview["counts"]["events"] > 20
    assert page.locator("#summary-count").inner_text().startswith(f"{everything['total']:,} event")
    cells = _get(server, "/api/map")
    assert cells["total_cells"] == len(cells["items"]) > 5
    assert sum(c["events"] for c in cells["items"]) == sum(1 for e in everything["items"] if e["latitude"] is not None)
    assert page.locator("path.leaflet-interactive.event-marker").count() == len(cells["items"])
    assert page.locator("#map-note").inner_text() == f"Map: {len(cells['items'])} places"
    assert page.locator("#timeline rect.bar").count() > 1

    # a marker of several events lists them, and the area is cleared again
    busy = cells["items"][0]
    assert busy["events"] > 1
    bbox = ",".join(str(v) for v in busy["bbox"])
    marker = page.locator("path.event-marker[data-rank='0']")
    assert marker.get_attribute("data-bbox") == bbox and marker.get_attribute("data-events") == str(busy["events"])
    _click_marker(page, "path.event-marker[data-rank='0']")
    in_area = _get(server, "/api/events", bbox=bbox, limit=200, order="-event_date")["items"]
    assert len(in_area) >= busy["events"]
    _wait_for_rows(page, [e["event_id"] for e in in_area])  # the cell's events, of every type
    assert page.locator("#area").is_visible() and busy["location"] in page.locator("#area-label").inner_text()
    page.click("#area-clear")
    _wait_for_rows(page, [e["event_id"] for e in everything["items"][:200]])
    assert not page.locator("#area").is_visible()

    # the most frequent type, and a date range holding part of its events
    event_type = max(overview["event_types"], key=lambda t: t["events"])["event_type"]
    of_type = _get(server, "/api/events", event_type=event_type, limit=1000, order="event_date")["items"]
    dates = sorted({e["event_date"] for e in of_type})
    assert len(dates) >= 3, dates
    date_from, date_to = dates[1], dates[-2]
    page.select_option("#f-type", event_type)
    page.fill("#f-from", date_from)
    page.fill("#f-to", date_to)
    page.dispatch_event("#f-to", "change")
    expected = _get(server, "/api/events", event_type=event_type, date_from=date_from, date_to=date_to,
                    limit=200, order="-event_date", total="true")
    assert 0 < expected["total"] < everything["total"]
    _wait_for_rows(page, [e["event_id"] for e in expected["items"]])
    assert page.locator("#summary-count").inner_text().startswith(f"{expected['total']:,} event")
    assert all(date_from <= e["event_date"] <= date_to and e["event_type"] == event_type for e in expected["items"])
    assert "event_type=" in page.url and f"date_from={date_from}" in page.url

    # open the event with the most claims among those shown
    details = [_get(server, f"/api/events/{urllib.parse.quote(e['event_id'])}") for e in expected["items"]]
    event = max(details, key=lambda d: (len(d["claims"]), len(d["sources"])))
    page.click(f"#event-rows tr[data-event-id='{event['event_id']}']")
    page.wait_for_selector("#panel-body mark.evidence", timeout=15_000)
    assert page.locator("#panel-title").inner_text() == event["sub_event_type"]
    marks = page.locator("#panel-body mark.evidence").all_inner_texts()
    sentences = [e["sentence"] for e in event["evidence"]]
    assert sorted(" ".join(m.split()) for m in marks) == sorted(" ".join(s.split()) for s in sentences)
    blocks = page.locator("#panel-body .evidence-block")
    assert sorted(blocks.evaluate_all("bs => bs.map(b => b.dataset.articleId)")) == sorted(
        {e["article_id"] for e in event["evidence"]})
    article = _get(server, f"/api/articles/{urllib.parse.quote(event['evidence'][0]['article_id'])}")
    shown = page.locator(f"#panel-body .evidence-block[data-article-id='{article['article_id']}'] .article-text")
    assert " ".join(shown.inner_text().split()) == " ".join(article["text"].split())  # the whole article
    sources = page.locator("#panel-body ul.sources li").all_inner_texts()
    assert len(sources) == len(event["sources"])
    for source, text in zip(event["sources"], sources):
        assert source["article_id"] in text
    claim_rows = page.locator("#panel-body table.claims tr.claim").all_inner_texts()
    assert len(claim_rows) == len(event["claims"]) > 0
    claimants = page.locator("#panel-body td.claimant").all_inner_texts()
    assert sorted(claimants) == sorted(c["claimant"] or "unattributed" for c in event["claims"])

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "dashboard.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"screenshot: {shot}")
    assert shot.stat().st_size > 10_000
    assert page.problems == []


def test_hostile_article_text_is_shown_inert(page, server):
    hostile = _get(server, "/api/events", q="shops kano")["items"]
    assert [e["location"] for e in hostile] == ["Kano"]
    page.goto(server + "/?q=" + urllib.parse.quote("shops kano"))
    page.wait_for_selector("body[data-ready=true]", timeout=30_000)
    _wait_for_rows(page, [hostile[0]["event_id"]])
    page.click("#event-rows tr")
    page.wait_for_selector("#panel-body mark.evidence", timeout=15_000)
    page.wait_for_timeout(300)  # give an injected handler the time it would need to run
    assert page.evaluate("() => window.__pwned") is None
    panel = page.locator("#panel-body")
    assert panel.locator("script, img, b, i").count() == 0  # no markup from the data
    assert " ".join(HOSTILE_SENTENCE.split()) in " ".join(page.locator("#panel-body mark.evidence").inner_text().split())
    assert "<script>alert('title')</script>" in panel.inner_text()
    assert "police <i>spokesman</i>" in panel.inner_text()
    assert page.evaluate("() => document.querySelectorAll('script').length") == 2  # leaflet and app.js only
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "hostile-article.png"
    page.screenshot(path=str(shot))
    print(f"screenshot: {shot}")
    assert page.problems == []
