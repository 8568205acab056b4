"""From an article to its incidents: trigger sentences, incident tests, grouping, candidates.

A cheap automaton pass picks the sentences that hold an event or casualty word; only those are
coded. A sentence reports an incident when it codes to an ACLED sub-type and is not a running
tally, a statement of intent or prediction, background (a present-perfect summary with no
date), a quotation, or a denial. Sentences that refer back to an incident ("the attack", "It
said 10 attackers were killed") join it, so one incident told in several sentences is one
candidate with several evidence spans.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

import ahocorasick

from warwatch.extract.actors import ActorMention, actor_table
from warwatch.extract.claims import _PRONOUNS, Figure, claimant_in, figures_in, is_tally, tally_since
from warwatch.extract.codebook import VIOLENT_TYPES, Coding, resolve
from warwatch.extract.dates import _MONTH, _month, resolve_date
from warwatch.extract.places import article_country, place_ref, places_in_article
from warwatch.extract.sentences import sentence_spans
from warwatch.memo import remembered
from warwatch.models import Article, Claim, EventCandidate, Evidence, candidate_key
from warwatch.prefilter import Folded, Marked

# Stems of the words that can start an event or a casualty figure; a sentence with none is skipped.
TRIGGER_STEMS = (
    "kill", "dead", "die", "death", "slain", "wound", "injur", "hurt", "casualt", "toll", "attack",
    "strike", "struck", "shell", "bomb", "blast", "explo", "clash", "fight", "fought", "battle",
    "offensive", "protest", "demonstr", "rall", "march", "riot", "sit-in", "arrest", "detain",
    "abduct", "kidnap", "hostage", "rape", "captur", "seiz", "retook", "regain", "control", "overran",
    "liberat", "gunm", "gunfire", "shot", "shoot", "fire", "missile", "rocket", "mortar", "artillery",
    "grenade", "ied", "mine", "ambush", "raid", "storm", "evacuat", "displac", "fled", "flee", "loot",
    "torch", "ceasefire", "cease-fire", "truce", "agree", "surrender", "withdr", "deploy", "base",
    "post", "intercept", "defus", "massacr", "execut", "behead", "suicide", "drone", "warplane",
    "jet", "chemical", "gas", "chlorine", "missing", "mob", "lynch", "tear gas", "advanc", "push",
    "assault", "stab", "hack", "burn", "set up", "establish", "exchange", "swap", "defect", "merge",
    "detonat", "assassin", "slay", "gone off", "went off", "murder", "slaughter", "knife", "knives", "machete",
    "rammed", "ploughed into", "plowed into",
)
_ANAPHORA = re.compile(
    r"\b(?:the|this|that) (?:attack|attacks|fighting|clash|clashes|offensive|strike|strikes|air ?strikes?|"
    r"blast|explosion|bombing|raid|battle|assault|incident|ambush|shelling|violence|operation|push|"
    r"protest|demonstration|rally|attackers|assailants|gunmen|bombers?)\b|^(?:It|He|She|They) (?:said|added|reported)\b|"
    r"\b(?:today|yesterday|last night|monday|tuesday|wednesday|thursday|friday|saturday|sunday)['’]s (?:[\w-]+ ){0,2}"
    r"(?:attack|attacks|bombing|blast|explosion|shooting|strike|raid|ambush|assault|massacre|clashes)\b",
    re.I)
_DAYS_AND_NIGHTS = r"(?:today|yesterday|last night|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
# The casualty details that follow an incident's lead ("Six soldiers were killed and two wounded.")
_CASUALTY_DETAIL = re.compile(r"\b(?:killed|killing|dead|died|wounded|wounding|injured|injuring|hurt|casualties|"
                              r"death toll|lives|bodies)\b", re.I)
# A definite reference to a violent incident: "the explosion", "Saturday's terror attack", "the Boston
# Marathon bombing", "the failed assassination attempt", "the Provisional IRA's "bombing outrages"". A sentence holding one names an incident of the
# article even when it tells something else (an inquiry, an arrest, a court case, background).
_REFERENCE_TAIL = (
    r"(?P<mods>(?:[\w'’,-]+ ){0,4}?)[\"“‘]?"
    r"(?:attacks?|bombings?|bombs|blasts?|explosions?|shootings?|massacres?|ambush|assaults?|(?:air|drone|missile|rocket)"
    r"[ -]?strikes?|airstrikes?|shelling|assassination(?: attempt)?|attempt on (?:his|her) life|stabbings?|"
    r"killings?|slayings?|suicide bombings?|car bombings?)\b")
_REFERENCE = re.compile(
    rf"\b(?:the|this|that|these|those|{_DAYS_AND_NIGHTS}['’]s|(?!(?:it|that|there|he|she|what|here|who|where|let|this)['’]s)(?-i:[A-Z])[\w.-]*(?: (?-i:[A-Z])[\w.-]*){{0,3}}['’]s) "
    + _REFERENCE_TAIL, re.I)
# The same on a text with no apostrophe, where the possessive alternatives cannot match.
_REFERENCE_PLAIN = re.compile(r"\b(?:the|this|that|these|those) " + _REFERENCE_TAIL, re.I)
# Every _REFERENCE names one of these (it may start with any capitalised word, so has no keys of its own).
_REFERENCE_NOUN = re.compile(r"attack|bomb|blast|explosion|shooting|massacre|ambush|assault|strike|shelling|"
                             r"assassination|attempt on|stabbing|killing|slaying", re.I)
# Modifiers that make a reference point to some other incident than the article's own.
_OTHER_INCIDENT = re.compile(r"\b(?:previous|earlier|past|other|similar|such|next|future|possible|potential|"
                             r"recent|another|any|more|further|new|last|planned|threatened|alleged plot)\b", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_QUOTE = re.compile(r"^[\"“‘']")
# A non-restrictive relative clause ("The blast, which could be heard across the city, ...") tells an
# aside: its modal verbs are no intent of the incident.
_RELATIVE = re.compile(r",\s*(?:which|who|whose)\b[^,]*,")
# A record the incident sets ("the deadliest attack since March") is no running tally.
_RECORD = re.compile(r"\b(?:the )?(?:deadliest|worst|bloodiest|biggest|largest|most serious|first|latest)(?: [\w-]+){0,2} "
                     r"(?:attack|bombing|blast|explosion|incident|violence|assault|strike|massacre|shooting)s?"
                     r"(?: (?:in|on|against) [\w ]{1,30}?)? since [^,.;]+", re.I)
_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|might|(?-i:may)(?!\s+\d)|should|plans? to|planning to|threaten(?:ed|s)? to|"
                           r"vow(?:ed|s)? to|expects?|expected|predict(?:ed|s)?|intends? to|aims? to|"
                           r"warned|going to|ready to|prepared to|(?:is|are) to be|(?:is|are) set to|authori[sz]ation for|if)\b", re.I)
_NEGATED = re.compile(r"\b(?:did not|didn't|denied|no one was|nobody was|without (?:any )?casualties|"
                      r"no (?:\w+ )?(?:arrests?|casualties|injuries|deaths) (?:were|was|have been|had been)"
                      r" (?:reported|made)|no (?:one|body) (?:was )?(?:hurt|injured|killed|arrested))\b", re.I)
_BACKGROUND = re.compile(r"\b(?:has|have) (?:\w+ )?(?:driven|lost|controlled|been (?:fighting|battling)|fought|"
                         r"waged|seized|captured|taken|killed)\b.*\b(?:once|years|since|much of|(?:large|wide|vast|huge) "
                         r"(?:swaths|swathes|areas|parts|tracts|stretches))\b|"
                         r"\bin recent (?:weeks|months|years|days)\b|\bonce (?:controlled|held|sprawled)\b|"
                         r"\b(?:years|months|decades) of (?:\w+ )?(?:siege|bombardment|fighting|war|conflict|violence|"
                         r"shelling|air ?strikes|bombing)\b|"
                         r"\b(?:previously|in the past|has long|have long)\b|\b(?:has|have) seen (?:\w+ ){0,3}(?:rounds|waves|years)\b|"
                         r"\b(?:unclear|not clear|not known) (?:whether|if)\b(?! (?:any(?:one|body)?|there (?:were|was)|people|the (?:attack|blast|explosion))\b"
                         r"(?: \w+){0,3} (?:hurt|injured|killed|wounded|casualties|dead|harmed))|\b(?:which|that) (?:started|began|erupted|broke out)\b", re.I)
# "X said Saturday they had captured the town": the day dates the statement, not the capture.
_DAYS = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today)"
_STATEMENT_DATE = re.compile(
    rf"\b(?:said|says|announced|reported|claimed|confirmed|declared)\s+(?:on\s+)?{_DAYS}\b"
    rf"(?:(?!\b(?:on\s+)?{_DAYS}\b)[^.;])*?\b(?:had|have|has)\s+(?:\w+ly\s+)?(?:\w+ed|taken|seized|retaken|"
    rf"overrun|driven|beaten|shot|struck|fought|won|lost|killed|recaptured|captured|freed)\b"
    rf"(?:(?!\b(?:on\s+)?{_DAYS}\b|\b(?:last|this)\s+(?:week|month)\b).)*$", re.I)
# Reactions to an incident told elsewhere: condemnations, condolences, tributes.
_REACTION = re.compile(r"\b(?:condemn(?:s|ed|ing)?|condolences|sympathies|deplored?|denounced?|paid tribute|pays? tribute|"
                       r"mourn(?:s|ed)?|offered prayers|thoughts (?:are|remain) with)\b", re.I)
# "The attack came as the Observatory reported that troops had executed 48 people": another
# incident set beside this one, neither a detail of it nor a report of its own day.
_JUXTAPOSED = re.compile(r"\b(?:came|comes|come|coming) (?:(?:just|only|shortly|barely|less than) )?(?:as|amid|"
                         r"after|before|on the heels of|in the wake of|(?:a|one|two|three|several|\w+) "
                         r"(?:hours?|days?|weeks?|months?) (?:after|before))\b", re.I)
# "At least 327 people have also been killed in clashes in the neighbouring province": another place
_ELSEWHERE = re.compile(r"\b(?:elsewhere|separately|in a separate|in (?:the )?neighbo(?:u)?ring|in (?:another|other) "
                        r"(?:parts?|areas?|towns?|villages?|provinces?|regions?|districts?|cities)|"
                        r"across the (?:country|province|region))\b"
                        # a sentence that opens on another part of the country: "In the east of Syria ..."
                        r"|^(?:Meanwhile,? )?In the (?:far )?(?:north|south|east|west|north-?east|north-?west|"
                        r"south-?east|south-?west|cent(?:re|er)) of\b", re.I)
# A place described by what once happened there is no incident of that kind: "strikes on Khan Sheikhun,
# the site of a deadly April chemical attack" are air strikes.
_SITE_OF = re.compile(r"\b(?:the )?(?:site|scene) of (?:a|an|the|last \w+['’]s|this \w+['’]s) [^,.;]{0,60}?"
                      r"(?:attacks?|massacres?|bombings?|strikes?)\b|"
                      # "U.N. inspectors to visit Syria chemical attacks sites"
                      r"\b(?:[\w-]+ )?(?:attacks?|massacres?|bombings?|strikes?) sites?\b", re.I)
# Accusations in general, arsenals and uncertainty are no incidents: "the government has been responsible
# for chlorine and other chemical attacks", "all chemical weapons had been destroyed", "unable to determine".
_NO_INCIDENT = re.compile(r"\bresponsible for (?:\w+ ){0,4}(?:attacks|bombings|killings|massacres)\b|"
                          r"\bred line\b|\b(?:destroy|destroyed|destroying|destruction of|handed over|removal of) "
                          r"(?:all |its |the |their )?(?:declared )?(?:chemical )?(?:weapons|arsenal|stockpiles?)\b|"
                          r"\b(?:weapons|arsenal|stockpiles?)\b[^.;]{0,40}\b(?:had been|have been|has been|were|was|"
                          r"being) (?:destroyed|removed|handed over|shipped out)\b|"
                          r"\b(?:unable|not able) to (?:\w+ )?(?:determine|confirm|verify|establish)\b|"
                          # a name for someone: "The government refers to rebels ... as terrorists"
                          r"\b(?:refers?|referred|referring) to (?:[\w'’-]+ ){1,10}?as\b|"
                          r"\b(?:labels?|labell?ed|labell?ing|brands?|branded|branding) (?:[\w'’-]+ ){1,10}?as\b|"
                          # what a country is among others: "Syria is one of a handful of countries not party
                          # to the treaty that bans chemical weapons"
                          r"\b(?:is|are) (?:one|among) (?:of )?(?:just |only )?(?:a handful of|the few|few|the only)\b|"
                          r"\bnot (?:a )?part(?:y|ies) to\b|"
                          # "have been criticised by rights groups for indiscriminate attacks"
                          r"\b(?:critici[sz]ed|censured|faulted) (?:[\w'’-]+ ){0,5}?for\b", re.I)
# Undated, what a place has lived through or a long campaign is background, not one incident:
# "The militant bastion has faced a more than month-long US-backed offensive".
_ENDURED = re.compile(r"(?<!that )(?<!which )(?<!where )"  # not "struck the town, an area that has witnessed fighting"
                      r"\b(?:has|have) (?:\w+ )?(?:faced|endured|suffered|witnessed|experienced|weathered)\b|"
                      r"\b(?:week|month|year)s?[- ]long (?:\w+ )?(?:offensive|campaign|siege|battle|operation|"
                      r"assault|war|conflict|bombardment|insurgency|mission)\b", re.I)
# How the war began is history, not an incident of the article's day.
_WAR_BEGAN = re.compile(r"\b(?:war|conflict|uprising|crisis|revolution|insurgency|revolt)\s+(?:\w+\s+)?"
                        r"(?:erupted|began|started|broke out|was sparked|kicked off)\b", re.I)
# "... executed 128 residents of the town before the civil war started": the start of the war
# dates something else
_SINCE_THE_START = re.compile(r"\b(?:before|since|after|until|when|as)\s+(?:\S+\s+){0,3}$", re.I)
# A year a sentence names ("in late 2014", "since March 2011"): before the article's own it is
# history when the sentence names no day ("started its mission in Iraq in late 2014 after ISIL
# seized control ..."), and it is the "then" of a "Since then" that follows.
_YEAR_NAMED = re.compile(rf"\b(?:in|since|during|by|from|of)\s+(?:(?:early|late|mid-?|the summer of|the spring of|"
                         rf"the autumn of|the fall of|the winter of|the end of|the start of)\s*)?(?:{_MONTH}\s+)?"
                         rf"(?P<year>(?:19|20)\d\d)\b", re.I)
# What is done again and again is no incident ("Rebels regularly fire rockets into the west of the city").
_HABITUAL = re.compile(r"\b(?:regularly|routinely|frequently|habitually|often|usually|repeatedly|frequent|"
                       r"almost daily|on a daily basis|every (?:day|night|week))\b", re.I)
# A goal is no incident: "the best way to end the fighting", "efforts to halt the violence".
_GOAL = re.compile(r"\b(?:to|would|could|will) (?:end|halt|stop|prevent|avoid|curb|reduce|de-escalate|calm) "
                   r"(?:the |all )?(?:fighting|violence|bloodshed|war|conflict|clashes|attacks|hostilities|killing)\b|"
                   # who a group is, not what it did: "rebels fighting to topple Assad"
                   r"\b(?:fighting|battling|seeking|trying|struggling|waging war) to (?:topple|oust|overthrow|unseat|"
                   r"remove|bring down|defeat)\b",
                   re.I)
# A photo caption told in the present ("A medic runs near an ambulance after an airstrike").
_CAPTION = re.compile(
    r"^(?:[\w'’.,()-]+ ){1,10}(?:walks|walk|runs|run|stands|stand|sits|sit|looks|look|holds|hold|carries|carry|"
    r"inspects|inspect|gestures|reacts|rides|ride|waits|wait|prays|pray|mourns|mourn|is seen|are seen|pose|poses|"
    r"gather|gathers)\b(?!.*\b(?:said|says|told|killed|died)\b)|"
    # a credit ends a caption; at the start of a sentence it is the tail of the caption before it,
    # and the story follows ("(Reuters Photo) Airstrikes on Daesh-held villages killed ...")
    r"(?!^)\((?:\w+ )?(?:photo|file photo|picture)\)|^photo:", re.I)
_PROGRESSIVE = re.compile(r"\b(?:are|is) (?:now )?(?:\w+ly )?\w+ing\b", re.I)
# An ongoing campaign, undated, is background unless the sentence also tells a harm done: "government
# forces have been fighting several rebel groups", "IS has also been under attack in neighbouring Iraq",
# "Turkey continues to fight Daesh" (but "IS has executed 700 members of a tribe it has been battling").
_ONGOING = re.compile(r"\b(?:has|have) (?:also |long |now )?been (?:\w+ly )?(?:\w+ing|under (?:attack|siege|fire))\b|"
                      r"\bcontinues? to (?:fight|battle|attack|target|bomb|shell|besiege)\b", re.I)
# A side's standing claim, undated and with no figure, is no incident: "The opposition says they have
# been forced out by the siege and bombardment", "Damascus accuses Ankara of backing the rebels".
_STANDING_CLAIM = re.compile(r"\b(?:says|say|claims|accuses|accuse|insists|insist|maintains|maintain|argues|argue)\b",
                             re.I)
_FIGURE = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
                     r"fifty|hundred|hundreds|dozen|dozens|scores|thousands)\b", re.I)
_GAINED = re.compile(r"\b(?:entered|gained control|took control|taken control|advanced|stormed|overran|retook|"
                     r"recaptured|liberated)\b", re.I)
# A halt in the violence is none of it: "welcoming a halt in the bombardments", "a lull in the fighting".
_HALTED = re.compile(r"\b(?:halt|pause|suspension|cessation|lull|end|stop)\s+(?:in|of|to)\s+(?:the\s+)?(?:\w+\s+)?"
                     r"(?:bombardments?|bombings?|air ?strikes|air raids|raids|shelling|fighting|hostilities|violence)\b"
                     r"(?!\s+(?:agreement|deal|accord|truce|arrangement))", re.I)  # a "cessation of hostilities agreement"
_HARM_DONE = re.compile(r"\b(?:killed|killing|executed|died|wounded|injured|struck|bombed|shelled|shot|"
                        r"captured|seized|destroyed)\b", re.I)
_PAST = re.compile(r"\b(?:\w+ed|began|fought|struck|shot|hit|took|blew|threw|killed|died|fled|overran|"
                   r"retook|seized|launched|went|broke|was|were)\b", re.I)
# Searched in every coded sentence and mostly absent: each is tried only where one of its keys
# occurs (prefilter.Folded; the answers are the patterns' own).
(_ANAPHORA, _CASUALTY_DETAIL, _OTHER_INCIDENT, _NEGATED, _MODAL_BEFORE, _BACKGROUND, _REACTION,
 _JUXTAPOSED, _ELSEWHERE, _NO_INCIDENT, _ENDURED, _HABITUAL, _PROGRESSIVE, _RELATIVE, _RECORD, _STATEMENT_DATE,
 _GOAL, _WAR_BEGAN, _YEAR_NAMED, _ONGOING, _HARM_DONE, _HALTED, _STANDING_CLAIM, _GAINED) = map(Folded, (
    _ANAPHORA, _CASUALTY_DETAIL, _OTHER_INCIDENT, _NEGATED, _MODAL_BEFORE, _BACKGROUND, _REACTION,
    _JUXTAPOSED, _ELSEWHERE, _NO_INCIDENT, _ENDURED, _HABITUAL, _PROGRESSIVE, _RELATIVE, _RECORD, _STATEMENT_DATE,
    _GOAL, _WAR_BEGAN, _YEAR_NAMED, _ONGOING, _HARM_DONE, _HALTED, _STANDING_CLAIM, _GAINED))
# It may start with any word, so has no keys of its own; every match holds one of these.
_SITE_OF = Folded(_SITE_OF, needs=re.compile(r"site|scene", re.I))
_REFERENCE = Marked(_REFERENCE, _REFERENCE_PLAIN, "'’", needs=_REFERENCE_NOUN)


@functools.lru_cache(maxsize=1)
def _trigger_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for stem in TRIGGER_STEMS:
        automaton.add_word(stem, stem)
    automaton.make_automaton()
    return automaton


def triggered(sentence: str) -> bool:
    """Whether a sentence holds any event or casualty stem (the cheap first pass)."""
    for _ in _trigger_automaton().iter(sentence.lower()):
        return True
    return False


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    text: str
    coding: Coding | None = None
    date: tuple[dt.date, int] | None = None
    incident: bool = False
    tally: bool = False
    claimant: str | None = None
    _figures: list[Figure] | None = None
    quoted: bool = False  # inside a quotation that began in an earlier sentence
    stated: tuple[dt.date, int] | None = None  # the day a statement was made about an earlier incident
    lead: bool = False  # one of the article's first two sentences, which tell what happened that day


    def figures_for(self, country: str | None) -> list[Figure]:
        """The casualty figures of this sentence (found once)."""
        if self._figures is None:
            self._figures = figures_in(self.text, country)
        return self._figures


@dataclass(slots=True)
class _Incident:
    sentences: list[_Sentence]
    coding: Coding
    date: tuple[dt.date, int] | None
    # sentences that only name the incident ("a probe into the explosion"): evidence, never figures or roles
    mentions: list[_Sentence] = field(default_factory=list)
    cause: _Incident | None = None  # the incident this one answers (", triggering airstrikes by ...")


def _violent(coding: Coding | None) -> bool:
    return coding is not None and coding.event_type in VIOLENT_TYPES


def reference_in(sentence: str, anchor: dt.date | None) -> tuple[str, tuple[dt.date, int] | None] | None:
    """(the reference, the date it names) of the first definite reference to a violent incident that
    points to the article's own incident, not to a previous, similar or other one."""
    for m in _REFERENCE.finditer(sentence):
        if _OTHER_INCIDENT.search(m.group("mods")):
            continue
        when = resolve_date(m.group(0), anchor) if m.group("mods") or "’s" in m.group(0) or "'s" in m.group(0) else None
        if _YEAR.search(m.group("mods")) and (when is None or when[1] != 1):
            continue  # "the 2015 Paris attacks": a past incident named by its year only
        return m.group(0), when
    return None


