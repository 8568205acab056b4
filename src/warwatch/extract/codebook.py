"""ACLED event types and sub-types from the cue lexicon of data/event_cues.tsv.

Each cue adds its weight to a sub-type (or to a flag). Flags are resolved by ACLED's rules:
protests by what the crowd and the police did, a change of control by who took the place,
an armed attack by whom it hit. The best-scoring event type wins; within it, the sub-type
listed first in the codebook wins among those with real support (the hierarchy rule).
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources

from warwatch.extract.actors import actor_table
from warwatch.memo import remembered
from warwatch.prefilter import Folded, Starts, search_at

# ACLED's six event types and 25 sub-types, in hierarchy order within each type.
HIERARCHY: dict[str, tuple[str, ...]] = {
    "Battles": ("Government regains territory", "Non-state actor overtakes territory", "Armed clash"),
    "Protests": ("Excessive force against protesters", "Protest with intervention", "Peaceful protest"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED",
                                   "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}
TYPE_OF = {sub: event_type for event_type, subs in HIERARCHY.items() for sub in subs}
SUB_EVENT_TYPES = tuple(TYPE_OF)
NONE = "NONE"
# Between event types with equal support, the more specific tactic wins.
TIE_ORDER = ("Explosions/Remote violence", "Violence against civilians", "Protests", "Riots", "Battles",
             "Strategic developments")
VIOLENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots")


@dataclass(frozen=True, slots=True)
class Cue:
    """One line of the cue lexicon."""

    label: str
    weight: float
    pattern: re.Pattern
    example: str


@functools.lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    """The shipped cue lexicon."""
    text = resources.files("warwatch.data").joinpath("event_cues.tsv").read_text(encoding="utf-8")
    found = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, weight, pattern, example = line.split("\t")
        if label not in TYPE_OF and label != NONE and not label.startswith("@"):
            raise ValueError(f"event_cues.tsv: unknown label {label!r}")
        # patterns are lower-case and run on lower-cased text: about three times faster than IGNORECASE
        found.append(Cue(label, float(weight), re.compile(pattern), example))
    return tuple(found)


@functools.lru_cache(maxsize=1)
def _cue_starts() -> Starts:
    """One automaton over the literal keys that start every match of each cue's pattern."""
    # keys of up to 8 characters: "the army" is far rarer than "the" (~5 tries a text, not ~50)
    return Starts([cue.pattern for cue in cues()], length=8)


@dataclass(frozen=True, slots=True)
class Coding:
    """The ACLED coding of a text: sub-type scores and the winner (None: not an ACLED event)."""

    event_type: str | None
    sub_event_type: str | None
    confidence: float
    scores: dict[str, float]


_STATE_WORDS = re.compile(
    r"\b(?:government|regime|army|armed forces|troops|soldiers|military|security forces|police|"
    r"loyalist|pro-government|federal forces|national army|paramilitary|forces? loyal)\b", re.I)
_REBEL_WORDS = re.compile(
    r"\b(?:rebels?|militants?|insurgents?|jihadists?|islamists?|fighters|militias?|militiamen|extremists|terrorists|"
    r"opposition|separatists|gunmen|group)\b", re.I)


