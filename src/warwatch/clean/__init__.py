"""Clean: a raw page (HTML or already-scraped text) becomes an Article.

`clean(page)` keeps the story's paragraphs in `text` (joined by newlines; later stages count
character offsets into it), sets photo captions and credits apart in `captions`, keeps the lines
it dropped as boilerplate in `removed`, and finds the title, the published date, the byline,
the dateline and the publisher.

Choices worth knowing:
- The dateline prefix ("BEIRUT — ", "KABUL (Reuters) - ") stays at the start of the body as
  printed; `dateline` holds the place as written ("BEIRUT").
- `published`: the page's own date when the input gives one ("given"); else the markup
  (Open Graph, article:*, JSON-LD, <time>: "markup"); else the URL ("url"); else a full date in
  the dateline ("dateline"); else the first date in the captions or the first lines of the text,
  preferring one whose weekday the story names ("text").
- For HTML, `removed` lists the lines the line model dropped inside the story's container;
  menus and widgets dropped with their markup are not listed.
"""

from __future__ import annotations

import datetime as dt
import re

from warwatch.clean.html import parse_html
from warwatch.clean.meta import (date_in_url, dates_in, find_byline, find_dateline,
                                 pick_text_date, split_caption)
from warwatch.clean.text import Split, split_text
from warwatch.errors import BadInput
from warwatch.models import Article, Caption, Page, body_hash

__all__ = ["clean", "split_caption", "split_text"]

_ISO_DATE = re.compile(r"((?:19|20)\d{2})-?(\d{2})-?(\d{2})")
_PUBLISHER_BLURB = re.compile(
    r"^(?P<name>[A-Z][\w&.'’ -]{1,60}?(?:\s+\([A-Z]{2,8}\))?)\s+is\s+(?:an?|the)\s+(?:[\w-]+\s+){0,4}"
    r"(?:news|media|publishing|newspaper|broadcaster|organi[sz]ation|outlet|website|agency|magazine|portal)\b"
)


def _check_readable(content: str) -> None:
    sample = content[:20000]
    if not sample.strip():
        raise BadInput("empty page")
    odd = sample.count("\ufffd")
    if not sample.replace("\n", "").replace("\r", "").replace("\t", "").isprintable():
        # only then count them (NUL is one of them: it is not printable), each distinct character
        # once: a no-break space makes most news pages take this path
        odd += sum(sample.count(c) for c in set(sample) if not c.isprintable() and c not in "\n\r\t")
    if odd > max(20, len(sample) // 20):
        raise BadInput("binary or undecodable data, not a text page")


def _markup_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    found = _ISO_DATE.search(value)
    if found:
        try:
            return dt.date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
        except ValueError:
            pass
    written = dates_in(value)
    return written[0] if written else None


def _publisher_from(lines: list[str]) -> str | None:
    for line in lines:
        found = _PUBLISHER_BLURB.match(line)
        if found:
            return found.group("name").strip()
    return None


def _split_html(html: str, title: str | None) -> tuple[Split, object]:
    try:
        parts = parse_html(html)
    except (ValueError, RecursionError, MemoryError) as exc:
        raise BadInput(f"unreadable HTML ({exc.__class__.__name__})") from None
    split = split_text(parts.text, whole_body=not parts.whole_page)
    heading = (title or parts.title or "").strip().lower()
    if heading:
        # the headline repeated at the top of the story is not body
        while split.body and (split.body[0].lower() == heading or
                              (len(split.body[0]) > 15 and heading.startswith(split.body[0].lower()))):
            split.removed.insert(0, split.body.pop(0))
    split.captions[:0] = parts.captions
    return split, parts


def clean(page: Page) -> Article:
    """The cleaned story of a page; raises BadInput when the page holds no usable body."""
    title = page.title
    published: dt.date | None = None
    published_from: str | None = None
    byline = publisher = None
    if page.html is not None and page.html.strip():
        _check_readable(page.html)
        split, parts = _split_html(page.html, title)
        title = title or parts.title
        byline, publisher = parts.byline, parts.publisher
        markup = _markup_date(parts.published)
        if markup:
            published, published_from = markup, "markup"
    elif page.text is not None and page.text.strip():
        _check_readable(page.text)
        split = split_text(page.text, url=page.url, title=page.title)
    else:
        raise BadInput("empty page: no HTML and no text")

    body = split.body
    if not any(len(line) >= 40 or len(line.split()) >= 5 for line in body):
        raise BadInput("no article text found (only markup, scripts, navigation or boilerplate)")

    head = split.removed[:8]
    if body and find_byline(body[0]):
        byline = byline or find_byline(body[0])
        split.removed.append(body.pop(0))
    for line in head:
        name = find_byline(line)
        if name:
            byline = byline or name
            break

    dateline = None
    dateline_date = None
    found = find_dateline(body[0]) if body else None
    if found:
        dateline = found[0]
        dateline_date = dates_in(found[1] or "")

    text = "\n".join(body)
    if page.published is not None:
        published, published_from = page.published, "given"
    if published is None:
        in_url = date_in_url(page.url)
        if in_url:
            published, published_from = in_url, "url"
    if published is None and dateline_date:
        published, published_from = dateline_date[0], "dateline"
    if published is None:
        first_lines = [c[0] for c in split.captions] + head + body[:3]
        chosen = pick_text_date(dates_in("\n".join(first_lines)), "\n".join(body[:5]))
        if chosen:
            published, published_from = chosen, "text"

    removed_tail = split.removed
    publisher = publisher or _publisher_from(removed_tail)
    return Article(
        article_id=page.page_id,
        text=text,
        body_hash=body_hash(text),
        title=title,
        url=page.url,
        path=page.path,
        published=published,
        published_from=published_from,
        byline=byline,
        dateline=dateline,
        publisher=publisher,
        source=page.source,
        captions=tuple(Caption(c, credit) for c, credit in split.captions),
        removed=tuple(split.removed),
    )

