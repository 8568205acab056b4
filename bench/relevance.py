"""Measure the relevance filter: conflict events lost on FA-KES, ordinary news pages rejected.

    .venv/bin/python bench/relevance.py                # report with the thresholds in warwatch.relevance
    .venv/bin/python bench/relevance.py --tune         # also derive the thresholds from the tuning half

FA-KES (CC BY 4.0; ../shared/data/fakes/FA-KES-Dataset.csv): 804 articles about the war in
Syria. They are split in two fixed halves by a hash of `unit_id`; the tuning half picks the
thresholds, the test half measures what the filter loses. Losses are given as articles lost
and, when the pipeline's stages are installed, as the event candidates that the full pipeline
codes from the lost articles, over all candidates of the test half.

Tuning rule (no ordinary news is used to tune): the highest MIN_SCORE that loses at most 0.5%
of the tuning half, then the highest MIN_DENSITY that keeps the loss of both together at most
1.0%, leaving a margin under the 2% target for the unseen half.

Ordinary news: the 181 pages of the article-extraction benchmark (../shared/bench/extraction,
html/*.html.gz) are a test set only: the share rejected is reported, never tuned on. The time
per page of the filter (one core, steady state, after one warm-up page) is printed apart.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import sys
import time
from pathlib import Path

from warwatch import relevance
from warwatch.ingest import parse_date
from warwatch.models import Page

SHARED = Path(__file__).resolve().parents[2] / "shared"
FAKES = SHARED / "data" / "fakes" / "FA-KES-Dataset.csv"
NEWS = SHARED / "bench" / "extraction"
SCORE_LOSS, JOINT_LOSS = 0.005, 0.010


def fakes_halves(path: Path) -> tuple[list[Page], list[Page]]:
    """FA-KES articles as pages, split by a hash of unit_id into (tuning, test)."""
    tune, test = [], []
    with open(path, newline="", encoding="utf-8", errors="replace") as handle:
        for row in csv.DictReader(handle):
            page = Page(page_id=f"fakes-{row['unit_id']}", title=row["article_title"],
                        text=row["article_content"], source=row["source"], published=parse_date(row["date"]))
            half = hashlib.sha1(row["unit_id"].encode()).digest()[0] % 2
            (tune if half == 0 else test).append(page)
    return tune, test


def news_pages(folder: Path) -> list[tuple[str, bytes]]:
    """(name, raw HTML bytes) of each page, as ingest hands them to the filter: undecoded."""
    files = sorted(((folder / "html") if (folder / "html").is_dir() else folder).glob("*.html*"))
    return [(f.name.split(".")[0], gzip.decompress(f.read_bytes()) if f.name.endswith(".gz") else f.read_bytes())
            for f in files]


def loss(scores: list[relevance.Relevance], min_score: float, min_density: float) -> float:
    return sum(1 for r in scores if r.score < min_score or r.density < min_density) / len(scores)


def tune(pages: list[Page]) -> tuple[float, float]:
    """The strictest thresholds within the loss budget on the tuning half."""
    scores = [relevance.assess(p) for p in pages]
    min_score = max(t / 2 for t in range(0, 201) if loss(scores, t / 2, 0.0) <= SCORE_LOSS)
    min_density = max(d / 20 for d in range(0, 401) if loss(scores, min_score, d / 20) <= JOINT_LOSS)
    return min_score, min_density


def event_loss(pages: list[Page], rejected: set[str]) -> tuple[int, int, int, int] | None:
    """(candidates coded from rejected pages, all candidates, articles with an event that were
    rejected, articles with an event) with the full pipeline, if it runs."""
    try:
        from warwatch.pipeline import code_page
    except ImportError as exc:
        print(f"  (events not counted: the pipeline does not import yet: {exc})")
        return None
    lost = total = lost_articles = articles = 0
    for page in pages:
        report = code_page(page)
        n = len(getattr(report, "candidates", ()))
        total += n
        articles += n > 0
        if page.page_id in rejected:
            lost += n
            lost_articles += n > 0
    return lost, total, lost_articles, articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tune", action="store_true", help="derive the thresholds from the tuning half")
    parser.add_argument("--fakes", type=Path, default=FAKES)
    parser.add_argument("--news", type=Path, default=NEWS)
    args = parser.parse_args(argv)

    tune_half, test_half = fakes_halves(args.fakes)
    print(f"FA-KES: {len(tune_half)} tuning, {len(test_half)} test articles")
    if args.tune:
        min_score, min_density = tune(tune_half)
        print(f"tuned: MIN_SCORE = {min_score}, MIN_DENSITY = {min_density} "
              f"(in use: {relevance.MIN_SCORE}, {relevance.MIN_DENSITY})")
        relevance.MIN_SCORE, relevance.MIN_DENSITY = min_score, min_density

    for name, half in (("tuning half", tune_half), ("test half", test_half)):
        rejected = [p for p in half if not relevance.is_relevant(p)]
        print(f"{name}: {len(rejected)}/{len(half)} conflict articles rejected "
              f"({100 * len(rejected) / len(half):.1f}% lost)")
        if name == "test half":
            for p in rejected:
                r = relevance.assess(p)
                print(f"  lost {p.page_id}: score {r.score:g}, density {r.density:g}, {r.words} words: "
                      f"{(p.title or '')[:70]!r}")
        counted = event_loss(half, {p.page_id for p in rejected})
        if counted:
            lost, total, lost_articles, articles = counted
            print(f"{name}: {lost_articles}/{articles} articles that yield an event are rejected "
                  f"({100 * lost_articles / max(articles, 1):.1f}%); {lost}/{total} event candidates come "
                  f"from rejected articles ({100 * lost / max(total, 1):.1f}% of conflict events lost)")

    pages = news_pages(args.news)
    if not pages:
        parser.error(f"no *.html or *.html.gz pages in {args.news} (or its html/ folder)")
    keep = relevance.RelevanceFilter()
    keep.keeps_html(pages[0][1])
    start = time.process_time()
    verdicts = [keep.keeps_html(data) for _, data in pages]
    seconds = time.process_time() - start
    kept = [name for (name, _), v in zip(pages, verdicts) if v]
    print(f"ordinary news: {len(pages) - len(kept)}/{len(pages)} pages rejected "
          f"({100 * (len(pages) - len(kept)) / len(pages):.1f}%); passed: {', '.join(kept)}")
    print(f"filter time: {1000 * seconds / len(pages):.2f} ms/page on ordinary news pages "
          f"(raw HTML bytes, as ingest judges them before decoding; one core, CPU time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
