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
from warwatch.memo import remembered
from warwatch.models import PlaceRef
from warwatch.prefilter import Folded

_NAME = (r"(?:(?:al|el|ad|as|ar|an|at|ash|ad-d|az)[-‑])?[A-Z][\w'’‑-]+"
         r"(?:[ -](?:(?:al|el|ad|as|ar|an|at|ash|az|ez|es|ed|er|en|et|de|du|di|la|le|bin|ibn)[- ])?[A-Z][\w'’‑-]+){0,3}"
         # an Arabic article written in lower case: "Deir ezzor", "Ras al-ain"
         r"(?: (?:(?:al|el|ez|az|ad|ed|as|es|ar|er|at|et|ash|esh)-[a-z]{3,}|(?:ez|az)z[a-z]{2,}))?"
         r"(?: (?:oil field|gas field|field|camp|air ?base|base|dam|airport|crossing|bridge))?")
_FEATURE = (r"(?:villages?|towns?|city|cities|districts?|neighbou?rhoods?|suburbs?|camp|areas?|parts?|region|enclave|"
            r"hamlet|settlement|locality|municipality|border town|port city|capital)")
# the area around a town, not the town itself: ACLED codes it at the town with geo_precision 2
_AROUND = r"(?:countryside|outskirts|suburbs|environs|vicinity|edge|edges|fringes|periphery|rural areas?)"
_HEADLINE_EVENT = (r"(?:[Cc]ar[ -][Bb]omb|[Bb]omb(?:ing)?s?|[Bb]last|[Aa]ttacks?|[Aa]ir ?[Ss]trikes?|"
                   r"[Ss]trikes?|[Ee]xplosions?|[Cc]lashes|[Ss]helling|[Rr]aids?|[Ss]iege|[Oo]ffensive)\b")
_OF_FEATURE = rf"(?:{_FEATURE}|largest|main|eastern|western|northern|southern)"
# (pattern, near, trigger): a pattern that starts with the name is tried only where its cheap trigger,
# the words after the name, occurs (a name-first pattern is otherwise tried at every character)
_PATTERNS = (
    (re.compile(rf"\b(?i:{_AROUND}) of (?:the )?(?P<name>{_NAME})"), True, None),
    (re.compile(rf"\b(?i:{_FEATURE}) of (?P<name>{_NAME})"), False, None),
    (re.compile(rf"\b(?:[Nn]ear|[Oo]utside|around|close to|(?:north|south|east|west)(?:east|west)? of|on the road to|not far from) "
                rf"(?:the )?(?P<name>{_NAME})"), True, None),
    # a place in apposition: "Syrias second city Aleppo", "the Syrian capital Damascus", "the Syrian city
    # Aleppo", and the heart of a town: "downtown Damascus", "central Aleppo"
    (_APPOSITION := re.compile(
        rf"(?:\b(?:capital|(?:second|third|largest|biggest|main|northern|southern|eastern|western) city|"
        rf"border town|port city|hometown|stronghold|bastion|down ?town|central)|"
        rf"\b[A-Z][a-z]+ (?:city|town|village)) (?P<name>{_NAME})"), False, None),
    # "in X", and a sentence's own first words "In X," / "At X,"
    (re.compile(rf"(?:\b(?:in|at|into|on|from)|^[“\"]?(?:In|At)) (?:the )?(?P<name>{_NAME})"), False, None),
    (re.compile(rf"(?P<name>{_NAME})[’']s (?:{_AROUND})\b"), True, re.compile(rf"[’']s {_AROUND}\b")),
    # "Idlib countryside", "Aleppos countryside"
    (re.compile(rf"(?P<name>{_NAME})(?<![’']s) (?:{_AROUND})\b"), True, re.compile(rf" {_AROUND}\b")),
    (re.compile(rf"(?P<name>{_NAME})[’']s {_OF_FEATURE}"), False, re.compile(rf"[’']s {_OF_FEATURE}")),
    # the place a verb of attack or capture takes as its object: "warplanes pounded Saraqeb",
    # "rebels stormed Khan Tuman", "waited to enter Aleppo"
    (re.compile(rf"\b(?:hit|hits|struck|strikes|pounded|pound|pounds|shelled|shell|bombed|bomb|targeted|targeting|"
                rf"stormed|storm|captured|capture|seized|seize|recaptured|retook|retake|took|take|entered|enter|"
                rf"besieged|besiege|overran|liberated|liberate|rocked|rocks|shook|shakes) (?:the )?(?P<name>{_NAME})"),
     False, None),
    # a headline's place before what happened there: "Damascus car bomb kills four", "Aleppo airstrikes"
    (re.compile(rf"(?P<name>{_NAME}) {_HEADLINE_EVENT}"), False, re.compile(rf" {_HEADLINE_EVENT}")),
)
# The patterns that start with a word are tried only where one of their keys occurs (prefilter.Folded):
# two to three and a half times faster on a sentence; the apposition pattern starts with any capitalised word, and
# its many keys would cost more than they save.
_SEARCHED = tuple((Folded(pattern) if trigger is None and pattern is not _APPOSITION else pattern, near, trigger)
                  for pattern, near, trigger in _PATTERNS)
