"""Main-content extraction from HTML with lexbor (selectolax): fast parsing, the rules that matter.

1. Metadata from the head: title, date, author, publisher (Open Graph, article:*, JSON-LD,
   <time>), before anything is removed.
2. Captions (<figcaption>, caption and credit classes) are lifted out into their own list.
3. Markup that is never body (scripts, styles, forms' controls, nav, aside, header, footer,
   iframes, svg) and blocks whose class or id names a widget (share, related, comments,
   newsletter, cookie, sidebar, promo, ...) are dropped, unless they hold most of the page's text.
4. The story's container is the element whose paragraphs score highest (length and commas,
   credited to the paragraph's parent and half to its grandparent), discounted by link density;
   siblings that score well or read as prose join it.
5. Inside it, link lists are dropped, blocks become lines, and the plain-text line model
   removes the widget and prompt lines and the non-prose lines at either edge.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from warwatch.clean.meta import split_caption
from warwatch.errors import BadInput

NEVER_BODY = (
    "script", "style", "noscript", "template", "svg", "iframe", "button", "select", "textarea",
    "input", "nav", "aside", "footer", "header", "canvas", "object", "embed", "video", "audio",
    "map", "dialog", "menu", "link", "meta",
)
# Class or id names of widgets. A strong one removes the block even when its name also says
# "content" ("comment-content", "related-posts"); a weak one only when nothing says content.
_STRONG_WIDGETS = (
    "comment", "disqus", "related", "sidebar", "recommend", "outbrain", "taboola", "newsletter",
    "cookie", "consent", "breadcrumb", "trending", "popular", "share", "social", "footer", "navbar",
    "navigation", "menu", "promo", "advert", "subscribe", "signup", "sign-up",
)
_WEAK_WIDGETS = (
    "byline", "modal", "popup", "tag-list", "tags", "sponsor", "masthead", "toolbar", "read-more",
    "readmore", "also-read", "see-also", "more-stories", "author-bio", "print-only",
    "visually-hidden", "sr-only", "screen-reader", "skip-link",
)
_WIDGET_NAMES = _STRONG_WIDGETS + _WEAK_WIDGETS
_STRONG = re.compile("|".join(_STRONG_WIDGETS), re.I)
_WIDGET_SELECTOR = ",".join(f'[class*="{n}"],[id*="{n}"]' for n in _WIDGET_NAMES) + \
    ',[role="navigation"],[role="complementary"],[role="contentinfo"],[aria-hidden="true"],[hidden]'
_CAPTION_SELECTOR = 'figcaption,[class*="caption"],[class*="wp-caption-text"]'
_CREDIT_SELECTOR = '[class*="credit"],[class*="copyright"]'
_BLOCKS = ("p,div,li,ul,ol,h1,h2,h3,h4,h5,h6,blockquote,pre,table,tr,td,th,dd,dt,dl,section,"
           "article,main,figure,br,hr,address,center")
_WRAPPERS = ("html", "body", "article", "main")
_LINKED_HEADINGS = "h2 a,h3 a,h4 a,a h2,a h3,a h4"
_SCORED = "p,pre,td,blockquote"
WIDEN_RATIO = 1.6  # climb when the container holds less than 1/1.6 of an ancestor's paragraphs
WIDEN_LEVELS = 8
WIDGET_ANCESTORS = 5  # how far up a candidate container looks for a widget's name
BLOCK_BREAK = "\u2029"  # marks block edges while the source's own newlines are folded
MIN_CONTAINER_CHARS = 200  # below this the container is a teaser, not the story
_POSITIVE = re.compile(r"article|body|content|entry|main|post|story|text|blog", re.I)

# The parser's time grows with the square of the nesting depth (30,000 nested <div>s: a second;
# a 20 MB page of them: hours). No real page nests thousands of levels, so deeper ones are refused.
MAX_DEPTH = 5000
# Elements that never hold children, whose end tag may be left out, or that the parser closes
# when one opens inside another (a, form, button, nobr: 20,000 unclosed <a>s parse flat): they do
# not nest.
_NO_DEPTH = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup",
    "thead", "tbody", "tfoot", "colgroup", "caption", "rt", "rp", "html", "head", "body",
    "a", "form", "button", "nobr",
))
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^>]*?(/?)>")


def nests_too_deep(html: str) -> bool:
    """Whether the page's elements nest more than MAX_DEPTH levels, counted on its tags: an end
    tag closes the nearest open element of its name; void and optional-end elements do not count,
    nor "/>" elements inside SVG or MathML.
    Cheap on ordinary pages: one with no more start tags than MAX_DEPTH is not scanned (one
    count of "<" settles most pages; "</" is counted only when that is over MAX_DEPTH)."""
    starts = html.count("<")
    if starts <= MAX_DEPTH or starts - html.count("</") <= MAX_DEPTH:
        return False
    open_tags: list[str] = []
    open_count: dict[str, int] = {}  # open elements by name, so a stray end tag costs no search
    for tag in _TAG.finditer(html):
        closing, name, self_closing = tag.groups()
        name = name.lower()
        if name in _NO_DEPTH:
            continue
        if self_closing and (open_count.get("svg") or open_count.get("math")):
            continue  # "<path/>" closes itself in SVG and MathML only: an HTML "<div/>" stays open
        if not closing:
            open_tags.append(name)
            open_count[name] = open_count.get(name, 0) + 1
            if len(open_tags) > MAX_DEPTH:
                return True
        elif open_count.get(name):
            while True:
                top = open_tags.pop()
                open_count[top] -= 1
                if top == name:
                    break
    return False


@dataclass(slots=True)
class HtmlParts:
    """What the HTML gives: the story's text as lines, captions, and the head's metadata."""

    text: str
    removed: list[str] = field(default_factory=list)
    captions: list[tuple[str, str | None]] = field(default_factory=list)
    title: str | None = None
    published: str | None = None  # date text from the markup, parsed by the caller
    byline: str | None = None
    publisher: str | None = None
    description: str | None = None
    whole_page: bool = False  # no container found: `text` is the whole page, for the line model


def _meta(tree: LexborHTMLParser, *names: str) -> str | None:
    for name in names:
        node = tree.css_first(f'meta[property="{name}"],meta[name="{name}"],meta[itemprop="{name}"]')
        if node is not None:
            value = (node.attributes.get("content") or "").strip()
            if value:
                return value
    return None


def _json_ld(tree: LexborHTMLParser) -> list[dict]:
    """The JSON-LD objects of the page that describe an article (flattened @graph)."""
    found: list[dict] = []
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(node.text(deep=True) or "null")
        except (ValueError, RecursionError):
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
                kind = item.get("@type")
                kinds = kind if isinstance(kind, list) else [kind]
                if any(isinstance(k, str) and ("Article" in k or k in ("BlogPosting", "Report", "WebPage"))
                       for k in kinds):
                    found.append(item)
    return found


def _name(value: object) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _name(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(dict.fromkeys(names)) or None
    return None


def _head_metadata(tree: LexborHTMLParser, parts: HtmlParts) -> None:
    articles = _json_ld(tree)
    ld = articles[0] if articles else {}
    title_node = tree.css_first("title")
    parts.title = (_meta(tree, "og:title", "twitter:title") or _name(ld.get("headline"))
                   or (title_node.text(deep=True).strip() if title_node else None) or None)
    parts.published = (_meta(tree, "article:published_time", "datePublished", "pubdate", "publishdate",
                             "date", "dc.date", "DC.date.issued", "sailthru.date", "parsely-pub-date",
                             "og:published_time", "article:published")
                       or _name(ld.get("datePublished")) or _name(ld.get("dateCreated")))
    if not parts.published:
        node = tree.css_first("time[datetime]")
        if node is not None:
            parts.published = node.attributes.get("datetime")
    parts.byline = _meta(tree, "author", "article:author", "byl", "parsely-author", "sailthru.author") \
        or _name(ld.get("author"))
    if parts.byline and parts.byline.startswith("http"):
        parts.byline = _name(ld.get("author"))
    parts.publisher = _meta(tree, "og:site_name", "application-name") or _name(ld.get("publisher"))
    parts.description = _meta(tree, "og:description", "description")


def _lift_captions(root: LexborNode, parts: HtmlParts) -> None:
    seen: set[str] = set()
    for node in root.css(_CAPTION_SELECTOR):
        if node.parent is None or node.tag in _WRAPPERS or _text_len(node) > 1000:
            continue  # a wrapper whose class merely mentions captions ("caption-muted-videos")
        credit_node = node.css_first(_CREDIT_SELECTOR)
        credit = " ".join(credit_node.text(deep=True).split()) if credit_node is not None else None
        if credit_node is not None:
            credit_node.decompose()
        text = " ".join(node.text(deep=True).split())
        if not credit:
            split = split_caption(text)  # "... (Photo by X / AFP)" written inside the caption
            if split is not None and split[0]:
                text, credit = split
        if (text or credit) and text not in seen and len(text) < 1500:
            seen.add(text)
            parts.captions.append((text, credit or None))
        node.decompose()
    for node in root.css("figure"):
        node.decompose()


def _text_len(node: LexborNode) -> int:
    return len(node.text(deep=True, strip=True))


def _link_density(node: LexborNode, length: int | None = None) -> float:
    total = _text_len(node) if length is None else length
    if total == 0:
        return 1.0
    linked = sum(len(a.text(deep=True, strip=True)) for a in node.css("a"))
    return min(1.0, linked / total)


def _drop_widgets(root: LexborNode, page_text: int) -> None:
    """Remove the blocks inside the story named like widgets, unless one holds most of its text."""
    for node in root.css(_WIDGET_SELECTOR):
        if node.parent is None or node.tag in _WRAPPERS:
            continue
        names = (node.attributes.get("class") or "") + " " + (node.attributes.get("id") or "")
        if _POSITIVE.search(names) and not _STRONG.search(names):
            continue
        if page_text and _text_len(node) > 0.6 * page_text:
            continue
        node.decompose()


def _widget_factor(node: LexborNode) -> float:
    """A low factor for a node inside a block named like a widget (comments, related, ...)."""
    current: LexborNode | None = node
    for _ in range(WIDGET_ANCESTORS):
        if current is None or current.tag in _WRAPPERS:
            break
        names = (current.attributes.get("class") or "") + " " + (current.attributes.get("id") or "")
        if _STRONG.search(names) and not _POSITIVE.search(names):
            return 0.2
        current = current.parent
    return 1.0


def _gain(text: str) -> float:
    """A paragraph's weight as story text: length and commas; 0 below 25 characters."""
    if len(text) < 25:
        return 0.0
    return 1.0 + text.count(",") + text.count("،") + text.count("，") + text.count("、") + min(len(text) / 100, 3.0)


