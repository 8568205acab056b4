"""Resolve: merge event candidates from every report into atomic events, and group claims.

ACLED's unit is one event per actors, place and day. Candidates are merged only within a
block (same day, country and province), so merging a block is cheap and a new article only re-merges
the blocks it touches. Everything here is a pure function of its inputs, sorted by stable
keys first, so the same candidates in any order give the same events with the same ids.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from warwatch.models import Claim, Event, EventCandidate, Place, SourceRef

# ACLED: when reports of one event disagree on its type, the higher type wins.
EVENT_TYPE_RANK = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Riots",
    "Protests",
    "Strategic developments",
)
# Places coded at these precisions are compared by distance, in km.
NEAR_KM = {1: 10.0, 2: 25.0, 3: 60.0}
NO_COUNTRY = "XXX"


def block_of(candidate: EventCandidate) -> str:
    """The merge block of a candidate: its day, country (ISO3) and province.

    Events in different provinces are never the same place, so a block holds only the
    candidates that could merge, and storing an article re-merges a handful of them.
    """
    place = candidate.place
    if place is None:
        return f"{candidate.event_date.isoformat()}|{NO_COUNTRY}|"
    return f"{candidate.event_date.isoformat()}|{place.iso3}|{(place.admin1 or '').lower()}"


def _short_hash(text: str, n: int = 10) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


def event_id_for(iso3: str, member_keys: Iterable[str], article_id: str | None = None) -> str:
    """An event's id: its country code and a short hash of the smallest member key.

    Exact copies share candidate keys; one published on another day codes its incident into
    another block, so the article of the smallest member is hashed too and the ids stay unique.
    """
    key = min(member_keys)
    return f"{iso3}{_short_hash(key if article_id is None else f'{key}|{article_id}')}"


def _km(a: Place, b: Place) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def same_place(a: Place | None, b: Place | None) -> bool:
    """Two coded places are the same place within the coarser one's precision."""
    if a is None or b is None:
        return a is None and b is None
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if a.geo_precision == 3 or b.geo_precision == 3:
        return bool(a.admin1) and a.admin1 == b.admin1
    return _km(a, b) <= NEAR_KM[max(a.geo_precision, b.geo_precision)]


def _actors(c: EventCandidate) -> frozenset[str]:
    return frozenset(a for a in (c.actor1, c.actor2) if a)


def _named(c: EventCandidate) -> tuple[frozenset[str], frozenset[str]]:
    """(the actors a report names, the non-state armed groups among them) with an unidentified
    armed group left out: it may be any of them."""
    sides = [(c.actor1, c.inter1), (c.actor2, c.inter2)]
    named = [(name, inter) for name, inter in sides if name and not name.startswith("Unidentified Armed Group")]
    return frozenset(n for n, _ in named), frozenset(n for n, inter in named if inter in (2, 3, 4))


def same_actors(a: EventCandidate, b: EventCandidate) -> bool:
    """The same pair of actors, in either order; a report naming one side matches a fuller one; an
    unidentified armed group ("gunmen") matches the non-state group another report names ("IS")."""
    x, y = _actors(a), _actors(b)
    if x == y or (len(x) == 1 and x <= y) or (len(y) == 1 and y <= x):
        return True
    (xn, xg), (yn, yg) = _named(a), _named(b)
    if len(xn) < len(x) and xn <= yn and len(yn - xn) <= len(x) - len(xn) and yn - xn <= yg:
        return True
    return len(yn) < len(y) and yn <= xn and len(xn - yn) <= len(y) - len(yn) and xn - yn <= xg


# Reports of one incident may disagree on its type within these families (a clash called an
# attack, a protest called a riot), never across them: a shelling is not a ceasefire agreement.
_FAMILY = {"Battles": "violence", "Explosions/Remote violence": "violence",
           "Violence against civilians": "violence", "Protests": "demonstration", "Riots": "demonstration"}


def type_family(c: EventCandidate) -> str:
    """The family of event types whose reports may describe the same incident."""
    return _FAMILY.get(c.event_type, f"{c.event_type}/{c.sub_event_type}")


def same_incident(a: EventCandidate, b: EventCandidate) -> bool:
    """ACLED's atomic unit: same day, same place, same actors (and a compatible type). A report
    dated only to a month ("in early October", coded on the 15th) is not the same day as one
    dated to that day."""
    return (a.event_date == b.event_date and (a.time_precision >= 3) == (b.time_precision >= 3)
            and type_family(a) == type_family(b) and same_actors(a, b) and same_place(a.place, b.place))


def _bucket(c: EventCandidate) -> tuple:
    """Candidates with the same bucket are the same incident without further comparison."""
    p = c.place
    where = ("unplaced", c.key, c.article_id) if p is None else (
        p.geonameid, p.geo_precision, round(p.latitude, 3), round(p.longitude, 3))
    return c.event_date, c.time_precision >= 3, _actors(c), type_family(c), where


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


