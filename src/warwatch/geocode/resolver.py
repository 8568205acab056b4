"""Toponym resolution: a PlaceRef in, a Place with ACLED's geo_precision out.

geo_precision 1: the town itself. 2: near a town ("near X", "outskirts of X", a facility at X,
X district's main town), or a place missing from the gazetteer that the text ties to a known
place ("X near Y"). 3: only the province is known; the province's capital stands for it. A
place that cannot be found and is tied to no province gives None, never the country's centroid.

Homonyms are chosen by the country and province the text ties to the place, the article's
other places (near them is better), whether the match is by name or only by transliteration
skeleton, and population.
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache
from dataclasses import dataclass

from warwatch.geocode import build as builder
from warwatch.geocode.gazetteer import Admin1, Candidate, Gazetteer, km, open_gazetteer
from warwatch.geocode.names import ARTICLES, SLAVIC, ascii_name, ascii_words, fold, skeleton_key, skeleton_of_folded, split_qualifiers
from warwatch.models import Place, PlaceRef

# Name levels, best first: full name, alternate name, skeleton of either.
_LEVEL_SCORE = {builder.MAIN: 3.0, builder.ALTERNATE: 2.6, builder.MAIN_SKELETON: 1.2,
                builder.ALTERNATE_SKELETON: 0.8}
BIG_CITY = 100_000  # a city this large is meant by its name even when the text's country disagrees
# A street named after a town is no part of that town ("Oxford Street" in Belfast).
_STREET_WORDS = frozenset("street st avenue ave boulevard square lane roundabout".split())
_SPLIT_NEAR = re.compile(r"\s+(?:near|outside|close to|not far from|by)\s+", re.I)
_SPLIT_IN = re.compile(r"\s+(?:in|of)\s+(?=[A-Z])")
_BETWEEN = re.compile(r"^(?:[\w -]*?\s)?between\s+(.+?)\s+and\s+(.+)$", re.I)
_ROAD = re.compile(r"^([A-Z][\w'’ ]+?)\s*[-–—]\s*([A-Z][\w'’ -]+?)\s+(?:road|highway|motorway|route|railway)\b",
                   re.I)
_AND = re.compile(r"^([A-Z][\w'’ -]*?)\s+(?:and|&)\s+([A-Z][\w'’ -]*?)((?:\s+[a-z]+)*)$")
_HINTS = re.compile(r"\s*[,;()\[\]/]\s*")


@dataclass(frozen=True, slots=True)
class Parsed:
    """A place text taken apart: the name's words, the roles of the kind words around it, the
    places the text ties it to (after a comma, "near", "in"), and whether it is only near."""

    words: tuple[str, ...]
    roles: frozenset[str]
    full: tuple[str, ...]  # the name's words with the kind words ("al-Omar oil field")
    anchors: tuple[str, ...]
    near: bool


def parse(text: str) -> Parsed:
    """Take a place text apart: "Pisky village, Donetsk oblast", "near Aleppo", "X near Y"."""
    text = text.strip()
    near = False
    road = _ROAD.match(text)
    if road:  # "Debaltseve-Artemivsk road": on the road between the two, near the first
        text = f"road between {road.group(1)} and {road.group(2)}"
    between = _BETWEEN.match(text)
    if between:
        text, near = f"{between.group(1)}, {between.group(2)}", True
    parts = [p for p in _HINTS.split(text) if p.strip()]
    if len(parts) > 1 and "admin1" in split_qualifiers(parts[0])[1]:
        parts = parts[1:] + parts[:1]  # "Donetsk oblast, Avdiivka": the province last
    head = parts[0] if parts else text
    anchors = parts[1:]
    both = _AND.match(head)
    if both and not _BETWEEN.match(text):  # "Pisky and Opytne villages": the first, the second its anchor
        head, anchors = f"{both.group(1)} {both.group(3)}", [f"{both.group(2)} {both.group(3)}", *anchors]
    pieces = _SPLIT_NEAR.split(head, maxsplit=1)
    if len(pieces) == 2 and pieces[0].strip():
        head, anchors = pieces[0], [pieces[1], *anchors]
    else:
        pieces = _SPLIT_IN.split(head, maxsplit=1)
        if len(pieces) == 2 and pieces[0].strip() and split_qualifiers(pieces[0])[0]:
            head, anchors = pieces[0], [pieces[1], *anchors]
    words, roles = split_qualifiers(head)
    tail = _descriptor_tail(head)
    if tail:  # "Avdiivka industrial zone", "Debaltseve pocket": a site at or near the named town
        words, more = split_qualifiers(head[: -len(tail)])
        roles |= more | {"facility"}
    if "near" in roles:
        near = True
    return Parsed(tuple(words), frozenset(roles), tuple(ascii_words(head)), tuple(a for a in anchors if a.strip()),
                  near)


def _descriptor_tail(head: str) -> str:
    """The lower-case words that end a capitalised name and are no part of it ("industrial zone" in
    "Avdiivka industrial zone"); articles and links ("Deir ez-Zor", "Port of Spain") are never one."""
    tokens = head.split()
    for i in range(1, len(tokens)):
        rest = tokens[i:]
        if all(t.isalpha() and t.islower() and t not in ARTICLES and t not in ("of", "the", "de", "la")
               and not t.startswith(("ezz", "azz"))  # an article glued in lower case: "Deir ezzor"
               for t in rest) and any(t[:1].isupper() for t in tokens[:i]):
            tail = " ".join(rest)
            return tail if head.rstrip().endswith(tail) and not set(split_qualifiers(tail)[0]) == set() else ""
    return ""


@dataclass(slots=True)
class _Hints:
    cc: str | None
    admin1: Admin1 | None
    also: tuple[Admin1, ...]  # other divisions the province text may name
    points: list[tuple[float, float, str]]  # context places: lat, lon, country
    context_cc: str | None = None  # the country most of the article's other places are in
    admin2: str | None = None  # the folded name of a district the text names ("X village (Y raion)")


class Resolver:
    """Resolves PlaceRefs against one gazetteer."""

    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer
        self._divisions: dict[str, list[tuple[Admin1, tuple[str, str]]]] = {}
        self._boxes: dict[str, list[tuple[float, float, float, float]]] = {}

    # -- lookups -------------------------------------------------------------------------
    def candidates(self, words: tuple[str, ...] | list[str], cc: str | None, skeleton: bool = True) -> list[Candidate]:
        """Rows matching a name: by folded key, then (when that finds nothing usable) by skeleton."""
        key = fold(" ".join(words))
        if not key:
            return []
        found = [c for c in self.gaz.lookup(key) if c.kind != "C" and (cc is None or c.cc == cc)]
        if not found and skeleton and len(key) >= 4:
            # Slavic countries' names are filed under a skeleton of their own (names.SLAVIC)
            for slavic in ((cc in SLAVIC,) if cc is not None else (False, True)):
                skel = skeleton_of_folded(skeleton_key(" ".join(words)), slavic)
                if len(skel) >= builder.MIN_SKELETON:
                    found += [c for c in self.gaz.lookup("~" + skel) if c.kind != "C" and (cc is None or c.cc == cc)
                              and (c.cc in SLAVIC) == slavic and _alike(key, skel, c)]
        return found

    def _context_points(self, context: tuple[str, ...]) -> list[tuple[float, float, str]]:
        """Where the article's other places are: the likeliest town of each name (anywhere)."""
        points = []
        for name in context[:8]:
            words, _ = split_qualifiers(name)
            if not words:
                continue
            key = fold(" ".join(words))
            rows = [c for c in self.gaz.lookup(key) if c.kind != "C" and c.level <= builder.ALTERNATE]
            if rows:
                best = max(rows, key=lambda c: (c.kind == "P", c.population))
                points.append((best.lat, best.lon, best.cc))
        return points

    def hints(self, ref: PlaceRef) -> _Hints:
        info = self.gaz.country(ref.country)
        cc = info.iso2 if info else None
        divisions = self.gaz.find_admin1s(ref.admin1, cc) if ref.admin1 else []
        if ref.admin1 and not divisions and cc is not None:
            # a province of another country: the province is the closer tie, the country was wrong;
            # by its name only, a look-alike spelling abroad is no such tie ("Syrian" is not Soriano)
            divisions = self.gaz.find_admin1s(ref.admin1, None, skeleton=False)
            if divisions:
                cc = divisions[0].cc
        if not divisions:  # a context place named as a province ("Idlib province") ties it there
            for name in ref.context:
                if "admin1" in split_qualifiers(name)[1] and (divisions := self.gaz.find_admin1s(name, cc)):
                    break
        if divisions and cc is None:
            cc = divisions[0].cc
        points = self._context_points(tuple(ref.context))
        counts = Counter(p[2] for p in points)
        context_cc = None
        if counts:
            top, n = counts.most_common(1)[0]
            if n >= 2 and n >= 0.6 * len(points):
                context_cc = top
        if cc is not None:
            points = [p for p in points if p[2] == cc] or ([] if context_cc is None else
                                                           [p for p in points if p[2] == context_cc])
        return _Hints(cc, divisions[0] if divisions else None, tuple(divisions[1:]), points, context_cc)

    def within(self, c: Candidate, division: Admin1, margin: float = 0.5) -> bool:
        """Whether a row may lie in a division: filed under it, or filed under no known division of
        the country and inside its bounding box widened by `margin` degrees."""
        if c.cc != division.cc:
            return False
        if c.admin1 == division.code or (c.kind == "A" and c.id == division.place):
            return True
        if (c.cc, c.admin1) in self.gaz.admin1s:
            return False
        return _in_box(c, division.box, margin)

    # -- scoring -------------------------------------------------------------------------
    def score(self, c: Candidate, roles: frozenset[str], hints: _Hints) -> float:
        value = _LEVEL_SCORE[c.level]
        if "admin1" in roles:
            value += 3.0 if c.kind == "A" else -1.5
        elif c.kind == "A":
            value -= 0.6 if "town" not in roles else 5.0
        if hints.admin1 is not None:
            if any(c.cc == d.cc and c.admin1 == d.code for d in (hints.admin1, *hints.also)):
                value += 4.0
            elif _inside(c, hints.admin1):
                value += 2.0
            else:
                value -= 1.5
        if hints.admin2 and c.admin2 and _same_district(hints.admin2, c.admin2):
            value += 4.0
        if c.local:
            value += 1.0  # a curated entry is there because GeoNames gets this place wrong or lacks it
        value += 0.45 * math.log10(c.population + 1)
        if hints.points:
            nearest = min(km(c.lat, c.lon, lat, lon) for lat, lon, _ in hints.points)
            value += 2.0 if nearest < 50 else 1.0 if nearest < 150 else 0.0
            if hints.cc is None and any(cc == c.cc for _, _, cc in hints.points):
                value += 1.5
        return value

    def best(self, words: tuple[str, ...], roles: frozenset[str], hints: _Hints,
             skeleton: bool = True, elsewhere: bool = True) -> Candidate | None:
        """The likeliest row a name stands for under the hints; `elsewhere`: a big city of that name
        outside the country given may stand for it when the country has none."""
        found = self.candidates(words, hints.cc, skeleton)
        if (hints.context_cc and hints.context_cc != hints.cc and hints.admin1 is None
                and all(c.level > builder.ALTERNATE for c in found)):
            # the country given only by a weak or no match, the article's places elsewhere: theirs;
            # with no country given, a look-alike spelling abroad is not the place either ("Rahoum"
            # among Damascus suburbs is not Rahm in Germany)
            found = self.candidates(words, hints.context_cc) or (found if hints.cc is not None else [])
        if hints.cc is None and hints.points:
            # no country given: a look-alike spelling far from all the article's other places is not
            # the place ("al-Hamadanyia" in an Aleppo story is not Hamadan in Iran)
            found = [c for c in found if c.level <= builder.ALTERNATE
                     or min(km(c.lat, c.lon, lat, lon) for lat, lon, _ in hints.points) < 300]
        if (not found and elsewhere and hints.cc is not None and hints.admin1 is None
                and hints.context_cc != hints.cc):
            # (not when the article's other places confirm the country given: "the district of Al
            # Mashhad" in an Aleppo story is not Mashhad in Iran)
            # nothing of that name in the country given, but a city of it elsewhere: the country was wrong
            key = fold(" ".join(words))
            # every row of that name anywhere (a spelling variant only where no exact name exists, so
            # the rows with an exact name are those of level ALTERNATE or better)
            anywhere = self.candidates(words, None)
            found = [c for c in anywhere
                     if c.kind == "P" and c.population >= BIG_CITY
                     and (c.level <= builder.ALTERNATE or c.cc == hints.context_cc
                          or (c.level == builder.MAIN_SKELETON and len(key) > 6
                              and _similar(key, fold(c.name), 0.8)))]
            if not found:
                # a town of that very name just across the border ("Manbij" in a story of Turkey's
                # operation in Syria): the country given was the actor's, the town is next to it
                found = [c for c in anywhere
                         if c.kind == "P" and c.level <= builder.ALTERNATE and self._next_to(c, hints.cc)]
            if not found:
                # a province, its capital or a curated place known by its own name ("Quneitra" in a
                # story the text ties to Israel by an Israeli drone): the country given was an actor's
                found = [c for c in anywhere
                         if c.level <= builder.ALTERNATE and (c.kind == "A" or c.local or self._is_capital(c))
                         and (hints.context_cc is None or c.cc == hints.context_cc)]
            if not found and hints.points:
                # a border town across from the article's other places ("Tel Abyad" in a story told
                # from Akcakale): a town of that name or a close spelling of it near them
                found = [c for c in anywhere
                         if c.kind == "P" and min(km(c.lat, c.lon, lat, lon) for lat, lon, _ in hints.points) < 100]
        if "site" in roles:
            # "Umayyad Mosque", "Omar Hospital": a site named after someone; a town's look-alike
            # spelling ("Umm al Amd") is not it ("Deir Ezzor air base" is the town's)
            found = [c for c in found if c.level <= builder.ALTERNATE or c.local]
        if "town" in roles or "near" in roles or "facility" in roles:
            found = [c for c in found if c.kind != "A"] or found
        if hints.admin1 is not None:  # a town of the same name in another province is not it...
            inside = [c for c in found if any(self.within(c, d) for d in (hints.admin1, *hints.also))]
            # ...unless the text names a city outright and the province has nothing of that name
            found = inside or [c for c in found if c.kind == "P" and c.level <= builder.ALTERNATE
                               and c.cc == hints.admin1.cc
                               and (c.population >= BIG_CITY or self._is_capital(c))]
        if not found:
            return None
        return max(found, key=lambda c: (self.score(c, roles, hints), c.population, -c.id))

    def _next_to(self, c: Candidate, cc: str, margin: float = 0.5) -> bool:
        """Whether a place lies within about 50 km (`margin` degrees) of one of a country's provinces."""
        boxes = self._boxes.get(cc)
        if boxes is None:
            boxes = self._boxes[cc] = [d.box for d in self.gaz.admin1s.values() if d.cc == cc]
        return any(_in_box(c, box, margin) for box in boxes)

    def _is_capital(self, c: Candidate) -> bool:
        """Whether a town is its province's capital (a name everyone knows: "Quneitra", "Idlib")."""
        division = self.gaz.admin1_of(c.cc, c.admin1)
        return division is not None and division.capital == c.id

    def best_part(self, words: tuple[str, ...], roles: frozenset[str], hints: _Hints,
                  capitals: bool = False) -> Candidate | None:
        """The best place named by a part of a text that as a whole names none ("Aleppo Monitor AFP"):
        the longest runs of words first; a spelling variant only of a province or a big city (or,
        with `capitals`, a province's capital: "Daraa al-Mahatta" is a part of Daraa)."""
        for size in range(len(words) - 1, 0, -1):
            starts = [i for i in range(len(words) - size + 1) if len("".join(words[i:i + size])) >= 4]
            runs = [words[i:i + size] for i in starts]
            found = [c for run in runs
                     if (c := self.best(run, roles, hints, skeleton=size > 1, elsewhere=False)) is not None
                     and (c.kind == "A" or c.population >= BIG_CITY  # a word of a missing village's name is not enough
                          or (capitals and self._is_capital(c)))]
            if not found:  # "Aleppos Salaheddin": a part of a city named after the city's possessive
                found = [c for i in starts if i + size < len(words)  # a possessive comes before what is owned
                         and len((run := words[i:i + size])[-1]) >= 5 and run[-1].endswith("s")
                         and (c := self.best(run[:-1] + (run[-1][:-1],), roles, hints, skeleton=False,
                                             elsewhere=True)) is not None
                         and (c.kind == "A" or c.population >= BIG_CITY)]
            if found:
                return max(found, key=lambda c: (self.score(c, roles, hints), c.population))
        return None

    def country_word(self, word: str) -> str | None:
        """The ISO code of the country a word names, also as a possessive or adjective ("Syrias",
        "Syrian", "Iraqi"), else None."""
        info = self.gaz.country(word, codes=False)
        if info is None:
            for suffix in ("s", "n", "an", "ian", "i", "ese", "ish"):
                if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                    info = self.gaz.country(word[: -len(suffix)], codes=False)
                    if info is not None:
                        break
        return info.iso2 if info else None

    def match_text(self, parsed: Parsed, hints: _Hints) -> tuple[Candidate | None, bool]:
        """The row a place text names, trying in turn: the whole phrase ("West Horndon", "al-Omar oil
        field"), its name without kind words, without country words ("Syrias Idlib"), then its parts.
        The flag is true when the whole phrase, kind words and all, is the name."""
        named = self.gaz.country(" ".join(parsed.full), codes=False)
        if named is not None:  # the text names a country: a town of that name only in another country
            if hints.cc is None or hints.cc == named.iso2:
                if hints.cc is None:
                    hints.cc = named.iso2
                return None, False
            return self.best(parsed.full, frozenset(), hints, skeleton=False, elsewhere=False), False
        if parsed.full != parsed.words and parsed.full:
            match = self.best(parsed.full, frozenset(), hints, skeleton=False, elsewhere=False)
            if match is not None and (match.kind != "A" or "admin1" in parsed.roles):
                return match, True
        if not parsed.words:
            return None, False
        words = tuple(w for w in parsed.words if self.country_word(w) is None)
        last = parsed.words[-1]
        if (len(last) >= 5 and last.endswith("s") and not self.candidates(parsed.words, hints.cc, skeleton=False)
                and not self.candidates(parsed.words, None, skeleton=False)):  # "Kilis" is a town, not Kili's
            # a possessive that lost its apostrophe in scraping ("Aleppos old city"), before any
            # look-alike spelling of the whole word: whole names only
            match = self.best(parsed.words[:-1] + (last[:-1],), parsed.roles, hints, skeleton=False)
            if match is not None:
                return match, False
        # with a country word in it ("Syrian", "Tong'an"), only the exact name may stand for a town
        match = self.best(parsed.words, parsed.roles, hints, skeleton=words == parsed.words)
        if match is not None:
            return match, False
        if not words:
            if hints.cc is None:
                hints.cc = self.country_word(parsed.words[0])
            return None, False
        if words != parsed.words:
            if self.gaz.country(" ".join(words), codes=False) is not None:  # "Saudi Arabia's"
                return None, False
            match = self.best(words, parsed.roles, hints)
        if match is None and len(words[-1]) >= 5 and words[-1].endswith("s"):
            # a possessive that lost its apostrophe in scraping ("Aleppos old city"): whole names only
            match = self.best(words[:-1] + (words[-1][:-1],), parsed.roles, hints, skeleton=False)
        return match or self.best_part(words, parsed.roles, hints) or self.near_spelling(words, hints), False

    def _divisions_of(self, cc: str) -> list[tuple[Admin1, tuple[str, str]]]:
        """A country's divisions, each with the loose keys of its capital's name and its own."""
        found = self._divisions.get(cc)
        if found is None:
            found = self._divisions[cc] = [
                (d, (_loose(fold(d.capital_name)), _loose(fold(d.name))))
                for d in self.gaz.admin1s.values() if d.cc == cc]
        return found

    def near_spelling(self, words: tuple[str, ...], hints: _Hints) -> Candidate | None:
        """A province or its capital spelt a little differently ("Raqa" for Raqqah), within the country:
        short names whose skeletons are too short to be indexed."""
        if hints.cc is None:
            return None
        key = fold(" ".join(words))
        if len(key) < 4:
            return None
        best, best_ratio = None, 0.8
        loose = _loose(key)
        for division, names in self._divisions_of(hints.cc):
            if hints.admin1 is not None and division != hints.admin1:
                continue
            for (name, kind), other in zip(((division.capital_name, "P"), (division.name, "A")), names):
                matcher = SequenceMatcher(None, loose, other)
                if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
                    continue  # an upper bound of the ratio already below the best: neither better nor a tie
                ratio = matcher.ratio()
                if ratio > best_ratio or (ratio == best_ratio and kind == "P" and best is not None):
                    best_ratio = ratio
                    best = Candidate(division.capital if kind == "P" else division.place, name, division.lat,
                                     division.lon, division.cc, division.code, None, 0, kind,
                                     builder.ALTERNATE_SKELETON)
        return best

    # -- the answer ----------------------------------------------------------------------
    def resolve(self, ref: PlaceRef) -> Place | None:
        """The place a PlaceRef names, or None when neither it nor its province can be found."""
        hints = self.hints(ref)
        parsed = parse(ref.text or "")
        anchor_admin1 = None
        for anchor in parsed.anchors:  # "X, Donetsk oblast": an anchor may name the province
            if self.gaz.country(anchor) is None:
                anchor_admin1 = self.gaz.find_admin1(anchor, hints.cc)
                if anchor_admin1 is not None:
                    break
        for anchor in parsed.anchors:  # "X village (Volnovakha raion)": the district picks among homonyms
            words, roles = split_qualifiers(anchor)
            if words and "admin2" in roles:
                hints.admin2 = fold(" ".join(words))
                break
        if hints.admin1 is None and anchor_admin1 is not None:
            hints.admin1 = anchor_admin1
            hints.cc = hints.cc or anchor_admin1.cc
        if parsed.full and parsed.full[-1] in _STREET_WORDS:
            # "Oxford Street" in a Belfast story, "Baghdad Street" in Damascus: a street of a city
            # named after another place; only the whole name may match, never the namesake town
            parsed = dataclasses.replace(parsed, words=())
        match, whole = self.match_text(parsed, hints)
        if match is not None and match.kind == "P" and not match.local and parsed.anchors:
            # "al-Rasafa in Raqqa": a namesake of the place far from the town the text puts it in is
            # not it; the place is near that town
            words, roles = split_qualifiers(parsed.anchors[0])
            tie = self.best(tuple(words), frozenset(roles), hints, skeleton=False) if words else None
            if tie is not None and tie.kind == "P" and km(match.lat, match.lon, tie.lat, tie.lon) > 100:
                return self._place(tie, parsed, ref, precision=2)
        if match is not None:
            if whole:  # the kind words were part of the name: "West Horndon", "Oil City", "Junction City"
                facility = match.local or match.feature != "P"  # "al-Omar oil field" is a site, not a town
                parsed = dataclasses.replace(parsed, roles=parsed.roles & ({"facility"} if facility else set()),
                                             near=False)
            return self._place(match, parsed, ref)
        # missing: a known place the text ties it to ("X near Y", "X, Y district"), else the province
        for anchor in parsed.anchors:
            words, roles = split_qualifiers(anchor)
            if not words or self.gaz.country(anchor) is not None:
                continue
            # "... in Daraa al-Mahatta neighborhood": the town a part of the anchor names
            match = (self.best(tuple(words), frozenset(roles), hints)
                     or self.best_part(tuple(words), frozenset(roles), hints, capitals=True))
            if match is not None and match.kind != "A":
                return self._place(match, parsed, ref, precision=2)
            if match is not None and (division := self.gaz.admin1_of(match.cc, match.admin1)) is not None:
                return self._province(division, matched=None)
        division = hints.admin1 or anchor_admin1
        if division is not None:
            return self._province(division, matched=None)
        return self._context_province(ref, hints)

    def _context_province(self, ref: PlaceRef, hints: _Hints) -> Place | None:
        """For a text that names nothing known and no province: the province of the article's first
        known place (precision 3), as a coder codes an incident told without a usable place; the
        dateline, where the story was filed, is only taken when nothing else is known."""
        names = [n for n in ref.context if not n.isupper()] + [n for n in ref.context if n.isupper()]
        # a text that is itself a country ("in neighbouring Iraq") is sure of it: no province abroad
        sure = hints.cc if self.gaz.country(ref.text or "", codes=False) is not None else None
        for name in names[:10]:
            words, roles = split_qualifiers(name)
            if not words or self.gaz.country(name, codes=False) is not None:
                continue
            words = tuple(w for w in words if self.country_word(w) is None)
            match = self.best(words, frozenset(roles), hints, skeleton=False, elsewhere=False) if words else None
            if match is None and len(words) > 1:  # "Atareb Aleppo": a province or big city among the words
                match = self.best_part(words, frozenset(roles), hints) or (
                    self.best_part(words, frozenset(roles), dataclasses.replace(hints, cc=None))
                    # the country given was an actor's: none of the article's places is in it
                    if hints.cc is not None and hints.admin1 is None and not hints.points else None)
            if match is None and words:
                # a province, its capital or a big city spelt another way ("Deir Ezzor"), or named outside
                # the country the text gave (an actor's country): only those, never a village's look-alike
                match = self.best(words, frozenset(roles), hints, skeleton=True, elsewhere=True)
                if match is not None and not (match.kind == "A" or match.population >= BIG_CITY
                                              or self._is_capital(match)):
                    match = None
            if match is None or (sure is not None and match.cc != sure):
                continue
            division = (self.gaz.admin1_by_place.get(match.id) if match.kind == "A"
                        else self.gaz.admin1_of(match.cc, match.admin1))
            if division is not None:
                return self._province(division, matched=None)
        return None

    def _place(self, c: Candidate, parsed: Parsed, ref: PlaceRef, precision: int | None = None) -> Place:
        if c.kind == "A":
            return self._province(self.gaz.admin1_by_place[c.id], matched=c.name)
        if precision is None:
            precision = 1
            if parsed.near or ref.near or parsed.roles & {"near", "facility", "admin2"}:
                precision = 2
            elif c.local and c.feature != "P":
                precision = 2
        division = self.gaz.admin1_of(c.cc, c.admin1)
        return self._make(c.name, c.lat, c.lon, c.cc, precision, division, c.admin2,
                          None if c.local else c.id, c.name)

    def _province(self, division: Admin1, matched: str | None) -> Place:
        return self._make(division.capital_name, division.lat, division.lon, division.cc, 3, division,
                          None, division.capital, matched)

    def _make(self, name: str, lat: float, lon: float, cc: str, precision: int, division: Admin1 | None,
              admin2: str | None, geonameid: int | None, matched: str | None) -> Place:
        info = self.gaz.countries.get(cc)
        return Place(location=ascii_name(name), latitude=round(lat, 5), longitude=round(lon, 5),
                     country=info.name if info else cc, iso=info.isonum if info else None,
                     iso3=info.iso3 if info else "", geo_precision=precision,
                     admin1=ascii_name(division.name) if division else None,
                     admin2=ascii_name(admin2) if admin2 else None,
                     region=info.region if info else None, geonameid=geonameid, matched=matched)


