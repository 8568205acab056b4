"""Actor mentions: the alias table of data/actors.tsv, matched with one automaton pass.

Aliases written with capitals match with those capitals only ("IS", never the verb "is");
lower-case aliases match in any case. The longest alias wins where matches overlap.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

import ahocorasick

from warwatch.memo import remembered


@dataclass(frozen=True, slots=True)
class Actor:
    """One line of the alias table."""

    canonical: str
    inter: int
    country: str | None

    @property
    def generic(self) -> bool:
        return "{country}" in self.canonical

    @property
    def inter_of_members(self) -> tuple[int, ...]:
        """The inter code of the generic words that name this group's members: a rebel group's or a
        militia's members are gunmen, militants, bombers (3: the unidentified armed group's words) or
        rebels (2); a state's or a foreign force's are troops, soldiers (1)."""
        return {2: (2, 3), 3: (2, 3), 4: (2, 3), 1: (1,), 8: (1,)}.get(self.inter, ())

    def name_in(self, country: str | None, year: int | None = None) -> str:
        """The actor's name, a generic one filled with the incident's country: "Military Forces of
        Syria (2000-)", the table's name for that country's forces in the incident's year, where the
        table has one (with no year, one whose period is still open)."""
        if not self.generic:
            # a force named for its government's term: "Military Forces of the United States
            # (2009-2017)" for an incident of 2016 (rows with no aliases of their own name the terms)
            period = _PERIOD.match(self.canonical) if year is not None else None
            return (period and _in_term(period["base"], year)) or self.canonical
        if country:
            filled = self.canonical.replace("{country}", country)
            return _in_term(filled, year) or filled
        return self.canonical.replace(" of {country}", "").replace(" ({country})", "")


def _in_term(base: str, year: int | None) -> str | None:
    """The table's name for `base` in the period that holds `year` (with no year, the open one)."""
    for start, end, name in _PERIODS.get(base, ()):
        if (end is None if year is None else start <= year and (end is None or year <= end)):
            return name
    return None


# "Military Forces of Syria" -> [(2000, None, "Military Forces of Syria (2000-)")]: names of the table
# that carry a period, by their name without it (filled when the table is read)
_PERIODS: dict[str, list[tuple[int, int | None, str]]] = {}
_PERIOD = re.compile(r"^(?P<base>.+) \((?P<start>\d{4})-(?P<end>\d{4})?\)$")


@dataclass(frozen=True, slots=True)
class ActorMention:
    """An actor named in a text, with its span there and the alias as written."""

    actor: Actor
    start: int
    end: int
    text: str


# An actor's name used as a modifier of another actor ("U.S.-led", "Iranian-backed", "Kurdish-dominated").
_MODIFIER_AFTER = re.compile(r"-(?:led|backed|based|allied|aligned|dominated|supported|trained|funded|sponsored)\b", re.I)
# What may stand between a named group and the generic word for its members ("IS suicide car bomber").
_MEMBER_GAP = re.compile(r"(?: (?:suicide|car|truck|motorcycle|motorbike|armed|masked|suspected|alleged|would-be|"
                         r"local|foreign|senior|top|female|male|teenage|heavily|lone|two|three|four|five|several))* ",
                         re.I)


# A unit, post or member of a named actor, written right after its name, with up to two words between.
_UNIT = re.compile(r"(?:['’]s)?(?:[\s-]+(?:[A-Z][\w]*|foot|military|forward|front|border|local|regional|main|mobile|"
                   r"armou?red|supply|security|special)){0,2}?[\s-]+(?:patrols?|convoys?|bases?|checkpoints?|units?|brigades?|"
                   r"battalions?|posts?|outposts?|camps?|positions|cells?|wing|commanders?|members|headquarters)\b")


