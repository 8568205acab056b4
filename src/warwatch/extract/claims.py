"""Casualty claims: who says how many of whom were killed, injured, displaced, captured...

Each count in a sentence is tied to the words it counts (the victims as written) and to the
verb that says what happened to them; the claimant is the one the sentence quotes ("the
Observatory said", "according to police"); a figure "since" a date or "so far" is a running
tally, never one incident (CLARIFICATIONS.md §2, §3).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from re import _parser

from warwatch.extract.actors import actor_table
from warwatch.extract.dates import _MONTH, WEEKDAYS, _month, resolve_date
from warwatch.extract.numbers import Count, find_counts, word_value
from warwatch.prefilter import Folded, folded_text

# What happened to the victims, by the verb or noun that says it.
QUANTITY_WORDS = (
    ("killed", r"killed|dead|died|die|slain|shot dead|lost their lives|lost his life|lost her life|"
               r"massacred|executed|beheaded|deaths?|fatalities|bodies|martyrs|martyred"),
    ("injured", r"wounded|injured|hurt|injuries|maimed|hospitali[sz]ed"),
    ("evacuated", r"evacuated|rescued"),
    ("displaced", r"displaced|fled|fleeing|forced (?:to flee|from their homes)|left (?:the|their) (?:area|homes|town|city|villages?)|uprooted|made homeless"),
    ("captured", r"captured|taken prisoner|taken captive|abducted|kidnapped|seized|taken hostage"),
    ("arrested", r"arrested|detained|rounded up|taken into custody|apprehended"),
    ("missing", r"missing|unaccounted for|disappeared"),
)
_VERB = re.compile("|".join(rf"(?P<{q}>\b(?:{words})\b)" for q, words in QUANTITY_WORDS), re.I)
_KILLING = re.compile(r"\b(?:killing|killed|leaving|left|wounding|injuring|wounded|injured|claiming the lives of|"
                      r"executed|executing|beheaded|beheading|massacred|massacring|shot dead|shooting dead|"
                      r"displaced|displacing|uprooted|uprooting|forced out|"
                      r"death toll (?:rose|climbed|reached|stood|stands|rises|has risen) (?:to|at)|"
                      r"toll (?:rose|climbed|reached) to|"
                      r"(?:put|puts|putting|raised|raising|gave|giving) the (?:death )?toll (?:at|to)(?: least at)?|"
                      r"death toll (?:of|at))\s*$", re.I)
_AFTER_TO_QUANTITY = {"killing": "killed", "killed": "killed", "wounding": "injured", "injuring": "injured",
                      "wounded": "injured", "injured": "injured", "displaced": "displaced",
                      "displacing": "displaced", "uprooted": "displaced", "uprooting": "displaced",
                      "forced": "displaced",
                      "claiming": "killed", "death": "killed", "toll": "killed"}  # executed, shot (dead) ...: killed
_VICTIM = re.compile(r"\s*(?:of\s+)?(?:(?:the|them|their|whom|whom were)\s+)?"
                     r"((?:[\w'’.-]+\s+){0,4}?(?:people|persons|civilians|soldiers|troops|fighters|militants|"
                     r"gunmen|attackers|assailants|rebels|insurgents|policemen|police officers|officers|police|"
                     r"children|women|men|residents|villagers|members|jihadists|extremists|terrorists|"
                     r"militiamen|passengers|workers|students|protesters|demonstrators|others|guards|"
                     r"teenagers|worshippers|pilgrims|refugees|migrants|families|recruits|personnel|"
                     r"bombers?|soldier|civilian|child|woman|man|boy|girl|person|officer|policeman|fighter|"
                     r"militant|journalists?|farmers|herders|students|detainees|prisoners|hostages|"
                     r"employees|staff|patients|doctors|tourists|pupils|individuals)\b"
                     r"(?:\s+and\s+(?:teenagers|children|women))?)", re.I)
CIVILIAN_WORDS = re.compile(r"\b(?:civilians?|children|child|women|woman|residents|villagers|passengers|"
                            r"students|worshippers|pilgrims|refugees|migrants|families|farmers|herders|"
                            r"journalists?|tourists|pupils|patients|doctors|teenagers|boys?|girls?|protesters|"
                            r"demonstrators)\b", re.I)
COMBATANT_WORDS = re.compile(r"\b(?:soldiers?|troops|fighters?|militants?|gunmen|attackers|assailants|"
                             r"rebels|insurgents|policem[ae]n|police|officers?|jihadists|extremists|"
                             r"terrorists|militiamen|guards|recruits|personnel|bombers?|combatants|"
                             r"members of (?:the )?(?:security|armed))\b", re.I)
_TALLY = re.compile(r"\b(?:since (?:the (?:start|beginning|outbreak)|then|it began|(?:the |its |their )?\w+ (?:began|started|launched))|"
                    r"since (?:early |late |mid-?)?(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|the|last|its)\w*|"
                    r"so far this|so far|to date|in total|overall|in all(?=\s*[,.;:]|\s*$)|"
                    r"over the (?:past|last) (?:\w+ )?(?:weeks|months|years|days)|in recent (?:weeks|months|days|years)|"
                    r"(?:this|last) year|cumulative|altogether|death toll (?:in|of) the (?:war|conflict)|"
                    # untold thousands killed over time: "Assad's warplanes have killed thousands of children"
                    r"(?:has|have)\s+(?:\w+\s+)?(?:killed|displaced|uprooted|claimed)\s+(?:many\s+|tens\s+of\s+|hundreds\s+of\s+)?"
                    r"(?:hundreds|thousands|millions)\b(?!\s+(?:in|on|at)\s+(?:the\s+)?(?:attack|blast|bombing|strike|massacre))|"
                    r"(?:tens\s+of\s+|hundreds\s+of\s+)?(?:thousands|millions)\s+(?:of\s+[\w-]+\s+)?(?:have|had)\s+been\s+"
                    r"(?:killed|displaced|uprooted)|"
                    # a toll of the whole war: "the war has killed", "killed in Syria's conflict"
                    r"(?:war|conflict|insurgency|uprising|crisis)(?:\s+\w+){0,4}?\s+(?:has|have|had)\s+"
                    r"(?:\w+\s+)?(?:killed|claimed|left|displaced|uprooted|forced)|"
                    r"(?:killed|died|dead|displaced|lost their lives)\s+(?:in|during|throughout)\s+"
                    r"(?:the|its|this|[\w'’]+s?)\s+(?:[\w-]+\s+){0,2}?(?:war|conflict|insurgency|uprising|crisis)"
                    r"(?![\s-]+(?:zone|area|hit|torn|affected|ravaged)))\b", re.I)
_SINCE = re.compile(r"\bsince\b(?P<rest>[^,;]{0,80})", re.I)
# The verbs one of which ends every match of the second claimant pattern (case-sensitive).
_CLAIM_VERBS = ("said", "says", "say", "reported", "reports", "told", "announced", "stated", "claimed", "added",
                "tweeted", "confirmed", "estimated", "counted", "documented", "specified", "noted")
_CLAIMANT = (
    re.compile(r"\baccording to (?P<who>(?:the |a )?(?:[\w'’.-]+\s+){0,6}?[\w'’.-]+?)(?=[,.;]|$| said| who| which| (?:they|it|he|she|there|at least|more than)\b)", re.I),
    re.compile(r"(?P<who>\b(?:The |the |A |a )?(?:[A-Z][\w'’.-]*[\s-]+|for\s+|of\s+|and\s+|a\s+war\s+|monitor\s+){0,8}"
               r"(?:[A-Z][\w'’.-]*|It|He|She|They|\b(?:it|he|she|they)|(?:(?:an?|the|one|another|local|senior|military|security|"
               r"medical|hospital|government|army|police|rebel|opposition|aid|rights|humanitarian|relief|monitoring|"
               r"observatory|activist|"
               r"health|state|[A-Z][\w'’.-]*)\s+){0,3}"
               r"(?:officials?|spokes(?:man|woman|person)|sources?|commanders?|governor|witness(?:es)?|"
               r"residents?|activists?|monitors?|medics?|doctors?|ministry|army|military|police|rescuers|"
               r"agency|agencies|observatory|groups?|organi[sz]ations?|authorities|media|reporters?|"
               r"correspondents?)))"
               # "Activists in Deir Ezzor said": the place is where they are, not who they are
               r"(?:\s+in\s+(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}|the\s+(?:city|town|area|province|region|"
               r"village|capital|country|camp)))?"
               r"(?:,[^,]{2,60},)?(?:\s+(?:also|further|later|earlier|separately|previously|initially))?"
               r"\s+(?:" + "|".join(_CLAIM_VERBS) + r")\b"),
    re.compile(r"\b(?:said|says|reported|told|announced|claimed|confirmed)\s+(?P<who>(?:the\s+)?(?:[A-Z][\w'’.-]*\s*){1,6})"),
)
# "... across the country, UN estimates suggest": figures that speak for their maker
_ESTIMATE_WORDS = ("estimates", "figures", "data", "statistics", "tallies")
_ESTIMATES = re.compile(r"(?P<who>(?:the\s+)?(?:[A-Z][\w'’.-]*\s+){1,4})(?:own\s+)?(?:estimates|figures|data|statistics|tallies)"
                        r"\s+(?:show|showed|shows|suggest|suggested|suggests|indicate|indicated|indicates)\b")
_NOBODY = {"The", "These", "Those", "Official", "Other", "Such", "Its", "Their"}
_PRONOUNS = {"it", "he", "she", "they"}
_CLAIMANT_FOLDED = (Folded(_CLAIMANT[0], length=5), None, Folded(_CLAIMANT[2], length=5))
_TALLY_FOLDED = Folded(_TALLY, length=5)
_INCLUDING = re.compile(r"\b(?:including|among them|of whom|of them|among whom)\s*$", re.I)


def _tail_searcher(pattern: re.Pattern):
    """`pattern.search(text)` for a pattern `X\\s*$` whose X is at most W characters: a match ends
    where the text's trailing whitespace begins (or later), so it starts no earlier than W before
    that; the search starts there instead of at every position of a long text."""
    source = pattern.pattern
    if not source.endswith(r"\s*$"):
        return pattern.search
    width = _parser.parse(source[:-4], pattern.flags).getwidth()[1]
    search = pattern.search

    def tail_search(text: str) -> re.Match | None:
        return search(text, max(0, len(text.rstrip()) - width))
    return tail_search


_killing_before = _tail_searcher(_KILLING)
_including_before = _tail_searcher(_INCLUDING)


@dataclass(frozen=True, slots=True)
class Figure:
    """A casualty figure found in one sentence, before it becomes a Claim (offsets in the sentence)."""

    quantity: str
    count: Count | None
    victims: str
    victim_type: str
    victim_actor: str | None
    part_of_previous: bool  # "including 144 children": a part of the figure before it


def victim_type_of(victims: str) -> str:
    """civilians, combatants or unknown, from the words naming the victims."""
    if COMBATANT_WORDS.search(victims) and not re.search(r"\bcivilians?\b", victims, re.I):
        return "combatants"
    if CIVILIAN_WORDS.search(victims):
        return "civilians"
    return "unknown"


def victim_actor_of(victims: str, victim_type: str, country: str | None) -> str | None:
    """The canonical actor the victims belong to, when the words name one."""
    mentions = [m for m in actor_table().mentions(victims)
                if m.actor.inter and (m.actor.inter != 7 or victim_type == "civilians")]
    if mentions:
        return mentions[0].actor.name_in(country)
    if victim_type == "civilians":
        return actor_table().by_name["Civilians ({country})"].name_in(country)
    return None


def _quantity_after(text: str, start: int) -> str | None:
    """The quantity named by the first casualty verb after `start` in the same clause."""
    window = text[start:start + 90]
    cut = re.search(r"[;:]|\bwhile\b|\bbut\b|\band (?:said|says)\b", window)
    if cut:
        window = window[:cut.start()]
    m = _VERB.search(window)
    if not m:
        return None
    between = window[:m.start()]
    if re.search(r"\b(?:attacked|attack|clashed|stormed|used|managed|fled to|are|is)\b", between) and m.lastgroup != "killed":
        return None
    if re.search(r"\b(?:attacked|clashed with)\b", between):
        return None
    return m.lastgroup


# Matched at a count's end (pattern.match(sentence, end) reads the same characters as a match on
# the rest of the sentence: none of these looks behind).
_UNIT_AFTER = re.compile(r"\s*(?:percent|per cent|%|km|kilomet|miles?|square|years?|months?|weeks?|days?|hours?|"
                         r"minutes?|a\.m|p\.m|am\b|pm\b|mm\b|meters?|metres?)", re.I)
# "killed 30,000 ... and displaced some two million.", "displaced 11 million since 2011": the object is implied
_OBJECT_IMPLIED = re.compile(r"\s*(?:[.,;]|and\b|$|(?:since|in|inside|across|throughout|during|over|within|from|"
                             r"on|near|outside|overnight|yesterday|today|last)\b)")
# "11 million displaced", "14 people were killed"
_PASSIVE_AFTER = re.compile(r"\s+(?:were|have been|had been|was|are|dead|killed|died|wounded|injured|displaced|"
                            r"uprooted|evacuated)\b")


def figures_in(sentence: str, country: str | None) -> list[Figure]:
    """Every casualty figure in one sentence."""
    figures: list[Figure] = []
    counts = find_counts(sentence)
    for index, count in enumerate(counts):
        if _UNIT_AFTER.match(sentence, count.end):
            continue
        if index + 1 < len(counts) and not sentence[count.end:counts[index + 1].start].strip():
            continue  # "Get short URL 113 At least nine people were killed": a count counts no count
        if count.text.isdigit() and int(count.text) <= 31 and re.search(
                r"(?:\b(?:on|in|since|of|by)\s+(?:\w+\.?\s+)?|[-/])$", sentence[:count.start]):
            # "on Sept. 10", "in 2019": a date, not a count
            if re.search(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\w*\.?\s+$", sentence[:count.start], re.I):
                continue
        if re.fullmatch(r"(?:19|20)\d\d", count.text):
            continue
        before = sentence[:count.start]
        if re.search(r"\bno\s+$", before, re.I):
            continue  # "if no one evacuated"
        victim = _VICTIM.match(sentence, count.end)
        if victim and re.search(r"\d|\bthat\b", victim.group(1)):
            victim = None  # "85 adding that 50 civilians": the words lead to another figure
        lead = _killing_before(before)
        if lead and "toll" in lead.group(0).lower():
            # "put the death toll at 85": a death toll whatever follows
            quantity, victims = "killed", victim.group(1) if victim else ""
        elif lead and victim:
            word = lead.group(0).split()[0].lower()
            quantity = _AFTER_TO_QUANTITY.get(word, "killed")
            if word in ("leaving", "left"):
                quantity = _quantity_after(sentence, victim.end()) or "killed"
            victims = victim.group(1)
        elif victim:
            quantity = _quantity_after(sentence, victim.end())
            victims = victim.group(1)
        elif lead and _OBJECT_IMPLIED.match(sentence, count.end):
            quantity = _AFTER_TO_QUANTITY.get(lead.group(0).split()[0].lower(), "killed")
            victims = ""
        else:
            quantity = _quantity_after(sentence, count.end) if _PASSIVE_AFTER.match(sentence, count.end) else None
            victims = ""
        if quantity is None:
            continue
        if quantity == "displaced" and victim_type_of(victims) == "combatants":
            continue
        vtype = victim_type_of(victims)
        figures.append(Figure(quantity, count, victims.strip(), vtype, victim_actor_of(victims, vtype, country),
                              bool(_including_before(before))))
    figures.extend(_uncounted(sentence, figures, country))
    return figures


_CASUALTIES = re.compile(r"\b(?:casualties|killed or (?:wounded|injured)|dead or (?:wounded|injured)|"
                         r"killing (?:and|or) (?:wounding|injuring))\b", re.I)
_PLURAL_DEATH_VERBS = ("killed", "wounded", "injured")
_PLURAL_NOUNS = (r"(?:people|civilians|soldiers|fighters|militants|attackers|gunmen|troops|rebels|policemen|residents|"
                 r"villagers)")
_PLURAL_DIED = r"\s+(?:were|have been|had been)\s+(?:\w+ )?(?P<verb>" + "|".join(_PLURAL_DEATH_VERBS) + r")\b"
_PLURAL_DEATHS = re.compile(r"\b(?P<victims>(?:most of |some of |many of )?(?:the )?(?:\w+ )?" + _PLURAL_NOUNS + ")"
                            + _PLURAL_DIED, re.I)
# It may start with any word, so has no keys; every match holds its noun and verb: searched only
# where they stand together
_PLURAL_DEATHS_FOLDED = Folded(_PLURAL_DEATHS, needs=re.compile(_PLURAL_NOUNS + _PLURAL_DIED, re.I))
_CASUALTIES_FOLDED = Folded(_CASUALTIES, length=5)


def _uncounted(sentence: str, counted: list[Figure], country: str | None) -> list[Figure]:
    """Deaths with no number: "casualties" (null figure) and plural deaths (3, CLARIFICATIONS §2)."""
    extra = []
    folded = folded_text(sentence)
    m = _CASUALTIES_FOLDED.search(sentence)  # the folded text just made: folded_text keeps it
    if m and not any(f.quantity == "killed" for f in counted):
        extra.append(Figure("killed", None, m.group(0), "unknown", None, False))
    if not any(verb in folded for verb in _PLURAL_DEATH_VERBS):
        return extra  # every plural death names one of its verbs (as the folded text reads it)
    for m in _PLURAL_DEATHS_FOLDED.finditer(sentence):
        quantity = "killed" if m["verb"].lower() == "killed" else "injured"
        if any(f.quantity == quantity for f in counted + extra):
            continue
        victims = m["victims"]
        if re.match(r"\s*(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|dozens|scores|hundreds|several|a few)",
                    victims, re.I):
            continue
        vtype = victim_type_of(victims)
        count = Count(3, 3, victims, m.start(), m.start(), vague=True)
        extra.append(Figure(quantity, count, victims, vtype, victim_actor_of(victims, vtype, country), False))
    return extra


_NOT_A_CLAIMANT_START = frozenset(WEEKDAYS) | {"and", "on", "of", "for", "to", "in", "at", "by", "late", "early",
                                               "but", "yet", "however", "meanwhile", "also"}
_DETERMINERS = {"a", "an", "the"}


def _tidy_claimant(who: str) -> str | None:
    """The claimant without the words that a text stripped of its commas runs into it: a leading
    day ("Sunday a monitor", "Saturday and Sunday a monitor") or place ("Syria a monitor")."""
    words = who.split()
    while words and (words[0].casefold() in _NOT_A_CLAIMANT_START or words[0].isdigit()):
        words = words[1:]
    # "Syria a monitor": a lower-case article after a capitalised word starts a new phrase
    for i in range(len(words) - 1, 0, -1):
        if words[i] in _DETERMINERS and words[i - 1][:1].isupper():
            words = words[i:]
            break
    if len(words) > 1 and words[-1] in _PRONOUNS:
        words = words[-1:]  # "in the neighbourhood of Sheikh Said it said": the pronoun alone
    return " ".join(words) or None


def claimant_in(sentence: str) -> str | None:
    """Who the sentence says made the claim, as written ("The Observatory", "It", "police")."""
    for pattern, folded in zip(_CLAIMANT, _CLAIMANT_FOLDED):
        if folded is not None:
            m = folded.search(sentence)
        elif any(verb in sentence for verb in _CLAIM_VERBS):
            # a match may start at any capital: trying only there (from the places an automaton
            # finds) is slower than re's own search (4,306 FA-KES sentences: 86 -> 62 ms)
            m = pattern.search(sentence)
        else:
            continue  # no verb that ends its matches
        if m:
            who = _tidy_claimant(m.group("who").strip().rstrip(","))
            if who and who.lower() not in ("that", "this", "there"):
                return who
    m = _ESTIMATES.search(sentence) if any(word in sentence for word in _ESTIMATE_WORDS) else None
    if m and (len(words := m["who"].split()) > 1 or words[0] not in _NOBODY):  # "The figures show": nobody
        return m["who"].strip()
    return None


def is_tally(sentence: str) -> bool:
    """Whether the figures of a sentence run over a period ("since Sept. 10", "so far") rather than one incident."""
    return _TALLY_FOLDED.search(sentence) is not None


_SINCE_MONTH = re.compile(rf"\s*(?:early |late |mid-?)?{_MONTH}\b(?!\.?\s*\d{{1,2}}\b)(?:,?\s+(?P<year>(?:19|20)\d\d))?", re.I)
_SINCE_YEAR = re.compile(r"\s*(?:early |late |mid-?)?(?:the start of |the beginning of |the end of )?(?P<year>(?:19|20)\d\d)\b")

# "since the war began in 2011", "since the uprising erupted in March 2011"
_SINCE_BEGAN = re.compile(rf"\s*(?:the|its|their) (?:\w+[ -]){{0,5}}?(?:began|started|erupted|broke out)\s+in\s+"
                          rf"(?:{_MONTH}\s+)?(?P<year>(?:19|20)\d\d)\b", re.I)


# "over the last 15 days", "in the past two weeks", "over the past year"
_OVER_LAST = re.compile(r"\b(?:over|in|during|within)\s+the\s+(?:past|last|previous)\s+"
                        r"(?:(?P<count>\d{1,3}|[a-z]+(?:-[a-z]+)?)\s+)?(?P<unit>day|week|month|year)s?\b", re.I)


def _counted_back(anchor: dt.date, count: int, unit: str) -> dt.date:
    """The day `count` days, weeks, months or years before `anchor` (the last day of a shorter month)."""
    if unit in ("day", "week"):
        return anchor - dt.timedelta(days=count * (7 if unit == "week" else 1))
    year, month = divmod(anchor.year * 12 + anchor.month - 1 - count * (12 if unit == "year" else 1), 12)
    return dt.date(year, month + 1, min(anchor.day, calendar.monthrange(year, month + 1)[1]))


def tally_since(sentence: str, anchor: dt.date | None) -> dt.date | None:
    """The date a running tally counts from, when the sentence gives one: a day ("since Sept. 10"),
    the first of a month ("since October": the latest October by the article's date) or of a year
    ("since 2009"), or a period counted back from the article's date ("over the last 15 days")."""
    m = _SINCE.search(sentence)
    if not m:
        period = _OVER_LAST.search(sentence) if anchor else None
        if period is None:
            return None
        if period["count"] is None and period[0].casefold().endswith("s"):
            return None  # "over the past weeks": no length given
        count = word_value(period["count"]) if period["count"] else 1
        if not count or count > 400:
            return None
        return _counted_back(anchor, count, period["unit"].casefold())
    rest = m.group("rest")
    month = _SINCE_MONTH.match(rest)
    if month:
        number = _month(month["month"])
        if month["year"]:
            return dt.date(int(month["year"]), number, 1)
        if anchor:
            return dt.date(anchor.year if number <= anchor.month else anchor.year - 1, number, 1)
        return None
    year = _SINCE_YEAR.match(rest) or _SINCE_BEGAN.match(rest)
    if year:
        return dt.date(int(year["year"]), _month(year["month"]) if year.groupdict().get("month") else 1, 1)
    found = resolve_date(rest, anchor)
    return found[0] if found else None