# Words that make a capitalised phrase an event, an organisation or a headline, never a place name
# ("Terrorist Rocket Attacks", "White House", "Defense Ministry").
# Words of a headline after its place ("in Syrias Aleppo Kills 23", "Aleppo Casualties pile up"): the
# name ends before them.
_HEADLINE_WORDS = frozenset(
    "kills kill killed killing dies die dead death deaths toll casualties wounded injured injures hit hits "
    "pound pounds pounded struck strikes shelled bombed attacked seized captured falls fell monitor ngo".split())
_NOT_PLACE_WORDS = frozenset(
    "attack attacks attacked rocket rockets missile missiles strike strikes airstrike airstrikes raid raids "
    "bomb bombs bombing bombings blast explosion shelling massacre clashes fighting terrorist terrorists "
    "terror killed kills injured wounded dead schools market forces army ministry coalition council "
    "government regime monitor agency news house report reports rebels militants fighters group "
    "update live video photos observatory committee committees organization organisation drone drones "
    "jets warplanes planes aircraft helicopter popular".split())
# Tried where their keys occur (prefilter.Folded): the name-first one only in a text that holds the
# word after the name (it would otherwise be tried at every character).
_ADMIN1 = (
    Folded(re.compile(rf"\b(?:province|governorate|state|region|prefecture) of (?P<name>{_NAME})")),
    Folded(re.compile(rf"(?P<name>{_NAME}) (?:province|governorate|state|region|prefecture)\b"),
           needs=re.compile(r" (?:province|governorate|state|region|prefecture)\b")),
)
_ABROAD = re.compile(r"\b(?:neighbou?ring|elsewhere|meanwhile|separately)\b", re.I)
_IN_COUNTRY = re.compile(r"\b(?:in|into|inside|across|throughout|from|to)\s+(?:the\s+)?(?:neighbou?ring\s+)?"
                         r"(?:north|south|east|west)?(?:east|west)?(?:ern)?\s*$", re.I)
_NOT_PLACES = {w.capitalize() for w in list(MONTHS) + list(WEEKDAYS)} | {
    "The", "A", "An", "It", "He", "She", "They", "But", "And", "Earlier", "Later", "Other", "Some",
    "According", "In", "On", "At", "Week", "Weekend", "Today", "Yesterday", "Tonight",
    "Town", "Village", "City", "District", "Province", "Area", "Region",
    "Least", "Brief", "Pictures", "Depth", "Full", "Focus", "Short", "Times", "Large",
    "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Dozens", "Hundreds", "Car", "President", "Minister", "Observatory", "Associated Press",
    "Reuters", "AFP", "AP", "Photo", "Twitter", "Facebook", "U.S.", "US", "UN", "United Nations",
    # feasts and holidays: "an attack on the Christmas market in Strasbourg"
    "Christmas", "Easter", "Ramadan", "Eid", "Thanksgiving", "Halloween", "Passover", "Hanukkah", "Diwali",
    "Ashura", "Nowruz", "New Year", "New Year's", "Independence Day",
}


# Words that name no place when they stand alone ("in Northern Syria" cut to "Northern", "Jet strikes").
_NOT_PLACE_ALONE = frozenset(
    "Northern Southern Eastern Western Central North South East West Northeast Northwest Southeast Southwest "
    "Air Jet Jets Chemical Rural Heavy Fierce Escalating Simultaneous Another Related Source Tags Print "
    "Mediterranean Levant Europe Arabia Arabic Middle Kurdish Syrian Iraqi".split())

