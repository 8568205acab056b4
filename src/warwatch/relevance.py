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

_NOT_WORD = re.compile(r"[^\w-]+")
# On ASCII text _NOT_WORD is every character but a-z, A-Z, 0-9, _ and -.
_ASCII_NOT_WORD = str.maketrans({c: " " for c in map(chr, range(128)) if not (c.isalnum() or c in "_-")})


def _fold(lowered: str) -> str:
    """_NOT_WORD.sub(" ", lowered): each run of non-word characters becomes one space (at C speed
    on ASCII text)."""
    if not lowered.isascii():
        return _NOT_WORD.sub(" ", lowered)
    spaced = lowered.translate(_ASCII_NOT_WORD)
    words = spaced.split()
    if not words:
        return " " if spaced else ""
    return (" " if spaced[0] == " " else "") + " ".join(words) + (" " if spaced[-1] == " " else "")


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


def _html_text(html: str) -> str:
    """The title and paragraph text of a page (the whole body text when it has few <p>)."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    title = tree.css_first("title")
    paragraphs = " ".join(node.text(deep=True, separator=" ") for node in tree.css("p"))
    if len(paragraphs) < MIN_PARAGRAPH_CHARS and tree.body is not None:
        tree.strip_tags(["script", "style", "noscript", "template", "svg"])
        paragraphs = tree.body.text(deep=True, separator=" ")
    return (title.text() if title is not None else "") + " \n " + paragraphs


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
        return f"{title} \n {_html_text(item.html)}"
    return title


def assess(item: Page | Article | str) -> Relevance:
    """Score a page, an article or a text against the conflict and protest lexicon."""
    text = text_of(item)
    folded = " " + _fold(text.lower()) + " "
    counts: dict[str, tuple[int, int]] = {}
    for end, (stem, weight) in _automaton().iter(folded):
        n, _ = counts.get(stem, (0, weight))
        counts[stem] = (n + 1, weight)
    score = float(sum(w * min(n, MAX_PER_TERM) for n, w in counts.values()))
    words = folded.count(" ") - 1
    density = 100.0 * score / max(words, MIN_WORDS)
    return Relevance(score, words, round(density, 3), len(counts),
                     score >= MIN_SCORE and density >= MIN_DENSITY)


def is_relevant(item: Page | Article | str) -> bool:
    """True when a page (or article, or text) may report political violence or protest."""
    return assess(item).relevant


class RelevanceFilter:
    """A stream filter in front of the expensive stages: passes relevant pages and every Skipped.

    Rejected pages are only counted (`rejected`): they are ordinary input, not errors.
    """

    def __init__(self) -> None:
        self.rejected = 0

    def __call__(self, items: Iterable[Page | Skipped]) -> Iterator[Page | Skipped]:
        for item in items:
            if isinstance(item, Page) and not is_relevant(item):
                self.rejected += 1
                continue
            yield item


__all__ = ["LEXICON", "MIN_DENSITY", "MIN_SCORE", "Relevance", "RelevanceFilter", "assess", "is_relevant",
           "text_of"]