def _referred(incidents: list[_Incident], s: _Sentence, anchor: dt.date | None) -> _Incident | None:
    """The violent incident a sentence names by a definite reference: the latest told before it, else the
    first told after; a reference that names a day ("Saturday's attack") only an incident of that day."""
    found = reference_in(s.text, anchor)
    if found is None:
        return None
    when = found[1]
    fits = [inc for inc in incidents if _violent(inc.coding)
            and (when is None or inc.date is None or inc.date[0] == when[0])]
    before = [inc for inc in fits if inc.sentences[0].start < s.start]
    return before[-1] if before else (fits[0] if fits else None)


def _attach_mentions(incidents: list[_Incident], sentences: list[_Sentence], anchor: dt.date | None) -> None:
    """Sentences left out of every incident that name a violent one by a definite reference join it as
    mentions (evidence that names it, never its figures or actors); so does a witness's quoted account of
    violence of the same type ("“There was a huge explosion and then gunfire,” a shopkeeper said") told
    within two sentences after a violent incident."""
    if not any(_violent(inc.coding) for inc in incidents):
        return
    taken = {s.start for inc in incidents for s in inc.sentences + inc.mentions}
    index = {s.start: i for i, s in enumerate(sentences)}
    for i, s in enumerate(sentences):
        if s.start in taken:
            continue
        target = _referred(incidents, s, anchor)
        if target is None and (s.quoted or _QUOTE.match(s.text)) and _violent(s.coding):
            target = next((inc for inc in reversed(incidents) if inc.coding.event_type == s.coding.event_type
                           and 0 < i - index[inc.sentences[-1].start] <= 2), None)
        if target is not None:
            target.mentions.append(s)