def _credit(para: LexborNode, gain: float, scores: dict[int, float], nodes: dict[int, LexborNode]) -> None:
    """Credit a paragraph's score to its parent, and half of it to its grandparent."""
    parent = para.parent
    for node, share in ((parent, 1.0), (parent.parent if parent is not None else None, 0.5)):
        if node is None or node.tag in ("html", "#document"):
            continue
        key = node.mem_id
        nodes[key] = node
        scores[key] = scores.get(key, 0.0) + gain * share


def _container(root: LexborNode) -> list[LexborNode]:
    """The story's container and the siblings that belong with it, in document order."""
    scores: dict[int, float] = {}
    nodes: dict[int, LexborNode] = {}
    gains: dict[int, float] = {}
    for para in root.css(_SCORED):
        gain = _gain(para.text(deep=True, strip=True))
        if gain:
            gains[para.mem_id] = gain
            _credit(para, gain, scores, nodes)
    for div in root.css("div"):
        # text written straight into a div, paragraphs parted by <br>: a paragraph too
        gain = _gain(div.text(deep=False, strip=True))
        if gain:
            gains[div.mem_id] = gain
            _credit(div, gain, scores, nodes)
    if not scores:
        return []
    ranked = sorted(scores, key=scores.__getitem__, reverse=True)[:8]
    adjusted = {k: scores[k] * (1 - _link_density(nodes[k])) * _widget_factor(nodes[k]) for k in ranked}
    best_key = max(ranked, key=adjusted.__getitem__)
    top = nodes[best_key]
    top_score = adjusted[best_key]
    top = _widen(top, gains)
    parent = top.parent
    if parent is None or top.tag == "body":
        return [top]
    threshold = max(10.0, 0.2 * top_score)
    chosen = []
    for sibling in parent.iter(include_text=False):
        if sibling.mem_id == top.mem_id:
            chosen.append(sibling)
            continue
        score = scores.get(sibling.mem_id)
        length = _text_len(sibling)
        if length == 0:
            continue
        density = _link_density(sibling, length)
        if score is not None and score * (1 - density) >= threshold:
            chosen.append(sibling)
        elif sibling.tag == "p":
            text = sibling.text(deep=True, strip=True)
            if (length > 80 and density < 0.25) or (density == 0 and re.search(r"\.\s*$", text)):
                chosen.append(sibling)
    return chosen


