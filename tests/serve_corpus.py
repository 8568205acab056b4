"""A small event database for the web app's tests, coded by hand from reports we wrote.

The articles are written by the warwatch engineers in the style of wire reports (invented people,
outlets and figures; real places). Each is coded the way a coder following the codebook would code
it, as the typed records of `models.py`, and written through the real store's `write_report`.
One article carries `<script>` and `onerror=` payloads; one starts with characters outside the
Basic Multilingual Plane, so code-point offsets differ from JavaScript's UTF-16 ones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from warwatch.models import Article, Claim, EventCandidate, Evidence, Place, Report, SourceRef, body_hash, \
    candidate_key
from warwatch.store.base import SqlStore

EXTRACTOR_VERSION = "test-corpus-1"

PLACES = {
    "Konduga": Place("Konduga", 11.6531, 13.4178, "Nigeria", 566, "NGA", 1, "Borno", "Konduga", "Western Africa"),
    "Lagos": Place("Lagos", 6.4541, 3.3947, "Nigeria", 566, "NGA", 1, "Lagos", "Lagos Island", "Western Africa"),
    "Kano": Place("Kano", 12.0022, 8.5920, "Nigeria", 566, "NGA", 1, "Kano", "Kano Municipal", "Western Africa"),
    "Maarat al-Numan": Place("Maarat al-Numan", 35.6433, 36.6717, "Syria", 760, "SYR", 1, "Idlib",
                             "Maarat al-Numan", "Middle East"),
    "Hajin": Place("Hajin", 34.6964, 40.8300, "Syria", 760, "SYR", 1, "Deir ez-Zor", "Abu Kamal", "Middle East"),
    "Aleppo": Place("Aleppo", 36.2021, 37.1343, "Syria", 760, "SYR", 1, "Aleppo", "Jebel Saman", "Middle East"),
    "Kabul": Place("Kabul", 34.5281, 69.1723, "Afghanistan", 4, "AFG", 1, "Kabul", "Kabul", "Caucasus and Central Asia"),
    "Bamako": Place("Bamako", 12.6392, -8.0029, "Mali", 466, "MLI", 1, "Bamako", "Bamako", "Western Africa"),
}


@dataclass
class Coded:
    """One incident in an article: the sentence that reports it and how it is coded."""

    sentence: str
    event_date: dt.date
    event_type: str
    sub_event_type: str
    actor1: str
    place: str
    inter1: int
    actor2: str | None = None
    inter2: int | None = None
    fatalities: int = 0
    injuries: int | None = None
    notes: str = ""
    claims: list[tuple] = field(default_factory=list)  # (quantity, low, number_text, victims, victim_type, claimant)


@dataclass
class Written:
    """One article we wrote, with its hand coding."""

    article_id: str
    outlet: str
    published: dt.date
    title: str
    text: str
    incidents: list[Coded]
    tallies: list[tuple] = field(default_factory=list)  # (sentence, quantity, low, number_text, victims, claimant)


KONDUGA = Written(
    "wire-konduga", "Daily Wire Review", dt.date(2019, 6, 16),
    "Gunmen kill 12 villagers in northeast Nigeria",
    "MAIDUGURI, Nigeria — Suspected Boko Haram militants killed 12 villagers and wounded five others in an "
    "attack on the town of Konduga in Borno state late Friday, residents said.\n"
    "The gunmen arrived on motorcycles shortly after dark and set fire to homes, a local official said.\n"
    "In Lagos, hundreds of protesters marched peacefully on Saturday to demand better security in the north.\n"
    "The insurgency has killed more than 30,000 people since 2009, according to the United Nations.",
    [Coded("Suspected Boko Haram militants killed 12 villagers and wounded five others in an attack on the town "
           "of Konduga in Borno state late Friday, residents said.",
           dt.date(2019, 6, 14), "Violence against civilians", "Attack", "Boko Haram", "Konduga", 2,
           "Civilians (Nigeria)", 7, 12, 5, "Boko Haram militants killed 12 villagers in an attack on Konduga.",
           [("killed", 12, "12", "villagers", "civilians", "residents"),
            ("injured", 5, "five", "others", "civilians", "residents")]),
     Coded("In Lagos, hundreds of protesters marched peacefully on Saturday to demand better security in the north.",
           dt.date(2019, 6, 15), "Protests", "Peaceful protest", "Protesters (Nigeria)", "Lagos", 6,
           notes="Protesters marched in Lagos to demand better security in the north.")],
    [("The insurgency has killed more than 30,000 people since 2009, according to the United Nations.",
      "killed", 30000, "more than 30,000", "people", "the United Nations")],
)

IDLIB_MONITOR = Written(
    "wire-idlib-monitor", "Levant Monitor Wire", dt.date(2019, 6, 11),
    "Air strikes kill nine in Idlib market town",
    "BEIRUT — Air strikes on a market in Maarat al-Numan in Idlib province killed nine civilians on Monday, "
    "the Syrian Observatory for Human Rights said.\n"
    "The monitor said Syrian government warplanes carried out the raids.",
    [Coded("Air strikes on a market in Maarat al-Numan in Idlib province killed nine civilians on Monday, the "
           "Syrian Observatory for Human Rights said.",
           dt.date(2019, 6, 10), "Explosions/Remote violence", "Air/drone strike", "Military Forces of Syria",
           "Maarat al-Numan", 1, "Civilians (Syria)", 7, 9, None,
           "Air strikes hit a market in Maarat al-Numan, killing civilians.",
           [("killed", 9, "nine", "civilians", "civilians", "the Syrian Observatory for Human Rights")])],
)

IDLIB_RESCUERS = Written(
    "wire-idlib-rescuers", "Northern Syria Daily", dt.date(2019, 6, 11),
    "Rescuers say 11 killed in Maarat al-Numan raids",
    "IDLIB, Syria — Government air strikes killed 11 people at a crowded market in Maarat al-Numan on Monday, "
    "the White Helmets civil defence group said.\n"
    "Rescuers were still searching the rubble on Tuesday.",
    [Coded("Government air strikes killed 11 people at a crowded market in Maarat al-Numan on Monday, the White "
           "Helmets civil defence group said.",
           dt.date(2019, 6, 10), "Explosions/Remote violence", "Air/drone strike", "Military Forces of Syria",
           "Maarat al-Numan", 1, "Civilians (Syria)", 7, 11, None,
           "Air strikes hit a market in Maarat al-Numan, killing civilians.",
           [("killed", 11, "11", "people", "civilians", "the White Helmets")])],
)

HAJIN = Written(
    "wire-hajin", "Euphrates Wire", dt.date(2018, 12, 15),
    "SDF fighters clash with Islamic State in Hajin",
    "𝐁𝐑𝐄𝐀𝐊𝐈𝐍𝐆 🇸🇾 DEIR EZ-ZOR — Fighters of the Syrian Democratic Forces clashed with Islamic State militants "
    "in the town of Hajin on Friday, leaving 20 fighters dead, a spokesman said.\n"
    "The SDF said it had taken control of several streets in the east of the town.",
    [Coded("Fighters of the Syrian Democratic Forces clashed with Islamic State militants in the town of Hajin on "
           "Friday, leaving 20 fighters dead, a spokesman said.",
           dt.date(2018, 12, 14), "Battles", "Armed clash", "SDF: Syrian Democratic Forces", "Hajin", 2,
           "Islamic State (Syria)", 2, 20, None, "SDF fighters clashed with Islamic State militants in Hajin.",
           [("killed", 20, "20", "fighters", "combatants", "a spokesman")])],
)

ALEPPO = Written(
    "wire-aleppo-arrests", "Levant Monitor Wire", dt.date(2019, 6, 13),
    "Security forces detain activists in Aleppo",
    "ALEPPO — Syrian security forces arrested 14 activists in raids on homes in Aleppo on Wednesday, "
    "relatives said.\nNo charges were announced.",
    [Coded("Syrian security forces arrested 14 activists in raids on homes in Aleppo on Wednesday, relatives said.",
           dt.date(2019, 6, 12), "Strategic developments", "Arrests", "Police Forces of Syria", "Aleppo", 1,
           "Civilians (Syria)", 7, 0, None, "Security forces arrested activists in Aleppo.",
           [("arrested", 14, "14", "activists", "civilians", "relatives")])],
)

KABUL = Written(
    "wire-kabul-bombing", "Hindu Kush Times", dt.date(2019, 6, 3),
    "Suicide bomber kills six near Kabul ministry",
    "KABUL — A suicide bomber blew himself up near a ministry building in Kabul on Sunday, killing six people "
    "and wounding 16, the interior ministry said. Islamic State claimed the attack.",
    [Coded("A suicide bomber blew himself up near a ministry building in Kabul on Sunday, killing six people and "
           "wounding 16, the interior ministry said.",
           dt.date(2019, 6, 2), "Explosions/Remote violence", "Suicide bomb", "Islamic State (Afghanistan)", "Kabul",
           2, "Civilians (Afghanistan)", 7, 6, 16, "A suicide bomber killed people near a ministry in Kabul.",
           [("killed", 6, "six", "people", "civilians", "the interior ministry"),
            ("injured", 16, "16", "people", "civilians", "the interior ministry")])],
)

BAMAKO = Written(
    "wire-bamako-march", "Sahel Report", dt.date(2019, 6, 8),
    "Thousands march in Bamako against insecurity",
    "BAMAKO — Thousands of people marched through Bamako on Friday to protest against insecurity in central "
    "Mali. The march ended peacefully.",
    [Coded("Thousands of people marched through Bamako on Friday to protest against insecurity in central Mali.",
           dt.date(2019, 6, 7), "Protests", "Peaceful protest", "Protesters (Mali)", "Bamako", 6,
           notes="Protesters marched in Bamako against insecurity in central Mali.")],
)

# Untrusted text: a page that tries to run script and markup in whoever displays it.
HOSTILE_SENTENCE = ("Rioters <script>window.__pwned = 1</script> burned shops in Kano on Tuesday "
                    "<img src=x onerror=\"window.__pwned = 2\"> and two people were killed, police said.")
KANO = Written(
    "wire-kano-riot", "Sabon <b>Gari</b> Post <img src=x onerror=alert(1)>", dt.date(2019, 6, 12),
    "Riot in Kano <script>alert('title')</script>",
    "KANO — " + HOSTILE_SENTENCE + "\nCalm returned by evening.",
    [Coded(HOSTILE_SENTENCE, dt.date(2019, 6, 11), "Riots", "Mob violence", "Rioters (Nigeria)", "Kano", 5,
           "Civilians (Nigeria)", 7, 2, None, "Rioters burned shops in Kano <b>and</b> killed two people.",
           [("killed", 2, "two", "people", "civilians", "police <i>spokesman</i>")])],
)

ARTICLES = (KONDUGA, IDLIB_MONITOR, IDLIB_RESCUERS, HAJIN, ALEPPO, KABUL, BAMAKO, KANO)


def _evidence(written: Written, sentence: str) -> Evidence:
    start = written.text.index(sentence)
    return Evidence(written.article_id, sentence, start, start + len(sentence))


def report_of(written: Written) -> Report:
    """The hand coding of one article as a Report."""
    article = Article(written.article_id, written.text, body_hash(written.text), title=written.title,
                      published=written.published, published_from="given", source=written.outlet)
    candidates, claims = [], []
    for incident in written.incidents:
        evidence = _evidence(written, incident.sentence)
        key = candidate_key(article.body_hash, evidence.char_start, evidence.char_end)
        candidates.append(EventCandidate(
            key, written.article_id, incident.event_date, 1, incident.event_type, incident.sub_event_type,
            incident.actor1, (evidence,), inter1=incident.inter1, actor2=incident.actor2, inter2=incident.inter2,
            place=PLACES[incident.place], fatalities=incident.fatalities, injuries=incident.injuries,
            notes=incident.notes, confidence=0.8, civilian_targeting=incident.inter2 == 7))
        for quantity, low, text, victims, victim_type, claimant in incident.claims:
            claims.append(Claim(f"{evidence.char_start}-{evidence.char_end}:{quantity}", written.article_id, quantity,
                                low, low, text, victims, victim_type, evidence, claimant=claimant, candidate_key=key))
    for sentence, quantity, low, text, victims, claimant in written.tallies:
        evidence = _evidence(written, sentence)
        claims.append(Claim(f"{evidence.char_start}-{evidence.char_end}:{quantity}", written.article_id, quantity,
                            low, low, text, victims, "unknown", evidence, claimant=claimant, scope="tally",
                            tally_since=dt.date(2009, 1, 1), tally_area="Nigeria"))
    return Report(article, tuple(candidates), tuple(claims), EXTRACTOR_VERSION)


def write_corpus(store: SqlStore) -> dict[str, str]:
    """Write every article; returns {"absorbed": id, "survivor": id} of the two merged Idlib reports."""
    reports = {w.article_id: report_of(w) for w in ARTICLES}
    # Write the Idlib report whose candidate key is larger first: its event id is then
    # superseded when the other report joins the event.
    first, second = sorted(("wire-idlib-monitor", "wire-idlib-rescuers"),
                           key=lambda a: reports[a].candidates[0].key, reverse=True)
    ids = {}
    for article_id in [first, second] + [a for a in reports if a not in (first, second)]:
        report = reports[article_id]
        result = store.write_report(report, SourceRef(article_id, report.article.source, report.article.published))
        if article_id == first:
            ids["absorbed"] = result.events[0]
        if article_id == second:
            ids["survivor"] = result.events[0]
    return ids