_CONSEQUENCE = Folded(re.compile(
    r",\s+(?:triggering|prompting|sparking|drawing|provoking|which (?:triggered|prompted))\b.*$", re.I))
# The backdrop of an incident is no part of it: "Airstrikes killed 85 civilians on Tuesday as intense
# fighting was underway between the militants and U.S.-backed fighters" is an air strike.
_BACKDROP = Folded(re.compile(
    r"[,\s]+(?:as|while|amid)\s+(?:(?:heavy|intense|fierce|heavier|renewed|ongoing|the)\s+)?"
    r"(?:fighting|clashes|battles?|violence|hostilities)\s+(?:was|were|is|are|raged|rages|continued|"
    r"continues|intensified|escalated|went on)\b.*$", re.I))


@remembered(256)  # the rules read a sentence's main clause again (13,801 calls for 7,134 sentences on FA-KES)
def main_clause(sentence: str) -> str:
    """The sentence without a trailing consequence clause (", triggering airstrikes by ...") or
    backdrop clause (" as fighting raged ...")."""
    return _BACKDROP.sub("", _CONSEQUENCE.sub("", sentence))


_VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")


def consequences(incident: _Incident) -> list[_Incident]:
    """Violence told in a trailing clause of the incident's sentences ("IS attacked SDF fighters,
    triggering airstrikes by the U.S.-led coalition") is an incident of its own: the same day and
    place, its own tactic, the actor the clause names. Only when the clause names an actor and a
    violent tactic other than the incident's."""
    found: list[_Incident] = []
    for s in incident.sentences:
        match = _CONSEQUENCE.search(s.text)
        if match is None:
            continue
        offset = match.start() + len(match.group(0)) - len(match.group(0).lstrip(", \t\n"))
        clause = s.text[offset:]
        coding = resolve(clause)
        if (coding.event_type not in _VIOLENT or coding.sub_event_type == incident.coding.sub_event_type
                or not any(m.actor.inter not in (0, 7) for m in _actors(clause, None))):
            continue
        part = _Sentence(s.start + offset, s.end, clause, coding=coding, date=incident.date, incident=True)
        found.append(_Incident([part], coding, incident.date, cause=incident))
    return found