@remembered(1024)  # four names in five were judged before (FA-KES)
def _usable(name: str) -> bool:
    if name in _NOT_PLACE_ALONE:
        return False
    first = name.split()[0]
    if any(word.lower() in _NOT_PLACE_WORDS for word in name.split()):
        return False
    if any(re.search(r"-(?:held|backed|led|controlled|run|based|linked|allied)$", word, re.I)
           for word in (first, name.split()[-1])):  # "rebel-held", "a New York-based group"
        return False
    if name in _NOT_PLACES or first in _NOT_PLACES or (name.endswith("s") and name[:-1] in _NOT_PLACES):
        return False  # "Tuesdays terrorist rocket attacks": a day's, not a place
    owner = re.sub(r"[’']s$", "", name)  # "the IRA's bombing of the city": an actor's, not a place
    owned = actor_table().mentions(owner)
    if owned and owned[0].end >= len(owner) - 1:
        return False
    return not name.isupper() or len(name) > 4


_PERSON_AFTER = re.compile(r"(?:[’']?s)?\s+(?:regime|clans?|family|government|loyalists|supporters|"
                           r"administration|dynasty|forces|troops|army|militias?)\b")
_PERSON_BEFORE = re.compile(r"\b(?:President|Presidents|Mr|Mrs|Ms|Dr|King|Prince|Sheikh|General|Gen|Colonel|"
                            r"Col|Minister|leader|spokesman|commander)\.?\s+(?:[A-Z][\w-]+\s+)?$")


# A place named as where something was said, decided or negotiated, not where the incident happened:
# "the defense ministry in Moscow said", "a report issued in New York", "negotiations in Geneva",
# "the White House in Washington", "a concern of Washington".
_SAID_AT_BEFORE = re.compile(
    r"\b(?:[Mm]inistry|[Mm]inisters?|talks|negotiations|[Cc]onference|summit|meetings?|"
    r"spokes(?:man|woman|person)|[Ee]mbassy|[Cc]onsulate|diplomats|envoys?|[Cc]ourt|[Pp]arliament|Congress|"
    r"hearing|session|report|statement|White House|Oval Office|headquarters|concern|"
    r"[Ss]ecretary|[Pp]resident|[Cc]hancellor|[Ss]tate [Dd]epartment|Pentagon|Kremlin)"
    r"(?: (?:issued|released|published|held|hosted|(?:are |is |were )?(?:due|set|scheduled) to (?:begin|start|resume|be held)))?"
    r" (?:in|at|of|from) (?:the )?(?:[A-Z]\w+ (?:capital|city) )?$")  # "negotiations in the Kazakh capital Astana"


# What follows a place to say which town or province it is in: "al-Hamadaniyeh area in Aleppo city",
# "al-Rasafa in Raqqa", "the Akrameh neighbourhood of Homs".
_IN_ANCHOR = re.compile(rf"(?: (?:area|district|neighbou?rhood|quarter|village|town|camp|suburb))? (?:in|of) (?:the )?"
                        rf"(?:(?:north|south)?(?:east|west)?(?:ern)? |central )?"  # "in western Mosul"
                        rf"(?:(?P<kind>city|town|province|countryside|governorate) of )?(?P<name>{_NAME})"
                        r"(?P<province> (?:province|governorate)\b)?")


def _cut_headline(name: str) -> str:
    """A name without the headline words after it, and without a country word before it
    ("Syrias Aleppo Kills" -> "Aleppo")."""
    words = name.split(" ")
    for n, word in enumerate(words):
        if n and word.lower() in _HEADLINE_WORDS:
            words = words[:n]
            break
    if len(words) > 1 and _is_country_word(words[0]):
        words = words[1:]
    return " ".join(words)


def _trim(name: str) -> str:
    """A name without trailing words that are no part of a place name ("Damascus Saturday")."""
    words = name.split(" ")
    while len(words) > 1 and words[-1] != "City" and (words[-1] in _NOT_PLACES or _is_country_word(words[-1])):
        words.pop()  # "Damascus Saturday", "Golan Heights Israeli"; "Junction City" is a name
    return " ".join(words)


def find_places(sentence: str) -> list[tuple[str, bool, int]]:
    """(name, near, position) for each place named in a sentence, most specific pattern first."""
    return list(_find_places(sentence))


