"""Ingest: turn command-line inputs (files, folders, stdin, JSONL, CSV) into Pages.

`read_pages` yields a `Page` for every document it can read and a `Skipped` with a one-line
reason for every one it cannot, so one bad input never stops a run.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import gzip
import hashlib
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from isal import igzip, isal_zlib

from warwatch.models import Page, Skipped

if TYPE_CHECKING:
    from warwatch.relevance import RelevanceFilter

HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
TEXT_SUFFIXES = (".txt", ".txt.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
CSV_SUFFIXES = (".csv",)
WARC_SUFFIXES = (".warc", ".warc.gz")
SUPPORTED = HTML_SUFFIXES + TEXT_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES + WARC_SUFFIXES

DEFAULT_MAX_PAGE_BYTES = 20 * 1024 * 1024

# FA-KES style columns are recognised without options; others are named with CsvColumns.
FAKES_COLUMNS = {
    "id": "unit_id",
    "title": "article_title",
    "text": "article_content",
    "source": "source",
    "published": "date",
}


@dataclass(frozen=True, slots=True)
class CsvColumns:
    """Which CSV columns hold a page's id, title, text (or html), url, outlet and date."""

    id: str | None = None
    title: str | None = None
    text: str | None = None
    html: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None

    @classmethod
    def parse(cls, spec: str) -> CsvColumns:
        """Read `field=column,...` as given to `--csv-columns`."""
        mapping: dict[str, str] = {}
        for part in filter(None, (p.strip() for p in spec.split(","))):
            key, sep, column = part.partition("=")
            if not sep or key not in cls.__slots__:  # type: ignore[attr-defined]
                raise ValueError(f"bad --csv-columns entry {part!r}: use FIELD=COLUMN with FIELD in "
                                 f"{', '.join(cls.__slots__)}")  # type: ignore[attr-defined]
            mapping[key] = column
        return cls(**mapping)


@dataclass(slots=True)
class IngestOptions:
    """Defaults applied to pages that do not carry their own."""

    published: dt.date | None = None
    source: str | None = None
    max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES
    csv_columns: CsvColumns | None = None
    stdin: BinaryIO | None = None
    counts: dict[str, int] = field(default_factory=dict)
    # When set, only pages it keeps are yielded (it counts the others): an HTML file is judged
    # on its raw bytes, before it is decoded, any other page as soon as it is read.
    relevance: RelevanceFilter | None = None


# ---------------------------------------------------------------- dates and ids

_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%d.%m.%Y", "%Y/%m/%d", "%d %B %Y", "%B %d, %Y", "%d %b %Y",
                 "%b %d, %Y")


def parse_date(value: object) -> dt.date | None:
    """A date from ISO strings, datetimes, `M/D/YYYY` and a few spelled formats; None if unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _valid_text(text: str) -> str:
    """`text` with any lone surrogate (a JSON "\\udc00" escape) made U+FFFD: it cannot be stored."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _short_hash(text: str, n: int = 12) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:n]


def page_id_for(*, given: object = None, url: str | None = None, path: str | None = None,
                content: str | None = None) -> str:
    """The page's id: the input's own id, else derived from its URL, path, or content."""
    if given not in (None, ""):
        return str(given)
    if url:
        return "url-" + _short_hash(url)
    if path:
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", Path(path).name.split(".")[0])[:40] or "page"
        return f"{stem}-{_short_hash(str(Path(path).resolve()), 8)}"
    return "doc-" + _short_hash(content or "")


# ---------------------------------------------------------------- decoding

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


# What reading broken gzip data raises (a bad header, a corrupt or truncated deflate stream). ISA-L
# (igzip) decompresses the same format two to three times as fast as zlib.
_BROKEN_GZIP = (gzip.BadGzipFile, EOFError, zlib.error, isal_zlib.error)


# Control bytes other than these are rare in any text encoding and common in binary files.
_TEXT_BYTES = bytes([9, 10, 12, 13, 27]) + bytes(range(32, 256))


class _Unreadable(Exception):
    pass


_LATIN_CODEPAGES = frozenset({
    "cp1252", "latin_1", "iso8859_15", "iso8859_2", "cp1250", "iso8859_3", "iso8859_4", "iso8859_9",
    "cp1254", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_16", "cp1257", "mac_latin2", "mac_roman",
    "mac_iceland", "cp850", "cp437",
})


