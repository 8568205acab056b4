"""Resolve: reports of one incident merge into one event, in any order, with every figure kept."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

from warwatch.models import (Article, Claim, Evidence, EventCandidate, Place, Report, SourceRef, body_hash,
                             candidate_key)
from warwatch.resolve import claim_id_for, merge_block, same_place
from warwatch.store import ClaimQuery, EventQuery, open_store

DAY = dt.date(2019, 2, 9)
OMAR = Place("Al Omar oil field", 35.0, 40.5, "Syria", 760, "SYR", 2, admin1="Deir ez-Zor", geonameid=None)
HAJIN = Place("Hajin", 34.69, 40.83, "Syria", 760, "SYR", 1, admin1="Deir ez-Zor", geonameid=170000)
ALEPPO = Place("Aleppo", 36.2, 37.16, "Syria", 760, "SYR", 1, admin1="Aleppo", geonameid=170063)

SENTENCE = "The Observatory said {n} IS gunmen attacked the SDF near al-Omar field and {n} were killed."


def report(article_id: str, toll: int, *, day: dt.date = DAY, place: Place = OMAR,
           actors: tuple[str, str | None] = ("Islamic State", "SDF: Syrian Democratic Forces"),
           outlet: str = "Wire", extra: str = "") -> Report:
    """A one-incident report as extraction and geocoding would hand it to the store."""
    text = SENTENCE.format(n=toll) + extra
    h = body_hash(text)
    end = len(SENTENCE.format(n=toll))
    ev = Evidence(article_id, text[:end], 0, end)
    key = candidate_key(h, 0, end)
    candidate = EventCandidate(key=key, article_id=article_id, event_date=day, time_precision=1,
                               event_type="Battles", sub_event_type="Armed clash", actor1=actors[0],
                               inter1=2, actor2=actors[1], inter2=2, place=place, fatalities=toll,
                               evidence=(ev,), notes="IS attacked the SDF near al-Omar field.")
    claim = Claim(claim_key=f"{key}:killed:0", article_id=article_id, quantity="killed", number_low=toll,
                  number_high=toll, number_text=str(toll), victims="IS gunmen", victim_type="combatants",
                  evidence=ev, claimant="the Observatory", claimant_actor="Syrian Observatory for Human Rights",
                  candidate_key=key)
    article = Article(article_id=article_id, text=text, body_hash=h, published=day, source=outlet)
    return Report(article, (candidate,), (claim,), "test-1")


def source(r: Report) -> SourceRef:
    return SourceRef(r.article.article_id, r.article.source, r.article.published)


def test_two_reports_of_one_incident_are_one_event_with_the_range_of_tolls():
    a, b = report("a", 10), report("b", 12)
    refs = {r.article.article_id: source(r) for r in (a, b)}
    (event,) = merge_block(a.candidates + b.candidates, refs)
    assert (event.fatalities, event.fatalities_low, event.fatalities_high) == (10, 10, 12)
    assert [s.article_id for s in event.sources] == ["a", "b"]
    assert len(event.evidence) == 2


def test_one_report_telling_the_same_toll_twice_counts_it_once():
    import dataclasses

    a, b = report("a", 4), report("b", 4)
    (lead,) = a.candidates
    headline = dataclasses.replace(lead, key=candidate_key(a.article.body_hash, 200, 240),
                                   evidence=(Evidence("a", "IS gunmen kill 4 SDF fighters", 200, 240),))
    refs = {r.article.article_id: source(r) for r in (a, b)}
    (event,) = merge_block([lead, headline] + list(b.candidates), refs)
    assert (event.fatalities, event.fatalities_low, event.fatalities_high) == (4, 4, 4)


def test_the_event_is_what_most_reports_say_it_was():
    import dataclasses

    def as_bombing(r: Report) -> list[EventCandidate]:
        return [dataclasses.replace(c, event_type="Explosions/Remote violence", sub_event_type="Suicide bomb")
                for c in r.candidates]

    a, b, c = report("a", 10), report("b", 12), report("c", 12)
    refs = {r.article.article_id: source(r) for r in (a, b, c)}
    (event,) = merge_block(list(a.candidates) + as_bombing(b) + as_bombing(c), refs)
    assert (event.event_type, event.sub_event_type) == ("Explosions/Remote violence", "Suicide bomb")
    # one report against one: DESIGN.md's order of types decides
    (event,) = merge_block(list(a.candidates) + as_bombing(b), refs)
    assert event.sub_event_type == "Armed clash"


def test_gunmen_in_one_report_may_be_the_group_another_names():
    import dataclasses

    def by(r: Report, actor1: str, inter1: int, actor2: str, inter2: int) -> list[EventCandidate]:
        return [dataclasses.replace(c, actor1=actor1, inter1=inter1, actor2=actor2, inter2=inter2)
                for c in r.candidates]

    a, b, c = report("a", 10), report("b", 12), report("c", 12)
    refs = {r.article.article_id: source(r) for r in (a, b, c)}
    named = by(a, "Islamic State (IS)", 2, "Syrian Democratic Forces (SDF)", 2)
    gunmen = by(b, "Unidentified Armed Group (Syria)", 3, "Syrian Democratic Forces (SDF)", 2)
    (event,) = merge_block(named + gunmen, refs)
    assert (event.actor1, event.fatalities_high) == ("Islamic State (IS)", 12)
    # unidentified gunmen are no state force
    troops = by(a, "Military Forces of Syria (2000-)", 1, "Civilians (Syria)", 7)
    gunmen = by(c, "Unidentified Armed Group (Syria)", 3, "Civilians (Syria)", 7)
    assert len(merge_block(troops + gunmen, refs)) == 2


def test_different_day_place_or_actors_stay_apart():
    base = report("a", 10)
    others = [report("b", 10, day=DAY - dt.timedelta(days=1)), report("c", 10, place=ALEPPO),
              report("d", 10, actors=("Military Forces of Syria (2000-)", "Civilians (Syria)"))]
    candidates = base.candidates + tuple(c for r in others for c in r.candidates)
    assert len(merge_block(candidates, {})) == 4


def test_a_report_naming_one_side_joins_the_fuller_report():
    full, partial = report("a", 10), report("b", 10, actors=("Islamic State", None))
    assert len(merge_block(full.candidates + partial.candidates, {})) == 1


def test_a_report_without_a_toll_does_not_lower_the_fatalities_to_zero():
    a, b = report("a", 10), report("b", 0)
    (event,) = merge_block(a.candidates + b.candidates, {})
    assert (event.fatalities, event.fatalities_low, event.fatalities_high) == (10, 10, 10)


def test_reports_of_other_kinds_of_event_at_one_place_stay_apart():
    clash = report("a", 10)
    agreement = report("b", 0)
    (c,) = agreement.candidates
    agreement_candidate = c.__class__(**{**{f: getattr(c, f) for f in c.__slots__},
                                         "event_type": "Strategic developments", "sub_event_type": "Agreement"})
    assert len(merge_block(clash.candidates + (agreement_candidate,), {})) == 2


def test_unplaced_reports_merge_only_when_they_say_the_same():
    def unplaced(article_id: str, toll: int, extra: str = "") -> EventCandidate:
        (c,) = report(article_id, toll, place=None, extra=extra).candidates
        return c

    # the same toll of the same actors on the same day: one incident, reported twice
    assert len(merge_block([unplaced("a", 10), unplaced("b", 10)], {})) == 1
    # no toll, other sentences: nothing says they are one incident
    other = unplaced("d", 0)
    other = other.__class__(**{**{f: getattr(other, f) for f in other.__slots__},
                               "evidence": (Evidence("d", "IS fighters attacked SDF posts at dawn.", 0, 38),)})
    assert len(merge_block([unplaced("c", 0), other], {})) == 2


def test_merging_is_order_independent():
    reports = [report("a", 10), report("b", 12), report("c", 3, place=HAJIN), report("d", 7, place=ALEPPO)]
    candidates = [c for r in reports for c in r.candidates]
    results = {tuple((e.event_id, e.members, e.fatalities_high) for e in merge_block(list(order), {}))
               for order in itertools.permutations(candidates)}
    assert len(results) == 1


def test_same_place_respects_precision():
    near = Place("near Hajin", 34.75, 40.85, "Syria", 760, "SYR", 2, admin1="Deir ez-Zor")
    assert same_place(HAJIN, near)
    assert not same_place(HAJIN, ALEPPO)
    province = Place("Deir ez-Zor", 35.33, 40.14, "Syria", 760, "SYR", 3, admin1="Deir ez-Zor")
    assert same_place(province, HAJIN) and not same_place(province, ALEPPO)


def test_syndicated_claims_share_one_claim_id():
    a, b = report("a", 10), report("b", 10)
    assert claim_id_for(a.claims[0], "SYRx") == claim_id_for(b.claims[0], "SYRx")
    assert claim_id_for(a.claims[0], "SYRx") != claim_id_for(report("c", 11).claims[0], "SYRx")


def test_store_merges_incrementally_and_keeps_old_ids(tmp_path):
    store = open_store(str(tmp_path / "w.db"))
    first = report("a", 12, outlet="Wire A")
    store.write_report(first, source(first))
    (alone,) = store.events(EventQuery()).items
    second = report("b", 10, outlet="Wire B", extra=" It said two managed to flee.")
    store.write_report(second, source(second))
    (merged,) = store.events(EventQuery()).items
    assert (merged["fatalities"], merged["fatalities_low"], merged["fatalities_high"]) == (10, 10, 12)
    assert {s["outlet"] for s in merged["sources"]} == {"Wire A", "Wire B"}
    assert store.event(alone["event_id"])["event_id"] == merged["event_id"]
    claims = store.claims(ClaimQuery(event_id=merged["event_id"])).items
    assert sorted(c["number_low"] for c in claims) == [10, 12]
    assert store.write_report(second, source(second)).status == "unchanged"
    assert store.counts()["events"] == 1
    store.close()


def test_store_gives_the_same_events_in_any_order(tmp_path):
    reports = [report("a", 12), report("b", 10), report("c", 3, place=HAJIN)]
    outcomes = set()
    for i, order in enumerate(itertools.permutations(reports)):
        store = open_store(str(tmp_path / f"o{i}.db"))
        for r in order:
            store.write_report(r, source(r))
        outcomes.add(tuple((e["event_id"], e["fatalities_low"], e["fatalities_high"])
                           for e in store.events(EventQuery(order="event_id")).items))
        store.close()
    assert len(outcomes) == 1


def test_exact_copy_is_marked_and_adds_a_source_not_an_event(tmp_path):
    store = open_store(str(tmp_path / "c.db"))
    original = report("orig", 10, outlet="Wire A")
    copy = Report(Article(article_id="copy", text=original.article.text, body_hash=original.article.body_hash,
                          published=DAY, source="Wire B"),
                  tuple(c.__class__(**{**{f: getattr(c, f) for f in c.__slots__}, "article_id": "copy"})
                        for c in original.candidates), (), "test-1")
    store.write_report(original, source(original))
    result = store.write_report(copy, source(copy))
    assert result.copy_of == "orig"
    (event,) = store.events(EventQuery()).items
    assert len(event["sources"]) == 2
    store.close()


def _republished(page: str) -> str:
    """The story of a scraped page as another outlet republishes it: other boilerplate, another
    headline, its own date line, one paragraph dropped, a sentence reworded, a figure written in words."""
    lines = page.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("HAJIN"))
    body = lines[start:lines.index("Share this:")]
    assert len(body) >= 6
    dropped = [line for line in body if "predicted" not in line]  # the prediction paragraph
    edited = [line.replace("said Saturday they had", "announced on Saturday that they had").replace("killing four fighters",
                                                                            "killing four fighters of the force")
              for line in dropped]
    return "\n".join(["Home | World | Middle East | Opinion", "Subscribe to our newsletter",
                      "Hajin: the latest from eastern Syria", "December 2, 2018",
                      *edited, "Follow us on Twitter", "© 2018 Levant Observer. All rights reserved.",
                      "Privacy policy"]) + "\n"


def test_a_republished_copy_adds_sources_not_events_or_claims(tmp_path):
    from warwatch.ingest import read_pages
    from warwatch.runners.local import run_local

    page = Path(__file__).resolve().parents[1] / "samples" / "scraped-hajin-offensive.txt"
    copy = tmp_path / "levant-observer-hajin.txt"
    copy.write_text(_republished(page.read_text()))

    alone = open_store(str(tmp_path / "alone.db"))
    run_local([p for p in read_pages([str(page)])], alone)
    together = open_store(str(tmp_path / "together.db"))
    summary = run_local([p for p in read_pages([str(page), str(copy)])], together)
    assert summary.copies == 1

    def events(store):
        return {(e["event_date"], e["sub_event_type"], e["actor1"], e["actor2"], e["fatalities"]): e
                for e in store.iter_events(EventQuery(order="event_date"))}

    single, both = events(alone), events(together)
    assert single and set(both) == set(single)
    for event in both.values():
        assert len(event["sources"]) == 2, event["sources"]
    claims = {(c["quantity"], c["number_low"], c["scope"]): c for c in together.claims(ClaimQuery()).items}
    assert len(claims) == len(together.claims(ClaimQuery()).items), "a figure of both copies was listed twice"
    assert set(claims) == {(c["quantity"], c["number_low"], c["scope"]) for c in alone.claims(ClaimQuery()).items}
    for key, claim in claims.items():
        assert len(claim["sources"]) == 2, (key, claim["sources"])
    alone.close()
    together.close()


SECOND_REPORT = """December 1, 2018
DEIR EZ-ZOR, Syria — A suicide car bomber struck a checkpoint of the Syrian Democratic Forces near Hajin on Thursday, killing six fighters, an SDF commander said.
The Islamic State group said in a statement that one of its fighters carried out the attack.
"""


def test_a_second_report_with_another_toll_widens_the_range_and_keeps_both_claims(tmp_path):
    """Written by us: another outlet's report of the Thursday car bomb of samples/scraped-hajin-offensive.txt."""
    from warwatch.ingest import read_pages
    from warwatch.runners.local import run_local

    page = Path(__file__).resolve().parents[1] / "samples" / "scraped-hajin-offensive.txt"
    second = tmp_path / "second-report.txt"
    second.write_text(SECOND_REPORT)
    store = open_store(str(tmp_path / "two.db"))
    run_local(list(read_pages([str(page), str(second)])), store)
    bombs = [e for e in store.iter_events(EventQuery()) if e["sub_event_type"] == "Suicide bomb"]
    assert len(bombs) == 1, bombs
    (bomb,) = bombs
    assert (bomb["event_date"], bomb["fatalities"], bomb["fatalities_low"], bomb["fatalities_high"]) == (
        "2018-11-29", 4, 4, 6)
    assert len(bomb["sources"]) == 2
    claims = [c for c in store.claims(ClaimQuery()).items if bomb["event_id"] in c["event_ids"]]
    assert sorted(c["number_low"] for c in claims if c["quantity"] == "killed") == [4, 6]
    store.close()


def test_a_report_dated_only_to_a_month_is_not_the_same_day_as_one_dated_to_the_day():
    import dataclasses

    day, month = report("a", 10, day=dt.date(2019, 2, 15)), report("b", 10, day=dt.date(2019, 2, 15))
    (vague,) = month.candidates
    month = dataclasses.replace(month, candidates=(dataclasses.replace(vague, time_precision=3),))
    refs = {r.article.article_id: source(r) for r in (day, month)}
    events = merge_block(day.candidates + month.candidates, refs)
    assert sorted(e.time_precision for e in events) == [1, 3]
    again = dataclasses.replace(day, article=dataclasses.replace(day.article, article_id="c"))
    (third,) = again.candidates
    again = dataclasses.replace(again, candidates=(dataclasses.replace(third, article_id="c"),))
    refs["c"] = source(again)
    assert len(merge_block(day.candidates + again.candidates, refs)) == 1
