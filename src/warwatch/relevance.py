"""A cheap relevance filter: is a page about political violence or protest at all?

It runs in front of the expensive stages. One Aho-Corasick automaton over a conflict and
protest lexicon counts weighted term hits in the title and the running text (for HTML, the
text of the <p> elements, so menus and related-story links count little); a page passes when
its weighted hits reach `MIN_SCORE` and their density reaches `MIN_DENSITY` per 100 words.
The thresholds were tuned on half of the FA-KES conflict articles (`bench/relevance.py --tune`)
to lose at most 1% of them; `bench/relevance.py` reports the losses on the other half and the
rejections on ordinary news.
"""

from __future__ import annotations

import codecs
import html as html_module
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from warwatch.models import Article, Page, Skipped

# Tuned by `bench/relevance.py --tune` on the tuning half of FA-KES (see its docstring).
MIN_SCORE = 18.0
MIN_DENSITY = 7.9
# One term counts at most this often, so a page repeating one word does not pass on it alone.
MAX_PER_TERM = 3
# Short texts are scored as if they had at least this many words.
MIN_WORDS = 60
# For HTML, the <p> text is used unless it is shorter than this; then the whole body.
MIN_PARAGRAPH_CHARS = 400

# Weight 3: violence, its victims and its armed or protesting actors, rarely used otherwise.
# Weight 2: attack and protest words that also serve in sport, business or politics.
# Weight 1: the institutions of force and the words around conflict.
# A trailing * matches any ending (kill* matches kills, killing, killed).
LEXICON: dict[int, tuple[str, ...]] = {
    3: (
        "kill*", "wounded", "wounding", "injuring", "casualt*", "fatalit*", "massacre*", "martyr*", "slain",
        "death toll", "dead bodies", "bodies of", "airstrike*", "air strike*", "air raid*", "airraid*",
        "shelling", "shelled", "bombard*", "barrel bomb*", "car bomb*", "suicide bomb*", "suicide attack*",
        "bombing*", "gunmen", "gunfire", "gunman", "militant*", "rebel*", "insurgen*", "jihadi*",
        "protester*", "protestor*", "demonstrator*", "rioter*", "riot police", "rioting", "tear gas",
        "teargas", "rubber bullet*", "clashes", "clashed", "ambush*", "mortar*", "artillery", "sniper*",
        "behead*", "abduct*", "kidnap*", "hostage*", "isis", "isil", "daesh", "islamic state",
        "al-qaeda", "al qaeda", "alqaeda", "al-nusra", "nusra", "taliban", "boko haram", "al-shabaab",
        "al shabaab", "hezbollah", "houthi*", "ypg", "pkk", "free syrian army", "militia*",
        "paramilitar*", "warplane*", "war plane*", "drone strike*", "shrapnel", "landmine*",
        "improvised explosive", "roadside bomb*", "grenade*", "chemical attack*", "chemical weapon*",
        "chlorine", "sarin", "opened fire", "open fire", "shot dead", "gunned down", "executed",
        "terrorist attack*", "terror attack*", "armed group*", "armed men", "security forces",
        "regime forces", "government forces", "pro-government", "jaish", "jabhat", "ahrar",
    ),
    2: (
        "attack*", "bomb", "bombs", "bombed", "blast*", "explosion*", "explosive*", "detonat*",
        "rocket*", "missile*", "troops", "soldier*", "fighters", "offensive", "siege*", "besieg*",
        "battle*", "fighting", "combat*", "protest*", "demonstration*", "riot", "riots", "rally",
        "rallies", "assassinat*", "stabb*", "curfew", "ceasefire", "cease-fire", "truce", "war",
        "wartime", "civil war", "crackdown", "uprising", "insurrection", "mob", "looting", "looted",
        "torched", "set ablaze", "injured", "injuries", "wounds", "deaths", "dead", "died",
        "victims", "shot", "shooting", "gunshot*", "strike on", "strikes on", "struck", "raid",
        "raids", "massacred", "terrorist*", "terrorism", "extremist*", "abducted", "detained",
        "arrested", "regime", "coalition forces", "opposition forces", "armed forces",
        "displaced", "refugees", "evacuat*", "humanitarian", "civilians", "civilian",
    ),
    1: (
        "army", "military", "forces", "police", "opposition", "coalition", "weapon*", "armed", "arms",
        "violence", "violent", "conflict*", "terror", "fighter", "front line*", "frontline*",
        "checkpoint*", "convoy*", "syria*", "iraq*", "yemen*", "afghan*", "libya*", "somali*",
        "government", "minister of defence", "defense ministry", "defence ministry", "monitor",
        "observatory", "activists", "province", "countryside", "town of", "village of",
    ),
}