def territory_by_state(text: str, at: int) -> bool:
    """Whether the actor taking a place (named before `at`, or after "by") is a state force."""
    after = text[at:at + 80]
    by = re.search(r"\bby ((?:the |[\w'.-]+ ){0,4}[\w'.-]+)", after)
    if by and not re.match(r"by (?:force|the end|then|now)", by.group(0)):
        agent_text = by.group(1)
        agents = actor_table().mentions(agent_text)
        if agents:
            return agents[0].actor.inter in (1, 8)
        if _STATE_WORDS.search(agent_text):
            return True
        if _REBEL_WORDS.search(agent_text):
            return False
    before = text[max(0, at - 160):at]
    # the subject is in the clause of the verb: after the last full stop, semicolon or "when"/"as"
    clause = re.split(r"[.;]\s|\b(?:when|as|while|where|after|before)\b", before)[-1]
    if actor_table().mentions(clause) or _STATE_WORDS.search(clause) or _REBEL_WORDS.search(clause):
        before = clause
    agents = [m for m in actor_table().mentions(before) if m.actor.inter in (1, 2, 3, 4, 8)]
    if not agents and not _STATE_WORDS.search(before) and not _REBEL_WORDS.search(before):
        return not _REBEL_WORDS.search(after)
    # the subject usually comes first in a wire sentence: prefer the earliest actor named
    first_state = min([m.start for m in agents if m.actor.inter in (1, 8)] +
                      [m.start() for m in _STATE_WORDS.finditer(before)], default=10**6)
    first_rebel = min([m.start for m in agents if m.actor.inter in (2, 3, 4)] +
                      [m.start() for m in _REBEL_WORDS.finditer(before)], default=10**6)
    return first_state <= first_rebel


def _targets(text: str, flag: str, after: int) -> int:
    """How many target words of a flag are in the attack word's sentence: after it (the perpetrator
    comes first), or from the sentence's start when the verb is passive ("civilians were shot dead")."""
    text = text.lower()
    sentence_start = max(text.rfind(". ", 0, after) + 2, 0)
    end = text.find(". ", after)
    end = len(text) if end < 0 else end
    passive = re.search(r"\b(?:was|were|been|being)\s+(?:\w+\s+(?:and\s+)?)?$", text[sentence_start:after])
    start = sentence_start if passive else max(sentence_start, after - 25)
    if passive:  # the agent after "by" is the perpetrator
        by = text.find(" by ", after, end)
        end = end if by < 0 else by
    return sum(len(cue.pattern.findall(text, start, end)) for cue in cues() if cue.label == flag)


def score(text: str) -> tuple[dict[str, float], dict[str, float], dict[str, int]]:
    """Sub-type scores, flag weights and the first position of each flag in `text`."""
    text = text.lower()
    scores: dict[str, float] = defaultdict(float)
    flags: dict[str, float] = defaultdict(float)
    where: dict[str, int] = {}
    starts = _cue_starts()
    # one pass finds where each cue's match may start; a cue none of whose keys occurs cannot
    # match, and one whose keys occur is tried only there (the first that matches is where
    # its search would have found it)
    where_may = starts.find(text)
    unknown = starts.unknown
    for index, cue in enumerate(cues()):
        if index in unknown:
            m = cue.pattern.search(text)
        else:
            at = where_may.get(index)
            if at is None:
                continue
            m = search_at(cue.pattern, text, at)
        if not m:
            continue
        if cue.label.startswith("@"):
            flags[cue.label] += cue.weight
            where.setdefault(cue.label, m.start())
        else:
            scores[cue.label] += cue.weight
    return scores, flags, where


