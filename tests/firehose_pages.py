"""WARC files built from the repository's sample pages, for the firehose tests (WARC input, runners).

The conflict pages are the files of samples/: the HTML wire page as it is, the scraped Hajin
text and the ten FA-KES articles (CC BY 4.0, see samples/ATTRIBUTION.md) wrapped in a plain news
page template with their date in a meta tag. One ordinary page (a council budget story we wrote)
and the records a crawler also writes (warcinfo, requests, an image, a 404) go with them.
"""

from __future__ import annotations

import gzip
import html
import io
import json
from pathlib import Path

from fastwarc.warc import WarcRecord, WarcRecordType

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
FETCHED = "2019-07-01T12:00:00Z"

ORDINARY = ("https://city.example.net/budget", "Council approves library budget", "2019-06-18", [
    "The city council approved a new budget for parks and libraries on Tuesday after a short debate.",
    "The mayor said the new reading rooms would open in the spring, and that opening hours would be "
    "extended on weekends. Two councillors asked for more money for the bus network.",
])


def news_page(title: str, published: str | None, paragraphs: list[str]) -> bytes:
    """A plain news page: navigation, a headline, the paragraphs, a footer."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p.strip())
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>{meta}</head>"
            f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article>"
            f"<h1>{html.escape(title)}</h1>{body}</article><footer>All rights reserved.</footer></body></html>"
            ).encode("utf-8")


def sample_pages() -> list[tuple[str, bytes]]:
    """(url, HTML bytes) of every sample page, then the ordinary one."""
    pages = [("https://dailywire.example.org/2019/06/16/nigeria-attack",
              (SAMPLES / "wire-nigeria-attack.html").read_bytes())]
    lines = (SAMPLES / "scraped-hajin-offensive.txt").read_text(encoding="utf-8").splitlines()
    pages.append(("https://wire.example.com/2018/12/01/hajin", news_page(lines[0], "2018-12-01", lines[1:])))
    for line in (SAMPLES / "fakes-articles.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        pages.append((f"https://{record.get('source') or 'fakes'}.example.org/{record['id']}",
                      news_page(record["title"], record.get("published"), [record["text"]])))
    url, title, published, paragraphs = ORDINARY
    pages.append((url, news_page(title, published, paragraphs)))
    return pages


def _record(kind: WarcRecordType, url: str, payload: bytes, content_type: str) -> bytes:
    rec = WarcRecord()
    rec.init_headers(kind)
    rec.headers["WARC-Target-URI"] = url
    rec.headers["WARC-Date"] = FETCHED
    rec.headers["Content-Type"] = content_type
    rec.set_bytes_content(payload)
    out = io.BytesIO()
    rec.write(out)
    return out.getvalue()


def response(url: str, body: bytes, content_type: str = "text/html; charset=utf-8", status: str = "200 OK") -> bytes:
    http = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
    return _record(WarcRecordType.response, url, http + body, "application/http; msgtype=response")


def request(url: str) -> bytes:
    return _record(WarcRecordType.request, url, f"GET {url} HTTP/1.1\r\n\r\n".encode(),
                   "application/http; msgtype=request")


def write_warc(path: Path, pages: list[tuple[str, bytes]], *, gzipped: bool = True) -> Path:
    """A crawl of `pages`: a warcinfo record, a request before each response, an image and a 404."""
    records = [_record(WarcRecordType.warcinfo, "", b"software: warwatch tests\r\n", "application/warc-fields")]
    for url, body in pages:
        records += [request(url), response(url, body)]
    records.insert(3, response("https://dailywire.example.org/img/konduga.jpg", b"\xff\xd8\xff\xe0" + bytes(64),
                               content_type="image/jpeg"))
    records.append(response("https://dailywire.example.org/gone", b"<html>gone</html>", status="404 Not Found"))
    with open(path, "wb") as out:
        for rec in records:
            out.write(gzip.compress(rec) if gzipped else rec)
    return path


def editions(pages: list[tuple[str, bytes]], n: int) -> list[tuple[str, bytes]]:
    """`n` distinct pages: the conflict pages again and again, each copy with its own URL and edition line."""
    out = []
    for i in range(n):
        url, body = pages[i % len(pages)]
        out.append((f"{url}?edition={i}", body.replace(b"</article>", f"<p>Edition {i}.</p></article>".encode(), 1)))
    return out