def is_detail(sentence: _Sentence, lead: Coding) -> bool:
    """Whether a sentence only adds casualty details to the incident told just before it."""
    if not _CASUALTY_DETAIL.search(sentence.text) or _ELSEWHERE.search(sentence.text):
        return False
    coding = sentence.coding
    if coding is None or coding.event_type in (None, lead.event_type):
        return True
    # coded only by its casualty words ("Six soldiers were killed"): no tactic of its own
    return resolve(_CASUALTY_DETAIL.sub(" ", main_clause(sentence.text))).event_type is None


def only_casualties_of_reference(sentence: _Sentence) -> bool:
    """Whether a sentence tells only the casualties of an incident it names by a definite reference
    ("Four people were killed in the attack"): without the reference and the casualty words, no event."""
    if not _REFERENCE.search(sentence.text):
        return False
    rest = _CASUALTY_DETAIL.sub(" ", _without_references(_ANAPHORA.sub(" ", main_clause(sentence.text))))
    return resolve(rest).event_type is None


def _without_references(text: str) -> str:
    """The text without its definite references to the article's own incident ("the bakery bombing")."""
    return _REFERENCE.sub(lambda m: m.group(0) if _OTHER_INCIDENT.search(m.group("mods")) else " ", text)


def refers_back(sentence: _Sentence) -> bool:
    """Whether a sentence names an incident only by referring to it ("in the attack", "over the bakery
    bombing"): without the reference it tells no event."""
    if not _ANAPHORA.search(sentence.text) and not _REFERENCE.search(sentence.text):
        return False
    return resolve(_without_references(_ANAPHORA.sub(" ", main_clause(sentence.text)))).event_type is None


