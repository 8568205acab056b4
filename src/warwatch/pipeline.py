"""The ordered stages, and coding one page from raw input to a geocoded report.

Each stage is one function over the typed records of `models.py`; `STAGES` says what each
needs and adds, and `check_order` refuses an order in which a stage would run before what
it needs. Runners (local, Spark) map `code_page` over pages and hand reports to a store.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlparse

from warwatch.clean import clean
from warwatch.errors import BadInput, WarwatchError
from warwatch.extract import EXTRACTOR_VERSION, extract
from warwatch.extract.actors import for_country
from warwatch.geocode import geocode
from warwatch.models import Article, Page, Report, Skipped, SourceRef


@dataclass(frozen=True, slots=True)
class Stage:
    """One pipeline stage: its function, what it needs and what it adds."""

    name: str
    run: Callable
    requires: frozenset[str]
    provides: frozenset[str]


def geocode_report(report: Report) -> Report:
    """The report with every candidate's place text resolved to a Place (or left unknown); groups
    named after a country ("Unidentified Armed Group (Russia)") take the country the place is in."""
    candidates = []
    placed: dict = {}  # an article's incidents often name one place alike: 1 lookup in 4 repeats one
    for c in report.candidates:
        if c.place_ref and c.place is None:
            if c.place_ref not in placed:
                placed[c.place_ref] = geocode(c.place_ref)
            c = dataclasses.replace(c, place=placed[c.place_ref])
        if c.place and c.place.country:
            actor1, actor2 = for_country(c.actor1, c.place.country), for_country(c.actor2, c.place.country)
            if (actor1, actor2) != (c.actor1, c.actor2):
                notes = c.notes
                for old, new in ((c.actor1, actor1), (c.actor2, actor2)):
                    if old and new and old != new:
                        notes = notes.replace(old, new)
                c = dataclasses.replace(c, actor1=actor1, actor2=actor2, notes=notes)
        candidates.append(c)
    country_of = {c.key: c.place.country for c in candidates if c.place and c.place.country}
    claims = tuple(
        dataclasses.replace(claim, victim_actor=for_country(claim.victim_actor, country_of[claim.candidate_key]))
        if claim.candidate_key in country_of else claim
        for claim in report.claims)
    return dataclasses.replace(report, candidates=tuple(candidates), claims=claims)


STAGES = (
    Stage("clean", clean, frozenset({"page"}), frozenset({"article"})),
    Stage("extract", extract, frozenset({"article"}), frozenset({"report"})),
    Stage("geocode", geocode_report, frozenset({"report"}), frozenset({"report.places"})),
)


def check_order(stages: tuple[Stage, ...] = STAGES) -> None:
    """Raise if a stage needs something no earlier stage provides."""
    available = {"page"}
    for stage in stages:
        missing = stage.requires - available
        if missing:
            raise RuntimeError(f"stage {stage.name!r} needs {sorted(missing)} before it runs")
        available |= stage.provides


check_order()


def outlet_of(page: Page, article: Article) -> str | None:
    """The outlet that carried a page: given with the input, else the publisher, else the web host."""
    if page.source or article.source:
        return page.source or article.source
    if article.publisher:
        return article.publisher
    url = page.url or article.url
    if url:
        host = urlparse(url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def code_page(page: Page) -> Report | Skipped:
    """Clean, extract and geocode one page; a page that cannot be used comes back as Skipped."""
    where = page.path or page.url or page.page_id
    stage = STAGES[0].name
    try:
        article = clean(page)
        stage = "extract"
        report = extract(article)
        stage = "geocode"
        report = geocode_report(report)
    except BadInput as exc:
        return Skipped(where, exc.message)
    except WarwatchError as exc:
        return Skipped(where, f"{stage}: {exc}")
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError, MemoryError) as exc:
        return Skipped(where, f"{stage} failed on this page ({type(exc).__name__}: {str(exc)[:120]})")
    outlet = outlet_of(page, report.article)
    if outlet != report.article.source:
        report = dataclasses.replace(report, article=dataclasses.replace(report.article, source=outlet))
    return report


def source_of(report: Report) -> SourceRef:
    """How a report is cited: its article, outlet and date."""
    a = report.article
    return SourceRef(a.article_id, a.source, a.published)


__all__ = ["STAGES", "Stage", "check_order", "code_page", "geocode_report", "source_of",
           "EXTRACTOR_VERSION"]