def _mass(node: LexborNode, gains: dict[int, float]) -> tuple[float, int, int]:
    """Paragraph weight under a node, its number of paragraphs, and of linked headings."""
    weights = [gains[p.mem_id] for p in node.css(_SCORED + ",div") if p.mem_id in gains]
    return sum(weights), len(weights), len(node.css(_LINKED_HEADINGS))


def _widen(top: LexborNode, gains: dict[int, float]) -> LexborNode:
    """An ancestor (up to a few levels up) holding much more paragraph text, when the story is
    spread over several parts of it (one section per few paragraphs)."""
    mass, paragraphs, links = _mass(top, gains)
    ancestor = top.parent
    for _ in range(WIDEN_LEVELS):
        if ancestor is None or ancestor.tag in ("body", "html"):
            break
        wider, more_paragraphs, more_links = _mass(ancestor, gains)
        teasers = more_links - links >= 0.5 * (more_paragraphs - paragraphs)  # headline + summary lists
        if wider >= WIDEN_RATIO * mass and not teasers and _link_density(ancestor) <= 0.3:
            top, mass, paragraphs, links = ancestor, wider, more_paragraphs, more_links
        ancestor = ancestor.parent
    return top


def _drop_link_lists(node: LexborNode) -> None:
    for block in node.css("ul,ol,div,table,section,p,li,dl"):
        if block.parent is None:
            continue
        length = _text_len(block)
        if length == 0:
            continue
        density = _link_density(block, length)
        if (density > 0.5 and (block.tag != "p" or length < 200)) or (density > 0.33 and block.tag in ("ul", "ol") and length < 400):
            block.decompose()