# Background that names other violence: a duration ("after weeks of fighting"), a motive ("in
# retaliation for a chlorine attack"), an accusation. It tells the setting, not this incident.
_BACKGROUND_PHRASE = re.compile(
    r"\b(?:(?:after|ending|amid|following|despite|as) )?(?:(?:days|weeks|months|years|decades) of|long-running) "
    r"(?:\w+ ){0,2}(?:fighting|clashes|war|conflict|violence|unrest|bloodshed|hostilities|protests?)\b"
    r"|\b(?:it |they |he |she )?(?:accused|blamed) (?:[\w-]+ ){0,3}(?:of|for) (?:[\w-]+ ){0,6}?(?:attacks?|bombings?|"
    r"killings?|massacres?|assaults?|strikes?|abductions?|kidnappings?|theft|stealing|robbery|witchcraft|blasphemy|"
    r"rape|murder|spying|collaborat\w+|smuggling|trafficking|slaughter|fraud|corruption)\b"
    r"|\b(?:in retaliation for|in revenge for|"
    r"(?:a|one|two|three|several|\d+) (?:days?|weeks?|months?) after|after (?:the |heavy |fierce )?(?:fighting|clashes|battles?))\b[^.;,]*"
    r"|\b(?:tasked|charged) with (?:fighting|battling|combating)\b|\b(?:in the aftermath of|in connection with)\b[^.;,]*"
    # what a protest is about: "to protest the arrest of a journalist", "against the killing of"
    r"|\b(?:to protest|protesting|in protest (?:at|against|over)|against|over|condemning|denouncing|"
    r"demand(?:ing)? (?:the )?release of|demand(?:ing)? justice for) (?:the |his |her |their |a |an )?(?:\w+ )?"
    r"(?:arrests?|detentions?|killings?|deaths?|jailing|imprisonment|abductions?|kidnappings?|rape|murders?|shooting)\b"
    r"(?: of [^.;,]*)?"
    r"|\b(?:because of|for fear of|fearing) (?:[\w'-]+ ){0,3}(?:attacks|violence|fighting|insecurity|clashes|raids)\b"
    # intent and prediction: "would launch a new offensive", "threatened to storm the city"
    r"|\b(?:will|would|could|might|plans? to|planning to|threaten(?:s|ed)? to|vow(?:s|ed)? to|intends? to|"
    r"(?:is|are|was|were) set to|aims? to|ready to|prepared to) (?:\w+ )?(?:launch|attack|strike|bomb|retake|"
    r"recapture|capture|seize|invade|storm|stage|arrest|kill|shell|deploy|establish|set up)\b(?: (?!killing|wounding)[\w'-]+){0,4}"
    # a past incident named with its year or period ("a deadly 2017 chemical attack", "killed last month")
    r"|\b(?:(?:an?|the) (?:\w+ )?)?(?:19|20)\d\d (?:[\w-]+ ){0,3}(?:attacks?|bombings?|massacres?|shootings?|offensive|war)\b"
    r"|\b(?:killed|died|shot|wounded|injured|arrested|detained)\b[^.;,]*?\b(?:last|earlier this|the previous) "
    r"(?:week|month|year)\b[^.;,]*", re.I)


_BACKGROUND = Folded(_BACKGROUND_PHRASE, length=4)  # 5 would give more than 20k keys: the same 4-character ones
_RIOT = Folded(re.compile(r"\briot(?:s|ers|ing)?\b(?! police| gear| squad| control| officers)", re.I))


