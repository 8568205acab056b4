"""WARC input: HTML responses become pages; other records are counted; bad records are skipped."""

from __future__ import annotations

import datetime as dt
import gzip
import io

import pytest
from fastwarc.warc import WarcRecord, WarcRecordType

from warwatch.ingest import IngestOptions, read_pages
from warwatch.models import Page, Skipped
from warwatch.warc import read_warc

STORY = ("<html><head><title>Shelling hits market</title></head><body><article>"
         "<p>BEIRUT - Shelling hit a market in the town of Maarat al-Numan on Saturday, killing "
         "seven civilians, a monitoring group said.</p></article></body></html>")
OTHER = ("<html><body><p>The city council approved a new budget for parks and libraries on "
         "Tuesday.</p></body></html>")


def record(kind: WarcRecordType, url: str, payload: bytes, content_type: str,
           date: str = "2019-02-09T10:11:12Z") -> bytes:
    """One serialised WARC record written with fastwarc."""
    rec = WarcRecord()
    rec.init_headers(kind)
    rec.headers["WARC-Target-URI"] = url
    rec.headers["WARC-Date"] = date
    rec.headers["Content-Type"] = content_type
    rec.set_bytes_content(payload)
    out = io.BytesIO()
    rec.write(out)
    return out.getvalue()


def response(url: str, body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK",
             date: str = "2019-02-09T10:11:12Z") -> bytes:
    http = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
    return record(WarcRecordType.response, url, http + body, "application/http; msgtype=response", date)


def request(url: str) -> bytes:
    return record(WarcRecordType.request, url, b"GET / HTTP/1.1\r\nHost: example.org\r\n\r\n",
                  "application/http; msgtype=request")


def warcinfo() -> bytes:
    return record(WarcRecordType.warcinfo, "", b"software: warwatch tests\r\n", "application/warc-fields")


def write_warc(path, records: list[bytes], gzipped: bool) -> None:
    """Each record its own gzip member, as CC-NEWS files are written."""
    with open(path, "wb") as out:
        for rec in records:
            out.write(gzip.compress(rec) if gzipped else rec)


def crawl() -> list[bytes]:
    return [
        warcinfo(),
        request("https://news.example.org/shelling"),
        response("https://news.example.org/shelling", STORY.encode()),
        response("https://news.example.org/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00", content_type="image/png"),
        response("https://news.example.org/gone", b"<html>not here</html>", status="404 Not Found"),
        response("https://city.example.com/budget", OTHER.encode(), date="2019-02-10T23:59:00Z"),
    ]


@pytest.mark.parametrize("gzipped", [True, False], ids=["warc.gz", "warc"])
def test_html_responses_become_pages_and_other_records_are_counted(tmp_path, gzipped):
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    write_warc(path, crawl(), gzipped)
    opts = IngestOptions()
    items = list(read_warc(path, opts))
    assert all(isinstance(i, Page) for i in items)
    assert [p.url for p in items] == ["https://news.example.org/shelling", "https://city.example.com/budget"]
    shelling, budget = items
    assert "killing seven civilians" in shelling.html
    assert shelling.fetched == dt.date(2019, 2, 9)
    assert budget.fetched == dt.date(2019, 2, 10)
    assert shelling.published is None
    assert shelling.page_id != budget.page_id
    assert opts.counts["warc records"] == 6
    assert opts.counts["warc HTML pages"] == 2
    assert opts.counts["warc warcinfo records"] == 1
    assert opts.counts["warc request records"] == 1
    assert opts.counts["warc non-HTML responses"] == 1
    assert opts.counts["warc responses with HTTP status other than 200"] == 1


def test_read_pages_dispatches_warc_files(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, crawl(), gzipped=True)
    pages = list(read_pages([str(tmp_path)], IngestOptions(source="Example Wire")))
    assert [p.url for p in pages] == ["https://news.example.org/shelling", "https://city.example.com/budget"]
    assert {p.source for p in pages} == {"Example Wire"}


def test_declared_charset_is_used(tmp_path):
    body = "<html><body><p>Les manifestants se sont rassemblés à Alger.</p></body></html>".encode("latin-1")
    path = tmp_path / "latin.warc"
    write_warc(path, [response("https://dz.example.org/a", body, content_type="text/html; charset=iso-8859-1")],
               gzipped=False)
    [page] = read_warc(path, IngestOptions())
    assert "rassemblés à Alger" in page.html