_KM_PER_DEGREE = 111.0


def _grid_steps(places: Iterable[Place], size_km: float) -> tuple[float, float]:
    """Cell sizes in degrees (latitude, longitude) at least `size_km` wide for all `places`."""
    lat_step = size_km / _KM_PER_DEGREE
    widest = max((abs(p.latitude) for p in places), default=0.0)
    return lat_step, min(360.0, lat_step / max(0.01, math.cos(math.radians(min(89.9, widest + lat_step)))))


def _link_nearby(reps: Sequence[EventCandidate], index: Sequence[int], uf: _UnionFind) -> None:
    """Union the candidates of `index` (one compatible actor group) that are the same incident.

    Town-level places go into a grid whose cells are as wide as the largest merge distance,
    and each place is compared only with the places of its own and the eight neighbouring
    cells; so the work grows with the number of places times the places near each one,
    not with the square of the places in the block.
    """
    # Reports with no place are the same incident only when they say the same thing: the same
    # death toll (above zero), or the same sentence. Anything looser would fold every unplaced
    # report of a day with the same actors into one event.
    unplaced_by: dict[tuple, int] = {}
    for i in sorted((i for i in index if reps[i].place is None), key=lambda i: reps[i].key):
        keys = [("said", _fold(" ".join(e.sentence for e in reps[i].evidence)))]
        if reps[i].fatalities > 0:
            keys.append(("toll", reps[i].fatalities))
        for k in keys:
            if k in unplaced_by:
                uf.union(unplaced_by[k], i)
            else:
                unplaced_by[k] = i
    regional = [i for i in index if reps[i].place is not None and reps[i].place.geo_precision == 3]
    local = [i for i in index if reps[i].place is not None and reps[i].place.geo_precision < 3]
    # A province-level report joins the others of its province, and a town-level one only
    # when that town is the only candidate: otherwise it could chain distinct towns together.
    for n, i in enumerate(regional):
        for j in regional[n + 1:]:
            if uf.find(i) != uf.find(j) and same_incident(reps[i], reps[j]):
                uf.union(i, j)
    if regional and len(local) == 1 and same_incident(reps[regional[0]], reps[local[0]]):
        uf.union(regional[0], local[0])
    lat_step, lon_step = _grid_steps((reps[i].place for i in local), max(NEAR_KM[1], NEAR_KM[2]))
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i in sorted(local):
        row = math.floor(reps[i].place.latitude / lat_step)
        col = math.floor(reps[i].place.longitude / lon_step)
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                for j in grid.get((row + dr, col + dc), ()):
                    if uf.find(i) != uf.find(j) and same_incident(reps[i], reps[j]):
                        uf.union(i, j)
        grid[(row, col)].append(i)


def _clusters(candidates: Sequence[EventCandidate]) -> list[list[EventCandidate]]:
    """Connected groups of candidates that report the same incident.

    Identical (day, actors, place) candidates are bucketed in one pass; bucket
    representatives are compared only within compatible actor groups (the same pair, or a
    report naming one side against the pairs that include it) and only when near enough.
    """
    buckets: dict[tuple, list[EventCandidate]] = defaultdict(list)
    for c in candidates:
        buckets[_bucket(c)].append(c)
    reps = [members[0] for members in buckets.values()]
    by_actors: dict[tuple[frozenset[str], str], list[int]] = defaultdict(list)
    for i, rep in enumerate(reps):
        by_actors[(_actors(rep), type_family(rep))].append(i)
    uf = _UnionFind(len(reps))
    for (actors, family), index in by_actors.items():
        _link_nearby(reps, index, uf)
        if len(actors) == 1:
            for (fuller, other_family), other in by_actors.items():
                if other_family == family and len(fuller) > 1 and actors <= fuller:
                    _link_nearby(reps, index + other, uf)
        if any(a.startswith("Unidentified Armed Group") for a in actors):
            # "gunmen" in one report may be the group another report names
            for (named, other_family), other in by_actors.items():
                if other_family == family and named != actors and same_actors(reps[index[0]], reps[other[0]]):
                    _link_nearby(reps, index + other, uf)
    groups: dict[int, list[EventCandidate]] = defaultdict(list)
    for i, members in enumerate(buckets.values()):
        groups[uf.find(i)].extend(members)
    return sorted((sorted(g, key=lambda c: (c.key, c.article_id)) for g in groups.values()),
                  key=lambda g: g[0].key)


def _type_rank(c: EventCandidate) -> tuple[int, str]:
    rank = EVENT_TYPE_RANK.index(c.event_type) if c.event_type in EVENT_TYPE_RANK else len(EVENT_TYPE_RANK)
    return rank, c.key


def _best_place(group: Sequence[EventCandidate]) -> Place | None:
    placed = [c.place for c in group if c.place]
    return min(placed, key=lambda p: (p.geo_precision, p.geonameid or 0, p.location)) if placed else None