def is_incident(sentence: _Sentence) -> bool:
    """Whether a coded sentence reports an incident (not a tally, intent, background, quote, denial)."""
    text = sentence.text
    if sentence.coding is None or sentence.coding.sub_event_type is None or sentence.tally:
        return False
    if sentence.quoted or _QUOTE.match(text) or _NEGATED.search(text):
        return False
    if _MODAL_BEFORE.search(_RELATIVE.sub(",", text)) and not re.search(r"\b(?:killed|died|wounded|injured)\b", text):
        return False
    if (_BACKGROUND.search(text) or _REACTION.search(text) or _CAPTION.search(text) or _JUXTAPOSED.search(text)
            or _HABITUAL.search(text) or _NO_INCIDENT.search(text)):
        return False
    undated = sentence.date is None
    if undated and (_PROGRESSIVE.search(text) or _ENDURED.search(text)):
        return False
    # an ongoing campaign, a halt in the violence or a side's standing claim, unless a harm is told too
    if ((undated and _ONGOING.search(text)) or _HALTED.search(text)
            or (undated and not sentence.lead and _STANDING_CLAIM.search(text) and not _FIGURE.search(text)
                and not _GAINED.search(text))) and not _HARM_DONE.search(text):
        return False
    if sentence.coding.event_type == "Strategic developments" and not sentence.lead and not any(
            when is not None and when[1] == 1 for when in (sentence.date, sentence.stated)):
        # a development is coded when a report tells the day it happened ("On February 27 a ceasefire
        # came into force") or leads with it; undated ones later on are background ("Idlib is
        # controlled by ...")
        return False
    return True


def _history(sentence: _Sentence, anchor: dt.date | None) -> bool:
    """Whether a sentence tells of a year before the article's ("in late 2014"), naming no day;
    or of the start of the war ("Syria's conflict erupted in March 2011 with protests")."""
    if anchor is None:
        return False
    began = _WAR_BEGAN.search(sentence.text)
    if began and not _SINCE_THE_START.search(sentence.text, max(0, began.start() - 40), began.start()):
        return True
    if sentence.date is not None:
        # dated to a month or a week only: history when it lies more than a year back
        return sentence.date[1] >= 2 and (anchor - sentence.date[0]).days > 365
    years = [int(m["year"]) for m in _YEAR_NAMED.finditer(sentence.text)]
    return bool(years) and max(years) < anchor.year


def _actors(text: str, country: str | None) -> list[ActorMention]:
    return [m for m in actor_table().mentions(text) if m.actor.inter]


# The source of a report is no party to the incident: "police said", "army officials told", "according
# to the ministry" (unless the source speaks of its own action: "the army said it killed ...").
_SPEAKER_AFTER = re.compile(
    r"(?:-(?:linked|affiliated|run|controlled|allied|backed))?"  # "the Daesh-linked Aamaq news agency claimed"
    r"(?:\s+(?:officials?|spokes(?:man|woman|person)|sources?|officers?|chiefs?|commanders?|statement|media office|"
    r"news agency|agency|media|television|TV|radio|website|"
    r"(?-i:[A-Z][\w.-]*)))*"  # or the office's name: "the U.S. Central Command said", "Russia's Defence Ministry said"
    r"\s+(?:(?:have|has|had|also|later)\s+)?(?:said|says|told|reported|announced|confirmed|stated|claimed|added|quoted)\b"
    r"(?!\s+(?:(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|"
    r"earlier|later|late \w+|early \w+)\s+)?"
    r"(?:(?:in|on|through) (?:a |an |its )?(?:\w+ )?(?:statement|telegram|video|website|channel)\s+)?"
    r"(?:that\s+)?(?:one of |some of |a member of |members of )?(?:it|they|its|their|he|she)\b)", re.I)
_SPEAKER_BEFORE = re.compile(r"\b(?:according to|quoted by|statement (?:by|from))\s+(?:the\s+)?(?:[\w'-]+\s+){0,2}$", re.I)
_AGENT_GAP = re.compile(r"(?:[\w'’-]+ ){0,3}")
# The object of a harm verb is the one harmed ("Roadside bomb kills three soldiers", "struck an army patrol",
# "an attack on a police post"), never the one acting.
_HARMED = re.compile(
    r"\b(?:kill(?:s|ed|ing)?|wound(?:s|ed|ing)?|injur(?:es|ed|ing)|struck|strikes|hit(?:s|ting)?|target(?:s|ed|ing)|"
    r"attack(?:s|ed|ing)?|ambush(?:es|ed|ing)?|shot|shoot(?:s|ing)|bomb(?:s|ed|ing)|shell(?:s|ed|ing)|raid(?:s|ed|ing)|"
    r"storm(?:s|ed|ing)|abduct(?:s|ed|ing)|kidnap(?:s|ped|ping)|leaving|left|against|on|into|at)\s+"
    r"(?:(?:a|an|the|its|their|at least|some|several|dozens of|scores of|hundreds of|more than|about|\d+|two|three|"
    r"four|five|six|seven|eight|nine|ten)\s+)*"
    r"(?:(?!(?:in|by|with|during|from|as|after|before|when|while|near|for|and|but)\b)[\w-]+\s+){0,2}$", re.I)


def _harmed(text: str, mention: ActorMention) -> bool:
    """Whether an actor is named as the object of a harm verb or of 'an attack on'."""
    return _HARMED.search(text, max(0, mention.start - 60), mention.start) is not None


_CO_AGENT = re.compile(r"\s*(?:,\s*)?(?:and|or|along with|together with)\s+(?:[\w-]+\s+){0,2}?", re.I)
_RESPONSIBILITY = Folded(re.compile(
    r"\b(?:claimed|accepted|admitted|took|claiming|accepting)\s+(?:the\s+)?(?:responsibility|credit)\b|"
    r"\b(?:claimed|claims) (?:the|saturday's|sunday's|monday's|tuesday's|wednesday's|thursday's|friday's|"
    r"yesterday's) (?:\w+ )?(?:attack|bombing|blast|assault|killing)s?\b|"
    r"\b(?:its|their) (?:own )?(?:fighters?|members?|militants?|men|suicide bombers?) (?:had )?"
    r"(?:carried out|conducted|staged|launched)\b", re.I))