# Every byte but a-z, A-Z, 0-9, _ and - that is ASCII becomes a space; the UTF-8 bytes of other
# characters are kept (letters of any script stay in their words).
_ASCII_NOT_WORD = bytes(c if c >= 128 or chr(c).isalnum() or chr(c) in "_-" else 32 for c in range(256))
# Non-ASCII characters that separate words, in UTF-8: Latin-1 punctuation and symbols (no-break
# space, guillemets), the multiplication and division signs, general punctuation (curly quotes,
# dashes, ellipsis), CJK and full-width punctuation, and U+FFFD (left by undecodable bytes).
_NON_ASCII_NOT_WORD = re.compile(rb"\xc2[\x80-\xbf]|\xc3[\x97\xb7]|\xe2[\x80\x81][\x80-\xbf]|\xe3\x80[\x80-\xbf]|"
                                 rb"\xef\xbc[\x80-\x8f]|\xef\xbf\xbd")
_ENTITY = re.compile(rb"&#?[A-Za-z0-9]{1,31};?")


def _words(data: bytes) -> list[bytes]:
    """The words of UTF-8 text, ASCII letters lowered: runs of letters, digits, _ and -.

    Done on bytes with one translation table (the lexicon is ASCII), which takes about a third of
    the time of the same on str; character references (&amp;, &#8217;) separate words, as the
    characters they stand for mostly do."""
    if b"&" in data:
        data = _ENTITY.sub(b" ", data)
    spaced = data.lower().translate(_ASCII_NOT_WORD)
    if not spaced.isascii():
        spaced = _NON_ASCII_NOT_WORD.sub(b" ", spaced)
    return spaced.split()


@dataclass(frozen=True, slots=True)
class Relevance:
    """The filter's reading of one text: weighted hits, words, density per 100 words, verdict."""

    score: float
    words: int
    density: float
    terms: int
    relevant: bool


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for weight, terms in LEXICON.items():
        for term in terms:
            stem = term.rstrip("*")
            key = " " + stem + ("" if term.endswith("*") else " ")
            if key in automaton:
                raise ValueError(f"relevance term {term!r} is listed twice")
            automaton.add_word(key, (stem, weight))
    automaton.make_automaton()
    return automaton


# Block-level and non-text elements: a paragraph's text runs until the next of these tags opens or
# closes (as a browser ends an unclosed <p> at the next block), inline tags inside it are dropped.
_BLOCK_TAGS = (rb"address|article|aside|blockquote|body|dd|details|dialog|div|dl|dt|fieldset|figcaption|"
               rb"figure|footer|form|h[1-6]|head|header|hr|html|iframe|li|main|nav|noscript|ol|p|pre|"
               rb"script|section|select|style|svg|table|td|template|textarea|th|tr|ul")
# The two alternatives cannot both match at one place, so the scan is linear whatever the page.
_PARAGRAPH = re.compile(rb"<p(?:\s[^>]*)?>((?:[^<]+|<(?!/?(?:" + _BLOCK_TAGS + rb")[\s/>]))*)", re.I)
_TAG = re.compile(rb"<[^>]*>?")
_TITLE = re.compile(rb"<title[^>]*>([^<]*)", re.I)


def _unescape(text: str) -> str:
    return html_module.unescape(text) if "&" in text else text


def _html_bytes(data: bytes) -> bytes:
    """The title and the text of the <p> elements of an HTML page, undecoded, tags made spaces;
    the whole body but what is not text when the paragraphs hold under MIN_PARAGRAPH_CHARS."""
    paragraphs = _TAG.sub(b" ", b" ".join(_PARAGRAPH.findall(data)))
    if len(paragraphs) < MIN_PARAGRAPH_CHARS:
        paragraphs = _TAG.sub(b" ", _NOT_TEXT.sub(b" ", data))
    title = _TITLE.search(data)
    return (title.group(1) if title else b"") + b" \n " + paragraphs


