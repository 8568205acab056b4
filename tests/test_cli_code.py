"""The command line end to end: real pages into a real SQLite file, bad input alongside good."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from warwatch.cli import build_parser, main
from warwatch.records import EVENT_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
WARWATCH = [sys.executable, "-m", "warwatch"]


def _all_parsers(parser: argparse.ArgumentParser, name: str = "warwatch"):
    yield name, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                yield from _all_parsers(sub, f"{name} {sub_name}")


def test_every_command_and_option_is_documented():
    for name, parser in _all_parsers(build_parser()):
        assert parser.description or name == "warwatch", f"{name} has no description"
        for action in parser._actions:
            if isinstance(action, (argparse._HelpAction, argparse._VersionAction, argparse._SubParsersAction)):
                continue
            assert action.help, f"{name}: option {action.option_strings or action.dest} has no help text"


def test_help_runs_for_every_command(capsys):
    for name, _ in _all_parsers(build_parser()):
        with pytest.raises(SystemExit) as exit_:
            main([*name.split()[1:], "--help"])
        assert exit_.value.code == 0
    assert "usage" in capsys.readouterr().out


def _bad_inputs(folder: Path) -> list[str]:
    (folder / "empty.txt").write_text("")
    (folder / "binary.html").write_bytes(bytes(range(256)) * 40)
    (folder / "broken.html").write_text("<html><body><div><p>Unclosed <b>tags <i>and nothing else")
    (folder / "unknown-encoding.txt").write_bytes(bytes([0x81, 0x8d, 0x8f, 0x90, 0x9d]) * 300)
    (folder / "big.txt").write_bytes(b"lorem ipsum dolor " * (3 * 1024 * 1024 // 18))
    (folder / "bad.jsonl").write_text('{"id": "ok-1", "text": "x"}\n{broken\n')
    return [str(folder / n) for n in ("empty.txt", "binary.html", "broken.html", "unknown-encoding.txt",
                                      "big.txt", "bad.jsonl")] + [str(folder / "missing.html")]


def test_code_skips_bad_input_with_reasons_and_goes_on(tmp_path):
    db = tmp_path / "events.db"
    bad = _bad_inputs(tmp_path)
    run = subprocess.run([*WARWATCH, "code", *bad, str(SAMPLES), "--db", str(db), "--max-page-mb", "2"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr
    skipped = [line for line in run.stderr.splitlines() if line.startswith("skipped ")]
    for name in ("empty.txt", "binary.html", "broken.html", "unknown-encoding.txt", "big.txt", "bad.jsonl:2",
                 "missing.html"):
        assert any(name in line for line in skipped), f"no reason given for {name}:\n{run.stderr}"
    assert "Traceback" not in run.stderr
    with sqlite3.connect(db) as conn:
        events = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        articles = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert articles >= 10 and events >= 5

    again = subprocess.run([*WARWATCH, "code", str(SAMPLES), "--db", str(db)],
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == events
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == articles
    assert "coded 0" in again.stderr


def test_nothing_readable_exits_2(tmp_path):
    run = subprocess.run([*WARWATCH, "code", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "x.db")],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert "no such file" in run.stderr


def test_export_formats(tmp_path, capsys):
    db = str(tmp_path / "e.db")
    assert main(["code", str(SAMPLES / "fakes-articles.jsonl"), "--db", db, "--quiet"]) == 0
    capsys.readouterr()
    main(["export", "--db", db])
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows and tuple(rows[0]) == EVENT_COLUMNS
    for row in rows:
        evidence = json.loads(row["evidence"])
        assert evidence and all(e["sentence"] and e["article_id"] for e in evidence)
        assert int(row["fatalities_low"]) <= int(row["fatalities_high"])
    main(["export", "--db", db, "--format", "geojson"])
    collection = json.loads(capsys.readouterr().out)
    assert collection["type"] == "FeatureCollection" and collection["features"]
    main(["export", "--db", db, "--table", "claims", "--format", "jsonl"])
    claims = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert claims and all(c["sentence"] and c["quantity"] and c["sources"] for c in claims)
    main(["export", "--db", db, "--table", "articles", "--format", "jsonl"])
    articles = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(articles) == 10 and all(a["text"] and a["body_hash"] for a in articles)


def test_evidence_spans_point_into_the_article_text(tmp_path, capsys):
    db = str(tmp_path / "s.db")
    main(["code", str(SAMPLES), "--db", db, "--quiet"])
    capsys.readouterr()
    main(["export", "--db", db, "--table", "articles", "--format", "jsonl"])
    texts = {a["article_id"]: a["text"] for a in map(json.loads, capsys.readouterr().out.splitlines())}
    main(["export", "--db", db, "--format", "jsonl"])
    for event in map(json.loads, capsys.readouterr().out.splitlines()):
        for e in event["evidence"]:
            assert texts[e["article_id"]][e["char_start"]:e["char_end"]] == e["sentence"]


def test_interrupted_run_keeps_what_it_stored(tmp_path):
    pages = tmp_path / "pages.jsonl"
    story = (SAMPLES / "scraped-hajin-offensive.txt").read_text()
    with pages.open("w") as handle:
        for i in range(400):
            handle.write(json.dumps({"id": f"p{i}", "text": story.replace("Hajin", "Hajin") + f"\nEdition {i}.",
                                     "published": "2018-12-01"}) + "\n")
    db = tmp_path / "i.db"
    proc = subprocess.Popen([*WARWATCH, "code", str(pages), "--db", str(db), "--quiet"],
                            stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    stored = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.5)
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=5) as conn:
                    stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 5:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        kept = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert kept >= 5
    rerun = subprocess.run([*WARWATCH, "code", str(pages), "--db", str(db), "--quiet"],
                           capture_output=True, text=True, timeout=600, env={**os.environ})
    assert rerun.returncode == 0, rerun.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 400
        members = [m for (data,) in conn.execute("SELECT data FROM events")
                   for m in json.loads(data)["members"]]
    assert len(members) == len(set(members)), "a candidate sits in two events"


def _editions(n: int):
    """`n` pages of one sample story, each a distinct article."""
    from warwatch.models import Page

    story = (SAMPLES / "scraped-hajin-offensive.txt").read_text()
    return [Page(page_id=f"p{i}", text=f"{story}\nEdition {i}.") for i in range(n)]


@pytest.mark.parametrize("stop", ["sigterm", "ctrl-c"])
def test_a_run_stopped_by_sigterm_or_ctrl_c_stores_every_page_it_coded(tmp_path, stop):
    """Reports wait for the store in small batches; a run that is stopped stores those first."""
    from warwatch.cli.code import sigterm_as_interrupt
    from warwatch.runners.local import BATCH_REPORTS, run_local
    from warwatch.store import open_store

    pages = _editions(5)
    assert len(pages) < BATCH_REPORTS  # all of them still waiting when the run is stopped

    def then_stopped():
        yield from pages
        if stop == "sigterm":
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)  # the signal's handler raises here
        raise KeyboardInterrupt

    store = open_store(str(tmp_path / "s.db"))
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(KeyboardInterrupt), sigterm_as_interrupt():
        run_local(then_stopped(), store)
    assert signal.getsignal(signal.SIGTERM) is before  # given back after the run
    store.close()
    with sqlite3.connect(tmp_path / "s.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 5


def test_coded_reports_are_committed_when_a_batch_is_full_or_the_oldest_has_waited(tmp_path):
    from warwatch.models import RunSummary
    from warwatch.pipeline import code_page
    from warwatch.runners.local import ReportWriter
    from warwatch.store import open_store

    reports = [code_page(page) for page in _editions(4)]
    store = open_store(str(tmp_path / "s.db"))

    def stored() -> int:
        with sqlite3.connect(tmp_path / "s.db") as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    summary = RunSummary()
    full = ReportWriter(store, summary, size=3, wait_s=3600)
    full.add(reports[0])
    full.add(reports[1])
    assert stored() == 0 and summary.pages_coded == 0  # waiting, uncommitted
    full.add(reports[2])
    assert stored() == 3 and summary.pages_coded == 3
    waited = ReportWriter(store, summary, size=3, wait_s=0)
    waited.add(reports[3])
    assert stored() == 4 and summary.pages_coded == 4
    store.close()
