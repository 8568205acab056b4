"""Typed records passed between the pipeline stages.

Every stage takes and returns these frozen dataclasses; nothing else crosses a stage
boundary. `to_dict` / `from_dict` turn any of them into plain JSON-ready values and back
(dates as ISO strings), which is how they travel to Spark executors and into the store.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import types
import typing
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")

QUANTITIES = ("killed", "injured", "displaced", "captured", "arrested", "missing", "evacuated")
VICTIM_TYPES = ("civilians", "combatants", "unknown")
SCOPES = ("incident", "tally")


@dataclass(frozen=True, slots=True)
class Page:
    """One input document as read from a file, stdin, a JSONL line or a WARC record."""

    page_id: str
    url: str | None = None
    path: str | None = None
    html: str | None = None
    text: str | None = None
    title: str | None = None  # when the input gives it apart from the page (JSONL, CSV)
    published: dt.date | None = None
    source: str | None = None
    fetched: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Caption:
    """A photo caption lifted out of the body, with its credit line when there is one."""

    text: str
    credit: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """The cleaned story: body paragraphs joined by newlines, metadata, and what was removed."""

    article_id: str
    text: str
    body_hash: str
    title: str | None = None
    url: str | None = None
    path: str | None = None
    published: dt.date | None = None
    published_from: str | None = None  # given | markup | url | dateline | text
    byline: str | None = None
    dateline: str | None = None  # the dateline place as written: "BEIRUT"
    publisher: str | None = None
    source: str | None = None  # the outlet that carried it
    captions: tuple[Caption, ...] = ()
    removed: tuple[str, ...] = ()
    copy_of: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence of an article that supports an event or a claim; offsets count code points."""

    article_id: str
    sentence: str
    char_start: int
    char_end: int


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place as the text names it, with what the article ties to it."""

    text: str
    admin1: str | None = None  # province the article ties to the place
    country: str | None = None  # country the article ties to the place
    near: bool = False  # "near X", "outskirts of X", "X area"
    context: tuple[str, ...] = ()  # other places in the article, the dateline first


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place with ACLED's geography columns."""

    location: str
    latitude: float
    longitude: float
    country: str
    iso: int | None
    iso3: str
    geo_precision: int
    admin1: str | None = None
    admin2: str | None = None
    region: str | None = None
    geonameid: int | None = None
    matched: str | None = None  # the gazetteer name the place text matched


@dataclass(frozen=True, slots=True)
class Claim:
    """One casualty figure as a source reports it: who says how many of whom, and for what."""

    claim_key: str
    article_id: str
    quantity: str  # one of QUANTITIES
    number_low: int | None
    number_high: int | None
    number_text: str
    victims: str
    victim_type: str  # one of VICTIM_TYPES
    evidence: Evidence
    victim_actor: str | None = None
    claimant: str | None = None
    claimant_actor: str | None = None
    scope: str = "incident"  # one of SCOPES
    tally_since: dt.date | None = None
    tally_area: str | None = None
    candidate_key: str | None = None  # the incident it counts, for scope "incident"


@dataclass(frozen=True, slots=True)
class EventCandidate:
    """One incident as one article reports it, before geocoding and merging."""

    key: str  # article body_hash + evidence span: stable and order-independent
    article_id: str
    event_date: dt.date
    time_precision: int
    event_type: str
    sub_event_type: str
    actor1: str
    evidence: tuple[Evidence, ...]
    inter1: int | None = None
    assoc_actor_1: str | None = None
    actor2: str | None = None
    inter2: int | None = None
    assoc_actor_2: str | None = None
    place_ref: PlaceRef | None = None
    place: Place | None = None
    fatalities: int = 0
    injuries: int | None = None
    notes: str = ""
    confidence: float = 0.5
    civilian_targeting: bool = False