def _claimant_of(sentences: list[_Sentence]) -> ActorMention | None:
    """The named armed group that claimed or accepted responsibility ("The Provisional IRA accepted
    responsibility for the bombings"): the perpetrator ACLED codes when nothing names another."""
    for s in sentences:
        claim = _RESPONSIBILITY.search(s.text)
        if claim is None:
            continue
        before = [m for m in actor_table().mentions(s.text[:claim.start()])
                  if m.actor.inter in (2, 3, 4) and not m.actor.generic]
        if before:
            return before[-1]
    return None


def is_speaker(text: str, mention: ActorMention) -> bool:
    """Whether an actor named in `text` is only the source of the report ("police said")."""
    return bool(_SPEAKER_AFTER.match(text, mention.end)
                or _SPEAKER_BEFORE.search(text, max(0, mention.start - 40), mention.start))


def _flyer(sentences: list[_Sentence], a1: ActorMention | None, a2: ActorMention | None,
           country: str | None) -> tuple[ActorMention | None, ActorMention | None]:
    """An air strike is flown by a state's or a foreign force (rebels and militias have no aircraft;
    only a drone may be theirs): where the report names such a force, it is actor1 and the group
    named first, if any, the target."""
    if a1 is None or a1.actor.inter not in (2, 3, 4) or any(re.search(r"\bdrones?\b", s.text, re.I) for s in sentences):
        return a1, a2
    for s in sentences:
        text = main_clause(s.text)
        force = next((m for m in _actors(text, country) if m.actor.inter in (1, 8) and not is_speaker(text, m)), None)
        if force is not None:
            return force, a2 if a2 is not None and a2.actor.inter == 7 else a1
    return a1, a2


# Who holds the place struck is not a side of the incident: "killed 34 civilians in a village held by
# Islamic State", "a town under the control of the rebels".
_HOLDER = re.compile(r"\b(?:held|controlled|run|occupied|dominated) by (?:the )?(?:[a-z][\w-]* ){0,2}$|"
                     r"\bunder (?:the )?control of (?:the )?(?:[a-z][\w-]* ){0,2}$")


def _holds(text: str, mention: ActorMention) -> bool:
    """Whether a mention names who holds a place ("a village held by Islamic State", "Daesh-held
    villages") rather than a side of the incident."""
    return (text.startswith(("-held", "-controlled", "-run", "-occupied", "-dominated"), mention.end)
            or _HOLDER.search(text, max(0, mention.start - 30), mention.start) is not None)


def _roles(sentences: list[_Sentence], coding: Coding, country: str | None, mentions: list[_Sentence] = ()):
    """(actor1, actor2) mentions: the one acting, then the one acted upon. Civilians are never the one
    acting; the source of the report ("police said") is neither; a named group that claimed the incident
    (in any sentence that tells or names it) is the one acting when no other named actor is."""
    first, second = None, None
    for s in sentences:
        text = main_clause(s.text)
        mentions = [m for m in _actors(text, country) if not is_speaker(text, m) and not _holds(text, m)]
        if coding.event_type not in ("Protests", "Riots"):
            # "activists" in a report of strikes or battles are its sources, never a side
            mentions = [m for m in mentions
                        if not (m.actor.inter == 6 and text[m.start:m.end].lower().startswith("activist"))]
        if coding.event_type in ("Battles", "Protests"):
            mentions = [m for m in mentions if m.actor.inter != 7]
        # the agent of a passive verb ("had been recaptured by the rebels", "carried out by the armed
        # Basque separatist group ETA"), else the first "by"
        passive = (re.search(r"\b(?:was|were|been|being)\s+(?:\w+\s+){0,2}?\w+(?:ed|en|t)\s+by (?:the )?", text)
                   or re.search(r"\bby (?:the )?", text))
        if passive:
            after = [m for m in mentions if m.start >= passive.end() - 1 and m.actor.inter != 7
                     and _AGENT_GAP.fullmatch(text, passive.end(), max(passive.end(), m.start))]
            if after and first is None:
                first = after[0]
                rest = [m for m in mentions if m.actor is not first.actor]
                second = second or (rest[0] if rest else None)
                break
        for m in mentions:
            if first is None and m.actor.inter != 7 and not _harmed(text, m):
                first = m
            elif (second is None and m.actor is not (first.actor if first else None)
                  and not (first is not None and coding.event_type != "Battles"
                           and _CO_AGENT.fullmatch(text, first.end, max(first.end, m.start))
                           and not re.search(r"\bbetween\s+(?:the\s+)?$", text[max(0, first.start - 14):first.start]))):
                # not a second attacker joined by "and" ("Taliban gunmen and suicide bombers attacked");
                # in a battle ("troops and rebels clashed", "between troops and terrorists") the other side
                second = m
        if first and second:
            break
    claimed = _claimant_of(list(sentences) + list(mentions))
    if claimed is not None and (first is None or first.actor.generic) and (
            second is None or claimed.actor is not second.actor):
        first = claimed
    if first is not None and second is not None and second.actor is first.actor:
        second = None
    civilians = actor_table().by_name["Civilians ({country})"]
    if coding.event_type == "Violence against civilians" and (second is None or second.actor.inter != 7):
        second = ActorMention(civilians, 0, 0, "civilians")
    elif (coding.event_type == "Explosions/Remote violence" and second is None
          and any(_civilian_target(main_clause(s.text)) for s in sentences)):
        # a bomb at a market, a cafe, a bus station: ACLED codes the civilians it hit as actor2
        second = ActorMention(civilians, 0, 0, "civilians")
    return first, second


_CIVILIAN_TARGET = Folded(re.compile(
    r"\b(?:civilians?|markets?|bakery|cafes?|caf\u00e9s?|restaurants?|hotels?|shops?|shopping (?:centre|center|mall)|"
    r"mosques?|churches|church|synagogues?|schools?|hospitals?|bus (?:station|stop)s?|wedding|funeral|concert|stadium|"
    r"passengers|worshippers|shoppers|children|pupils|students|pedestrians|passers-by)\b", re.I))


def _civilian_target(text: str) -> bool:
    """Whether a sentence names civilians or a place where civilians are (a market, a cafe, a school)."""
    return _CIVILIAN_TARGET.search(text) is not None


_VERBS = {
    "Armed clash": "clashed with", "Government regains territory": "regained territory from",
    "Non-state actor overtakes territory": "took territory from",
    "Air/drone strike": "carried out an air or drone strike against", "Suicide bomb": "carried out a suicide bombing against",
    "Shelling/artillery/missile attack": "shelled", "Remote explosive/landmine/IED": "used an explosive device against",
    "Grenade": "threw a grenade at", "Chemical weapon": "used a chemical weapon against", "Attack": "attacked",
    "Abduction/forced disappearance": "abducted", "Sexual violence": "committed sexual violence against",
    "Arrests": "arrested", "Peaceful protest": "held a peaceful protest",
    "Protest with intervention": "protested and were met by", "Excessive force against protesters": "used excessive force against",
    "Violent demonstration": "held a violent demonstration against", "Mob violence": "attacked",
}