def _same_district(key: str, admin2: str) -> bool:
    """Whether a district named in a text ("volnovakha") is a GeoNames admin2 name ("Volnovakhskyi
    Raion", "Volnovakha Raion"): the same stem, adjective endings aside."""
    words, _ = split_qualifiers(admin2)
    other = fold(" ".join(words)) if words else fold(admin2)
    common = len(os.path.commonprefix([key, other]))
    return common >= 5 and common >= min(len(key), len(other)) - 2


def _loose(key: str) -> str:
    """A folded key without doubled letters or a final h after a vowel ("raqqah" and "raqa" agree)."""
    return re.sub(r"(?<=[aeiouy])h$", "", re.sub(r"(.)\1+", r"\1", key))


def _alike(key: str, skel: str, c: Candidate) -> bool:
    """Whether a skeleton match is a spelling of the same name, not a collision of short skeletons
    ("Aleppo" and "Ulyap" share "alp"): the main name must look alike, or the skeleton be long."""
    if c.local:
        return True
    if c.level == builder.MAIN_SKELETON:
        # short names differ by a letter or two and still name other places ("Golan", "Gilon")
        return _similar(key, fold(c.name), 0.6 if len(key) > 6 else 0.75)
    # a short skeleton of another spelling: only where the name looks like the main one ("Boukamal", Albu Kamal)
    return len(skel) >= 5 or (len(key) >= 6 and _similar(key, fold(c.name), 0.8))