@dataclass(frozen=True, slots=True)
class Report:
    """What extraction found in one article: its incidents and every casualty claim."""

    article: Article
    candidates: tuple[EventCandidate, ...]
    claims: tuple[Claim, ...]
    extractor_version: str


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One report of an event or a claim: which article, which outlet, which day."""

    article_id: str
    outlet: str | None
    reported_date: dt.date | None


@dataclass(frozen=True, slots=True)
class Event:
    """An incident after merging every report of it: ACLED's columns plus the evidence."""

    event_id: str
    event_date: dt.date
    time_precision: int
    event_type: str
    sub_event_type: str
    actor1: str
    inter1: int | None
    place: Place | None
    fatalities: int
    fatalities_low: int
    fatalities_high: int
    members: tuple[str, ...]  # candidate keys merged into this event
    sources: tuple[SourceRef, ...]
    evidence: tuple[Evidence, ...]
    claim_ids: tuple[str, ...] = ()
    assoc_actor_1: str | None = None
    actor2: str | None = None
    inter2: int | None = None
    assoc_actor_2: str | None = None
    injuries: int | None = None
    notes: str = ""
    confidence: float = 0.5
    civilian_targeting: bool = False
    extractor_version: str = ""


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be used, with a one-line reason for the user."""

    where: str
    reason: str


@dataclass(slots=True)
class RunSummary:
    """What a `code` run did, printed at its end."""

    pages_read: int = 0
    pages_coded: int = 0
    pages_unchanged: int = 0
    pages_not_relevant: int = 0  # rejected by the relevance filter, never coded
    copies: int = 0
    events_touched: int = 0
    claims: int = 0
    skipped: list[Skipped] = field(default_factory=list)


_SPACE = re.compile(r"\s+")


def body_hash(text: str) -> str:
    """Hash of a body with case and whitespace folded, so exact copies collide."""
    normal = _SPACE.sub(" ", text).strip().lower()
    return hashlib.sha1(normal.encode("utf-8")).hexdigest()[:20]


def candidate_key(article_body_hash: str, char_start: int, char_end: int) -> str:
    """The stable key of an event candidate: its article's body hash and evidence span."""
    return f"{article_body_hash}:{char_start}-{char_end}"


# ---------------------------------------------------------------- plain-value conversion


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_SCALARS = (str, int, float, bool, type(None))


def _plain(value: Any) -> Any:
    kind = type(value)
    if kind in _SCALARS:
        return value
    names = _FIELD_NAMES.get(kind)
    if names is None and dataclasses.is_dataclass(kind):
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind))
    if names is not None:
        out = {}
        for name in names:
            field_value = getattr(value, name)
            # scalars (most fields) as they are, without a call
            out[name] = field_value if type(field_value) in _SCALARS else _plain(field_value)
        return out
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [v if type(v) in _SCALARS else _plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def to_dict(record: Any) -> dict[str, Any]:
    """A dataclass record as JSON-ready plain values (dates as ISO strings)."""
    return _plain(record)


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _builder(tp: Any) -> Any:
    """A function that rebuilds a value of type `tp` from its plain form (None stays None)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _builder(options[0]) if len(options) == 1 else (lambda v: v)
    if origin in (tuple, list):
        inner = _builder(typing.get_args(tp)[0])
        wrap = tuple if origin is tuple else list
        return lambda v: None if v is None else wrap(inner(x) for x in v)
    if tp is dt.date:
        return lambda v: dt.date.fromisoformat(v[:10]) if isinstance(v, str) else v
    if dataclasses.is_dataclass(tp):
        return lambda v: None if v is None else from_dict(tp, v)
    return lambda v: v


_BUILDERS: dict[type, tuple[tuple[str, Any], ...]] = {}


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a record of type `cls` from `to_dict` output; unknown keys are ignored."""
    builders = _BUILDERS.get(cls)
    if builders is None:
        hints = _hints(cls)
        builders = _BUILDERS[cls] = tuple((f.name, _builder(hints[f.name]))
                                          for f in dataclasses.fields(cls))  # type: ignore[arg-type]
    kwargs = {}
    for name, build in builders:
        if name in data:
            value = data[name]
            kwargs[name] = None if value is None else build(value)
    return cls(**kwargs)