def _notes(sub: str, actor1: str, actor2: str | None, place: str | None, date: dt.date, fatalities: int) -> str:
    verb = _VERBS.get(sub)
    if verb and actor2:
        what = f"{actor1} {verb} {actor2}"
    elif verb and sub in ("Peaceful protest",):
        what = f"{actor1} {verb}"
    else:
        what = f"{sub} involving {actor1}" + (f" and {actor2}" if actor2 else "")
    where = f" near {place}" if place else ""
    toll = f"; {fatalities} reported killed" if fatalities else ""
    return f"{what}{where} on {date.isoformat()}{toll}."


def fatalities_of(figures: list[Figure], sub_event_type: str) -> tuple[int, int | None]:
    """(fatalities, injuries) by ACLED rules: per victim group the lowest precise figure, summed."""
    def total(quantity: str) -> int | None:
        groups: dict[str, list[Figure]] = {}
        for f in figures:
            if f.quantity != quantity or f.part_of_previous:
                continue
            if sub_event_type == "Suicide bomb" and re.search(r"\b(?:bombers?|attackers?)\b", f.victims, re.I):
                continue
            key = re.sub(r"^(?:most|some|many|all) of (?:the )?", "", f.victims.lower()) or "?"
            groups.setdefault(key, []).append(f)
        if not groups:
            return None
        def lowest(items: list[Figure]) -> int:
            precise = [f.count.low for f in items if f.count and not f.count.vague]
            vague = [f.count.low for f in items if f.count and f.count.vague]
            return min(precise) if precise else (min(vague) if vague else 0)

        # a toll that names nobody ("kills 4") is the same toll as the one naming the victims
        # ("Four people were killed"), not more deaths on top of it
        unnamed = groups.pop("?", None)
        value = sum(lowest(items) for items in groups.values())
        return max(value, lowest(unnamed)) if unnamed else value
    return total("killed") or 0, total("injured")


MAX_SENTENCE_CHARS = 3000  # the longest sentence of the 804 FA-KES articles has 622 characters


def find_incidents(article: Article) -> tuple[list[_Incident], list[_Sentence]]:
    """The article's incidents (grouped sentences) and every triggered sentence."""
    text = article.text
    anchor = article.published
    sentences: list[_Sentence] = []
    for index, (start, end) in enumerate(sentence_spans(text)):
        chunk = text[start:end]
        if end - start > MAX_SENTENCE_CHARS or not triggered(chunk):
            continue  # a run of text with no sentence end is no sentence (and the rules are slow on it)
        line_start = text.rfind("\n", 0, start) + 1
        opened = text.count("“", line_start, start) > text.count("”", line_start, start)
        s = _Sentence(start, end, chunk, quoted=opened, lead=index < 2)
        s.coding = resolve(_SITE_OF.sub(" ", _GOAL.sub(" ", main_clause(chunk))))
        s.date = resolve_date(chunk, anchor)
        if s.date and _STATEMENT_DATE.search(chunk):
            s.date, s.stated = None, s.date
        s.tally = is_tally(_RECORD.sub(" ", chunk))
        s.incident = is_incident(s) and not _history(s, anchor)
        sentences.append(s)
    incidents: list[_Incident] = []
    pending: list[_Sentence] = []  # sentences that only name an incident, told before it may be
    last_index = -10
    for i, s in enumerate(sentences):
        current = incidents[-1] if incidents else None
        names_violent = _violent(s.coding) and refers_back(s)  # its violence is only a reference
        if names_violent and current is not None and not _violent(current.coding):
            # "a probe into the explosion" after a sentence on security measures names a violent
            # incident, not the measures: placed below, with the incident it names (told before or after)
            if s.incident:
                pending.append(s)
            continue
        elsewhere = _ELSEWHERE.search(s.text) is not None  # "... in the neighbouring province"
        reportable = not (s.tally or s.quoted or elsewhere or _QUOTE.match(s.text) or _NEGATED.search(s.text)
                          or _JUXTAPOSED.search(s.text))
        joins = current is not None and i - last_index <= 2 and reportable and (
            _ANAPHORA.search(s.text) is not None
            or (i - last_index == 1 and is_detail(s, current.coding))
            or (s.incident and s.coding.event_type == current.coding.event_type
                and (s.date is None or current.date is None or s.date[0] == current.date[0])))
        if joins and s.date and current.date and s.date[0] != current.date[0] and not _ANAPHORA.search(s.text):
            joins = False
        if not joins and s.incident and current is not None and refers_back(s) and (
                s.date is None or current.date is None or s.date[0] == current.date[0]):
            joins = True  # "Four people were killed in the attack": the incident told before, however far
        if joins:
            current.sentences.append(s)
            current.date = current.date or s.date
            last_index = i
        elif s.incident and not elsewhere and _violent(s.coding) and only_casualties_of_reference(s) and (
                target := _referred([inc for inc in incidents if inc.sentences[0].start < s.start], s, anchor)):
            # "Four people were killed in the attack", however far from the attack told before: its toll
            target.sentences.append(s)
            target.date = target.date or s.date
            if target is current:
                last_index = i
        elif s.incident and names_violent and reference_in(s.text, anchor):
            # "the ringleader of Saturday's attack was known to police": names an incident, told later maybe
            pending.append(s)
        elif s.incident:
            incidents.append(_Incident([s], s.coding, s.date))
            last_index = i
    for s in pending:
        target = _referred(incidents, s, anchor)
        if target is not None:
            target.mentions.append(s)
        else:  # the only telling of that incident
            incidents.append(_Incident([s], s.coding, s.date))
            incidents.sort(key=lambda inc: inc.sentences[0].start)
    for incident in incidents:
        # told only as "said Saturday they had captured": the statement's day, unless a later
        # sentence of the same incident gives the incident's own day
        incident.date = incident.date or next((s.stated for s in incident.sentences if s.stated), None)
    _attach_mentions(incidents, sentences, anchor)
    incidents += [found for incident in list(incidents) for found in consequences(incident)]
    return incidents, sentences


