"""What the nesting guard of the clean stage saves on hostile pages, and what it costs on real ones;
and how long the clean stage takes on a 50 MB page of menus (flat, not deep).

    .venv/bin/python bench/nesting.py --news ../shared/bench/extraction/html
    .venv/bin/python bench/nesting.py --news ... --raw-up-to 100000   # also parse the deepest unguarded (~25 s)

For pages of N nested elements (<div>, <b>, the HTML "<div/>" that does not close itself), the
seconds `clean()` takes (the page refused by the guard past MAX_DEPTH, coded below it) beside the
seconds the HTML parser alone takes on it (skipped above --raw-up-to: it grows as N squared).
Then the seconds `clean()` takes on a 50 MB page whose story sits between two halves of menu rows
(the hang guard the tests leave to this script: tests assert no times). Then, on a folder of real
pages (*.html or *.html.gz), the guard's cost per page and how many it refuses (none should be).
"""

from __future__ import annotations

import argparse
import gzip
import time
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from warwatch.clean import clean
from warwatch.clean.html import MAX_DEPTH, nests_too_deep
from warwatch.errors import BadInput
from warwatch.models import Page

STORY = ("<p>IDLIB, Syria (AP) — Government shelling killed four civilians on Wednesday in a rebel-held "
         "town in northwestern Syria, a war monitor and local rescuers said.</p>" * 3)


def _seconds(call) -> tuple[float, str]:
    started = time.perf_counter()
    try:
        call()
        outcome = "coded"
    except BadInput:
        outcome = "refused"
    return time.perf_counter() - started, outcome


def hostile(raw_up_to: int) -> None:
    for tag, close in (("<div>", "</div>"), ("<b>", "</b>"), ("<div/>", "")):
        for depth in (2_000, MAX_DEPTH, 10_000, 30_000, 100_000):
            html = f"<html><body>{tag * depth}{STORY}{close * depth}</body></html>"
            guarded, outcome = _seconds(lambda: clean(Page(page_id="deep", html=html)))
            raw = (f"{_seconds(lambda: LexborHTMLParser(html).body.text())[0]:.3f}" if depth <= raw_up_to
                   else "skipped")
            print(f"tag={tag} depth={depth} clean_s={guarded:.3f} outcome={outcome} parser_alone_s={raw}")


def big() -> None:
    filler = "<div class='row'><a href='/x'>Link</a> <span>menu item</span></div>\n"
    half = filler * (25 * 2**20 // len(filler))
    html = f"<html><body><nav>{half}</nav><article>{STORY}</article><footer>{half}</footer></body></html>"
    seconds, outcome = _seconds(lambda: clean(Page(page_id="big", html=html)))
    print(f"flat page_mb={len(html) / 1e6:.1f} clean_s={seconds:.3f} outcome={outcome}")


def real(folder: Path) -> None:
    pages = []
    for path in sorted(folder.iterdir()):
        if path.name.endswith(".html.gz"):
            pages.append(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"))
        elif path.name.endswith(".html"):
            pages.append(path.read_text("utf-8", "replace"))
    if not pages:
        print(f"no *.html or *.html.gz pages in {folder}")
        return
    rounds = 20
    started = time.perf_counter()
    for _ in range(rounds):
        refused = sum(nests_too_deep(html) for html in pages)
    per_page = (time.perf_counter() - started) / rounds / len(pages)
    started = time.perf_counter()
    for html in pages:
        LexborHTMLParser(html)
    parse = (time.perf_counter() - started) / len(pages)
    print(f"real pages={len(pages)} refused={refused} guard_ms_per_page={per_page * 1e3:.3f} "
          f"parser_ms_per_page={parse * 1e3:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--news", type=Path, help="folder of real pages (*.html, *.html.gz)")
    parser.add_argument("--raw-up-to", type=int, default=30_000, metavar="N",
                        help="parse unguarded pages up to this depth (default 30,000)")
    args = parser.parse_args()
    hostile(args.raw_up_to)
    big()
    if args.news:
        real(args.news)


if __name__ == "__main__":
    main()