@pytest.mark.parametrize("gzipped", [True, False], ids=["warc.gz", "warc"])
def test_a_broken_record_is_skipped_and_reading_goes_on(tmp_path, gzipped):
    good = crawl()
    broken = b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: twelve\r\n\r\nnot a record\r\n\r\n"
    path = tmp_path / ("broken.warc.gz" if gzipped else "broken.warc")
    write_warc(path, [good[2], broken, b"\x00garbage between records\r\n", good[5]], gzipped)
    opts = IngestOptions()
    items = list(read_warc(path, opts))
    pages = [i for i in items if isinstance(i, Page)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [p.url for p in pages] == ["https://news.example.org/shelling", "https://city.example.com/budget"]
    assert len(skipped) == 1
    assert "broken WARC record" in skipped[0].reason
    assert skipped[0].where.startswith(str(path))


def test_a_corrupt_gzip_member_loses_only_its_record(tmp_path):
    good = crawl()
    member = gzip.compress(response("https://news.example.org/lost", STORY.encode()))
    corrupt = member[:40] + bytes(len(member) - 40)
    path = tmp_path / "corrupt.warc.gz"
    with open(path, "wb") as out:
        out.write(gzip.compress(good[2]) + corrupt + gzip.compress(good[5]))
    items = list(read_warc(path, IngestOptions()))
    assert [type(i).__name__ for i in items] == ["Page", "Skipped", "Page"]
    assert items[2].url == "https://city.example.com/budget"


def test_a_truncated_file_gives_a_skipped_record(tmp_path):
    good = crawl()
    path = tmp_path / "cut.warc.gz"
    with open(path, "wb") as out:
        out.write(gzip.compress(good[2]) + gzip.compress(good[5])[:-30])
    items = list(read_warc(path, IngestOptions()))
    assert isinstance(items[0], Page)
    assert isinstance(items[1], Skipped) and "cut short" in items[1].reason


def test_a_50_mb_record_is_skipped_with_a_reason(tmp_path):
    huge = b"<html><body>" + b"<p>" + b"x" * (50 * 1024 * 1024) + b"</p></body></html>"
    path = tmp_path / "huge.warc"
    good = crawl()
    write_warc(path, [good[2], response("https://big.example.org/", huge), good[5]], gzipped=False)
    items = list(read_warc(path, IngestOptions()))
    assert [type(i).__name__ for i in items] == ["Page", "Skipped", "Page"]
    assert "52.4 MB" in items[1].reason and "--max-page-mb" in items[1].reason


def test_a_gzipped_body_that_unpacks_past_the_page_limit_is_skipped(tmp_path):
    packed = gzip.compress(b"<html><body><p>" + b"a" * (3 * 1024 * 1024) + b"</p></body></html>")
    http = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\n"
            f"Content-Length: {len(packed)}\r\n\r\n").encode()
    bomb = record(WarcRecordType.response, "https://example.org/bomb", http + packed,
                  "application/http; msgtype=response")
    write_warc(tmp_path / "b.warc.gz", [bomb, response("https://example.org/ok", STORY.encode())], gzipped=True)
    items = list(read_warc(tmp_path / "b.warc.gz", IngestOptions(max_page_bytes=1024 * 1024)))
    assert isinstance(items[0], Skipped) and "unpacks to over the 1 MB limit" in items[0].reason
    assert isinstance(items[1], Page) and items[1].url == "https://example.org/ok"


def test_a_chunked_and_gzipped_response_is_read_and_so_are_the_records_after_it(tmp_path):
    packed = gzip.compress(STORY.encode())
    chunked = b"".join(b"%x\r\n" % len(packed[i:i + 100]) + packed[i:i + 100] + b"\r\n"
                       for i in range(0, len(packed), 100)) + b"0\r\n\r\n"
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n")
    both = record(WarcRecordType.response, "https://example.org/chunked", http + chunked,
                  "application/http; msgtype=response")
    write_warc(tmp_path / "c.warc", [both, response("https://example.org/next", OTHER.encode())], gzipped=False)
    items = list(read_warc(tmp_path / "c.warc", IngestOptions()))
    assert [i.url for i in items] == ["https://example.org/chunked", "https://example.org/next"]
    assert "Maarat al-Numan" in items[0].html


@pytest.mark.parametrize("charset", ["bogus-cs", "base64", "undefined"])
def test_a_header_charset_that_cannot_decode_falls_back_to_detection(tmp_path, charset):
    write_warc(tmp_path / "c.warc", [response("https://example.org/a", STORY.encode(),
                                              content_type=f"text/html; charset={charset}")], gzipped=False)
    (page,) = read_warc(tmp_path / "c.warc", IngestOptions())
    assert "Maarat al-Numan" in page.html