def build(article: Article) -> tuple[list[EventCandidate], list[Claim]]:
    """Event candidates and claims of one article."""
    incidents, sentences = find_incidents(article)
    country = article_country(article.text)
    article_places = places_in_article(article.text, article.dateline) if incidents else []
    candidates: list[EventCandidate] = []
    key_of: dict[int, str] = {}
    # a sentence whose trailing clause is an incident of its own: figures from `offset` on are its
    answered: dict[int, tuple[int, str]] = {}
    answered_at: dict[int, int] = {}
    for incident in incidents:
        if incident.cause is not None:
            part = incident.sentences[0]
            whole = next(s for s in incident.cause.sentences if s.start <= part.start < s.end)
            answered_at[whole.start] = part.start - whole.start
    told: dict[int, tuple] = {}  # id(incident) -> (place ref, actor1, actor2) of a coded incident
    for incident in incidents:
        first = incident.sentences[0]
        date = incident.date or ((article.published, 2) if article.published else None)
        if date is None:
            continue  # no date at all: ACLED cannot code an undated event
        key = candidate_key(article.body_hash, first.start, first.end)
        sub = incident.coding.sub_event_type
        if incident.cause is not None:
            if id(incident.cause) not in told:
                continue
            ref, cause_a1, cause_a2 = told[id(incident.cause)]
            where_country = (ref.country if ref else None) or country
            whole = next(s for s in incident.cause.sentences if s.start <= first.start < s.end)
            offset = first.start - whole.start
            answered[whole.start] = (offset, key)
            figures = [f for f in whole.figures_for(country) if f.count and f.count.start >= offset]
            a1, a2 = _roles([first], incident.coding, where_country)
            # the response is aimed at the side that acted first, unless that is who responds
            a2 = cause_a1 if cause_a1 and a1 and cause_a1.actor is not a1.actor else cause_a2
        else:
            texts = [s.text for s in incident.sentences]
            ref = place_ref(texts, article.text, article.dateline, article_places, country)
            where_country = (ref.country if ref else None) or country
            figures = [f for s in incident.sentences for f in s.figures_for(country)
                       if not (s.start in answered_at and f.count and f.count.start >= answered_at[s.start])]
            a1, a2 = _roles(incident.sentences, incident.coding, where_country, incident.mentions)
            if a1 is None or a1.actor.canonical.startswith("Unidentified"):
                a1 = _claimant_of(incident.sentences + incident.mentions) or a1
            if sub == "Air/drone strike":
                a1, a2 = _flyer(incident.sentences, a1, a2, where_country)
            told[id(incident)] = (ref, a1, a2)
        fatalities, injuries = fatalities_of(figures, sub)
        if a1 is None:
            generic = "Unidentified Armed Group ({country})" if incident.coding.event_type not in (
                "Protests", "Riots") else ("Protesters ({country})" if incident.coding.event_type == "Protests"
                                           else "Rioters ({country})")
            a1 = ActorMention(actor_table().by_name[generic], 0, 0, "")
        actor1 = a1.actor.name_in(where_country, date[0].year)
        actor2 = a2.actor.name_in(where_country, date[0].year) if a2 else None
        for s in incident.sentences:
            key_of[s.start] = key
        candidates.append(EventCandidate(
            key=key, article_id=article.article_id, event_date=date[0], time_precision=date[1],
            event_type=incident.coding.event_type, sub_event_type=sub, actor1=actor1,
            evidence=tuple(Evidence(article.article_id, s.text, s.start, s.end)
                           for s in sorted(incident.sentences + incident.mentions, key=lambda s: s.start)),
            inter1=a1.actor.inter, actor2=actor2, inter2=a2.actor.inter if a2 else None, place_ref=ref,
            fatalities=fatalities, injuries=injuries,
            notes=_notes(sub, actor1, actor2, ref.text if ref else None, date[0], fatalities),
            confidence=incident.coding.confidence,
            civilian_targeting=incident.coding.event_type == "Violence against civilians"
            or (a2 is not None and a2.actor.inter == 7)))
    attackers = {c.key: c.actor1 for c in candidates
                 if c.inter1 not in (0, 7) and not c.actor1.startswith("Unidentified")}
    claims = _claims(article, sentences, key_of, country, answered, attackers)
    return candidates, claims


_ATTACKERS = Folded(re.compile(r"\b(?:attackers|assailants|bombers?|the attacker)\b", re.I))


def _sentence_before(text: str, start: int) -> str:
    """The sentence of `text` before the one that starts at `start`."""
    before = [text[a:b] for a, b in sentence_spans(text[:start])]
    return before[-1] if before else ""


def _year_named(sentence: str) -> dt.date | None:
    """The first day of the last year (or month of a year) a sentence names ("began in March 2011")."""
    found = list(_YEAR_NAMED.finditer(sentence))
    if not found:
        return None
    m = found[-1]
    return dt.date(int(m["year"]), _month(m["month"]) if m["month"] else 1, 1)


# Speakers "he", "she" or "it" cannot stand for.
_PLURAL_CLAIMANTS = frozenset("officials sources commanders witnesses residents activists monitors medics doctors "
                              "rescuers agencies groups organizations organisations authorities reporters "
                              "correspondents media people".split())


def _claims(article: Article, sentences: list[_Sentence], key_of: dict[int, str], country: str | None,
            answered: dict[int, tuple[int, str]], attackers: dict[str, str]) -> list[Claim]:
    """Every casualty figure of the article as a claim; "10 attackers were killed" counts the side
    that attacked in the incident the figure belongs to."""
    claims: list[Claim] = []
    last_claimant: str | None = None
    last_since: dt.date | None = None  # the start of the tally of the triggered sentence just before
    for s in sentences:
        said = claimant_in(s.text)
        if said and said.lower() in _PRONOUNS:
            # the claimant named before, unless "he", "she" or "it" would stand for a plural ("activists");
            # a pronoun that stands for nobody named is no claimant
            plural = last_claimant is not None and last_claimant.split()[-1].lower() in _PLURAL_CLAIMANTS
            said = last_claimant if last_claimant and (said.lower() == "they" or not plural) else None
        elif said:
            last_claimant = said
        figures = s.figures_for(country)
        if not figures:
            last_since = None
            continue
        since = tally_since(s.text, article.published)
        if s.tally and since is None and re.search(r"\bsince then\b", s.text, re.I):
            # "then" is the year the sentence before names ("a war which started ... in 2011.
            # Since then ..."), or else the start of the tally just before
            since = _year_named(_sentence_before(article.text, s.start)) or last_since
        last_since = since if s.tally else None
        claimant_actor = None
        if said:
            # "activists said", "residents said": people who speak, not the protesters or
            # civilians of the coding, so they keep the words the report gives them
            found = [m for m in actor_table().mentions(said) if m.actor.inter not in (5, 6, 7)]
            claimant_actor = found[0].actor.name_in(country) if found else None
        evidence = Evidence(article.article_id, s.text, s.start, s.end)
        for index, f in enumerate(figures):
            scope = "tally" if s.tally else "incident"
            key = None if scope != "incident" else (
                answered[s.start][1] if s.start in answered and f.count
                and f.count.start >= answered[s.start][0] else key_of.get(s.start))
            victim_actor = f.victim_actor
            if key in attackers and _ATTACKERS.search(f.victims) and (
                    victim_actor is None or victim_actor.startswith("Unidentified")):
                victim_actor = attackers[key]
            claims.append(Claim(
                claim_key=f"{article.body_hash}:{s.start}-{s.end}:{f.quantity}:{index}",
                article_id=article.article_id, quantity=f.quantity,
                number_low=f.count.low if f.count else None, number_high=f.count.high if f.count else None,
                number_text=f.count.text if f.count else f.victims, victims=f.victims, victim_type=f.victim_type,
                evidence=evidence, victim_actor=victim_actor, claimant=said, claimant_actor=claimant_actor,
                scope=scope, tally_since=since if scope == "tally" else None, candidate_key=key))
    return claims