@remembered(512)  # an article's rules code some of its texts more than once
def resolve(text: str) -> Coding:
    """Code `text` (a sentence or a short snippet) by ACLED's rules. The Coding may be shared by
    callers that coded the same text: read it, never change its scores."""
    text = _BACKGROUND.sub(" ", text)
    scores, flags, where = score(text)
    # a crowd that the police disperse is a demonstration even when no protest word names it
    crowd = flags["@intervention"] > 0 and re.search(
        r"\b(?:(?:a|the) crowd|crowds|(?:a|the) gathering|(?:had |who )?gathered (?:outside|in front|at|near|in))\b",
        text, re.I) is not None
    protest = crowd or flags["@protest"] > 0 or _RIOT.search(text) is not None
    if protest:
        scores["Peaceful protest"] += 3 + flags["@peaceful"] * 0.3
        violent = flags["@protester_violence"] > 0
        if violent:
            scores["Violent demonstration"] += 4 + flags["@protester_violence"] * 0.5
        if flags["@lethal_force"] and not violent:
            scores["Excessive force against protesters"] += 6
        if flags["@harsh_force"]:
            scores["Excessive force against protesters"] += 5 if (flags["@peaceful"] or not violent) else 1
        if flags["@intervention"]:
            scores["Protest with intervention"] += 5
        for sub in HIERARCHY["Protests"] + ("Violent demonstration",):
            if scores.get(sub):
                scores[sub] += flags["@protest"]
        for sub in ("Arrests", "Armed clash", "Looting/property destruction", "Attack"):
            scores[sub] *= 0.3
    transfer = "Non-violent transfer of territory"
    if flags["@territory"] and scores.get(transfer, 0) >= 5 and not scores.get("Armed clash") and not flags["@attack"]:
        scores[transfer] += flags["@territory"]
    elif flags["@territory"]:
        if territory_by_state(text, where["@territory"]):
            scores["Government regains territory"] += flags["@territory"] + 1
        else:
            scores["Non-state actor overtakes territory"] += flags["@territory"] + 1
    if flags["@release"] and "Abduction/forced disappearance" in scores:
        # hostages set free end an abduction; the release is coded, not the kidnapping
        scores["Abduction/forced disappearance"] *= 0.3
    if flags["@exercise"]:
        # the weapons of a drill are not used in earnest: an exercise is a change of activity
        for sub in HIERARCHY["Explosions/Remote violence"] + HIERARCHY["Battles"]:
            if sub in scores:
                scores[sub] *= 0.3
        scores["Change to group/activity"] += flags["@exercise"]
    if scores.get("Disrupted weapons use", 0) >= 6 and not flags["@lethal_force"]:
        for sub in HIERARCHY["Explosions/Remote violence"]:
            if sub in scores:
                scores[sub] *= 0.3  # found, defused, destroyed: the weapon was not used
    weapon = max((scores.get(sub, 0.0) for sub in HIERARCHY["Explosions/Remote violence"]), default=0.0)
    # a raid that takes people away without killing anyone is the abduction, not an attack
    abduction_only = scores.get("Abduction/forced disappearance", 0) >= 6 and not flags["@lethal_force"]
    if flags["@attack"] and weapon < 4 and not abduction_only:
        on_state = _targets(text, "@state_target", where["@attack"])
        on_civilians = _targets(text, "@civilian_target", where["@attack"])
        if on_state >= on_civilians and on_state:
            scores["Armed clash"] += flags["@attack"] + 1.5
        elif on_civilians:
            scores["Attack"] += flags["@attack"] + 2
        else:
            scores["Attack"] += flags["@attack"]
    return decide(scores)


def decide(scores: dict[str, float]) -> Coding:
    """The winning type by score, and within it the first sub-type with real support."""
    violent = max((s for sub, s in scores.items() if sub in TYPE_OF and TYPE_OF[sub] in VIOLENT_TYPES),
                  default=0.0)
    if violent >= 4:
        for sub in HIERARCHY["Strategic developments"]:
            # a mass grave found is the event; the killings it holds are past
            if sub in scores and not (sub == "Other" and scores[sub] >= 7):
                scores[sub] *= 0.6
    by_type: dict[str, float] = defaultdict(float)
    for sub, s in scores.items():
        if sub in TYPE_OF:
            by_type[TYPE_OF[sub]] = max(by_type[TYPE_OF[sub]], s)
    ranked = sorted(by_type.items(), key=lambda kv: (-kv[1], TIE_ORDER.index(kv[0])))
    none_score = scores.get(NONE, 0.0)
    if not ranked or ranked[0][1] < 3 or none_score > ranked[0][1] + 1:
        best = ranked[0][1] if ranked else 0.0
        confidence = min(0.95, 0.5 + (none_score - best) / 20) if none_score else 0.6
        return Coding(None, None, round(max(confidence, 0.5), 3), dict(scores))
    event_type, best = ranked[0]
    if event_type == "Strategic developments" and none_score >= best:
        # arrests of smugglers, seizures of drugs: crime, not political violence
        return Coding(None, None, 0.6, dict(scores))
    floor = max(3.0, best * 0.6)
    sub = next(s for s in HIERARCHY[event_type] if scores.get(s, 0.0) >= floor)
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    margin = (best - max(second, none_score)) / (best + 1e-9)
    confidence = round(min(0.97, 0.5 + 0.45 * margin + min(best, 12) / 60), 3)
    return Coding(event_type, sub, confidence, dict(scores))
