"""Ingest: every kind of input becomes a Page, and every bad one a Skipped with a reason."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
from pathlib import Path

from warwatch.ingest import CsvColumns, IngestOptions, parse_date, read_pages
from warwatch.models import Page, Skipped

STORY = "KABUL (Wire) — Gunmen attacked a checkpoint in Kabul on Monday, killing two police officers."


def _read(*inputs, **options):
    return list(read_pages([str(i) for i in inputs], IngestOptions(**options)))


def test_text_and_html_files_become_pages(tmp_path):
    (tmp_path / "a.txt").write_text(STORY)
    (tmp_path / "b.html").write_text(f"<html><body><p>{STORY}</p></body></html>")
    text_page, html_page = _read(tmp_path / "a.txt", tmp_path / "b.html", published=dt.date(2020, 1, 6))
    assert text_page.text == STORY and text_page.html is None
    assert html_page.html and html_page.text is None
    assert text_page.published == dt.date(2020, 1, 6)
    assert text_page.page_id != html_page.page_id


def test_page_ids_are_stable_across_runs(tmp_path):
    (tmp_path / "a.txt").write_text(STORY)
    assert _read(tmp_path / "a.txt")[0].page_id == _read(tmp_path / "a.txt")[0].page_id


def test_folder_is_walked_in_order_and_unsupported_files_ignored(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(STORY)
    (tmp_path / "a.htm").write_text(f"<p>{STORY}</p>")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    pages = _read(tmp_path)
    assert [p.path.rsplit("/", 1)[-1] for p in pages] == ["a.htm", "b.txt"]


def test_jsonl_records_and_malformed_lines(tmp_path):
    lines = [
        json.dumps({"id": "r1", "url": "https://example.org/a", "text": STORY, "published": "2020-01-06",
                    "source": "Example Wire"}),
        "{not json",
        json.dumps({"id": "r3", "html": f"<p>{STORY}</p>"}),
        json.dumps({"id": "r4"}),
        json.dumps(["a list"]),
        json.dumps({"id": "r6", "text": STORY, "published": "the day after"}),
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n")
    items = _read(tmp_path / "in.jsonl")
    assert [type(i).__name__ for i in items] == ["Page", "Skipped", "Page", "Skipped", "Skipped", "Skipped"]
    first = items[0]
    assert (first.page_id, first.url, first.source, first.published) == (
        "r1", "https://example.org/a", "Example Wire", dt.date(2020, 1, 6))
    assert items[1].where.endswith("in.jsonl:2") and "malformed JSON" in items[1].reason
    assert "neither `html` nor `text`" in items[3].reason
    assert "date" in items[5].reason


def test_gzipped_jsonl(tmp_path):
    with gzip.open(tmp_path / "in.jsonl.gz", "wt") as handle:
        handle.write(json.dumps({"id": "g1", "text": STORY}) + "\n")
    assert [p.page_id for p in _read(tmp_path / "in.jsonl.gz")] == ["g1"]


def test_corrupt_gzip_is_one_skipped_input_and_the_run_goes_on(tmp_path):
    """A deflate stream broken part way (a bad disk, a cut download) skips that file with its reason;
    the lines of a gzipped JSONL file before the break are read, and the next file still is."""
    page = gzip.compress(f"<html><body><p>{STORY}</p></body></html>".encode())
    (tmp_path / "a.html.gz").write_bytes(page[:12] + b"\xff" * 8 + page[20:])
    lines = "".join(json.dumps({"id": f"j{i}", "text": f"{STORY} ({i})"}) + "\n" for i in range(2000))
    packed = gzip.compress(lines.encode(), mtime=0)
    (tmp_path / "b.jsonl.gz").write_bytes(packed[:len(packed) * 3 // 4])  # cut short
    (tmp_path / "c.txt").write_text(STORY)
    items = _read(tmp_path)
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [(Path(s.where).name, s.reason.split(" (")[0]) for s in skipped] == [
        ("a.html.gz", "broken gzip data"), ("b.jsonl.gz", "broken gzip data")]
    read = [i.page_id for i in items if not isinstance(i, Skipped)]
    assert read[0] == "j0" and 100 < len(read) - 1 < 2000 and read[-1].startswith("c-")


def test_fakes_style_csv_is_recognised(tmp_path):
    (tmp_path / "f.csv").write_text(
        "unit_id,article_title,article_content,source,date,location,labels\n"
        f'11,Checkpoint attack,"{STORY}",wire,1/6/2020,kabul,1\n')
    (page,) = _read(tmp_path / "f.csv")
    assert (page.page_id, page.title, page.source, page.published) == ("11", "Checkpoint attack", "wire",
                                                                      dt.date(2020, 1, 6))


def test_csv_with_named_columns_and_unknown_columns(tmp_path):
    (tmp_path / "g.csv").write_text(f'key,body,day\nk1,"{STORY}",2020-01-06\n')
    (skipped,) = _read(tmp_path / "g.csv")
    assert isinstance(skipped, Skipped) and "--csv-columns" in skipped.reason
    (page,) = _read(tmp_path / "g.csv", csv_columns=CsvColumns.parse("id=key,text=body,published=day"))
    assert page.page_id == "k1" and page.published == dt.date(2020, 1, 6)


def test_bad_inputs_each_get_one_line_reason(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.html").write_bytes(bytes(range(256)) * 50)
    (tmp_path / "big.txt").write_bytes(b"word " * (3 * 1024 * 1024 // 5))
    items = _read(tmp_path / "empty.txt", tmp_path / "binary.html", tmp_path / "missing.txt",
                  tmp_path / "big.txt", max_page_bytes=1024 * 1024)
    assert all(isinstance(i, Skipped) for i in items)
    reasons = [i.reason for i in items]
    assert "empty" in reasons[0]
    assert "binary" in reasons[1]
    assert "no such file" in reasons[2]
    assert "MB" in reasons[3] and "--max-page-mb" in reasons[3]
    assert all("\n" not in r for r in reasons)


def test_wrong_declared_encoding_is_detected(tmp_path):
    body = "<html><head><meta charset='utf-8'></head><body><p>Angriff in Köln: Bürger berichten über Schüsse " \
           "und Verletzte in der Straße, die Polizei äußerte sich später.</p></body></html>"
    (tmp_path / "latin.html").write_bytes(body.encode("latin-1"))
    (page,) = _read(tmp_path / "latin.html")
    assert "Köln" in page.html and "äußerte" in page.html


def test_stdin_text_and_jsonl():
    (page,) = list(read_pages(["-"], IngestOptions(stdin=io.BytesIO(STORY.encode()))))
    assert isinstance(page, Page) and page.text == STORY
    stream = io.BytesIO((json.dumps({"id": "s1", "text": STORY}) + "\n").encode())
    (record,) = list(read_pages(["-"], IngestOptions(stdin=stream)))
    assert record.page_id == "s1"


def test_parse_date_formats():
    assert parse_date("2019-02-09") == dt.date(2019, 2, 9)
    assert parse_date("2019-02-09T10:00:00Z") == dt.date(2019, 2, 9)
    assert parse_date("2/9/2019") == dt.date(2019, 2, 9)
    assert parse_date("February 9, 2019") == dt.date(2019, 2, 9)
    assert parse_date("not a date") is None


def test_hostile_records_are_skipped_with_a_reason_and_the_good_ones_read(tmp_path):
    lines = [
        "[" * 50_000 + "]" * 50_000,  # nested past Python's recursion limit
        '{"text": "%s", "n": %s}' % (STORY, "7" * 5000),  # a number Python refuses to convert
        json.dumps({"text": STORY, "url": 12345}),  # a url that is no string
        '{"id": "\\udc00bad", "text": "%s"}' % STORY,  # a lone surrogate: cannot be stored as UTF-8
        json.dumps({"id": "good", "text": STORY}),
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n")
    items = _read(tmp_path / "in.jsonl")
    assert [type(i).__name__ for i in items] == ["Skipped", "Skipped", "Skipped", "Page", "Page"]
    assert "malformed JSON" in items[0].reason and "`url` must be a string" in items[2].reason
    assert items[3].page_id == "\ufffdbad" and items[3].page_id.encode("utf-8")
    assert items[4].page_id == "good"


def test_a_charset_codec_that_refuses_all_bytes_falls_back_to_detection(tmp_path):
    (tmp_path / "p.html").write_bytes(b'<html><head><meta charset="undefined"></head><body><p>caf\xe9 '
                                      + STORY.encode() + b"</p></body></html>")
    (page,) = _read(tmp_path / "p.html")
    assert "caf\u00e9" in page.html


def test_a_small_gzip_file_that_unpacks_past_the_page_limit_is_skipped(tmp_path):
    (tmp_path / "bomb.html.gz").write_bytes(gzip.compress(b"<p>" + b"a" * (3 * 1024 * 1024) + b"</p>"))
    (tmp_path / "ok.txt").write_text(STORY)
    items = _read(tmp_path, max_page_bytes=1024 * 1024)
    assert isinstance(items[0], Skipped) and "over the 1 MB limit" in items[0].reason
    assert isinstance(items[1], Page)


def test_csv_with_a_bom_and_a_cell_past_any_field_limit(tmp_path):
    big = "word " * (300_000)  # 1.5 MB: more than twice the page limit given below
    with open(tmp_path / "f.csv", "w", encoding="utf-8-sig", newline="") as handle:
        handle.write("unit_id,article_title,article_content,source,date\n")
        handle.write(f'1,Big,"{big}",wire,1/6/2020\n')
        handle.write(f'2,Checkpoint attack,"{STORY}",wire,1/6/2020\n')
    items = _read(tmp_path / "f.csv", max_page_bytes=512 * 1024)
    assert isinstance(items[0], Skipped) and "MB" in items[0].reason
    assert isinstance(items[1], Page) and items[1].page_id == "2"