@remembered(256)  # an incident's sentences were read a moment before for the article's places
def _find_places(sentence: str) -> tuple[tuple[str, bool, int], ...]:
    found: list[tuple[str, bool, int]] = []
    seen: set[str] = set()
    for pattern, near, trigger in _SEARCHED:
        if trigger is not None and trigger.search(sentence) is None:
            continue
        for m in pattern.finditer(sentence):
            name = _trim(_cut_headline(m.group("name").rstrip("’'")))
            if not name or name in seen or not _usable(name):
                continue
            if _PERSON_AFTER.match(sentence, m.end("name")) or _PERSON_BEFORE.search(sentence, 0, m.start("name")):
                continue  # "Assad clans hometown", "the Assad regime", "President Assad": a person
            if _SAID_AT_BEFORE.search(sentence, max(0, m.start("name") - 60), m.start("name")):
                continue  # "the ministry in Moscow said": where it was said
            if _is_country_word(name):
                continue
            seen.add(name)
            found.append((name, near, m.start("name")))
    return tuple(found)


@remembered(1024)  # four names in five were judged before (FA-KES)
def _is_country_word(name: str) -> bool:
    """Whether a name is only a country or its adjective ("Syrian", "Syrias", "Iraq")."""
    name = re.sub(r"^(?:(?:north|south|east|west)(?:ern)?|(?:north|south)(?:east|west)(?:ern)?|central) ", "", name,
                  flags=re.I)  # "Northern Syria"
    for text in (name, name[:-1] if name.endswith("s") and len(name) > 4 else None):  # "Syrias": lost apostrophe
        if text and any(start == 0 and end >= len(text.rstrip("’'")) for start, end, _ in country_mentions(text)):
            return True
    return False


# Words that may stand between a country word and the place it qualifies ("the Syrian border town of
# Kobani", "Syria's rebel-held northwestern city of Idlib"), and nothing else: "Russian jets struck
# Atareb" ties Atareb to no country.
_TIE_WORDS = frozenset(
    "the of a border town city village villages province governorate district region capital countryside "
    "north south east west northern southern eastern western central northeast northwest southeast southwest "
    "northeastern northwestern southeastern southwestern far second third largest biggest main key strategic "
    "besieged embattled restive flashpoint frontline ancient historic northernmost southernmost".split())
_TIE_BEFORE = re.compile(r"(?P<country>[A-Z][\w]+(?:[’']s)?)(?P<between>(?:[ -](?:[a-z]+(?:-(?:held|controlled|run))?))*) $")
_TIE_AFTER = re.compile(r"^(?:,| in| in the)(?: (?:(?:north|south)(?:east|west)?|east|west)(?:ern)?| central)? "
                        r"(?P<country>[A-Z][\w]+)\b")


def _country_named(word: str) -> str | None:
    """The country a single word names, also as an adjective or a possessive that lost its apostrophe
    ("Syrian", "Syria's", "Syrias"), else None."""
    word = word.rstrip("’'")
    for text in (word, word[:-2] if word.endswith(("’s", "'s")) else None,
                 word[:-1] if word.endswith("s") and len(word) > 4 else None):
        if text:
            for start, end, country in country_mentions(text):
                if start == 0 and end >= len(text):
                    return country
    return None


def country_tied(sentence: str, start: int, name: str) -> str | None:
    """The country a sentence ties a place to in the same phrase: a country word before it with only
    kind words between ("the Syrian border town of Kobani", "Syrias Quneitra"), or the country right
    after it ("Kobani, Syria", "Aleppo in northern Syria"); None when it ties none."""
    found = sentence.find(name, start)  # a name found after a country word it dropped ("Syrias Quneitra")
    start = found if found >= 0 else start
    before = _TIE_BEFORE.search(sentence, max(0, start - 80), start)
    if before is not None:
        between = before.group("between").replace("-", " ").split()
        if all(w in _TIE_WORDS or re.fullmatch(r"[a-z]+-(?:held|controlled|run)", w) for w in
               before.group("between").split()) or not between:
            country = _country_named(before.group("country"))
            if country is not None:
                return country
    after = _TIE_AFTER.match(sentence[start + len(name):start + len(name) + 40])
    if after is not None:
        return _country_named(after.group("country"))
    return None


_TOWARDS_BEFORE = re.compile(r"\b(?:to|towards?|for)\b(?:(?! in | at | near )[^.,;])*$")


