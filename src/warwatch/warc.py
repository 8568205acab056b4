"""WARC input: the HTML responses of a .warc or .warc.gz file (CC-NEWS) as Pages, streamed.

Every HTML response becomes a `Page` with its target URL and its fetch date (WARC-Date);
requests, metadata, images and other non-HTML records are counted in `IngestOptions.counts`
and passed over. A record too large for one page, or one that cannot be decoded, comes back
as a `Skipped`. A broken record (bad headers, a corrupt gzip member) gives one `Skipped` and
reading resumes at the next record boundary, so one bad record never loses the rest of the
file. Records are read one at a time: memory does not grow with the file.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from warwatch.ingest import IngestOptions, decode, page_id_for
from warwatch.models import Page, Skipped

HTML_TYPES = ("text/html", "application/xhtml+xml")
# Where a new record can start: a gzip member, or a WARC version line.
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."
_SCAN_CHUNK = 1 << 20


def _count(opts: IngestOptions, key: str) -> None:
    opts.counts[key] = opts.counts.get(key, 0) + 1


def _next_boundary(stream: BinaryIO, start: int, magic: bytes) -> int | None:
    """The offset of the first `magic` at or after `start`, read in chunks; None at the end."""
    stream.seek(start)
    offset, tail = start, b""
    while True:
        chunk = stream.read(_SCAN_CHUNK)
        if not chunk:
            return None
        data = tail + chunk
        found = data.find(magic)
        if found >= 0:
            return offset - len(tail) + found
        tail = data[-(len(magic) - 1):]
        offset += len(chunk)


def _is_gzip(stream: BinaryIO) -> bool:
    stream.seek(0)
    head = stream.read(3)
    stream.seek(0)
    return head == _GZIP_MAGIC


class _Undecodable(Exception):
    pass


def _inflate(data: bytes, wbits: int, limit: int, coding: str) -> bytes:
    """A zlib-family body inflated to at most limit + 1 bytes; `_Undecodable` when it is cut short."""
    unpacker = zlib.decompressobj(wbits)
    out = unpacker.decompress(data, limit + 1)
    if not unpacker.eof and len(out) <= limit:
        raise _Undecodable(f"{coding} body cut short")
    return out


def _unpacked(data: bytes, encoding: str, limit: int) -> bytes:
    """An HTTP body decoded from its Content-Encoding (gzip, deflate, br), at most limit + 1 bytes.

    fastwarc's own content decoding ("auto_decode") ends the whole iteration, silently, after a
    chunked and gzipped response; it de-chunks only, and bodies are decoded here."""
    codings = [c.strip().lower() for c in encoding.split(",") if c.strip()]
    for coding in reversed(codings):  # applied in the order listed: undone from the last
        if coding in ("identity", ""):
            continue
        try:
            if coding in ("gzip", "x-gzip"):
                data = _inflate(data, 47, limit, coding)  # 47: a gzip or a zlib header
            elif coding == "deflate":
                try:
                    data = _inflate(data, 15, limit, coding)
                except zlib.error:  # servers often send deflate as a raw stream
                    data = _inflate(data, -15, limit, coding)
            elif coding == "br":
                import brotli

                try:
                    data = brotli.decompress(data)
                except brotli.error as exc:
                    raise _Undecodable(f"undecodable br body ({exc})") from None
            else:
                raise _Undecodable(f"unknown Content-Encoding {coding!r}")
        except zlib.error as exc:
            raise _Undecodable(f"undecodable {coding} body ({exc})") from None
        except ImportError:
            raise _Undecodable("a brotli body needs the brotli package") from None
        if len(data) > limit:
            break
    return data


def _page_from_record(record: WarcRecord, where: str, opts: IngestOptions) -> Page | Skipped | None:
    """A Page for an HTML response, a Skipped for an unusable one, None for other records."""
    kind = record.record_type
    if kind not in (WarcRecordType.response, WarcRecordType.resource):
        _count(opts, f"warc {kind} records")
        return None
    if kind == WarcRecordType.response:
        if not record.is_http or record.http_headers is None:
            _count(opts, "warc non-HTTP responses")
            return None
        status = record.http_headers.status_code
        if status != 200:
            _count(opts, "warc responses with HTTP status other than 200")
            return None
        content_type = (record.http_content_type or "").lower()
    else:
        content_type = (record.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if content_type not in HTML_TYPES:
        _count(opts, "warc non-HTML responses")
        return None
    size = record.content_length
    if size > opts.max_page_bytes:
        return Skipped(where, f"WARC record is {size / 1e6:.1f} MB, over the {opts.max_page_bytes / 1e6:.0f} MB "
                              f"limit for one page (raise it with --max-page-mb)")
    data = record.reader.read(opts.max_page_bytes + 1)
    headers = record.http_headers
    if headers is not None and headers.get("Content-Encoding"):
        try:  # a small gzipped body may unpack to gigabytes: never more than the limit + 1 bytes
            data = _unpacked(data, headers.get("Content-Encoding"), opts.max_page_bytes)
        except _Undecodable as exc:
            return Skipped(where, str(exc))
    if len(data) > opts.max_page_bytes:
        return Skipped(where, f"WARC record unpacks to over the {opts.max_page_bytes / 1e6:.0f} MB limit for one "
                              f"page (raise it with --max-page-mb)")
    encoded = headers is not None and ("Content-Encoding" in headers or "Transfer-Encoding" in headers)
    if not encoded and len(data) < size:
        return Skipped(where, f"WARC record is cut short ({len(data):,} of {size:,} bytes): the file is truncated")
    charset = record.http_charset
    try:
        text = data.decode(charset) if charset else decode(data, html=True)
    except (LookupError, UnicodeError):  # a wrong, unknown or unusable charset ("bogus", "base64"): detect
        try:
            text = decode(data, html=True)
        except Exception as exc:  # ingest's unreadable-bytes error: the page is skipped, the run goes on
            return Skipped(where, str(exc))
    except Exception as exc:
        return Skipped(where, str(exc))
    url = record.headers.get("WARC-Target-URI") or None
    fetched = record.record_date
    _count(opts, "warc HTML pages")
    return Page(
        page_id=page_id_for(url=url, content=text),
        url=url,
        html=text,
        published=opts.published,
        source=opts.source,
        fetched=fetched.date() if fetched else None,
    )


def read_warc(path: str | Path, opts: IngestOptions) -> Iterator[Page | Skipped]:
    """Every HTML response of a WARC file as a Page; unusable records as Skipped, others counted."""
    name = str(path)
    with open(path, "rb") as stream:
        magic = _GZIP_MAGIC if _is_gzip(stream) else _WARC_MAGIC
        start: int | None = 0
        in_broken_region = False
        while start is not None:
            last = start
            try:
                stream.seek(start)
                for record in ArchiveIterator(stream, parse_http=True, auto_decode="transfer"):
                    last = record.stream_pos
                    _count(opts, "warc records")
                    item = _page_from_record(record, f"{name}@{last}", opts)
                    in_broken_region = False
                    if item is not None:
                        yield item
                return
            except OSError as exc:
                if not in_broken_region:  # one Skipped for a run of unreadable bytes
                    _count(opts, "warc broken records")
                    yield Skipped(f"{name}@{last}", f"broken WARC record ({exc}); reading goes on at the "
                                                    f"next record")
                in_broken_region = True
            # Resume strictly after the last record that began well, so every pass makes progress.
            start = _next_boundary(stream, last + 1, magic)