def html_text(page: bytes | str) -> str:
    """The title and paragraph text of an HTML page (the whole body text when it has few <p>),
    as the filter reads it.

    Read from the raw bytes with a few regular expressions, not a parser, so a page is judged
    before it is decoded or parsed (about a quarter of the time of a lexbor parse of a news
    page). The lexicon is ASCII, so the words it counts read the same in any ASCII-compatible
    charset; here the text is decoded as UTF-8 with replacement, for people to read.
    """
    data = page.encode("utf-8", "surrogatepass") if isinstance(page, str) else page
    return _unescape(_html_bytes(data).decode("utf-8", "replace"))


def _skip_element(name: bytes) -> bytes:
    """A pattern for one element and its content, to its closing tag or, unclosed, to the end."""
    return rb"<" + name + rb"\b[^<]*(?:<(?!/" + name + rb"\s*>)[^<]*)*(?:</" + name + rb"\s*>)?"


# Elements whose content is no text a reader sees (the <title> is read apart).
_NOT_TEXT = re.compile(b"|".join(map(_skip_element, (b"head", b"script", b"style", b"noscript", b"template",
                                                      b"svg"))), re.I)


def text_of(item: Page | Article | str) -> str:
    """The text the filter reads: a string as it is; a page's or article's title and body."""
    if isinstance(item, str):
        return item
    title = item.title or ""
    if isinstance(item, Article):
        return f"{title} \n {item.text}"
    if item.text is not None:
        return f"{title} \n {item.text}"
    if item.html:
        return f"{title} \n {html_text(item.html)}"
    return title


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _bytes_of(item: Page | Article | str) -> bytes:
    """What `text_of` gives, as UTF-8, with an HTML page's text left undecoded."""
    if isinstance(item, Page) and item.text is None and item.html:
        return _utf8(item.title or "") + b" \n " + _html_bytes(_utf8(item.html))
    return _utf8(text_of(item))


def _reading(data: bytes) -> Relevance:
    words = _words(data)
    counts: dict[str, tuple[int, int]] = {}
    for _end, (stem, weight) in _automaton().iter(" " + b" ".join(words).decode("utf-8", "replace") + " "):
        n, _ = counts.get(stem, (0, weight))
        counts[stem] = (n + 1, weight)
    score = float(sum(w * min(n, MAX_PER_TERM) for n, w in counts.values()))
    density = 100.0 * score / max(len(words), MIN_WORDS)
    return Relevance(score, len(words), round(density, 3), len(counts),
                     score >= MIN_SCORE and density >= MIN_DENSITY)


def assess(item: Page | Article | str) -> Relevance:
    """Score a page, an article or a text against the conflict and protest lexicon."""
    return _reading(_bytes_of(item))


def is_relevant(item: Page | Article | str) -> bool:
    """True when a page (or article, or text) may report political violence or protest."""
    return assess(item).relevant


class RelevanceFilter:
    """The filter in front of the expensive stages, counting what it rejects (`rejected`).

    Ingest calls it as early as it can (`IngestOptions.relevance`): an HTML file is judged on
    its raw bytes (`keeps_html`) before it is decoded, any other page when it is read
    (`keeps`). As a stream filter (`filter(items)`, or calling it) it passes relevant pages and
    every Skipped. Rejected pages are only counted: they are ordinary input, not errors.
    """

    def __init__(self) -> None:
        self.rejected = 0

    def keeps(self, page: Page | Article | str) -> bool:
        if is_relevant(page):
            return True
        self.rejected += 1
        return False

    def keeps_html(self, data: bytes) -> bool:
        """Judge an HTML page on its undecoded bytes (see `html_text`); UTF-16 (rare on the web,
        and not ASCII-compatible) is re-encoded first."""
        if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            data = data.decode("utf-16", "replace").encode("utf-8", "surrogatepass")
        if _reading(_html_bytes(data)).relevant:
            return True
        self.rejected += 1
        return False

    def filter(self, items: Iterable[Page | Skipped]) -> Iterator[Page | Skipped]:
        for item in items:
            if isinstance(item, Skipped) or self.keeps(item):
                yield item

    __call__ = filter


__all__ = ["LEXICON", "MIN_DENSITY", "MIN_SCORE", "Relevance", "RelevanceFilter", "assess", "html_text",
           "is_relevant", "text_of"]