def _forms(alias: str) -> list[str]:
    if alias.endswith("*"):
        stem = alias[:-1]
        return [stem, stem + "s", stem + "es"]
    return [alias]


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class ActorTable:
    """The alias table compiled into two automata (case-folded and case-kept)."""

    def __init__(self, lines: list[str]) -> None:
        self.actors: list[Actor] = []
        self.aliases: dict[str, list[str]] = {}
        self._folded = ahocorasick.Automaton()
        self._cased = ahocorasick.Automaton()
        for line in lines:
            if not line.strip() or line.startswith("#"):
                continue
            canonical, inter, country, aliases = line.rstrip("\n").split("\t")
            actor = Actor(canonical, int(inter), country or None)
            self.actors.append(actor)
            self.aliases[canonical] = [a for a in aliases.split("|") if a]
            for alias in filter(None, aliases.split("|")):
                for form in _forms(alias):
                    if form != form.lower():
                        self._cased.add_word(form, (form, actor))
                    elif form.lower() not in self._folded:
                        self._folded.add_word(form.lower(), (form, actor))
        self._folded.make_automaton()
        self._cased.make_automaton()
        self.by_name = {a.canonical: a for a in self.actors}
        # the rules ask for the actors of the same sentences and names again and again (2 calls in 3)
        self._remembered = remembered(1024)(self._mentions)
        for actor in self.actors:
            period = _PERIOD.match(actor.canonical)
            if period:
                _PERIODS.setdefault(period["base"], []).append(
                    (int(period["start"]), int(period["end"]) if period["end"] else None, actor.canonical))

    def mentions(self, text: str) -> list[ActorMention]:
        """Actor mentions in `text`, left to right, longest first where they overlap."""
        return list(self._remembered(text))

    def _mentions(self, text: str) -> tuple[ActorMention, ...]:
        found = []
        for automaton, haystack in ((self._folded, text.lower()), (self._cased, text)):
            if not len(automaton):
                continue
            for end, (form, actor) in automaton.iter(haystack):
                start = end - len(form) + 1
                if start > 0 and _is_word_char(text[start - 1]):
                    continue
                if end + 1 < len(text) and _is_word_char(text[end + 1]):
                    continue
                if _MODIFIER_AFTER.match(text, end + 1):
                    continue  # "the U.S.-led coalition", "Saudi-backed forces": names another actor
                found.append(ActorMention(actor, start, end + 1, text[start:end + 1]))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        chosen: list[ActorMention] = []
        for mention in found:
            if chosen and mention.start < chosen[-1].end:
                continue
            last = chosen[-1] if chosen else None
            if (last is not None and not last.actor.generic and mention.actor.generic
                    and mention.actor.inter in last.actor.inter_of_members
                    and _MEMBER_GAP.fullmatch(text, last.end, mention.start)):
                # a named group's members ("Taliban gunmen", "an Islamic State suicide car bomber"): one
                # mention of the group
                chosen[-1] = ActorMention(last.actor, last.start, mention.end, text[last.start:mention.end])
                continue
            chosen.append(mention)
        extended = [self._with_unit(text, m) for m in chosen]
        return tuple(long if i + 1 == len(chosen) or long.end <= chosen[i + 1].start else short
                     for i, (short, long) in enumerate(zip(chosen, extended)))

    @staticmethod
    def _with_unit(text: str, mention: ActorMention) -> ActorMention:
        """A named actor's unit or post named right after it ("the IRA's Belfast brigade", "a NATO-Afghan
        foot patrol", "Taliban positions") is the actor: the mention covers it."""
        if mention.actor.generic:
            return mention
        unit = _UNIT.match(text, mention.end)
        if unit is None:
            return mention
        return ActorMention(mention.actor, mention.start, unit.end(), text[mention.start:unit.end()])


@functools.lru_cache(maxsize=1)
def actor_table() -> ActorTable:
    """The shipped alias table."""
    text = resources.files("warwatch.data").joinpath("actors.tsv").read_text(encoding="utf-8")
    return ActorTable(text.splitlines())


@functools.lru_cache(maxsize=1)
def _country_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    text = resources.files("warwatch.data").joinpath("countries.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, aliases = line.split("\t")
        for alias in aliases.split("|"):
            automaton.add_word(alias, (alias, name))
    automaton.make_automaton()
    return automaton


def country_mentions(text: str, lost_apostrophe: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, country) for every country name or adjective in `text`; with `lost_apostrophe`,
    also a country's name with a possessive that lost its apostrophe ("Syrias second city")."""
    return list(_country_mentions(text, lost_apostrophe))


@remembered(1024)  # the same names and sentences are looked up again and again (2 calls in 3)
def _country_mentions(text: str, lost_apostrophe: bool) -> tuple[tuple[int, int, str], ...]:
    lowered = text.lower()
    found = []
    for end, (alias, name) in _country_automaton().iter(lowered):
        start = end - len(alias) + 1
        if start > 0 and _is_word_char(lowered[start - 1]):
            continue
        if end + 1 < len(lowered) and _is_word_char(lowered[end + 1]):
            # "Syria's" is fine; "Syrians" is its own alias; "Syrias" only with `lost_apostrophe`
            possessive = lowered.startswith(("’s", "'s"), end + 1) or (
                lost_apostrophe and alias == name.lower() and lowered[end + 1] == "s"
                and not _is_word_char(lowered[end + 2:end + 3] or " "))
            if not possessive:
                continue
        if re.match(r"-(?:based|born)\b", lowered[end + 1:end + 8]):
            continue
        if alias in ("georgia", "jordan", "chad", "niger", "guinea", "polish") and not text[start].isupper():
            continue
        found.append((start, end + 1, name))
    found.sort()
    chosen: list[tuple[int, int, str]] = []
    for item in found:
        if chosen and item[0] < chosen[-1][1]:
            if item[1] - item[0] > chosen[-1][1] - chosen[-1][0]:
                chosen[-1] = item
            continue
        chosen.append(item)
    return tuple(chosen)


_COUNTRY_GROUP = re.compile(r"^(?P<base>Unidentified Armed Group|Opposition Rebels|Protesters|Rioters|Civilians) "
                            r"\((?P<country>[^()]+)\)$")


def for_country(name: str | None, country: str | None) -> str | None:
    """A group named after the country it acts in ("Unidentified Armed Group (Russia)", filled from
    the article's country before the place was known) renamed for the country the place is in."""
    found = _COUNTRY_GROUP.match(name or "")
    if not found or not country or found["country"] == country:
        return name
    return f"{found['base']} ({country})"