@remembered(512)  # the article's sentences are read again for each of its incidents
def admin1_in(text: str) -> str | None:
    """The first province named in `text` ("the province of Deir el-Zour", "Idlib province"); never a
    country word ("the Syrian state", "the Iraqi region"), nor a destination ("on their way to Aleppo
    the coastal province of Latakia or Damascus")."""
    for pattern in _ADMIN1:
        for m in pattern.finditer(text):
            if _TOWARDS_BEFORE.search(text, max(0, m.start() - 50), m.start()):
                continue
            name = m.group("name")
            first, _, rest = name.partition(" ")
            if rest and _is_country_word(first):  # "Syrias Idlib province"
                name = rest
            if _usable(name) and not _is_country_word(name):
                return name
    return None


_ACTOR_NOUN = re.compile(
    r"(?:[’']s)?\s+(?:and \w+ )?(?:(?:air|armed|special|security|government|regime|military|defen[cs]e|foreign|state)\s+)?"
    r"(?:jets?|warplanes?|planes?|aircraft|air ?strikes?|strikes|raids?|bombers?|helicopters?|drones?|missiles?|"
    r"forces|troops|army|military|soldiers|navy|police|officials?|ministry|ministers?|president|government|"
    r"regime|authorities|media|television|tv|news|agency|embassy|diplomats?|envoy|spokesman|spokeswoman|"
    r"general staff|artillery|tanks?|special|backed|-backed|-led)\b", re.I)


_IN_BEFORE_PROVINCE = re.compile(r"\b(?:in|into|inside|across|throughout)\s+(?:the\s+)?"
                                 r"(?:(?:[a-z-]+|[A-Z][a-z]+(?:[’']?s))\s+){0,3}$")


def _province_where(sentence: str) -> str | None:
    """The province a sentence says something happened in ("in Syrias northwestern Idlib province",
    "across the province of Hama"), not one it names in passing ("to Aleppo the coastal province of
    Latakia")."""
    for pattern in _ADMIN1:
        for m in pattern.finditer(sentence):
            if _IN_BEFORE_PROVINCE.search(sentence, max(0, m.start() - 60), m.start()) is None:
                continue
            name = m.group("name")
            first, _, rest = name.partition(" ")
            if rest and _is_country_word(first):
                name = rest
            if _usable(name) and not _is_country_word(name):
                return name
    return None


def article_country(text: str) -> str | None:
    """The country an article is about: the one it names most, place-like mentions counted twice."""
    counts: Counter[str] = Counter()
    for start, end, country in country_mentions(text, lost_apostrophe=True):
        word = text[start:end]
        named = word.lower() == country.lower()  # "Syria", also of "Syria's" and "Syrias second city"
        if not named and _ACTOR_NOUN.match(text, end):
            continue  # "Russian jets", "Israeli drone", "Turkish army": who acted, not where
        counts[country] += 2 if word[:1].isupper() and named else 1
    for country in ("United States",):  # the U.S. is named as an actor far more than as a place
        counts[country] = counts[country] // 3
    return counts.most_common(1)[0][0] if counts and counts.most_common(1)[0][1] else None


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")  # a rough split, enough to look for names


def places_in_article(article_text: str, dateline: str | None) -> list[str]:
    """Every place the article names, the dateline first: the context a geocoder may need."""
    context = [dateline] if dateline else []
    for sentence in _SENTENCE_END.split(article_text, 60)[:60]:
        for name, _, _ in find_places(sentence):
            if name not in context:
                context.append(name)
    return context


def _count_word_starts(name: str, text: str) -> int:
    """How often `name` occurs in `text` where a word starts (rf"\b{name}" for a name that starts
    with a word character), without compiling a pattern per name."""
    if not (name[:1].isalnum() or name[:1] == "_"):
        return len(re.findall(rf"\b{re.escape(name)}", text))
    count, at = 0, text.find(name)
    while at >= 0:
        if at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "_"):
            count += 1
            at = text.find(name, at + len(name))
        else:
            at = text.find(name, at + 1)
    return count


def _main_place(article_text: str, dateline: str | None, article_places: list[str]) -> str | None:
    """The place an article names most often (its dateline first on a tie); None when it names none."""
    counts: Counter[str] = Counter()
    for name in article_places:
        if name and not _is_country_word(name):
            counts[name] = _count_word_starts(name, article_text)
    if dateline and not _is_country_word(dateline) and dateline.isupper():
        # a wire dateline ("BEIRUT") is where the story was filed, not where the incident was
        counts.pop(dateline, None)
    if not counts:
        return None
    return max(counts, key=lambda n: (counts[n], -article_places.index(n)))


