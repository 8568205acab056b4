"""The extract stage: an Article in, its incidents (EventCandidates) and casualty Claims out.

`extract(article)` codes every incident of an article by ACLED rules; `classify_text(text)`
gives the ACLED type and sub-type of a text's main incident. Both run offline on lexicons and
rules (data/event_cues.tsv, data/actors.tsv), with no model per sentence.
"""

from __future__ import annotations

import datetime as dt

from warwatch.extract.codebook import HIERARCHY, SUB_EVENT_TYPES, TYPE_OF, resolve
from warwatch.extract.events import build, find_incidents
from warwatch.extract.sentences import sentence_spans
from warwatch.models import Article, Report, body_hash

EXTRACTOR_VERSION = "0.1.0"

# A text up to this many sentences is coded as one snippet; a longer one by its incidents.
SNIPPET_SENTENCES = 4


def extract(article: Article) -> Report:
    """Every incident and every casualty claim of one article."""
    candidates, claims = build(article)
    return Report(article=article, candidates=tuple(candidates), claims=tuple(claims),
                  extractor_version=EXTRACTOR_VERSION)


def classify_text(text: str, published: dt.date | None = None) -> tuple[str | None, str | None, float]:
    """(event_type, sub_event_type, confidence) of the main incident; types None when no ACLED event."""
    if len(sentence_spans(text)) <= SNIPPET_SENTENCES:
        coding = resolve(text)
        return coding.event_type, coding.sub_event_type, coding.confidence
    article = Article(article_id="text", text=text, body_hash=body_hash(text), published=published)
    incidents, _ = find_incidents(article)
    if not incidents:
        return None, None, 0.6
    main = incidents[0].coding
    return main.event_type, main.sub_event_type, main.confidence


__all__ = ["EXTRACTOR_VERSION", "HIERARCHY", "SUB_EVENT_TYPES", "TYPE_OF", "classify_text", "extract"]