def _lines(nodes: list[LexborNode]) -> str:
    """The text of the nodes, one line per block; line breaks inside the source's text are spaces."""
    chunks = []
    for node in nodes:
        for block in node.css(_BLOCKS):
            block.insert_after(BLOCK_BREAK)
            if block.tag != "br":
                block.insert_before(BLOCK_BREAK)
        text = node.text(deep=True)
        chunks.append(text.replace("\r", " ").replace("\n", " ").replace(BLOCK_BREAK, "\n"))
    return "\n".join(chunks)


def parse_html(html: str) -> HtmlParts:
    """The story's text (one line a block), captions and head metadata of an HTML page."""
    if nests_too_deep(html):
        raise BadInput(f"HTML nested over {MAX_DEPTH:,} elements deep: not a page (parsing time grows with "
                       f"the square of the depth)")
    tree = LexborHTMLParser(html)
    parts = HtmlParts(text="")
    _head_metadata(tree, parts)
    body = tree.body
    if body is None:
        return parts
    tree.strip_tags(list(NEVER_BODY))
    _lift_captions(body, parts)
    nodes = _container(body)
    for node in nodes:
        _drop_widgets(node, _text_len(node))
        _drop_link_lists(node)
    parts.text = _lines(nodes)
    if len(parts.text.strip()) < MIN_CONTAINER_CHARS:
        parts.text, parts.whole_page = _lines([body]), True
    return parts