@lru_cache(maxsize=8192)  # the same few names are compared again and again
def _similar(a: str, b: str, least: float) -> bool:
    """Whether SequenceMatcher's ratio of two strings is at least `least`, its cheap upper bounds first."""
    matcher = SequenceMatcher(None, a, b)
    return matcher.real_quick_ratio() >= least and matcher.quick_ratio() >= least and matcher.ratio() >= least


def _in_box(c: Candidate, box: tuple[float, float, float, float], margin: float) -> bool:
    """Whether a row lies in a bounding box (south, north, west, east) widened by `margin` degrees."""
    south, north, west, east = box
    return south - margin <= c.lat <= north + margin and west - margin <= c.lon <= east + margin


def _inside(c: Candidate, division: Admin1) -> bool:
    return c.cc == division.cc and _in_box(c, division.box, 0.0)


_RESOLVERS: dict[int, Resolver] = {}


def resolver(gazetteer: Gazetteer | None = None) -> Resolver:
    """The resolver over a gazetteer (default: the shared one)."""
    gaz = gazetteer or open_gazetteer()
    found = _RESOLVERS.get(id(gaz))
    if found is None or found.gaz is not gaz:
        found = _RESOLVERS[id(gaz)] = Resolver(gaz)
    return found


def geocode(ref: PlaceRef, gazetteer: Gazetteer | None = None) -> Place | None:
    """The Place a PlaceRef names, with ACLED's geo_precision; None when it cannot be placed."""
    return resolver(gazetteer).resolve(ref)