def place_ref(sentences: list[str], article_text: str, dateline: str | None,
              article_places: list[str] | None = None, country: str | None = None) -> PlaceRef | None:
    """The PlaceRef of an incident told in `sentences` (its evidence, first sentence first)."""
    chosen: tuple[str, bool] | None = None
    tied: str | None = None
    for index, sentence in enumerate(sentences):
        for name, near, at in find_places(sentence):
            if dateline and name.lower() == dateline.lower():
                continue
            chosen = (name, near)
            tied = country_tied(sentence, at, name)
            found = sentence.find(name, at)
            anchor = _IN_ANCHOR.match(sentence, (found if found >= 0 else at) + len(name))
            if anchor is not None and anchor.group("name") != name and _usable(anchor.group("name")) \
                    and not _is_country_word(anchor.group("name")):
                # "al-Hamadaniyeh area in Aleppo city": the place with the town it is in, for the geocoder;
                # "Khatab in central Hama province": with its province
                if anchor.group("province") or anchor.group("kind") in ("province", "governorate"):
                    chosen = (f"{name}, {anchor.group('name')} province", near)
                else:
                    chosen = (f"{name} in {anchor.group('name')}", near)
            break
        if chosen:
            break
        province = _province_where(sentence) if index == 0 else None
        if province is not None:
            # a lead that names only a province ("a camp in Syrias northwestern Idlib province") places
            # the incident there, before a town a later sentence names; a province in a later sentence
            # ("civilians were evacuated from ... the province of Deir el-Zour") gives way to the town
            # the report goes on to name ("the offensive was focused on the village of Baghouz")
            chosen = (f"{province} province", False)
            break
    joined = " ".join(sentences)
    admin1 = admin1_in(joined)

    def admin1_with(name: str) -> str | None:
        """A province named elsewhere in the article ties a place only where the two are named
        together ("Khan Sheikhun in Idlib province")."""
        return admin1 or next((a for s in _SENTENCE_END.split(article_text) if name in s and (a := admin1_in(s))),
                              None)
    # the incident's country: the article's own when the sentences name it too; another country the
    # sentences name only as a noun ("in Iraq"), never an actor's adjective ("Russian jets")
    country = home = country or article_country(article_text)
    named = [(s, joined[s:e], c) for s, e, c in country_mentions(joined) if c != "United States"]
    if country not in {c for _, _, c in named}:
        nouns = [c for s, word, c in named if word.lower().rstrip("s’'") == c.lower()
                 and _IN_COUNTRY.search(joined, 0, s)]
        country = nouns[0] if nouns else country or (named[0][2] if named else None)
    # "Another 17 strikes targeted the jihadists in neighbouring Iraq", "In Iraq meanwhile ...": the
    # article's own places are in another country than the incident's
    abroad = home is not None and country != home and _ABROAD.search(joined) is not None
    if tied is not None:  # the sentence says which country the place is in: that wins
        country = tied
    if article_places is None:
        article_places = places_in_article(article_text, dateline)
    base = re.split(r" in |, ", chosen[0])[0] if chosen else None  # "al-Hamadaniyeh in Aleppo": its own name
    context = [name for name in article_places if not chosen or name not in (chosen[0], base)]
    if chosen is None:
        # no place in the incident's sentences: the place the article names most, as a coder takes
        # the article's place for an incident told without one; else the province it names
        main = None if abroad else _main_place(article_text, dateline, article_places)
        if main is not None:
            tie = admin1_with(main)
            return PlaceRef(main, admin1=tie if tie != main else None, country=country, near=False,
                            context=tuple(n for n in context[:10] if n != main))
        admin1 = admin1 or (None if abroad else admin1_in(article_text))
        if admin1:
            return PlaceRef(admin1, admin1=admin1, country=country, near=False, context=tuple(context[:10]))
        if country:
            return PlaceRef(country, admin1=None, country=country, near=False, context=tuple(context[:10]))
        return None
    name, near = chosen
    admin1 = admin1_with(name)
    return PlaceRef(name, admin1=admin1 if admin1 != name else None, country=country, near=near,
                    context=tuple(context[:10]))