def decode(data: bytes, *, html: bool) -> str:
    """Bytes to text: BOM, then UTF-8, then the declared charset, then detection."""
    if not data.strip():
        raise _Unreadable("empty input")
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                      (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(name, errors="replace")
    sample = data[:65536]
    if sample.count(b"\x00") > len(sample) // 100 or len(sample.translate(None, _TEXT_BYTES)) > len(sample) // 20:
        raise _Unreadable("binary data, not a text page")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if html:
        declared = _META_CHARSET.search(sample)
        if declared:
            try:
                text = data.decode(declared.group(1).decode("ascii"), errors="strict")
                return text
            except (LookupError, UnicodeError):  # UnicodeError: codecs such as "undefined" refuse any bytes
                pass  # the declared charset is wrong or unknown: detect instead
    from charset_normalizer import from_bytes

    best = from_bytes(sample if len(data) > 4 * len(sample) else data).best()
    if best is None:
        raise _Unreadable("bytes in no text encoding we can recognise")
    encoding = best.encoding
    if encoding in _LATIN_CODEPAGES and encoding != "cp1252":
        # Detection cannot tell the Latin single-byte code pages apart on a short page; the web's
        # legacy default (WHATWG: what "latin-1" and an unknown Western page mean) is windows-1252.
        try:
            data.decode("cp1252")
            encoding = "cp1252"
        except UnicodeDecodeError:
            pass
    text = data.decode(encoding, errors="replace")
    if sum(1 for c in text[:20000] if not c.isprintable() and c not in "\n\r\t") > 200:
        raise _Unreadable("binary data, not a text page")
    return text


# ---------------------------------------------------------------- readers


def _suffix(name: str) -> str:
    lower = name.lower()
    for suffix in sorted(SUPPORTED, key=len, reverse=True):
        if lower.endswith(suffix):
            return suffix
    return Path(lower).suffix


def _open_bytes(path: Path, limit: int) -> bytes:
    """The file's bytes, gunzipped when its name ends in .gz; `_Unreadable` when they are more than
    `limit` (a small .gz file may hold gigabytes: only limit + 1 bytes are ever decompressed)."""
    data = path.read_bytes()
    if not path.name.lower().endswith(".gz"):
        return data
    parts: list[bytes] = []
    left = limit + 1
    try:
        while data and left > 0:  # one gzip member after another
            unpacker = isal_zlib.decompressobj(31)
            parts.append(unpacker.decompress(data, left))
            left -= len(parts[-1])
            if not unpacker.eof:
                if left > 0:
                    raise EOFError("compressed file ended before the end-of-stream marker was reached")
                break
            data = unpacker.unused_data
    except _BROKEN_GZIP as exc:
        raise _Unreadable(f"broken gzip data ({exc})") from None
    if left <= 0:
        raise _Unreadable(f"gunzipped page is over the {limit / 1e6:.0f} MB limit for one page "
                          f"(raise it with --max-page-mb)")
    return b"".join(parts)


def _too_big(size: int, opts: IngestOptions) -> str | None:
    if size > opts.max_page_bytes:
        return (f"page is {size / 1e6:.1f} MB, over the {opts.max_page_bytes / 1e6:.0f} MB limit "
                f"for one page (raise it with --max-page-mb)")
    return None


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith("<") and ("<html" in head or "<!doctype" in head or "<body" in head
                                     or "<div" in head or "<p" in head or "<head" in head)


def _page_from_record(record: dict, where: str, opts: IngestOptions) -> Page | Skipped:
    if not isinstance(record, dict):
        return Skipped(where, "a JSON line must be an object with `html` or `text`")
    html, text = record.get("html"), record.get("text")
    if not isinstance(html, str) and not isinstance(text, str):
        return Skipped(where, "record has neither `html` nor `text`")
    body = html if isinstance(html, str) else text
    if not body.strip():
        return Skipped(where, "record has an empty body")
    reason = _too_big(len(body.encode("utf-8", "surrogatepass")), opts)
    if reason:
        return Skipped(where, reason)
    url = record.get("url") or None
    if url is not None and not isinstance(url, str):
        return Skipped(where, f"`url` must be a string, not {type(url).__name__}")
    published = parse_date(record.get("published") or record.get("date"))
    if record.get("published") and published is None:
        return Skipped(where, f"unreadable `published` date {record.get('published')!r}")
    if url is not None:
        url = _valid_text(url)
    return Page(
        page_id=_valid_text(page_id_for(given=record.get("id"), url=url, content=body)),
        url=url,
        html=html if isinstance(html, str) else None,
        text=text if not isinstance(html, str) else None,
        title=record.get("title") or None,
        published=published or opts.published,
        source=record.get("source") or opts.source,
        fetched=parse_date(record.get("fetched")),
    )


def _read_jsonl(stream: Iterable[bytes], name: str, opts: IngestOptions) -> Iterator[Page | Skipped]:
    for lineno, raw in enumerate(stream, 1):
        where = f"{name}:{lineno}"
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except (ValueError, RecursionError) as exc:  # malformed, nested past Python's limit, a 5,000-digit number
            yield Skipped(where, f"malformed JSON line ({exc.__class__.__name__}: {str(exc)[:80]})")
            continue
        yield _page_from_record(record, where, opts)


def _read_csv(path: Path, opts: IngestOptions) -> Iterator[Page | Skipped]:
    # every cell is read whole (a file's rows are on disk already); one over the page limit is skipped
    # by its record's size check
    csv.field_size_limit(sys.maxsize)
    with open(path, newline="", encoding="utf-8-sig", errors="replace") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        columns = opts.csv_columns
        if columns is None:
            if not set(FAKES_COLUMNS.values()) <= set(header):
                yield Skipped(str(path), "CSV columns not recognised: name them with --csv-columns "
                                         "(e.g. id=unit_id,title=article_title,text=article_content)")
                return
            columns = CsvColumns(**FAKES_COLUMNS)
        missing = [c for c in (columns.text, columns.html) if c and c not in header]
        if missing or not (columns.text or columns.html):
            yield Skipped(str(path), f"CSV has no column {missing[0] if missing else 'for text or html'}")
            return
        rows = enumerate(reader, 2)
        while True:
            try:
                rowno, row = next(rows)
            except StopIteration:
                return
            except csv.Error as exc:
                yield Skipped(f"{path}:{reader.line_num}", f"unreadable CSV from here on ({exc})")
                return
            record = {key: row.get(col) for key, col in (
                ("id", columns.id), ("title", columns.title), ("text", columns.text),
                ("html", columns.html), ("url", columns.url), ("source", columns.source),
                ("published", columns.published)) if col}
            yield _page_from_record(record, f"{path}:{rowno}", opts)


def _read_file(path: Path, opts: IngestOptions) -> Iterator[Page | Skipped]:
    where = str(path)
    suffix = _suffix(path.name)
    try:
        if suffix in JSONL_SUFFIXES:
            opener = igzip.open if path.name.lower().endswith(".gz") else open
            with opener(path, "rb") as stream:
                yield from _kept(_read_jsonl(stream, where, opts), opts)
            return
        if suffix in CSV_SUFFIXES:
            yield from _kept(_read_csv(path, opts), opts)
            return
        if suffix in WARC_SUFFIXES:
            from warwatch import warc

            yield from _kept(warc.read_warc(path, opts), opts)
            return
        size = path.stat().st_size
        reason = _too_big(size, opts)
        if reason:
            yield Skipped(where, reason)
            return
        data = _open_bytes(path, opts.max_page_bytes)
        is_html = suffix in HTML_SUFFIXES
        if is_html and opts.relevance is not None and not opts.relevance.keeps_html(data):
            return  # most pages of a firehose: never decoded
        text = decode(data, html=is_html)
        if suffix not in SUPPORTED:
            is_html = _looks_like_html(text)
        page = Page(
            page_id=page_id_for(path=where),
            path=where,
            html=text if is_html else None,
            text=None if is_html else text,
            published=opts.published,
            source=opts.source,
        )
        if suffix in HTML_SUFFIXES or opts.relevance is None or opts.relevance.keeps(page):
            yield page
    except _Unreadable as exc:
        yield Skipped(where, str(exc))
    except _BROKEN_GZIP as exc:  # part way through a gzipped JSONL file: the lines before it are read
        yield Skipped(where, f"broken gzip data ({exc})")
    except ImportError as exc:
        yield Skipped(where, f"this input needs an optional package: {exc.name}")
    except OSError as exc:
        yield Skipped(where, f"cannot read: {exc.strerror or exc}")


def _read_stdin(opts: IngestOptions) -> Iterator[Page | Skipped]:
    stream = opts.stdin or sys.stdin.buffer
    data = stream.read()
    try:
        text = decode(data, html=True)
    except _Unreadable as exc:
        yield Skipped("-", str(exc))
        return
    reason = _too_big(len(data), opts)
    if reason:
        yield Skipped("-", reason)
        return
    first = text.lstrip()[:1]
    if first == "{":
        yield from _kept(_read_jsonl(io.BytesIO(text.encode("utf-8")), "-", opts), opts)
        return
    is_html = _looks_like_html(text)
    yield from _kept([Page(page_id=page_id_for(content=text), html=text if is_html else None,
                           text=None if is_html else text, published=opts.published, source=opts.source)], opts)


def _kept(items: Iterable[Page | Skipped], opts: IngestOptions) -> Iterable[Page | Skipped]:
    """`items` less the pages the relevance filter rejects, when there is one."""
    return items if opts.relevance is None else opts.relevance.filter(items)


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and _suffix(name) in SUPPORTED:
                yield Path(root, name)


def read_pages(inputs: Iterable[str], options: IngestOptions | None = None, *,
               published: dt.date | None = None, source: str | None = None) -> Iterator[Page | Skipped]:
    """Every page of every input, in order; unreadable inputs come as `Skipped` with a reason."""
    opts = options or IngestOptions(published=published, source=source)
    for item in inputs:
        if item == "-":
            yield from _read_stdin(opts)
            continue
        path = Path(item)
        if path.is_dir():
            found = False
            for file in _walk(path):
                found = True
                yield from _read_file(file, opts)
            if not found:
                yield Skipped(item, "folder holds no .html, .htm, .txt, .jsonl, .csv or .warc files")
        elif path.is_file():
            yield from _read_file(path, opts)
        elif path.exists():
            yield Skipped(item, "not a regular file or folder")
        else:
            yield Skipped(item, "no such file or folder")