def merge_group(group: Sequence[EventCandidate], articles: Mapping[str, SourceRef],
                extractor_version: str = "") -> Event:
    """One event from the candidates that report it; fatalities as ACLED's lowest and the range."""
    group = sorted(group, key=lambda c: (c.key, c.article_id))
    # The event is what most reports say it was (a single report that calls a suicide car bomb
    # "fighting" does not make it a battle); ties go to DESIGN.md's order of types.
    votes: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    for c in group:
        votes[(c.event_type, c.sub_event_type)].add(c.article_id)
    winner = min(votes, key=lambda kind: (-len(votes[kind]), min(_type_rank(c) for c in group
                                                                 if (c.event_type, c.sub_event_type) == kind)))
    told = [c for c in group if (c.event_type, c.sub_event_type) == winner]
    lead = min(told, key=_type_rank)
    place = _best_place(group)
    per_article: dict[str, list[EventCandidate]] = defaultdict(list)
    for c in group:
        per_article[c.article_id].append(c)
    # A report that gives no death toll does not report zero deaths: the range runs over the
    # reports that give one (zero only when none does). One report's candidates that merge into
    # one event retell it (the headline's "kills 4", the lead's "killed four people", a recap):
    # the report's toll is its largest, never their sum.
    tolls = [t for t in (max(c.fatalities for c in cs) for cs in per_article.values()) if t > 0] or [0]
    injured = [max(c.injuries for c in cs if c.injuries is not None)
               for cs in per_article.values() if any(c.injuries is not None for c in cs)]
    sources = sorted({articles.get(aid) or SourceRef(aid, None, None) for aid in per_article},
                     key=lambda s: (s.reported_date or dt.date.min, s.article_id))
    evidence = []
    for c in group:
        for e in c.evidence:
            if e not in evidence:
                evidence.append(e)
    actor_sides = sorted(told, key=lambda c: (-len(_named(c)[0]), -len(_actors(c)), c.key))[0]
    return Event(
        event_id=event_id_for(place.iso3 if place else NO_COUNTRY, (c.key for c in group),
                              min((c.key, c.article_id) for c in group)[1]),
        event_date=lead.event_date,
        time_precision=min(c.time_precision for c in group),
        event_type=lead.event_type,
        sub_event_type=lead.sub_event_type,
        actor1=actor_sides.actor1,
        inter1=actor_sides.inter1,
        assoc_actor_1=actor_sides.assoc_actor_1,
        actor2=actor_sides.actor2,
        inter2=actor_sides.inter2,
        assoc_actor_2=actor_sides.assoc_actor_2,
        place=place,
        fatalities=min(tolls),
        fatalities_low=min(tolls),
        fatalities_high=max(tolls),
        injuries=min(injured) if injured else None,
        members=tuple(sorted({c.key for c in group})),
        sources=tuple(sources),
        evidence=tuple(evidence),
        notes=lead.notes,
        confidence=round(max(c.confidence for c in group), 3),
        civilian_targeting=any(c.civilian_targeting for c in group),
        extractor_version=extractor_version,
    )


def merge_block(candidates: Sequence[EventCandidate], articles: Mapping[str, SourceRef],
                extractor_version: str = "") -> list[Event]:
    """All events of one block; the same candidates in any order give the same events."""
    ordered = sorted(candidates, key=lambda c: (c.key, c.article_id))
    return [merge_group(g, articles, extractor_version) for g in _clusters(ordered)]


# ---------------------------------------------------------------- claims ledger

_FOLD = re.compile(r"[^a-z0-9]+")


def _fold(text: str | None) -> str:
    return _FOLD.sub(" ", (text or "").lower()).strip()


def claim_signature(claim: Claim, event_id: str | None) -> str:
    """What makes two reported figures the same claim: who, how many, of whom, for what."""
    who = claim.claimant_actor or _fold(claim.claimant)
    anchor = event_id if claim.scope == "incident" else (
        f"tally:{claim.tally_since or ''}:{_fold(claim.tally_area)}")
    return "|".join(str(x) for x in (
        claim.quantity, claim.number_low, claim.number_high, _fold(claim.victims),
        claim.victim_type, who, claim.scope, anchor))


def claim_id_for(claim: Claim, event_id: str | None) -> str:
    """The ledger id of a claim: syndicated copies of one figure share it."""
    return "C" + _short_hash(claim_signature(claim, event_id), 12)


def event_of_claims(claims: Iterable[Claim], events: Iterable[Event]) -> dict[str, str]:
    """claim_key -> event_id for incident claims whose candidate is a member of an event."""
    member_event = {key: e.event_id for e in events for key in e.members}
    return {c.claim_key: member_event[c.candidate_key]
            for c in claims if c.candidate_key and c.candidate_key in member_event}
