"""Where an incident happened, as the text names it: a PlaceRef for the geocoder.

The place comes from the incident's own sentences ("the village of Baghouz", "near al-Omar
field"); the province and country are those the article ties to it ("the eastern province of
Deir el-Zour", "in eastern Syria"); the dateline city of a wire story never stands for the
place of the incident and goes first in `context`.
"""

from __future__ import annotations

import re
from collections import Counter

from warwatch.extract.actors import actor_table, country_mentions
from warwatch.extract.dates import MONTHS, WEEKDAYS
from warwatch.models import PlaceRef

_NAME = (r"(?:(?:al|el|ad|as|ar|an|at|ash|ad-d|az)[-‑])?[A-Z][\w'’‑-]+"
         r"(?:[ -](?:(?:al|el|ad|as|ar|an|at|ash|az|de|du|di|la|le)[- ])?[A-Z][\w'’‑-]+){0,3}"
         r"(?: (?:oil field|gas field|field|camp|air ?base|base|dam|airport|crossing|bridge))?")
_FEATURE = r"(?:village|town|city|district|neighbou?rhood|suburb|camp|area|region|enclave|countryside|outskirts|hamlet|settlement|locality|municipality|border town|port city|capital)"
_PATTERNS = (
    (re.compile(rf"\b{_FEATURE} of (?P<name>{_NAME})"), False),
    (re.compile(rf"\b(?:near|outside|outskirts of|around|close to|(?:north|south|east|west)(?:east|west)? of|on the road to|vicinity of) (?:the )?(?P<name>{_NAME})"), True),
    (re.compile(rf"\b(?:in|at|into|on|from) (?:the )?(?P<name>{_NAME})"), False),
    (re.compile(rf"(?P<name>{_NAME})[’']s (?:{_FEATURE}|largest|main|eastern|western|northern|southern)"), False),
)
_ADMIN1 = (
    re.compile(rf"\b(?:province|governorate|state|region|prefecture) of (?P<name>{_NAME})"),
    re.compile(rf"(?P<name>{_NAME}) (?:province|governorate|state|region|prefecture)\b"),
)
_NOT_PLACES = {w.capitalize() for w in list(MONTHS) + list(WEEKDAYS)} | {
    "The", "A", "An", "It", "He", "She", "They", "But", "And", "Earlier", "Later", "Other", "Some",
    "According", "In", "On", "At", "President", "Minister", "Observatory", "Associated Press",
    "Reuters", "AFP", "AP", "Photo", "Twitter", "Facebook", "U.S.", "US", "UN", "United Nations",
}


def _usable(name: str) -> bool:
    first = name.split()[0]
    if re.search(r"-(?:held|backed|led|controlled|run|based|linked|allied)$", first, re.I):
        return False
    if name in _NOT_PLACES or first in _NOT_PLACES:
        return False
    if actor_table().mentions(name) and actor_table().mentions(name)[0].end >= len(name) - 1:
        return False
    return not name.isupper() or len(name) > 4


def find_places(sentence: str) -> list[tuple[str, bool, int]]:
    """(name, near, position) for each place named in a sentence, most specific pattern first."""
    found: list[tuple[str, bool, int]] = []
    seen: set[str] = set()
    for pattern, near in _PATTERNS:
        for m in pattern.finditer(sentence):
            name = m.group("name").rstrip("’'")
            if name in seen or not _usable(name):
                continue
            if any(country == name for _, _, country in country_mentions(name)):
                continue
            seen.add(name)
            found.append((name, near, m.start("name")))
    return found


def admin1_in(text: str) -> str | None:
    """The first province named in `text` ("the province of Deir el-Zour", "Idlib province")."""
    for pattern in _ADMIN1:
        m = pattern.search(text)
        if m and _usable(m.group("name")):
            return m.group("name")
    return None


def article_country(text: str) -> str | None:
    """The country an article is about: the one it names most, place-like mentions counted twice."""
    counts: Counter[str] = Counter()
    for start, end, country in country_mentions(text):
        word = text[start:end]
        counts[country] += 2 if word[:1].isupper() and word.lower() == country.lower() else 1
    for country in ("United States",):  # the U.S. is named as an actor far more than as a place
        counts[country] = counts[country] // 3
    return counts.most_common(1)[0][0] if counts and counts.most_common(1)[0][1] else None


def places_in_article(article_text: str, dateline: str | None) -> list[str]:
    """Every place the article names, the dateline first: the context a geocoder may need."""
    context = [dateline] if dateline else []
    for sentence in re.split(r"(?<=[.!?])\s+", article_text)[:60]:
        for name, _, _ in find_places(sentence):
            if name not in context:
                context.append(name)
    return context


def place_ref(sentences: list[str], article_text: str, dateline: str | None,
              article_places: list[str] | None = None, country: str | None = None) -> PlaceRef | None:
    """The PlaceRef of an incident told in `sentences` (its evidence, first sentence first)."""
    chosen: tuple[str, bool] | None = None
    for sentence in sentences:
        for name, near, _ in find_places(sentence):
            if dateline and name.lower() == dateline.lower():
                continue
            chosen = (name, near)
            break
        if chosen:
            break
    joined = " ".join(sentences)
    admin1 = admin1_in(joined) or admin1_in(article_text)
    joined_country = None
    for _, _, c in country_mentions(joined):
        if c != "United States":
            joined_country = c
            break
    country = joined_country or country or article_country(article_text)
    if article_places is None:
        article_places = places_in_article(article_text, dateline)
    context = [name for name in article_places if not chosen or name != chosen[0]]
    if chosen is None:
        if admin1:
            return PlaceRef(admin1, admin1=admin1, country=country, near=False, context=tuple(context[:10]))
        if country:
            return PlaceRef(country, admin1=None, country=country, near=False, context=tuple(context[:10]))
        return None
    name, near = chosen
    return PlaceRef(name, admin1=admin1 if admin1 != name else None, country=country, near=near,
                    context=tuple(context[:10]))
