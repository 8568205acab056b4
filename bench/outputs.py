"""Every output of the stages on a fixed corpus, to show that a speed change changes nothing.

    .venv/bin/python bench/outputs.py --out before.jsonl        # on the old code
    .venv/bin/python bench/outputs.py --out after.jsonl         # on the new code
    .venv/bin/python bench/outputs.py --compare before.jsonl after.jsonl

One JSON line per input, in a fixed order: for each page (the FA-KES articles, the ordinary news
pages, the WikiEvents documents) its whole coded report from `pipeline.code_page` (the cleaned
article, its candidates with their places, its claims) or the reason it was skipped; for each
snippet (the CASE 2021 dev snippets, the first UCDP GED source texts) what `classify_text` gives.
The relevance filter does not run: every page is coded. `--compare` prints how many lines differ
and the first differences. The digest printed at the end identifies a run.

Data (give each path, or let them default to ../shared):
  --fakes      FA-KES-Dataset.csv (804 articles)
  --news       a folder of *.html.gz news pages (the 181 of the extraction benchmark)
  --wikievents WikiEvents dev.jsonl (documents as tokens, joined by spaces)
  --case       CASE 2021 dev.tsv (id, EventSnippet)
  --ucdp       a UCDP GED CSV (its source_article column)
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
UCDP_ROWS = 1500


def lines(args: argparse.Namespace):
    from warwatch.extract import classify_text
    from warwatch.ingest import IngestOptions, read_pages
    from warwatch.models import Page, Skipped, to_dict
    from warwatch.pipeline import code_page

    inputs = [str(args.fakes)] + sorted(str(p) for p in Path(args.news).glob("*.html*"))
    pages = list(read_pages(inputs, IngestOptions()))
    with open(args.wikievents, encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            pages.append(Page(page_id=f"wiki-{doc['doc_id']}", text=" ".join(doc["tokens"])))
    for page in pages:
        if isinstance(page, Skipped):
            yield ["skipped", page.where, page.reason]
            continue
        result = code_page(page)
        yield ["page", page.page_id,
               [result.where, result.reason] if isinstance(result, Skipped) else to_dict(result)]
    with open(args.case, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            yield ["case", row["id"], classify_text(row["EventSnippet"])]
    csv.field_size_limit(sys.maxsize)
    with open(args.ucdp, newline="", encoding="utf-8") as handle:
        for index, row in enumerate(csv.DictReader(handle)):
            if index >= UCDP_ROWS:
                break
            yield ["ucdp", index, classify_text(row["source_article"] or "")]


def compare(a: Path, b: Path) -> int:
    old, new = a.read_text().splitlines(), b.read_text().splitlines()
    differ = [i for i, (x, y) in enumerate(zip(old, new)) if x != y]
    print(f"lines: {len(old)} and {len(new)}; differing: {len(differ) + abs(len(old) - len(new))}")
    for i in differ[:5]:
        x, y = old[i], new[i]
        at = next((k for k, (p, q) in enumerate(zip(x, y)) if p != q), min(len(x), len(y)))
        print(f"line {i + 1} at character {at}:\n  - {x[max(0, at - 80):at + 120]}\n  + {y[max(0, at - 80):at + 120]}")
    return 0 if not differ and len(old) == len(new) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fakes", type=Path, default=SHARED / "data" / "fakes" / "FA-KES-Dataset.csv")
    parser.add_argument("--news", type=Path, default=SHARED / "bench" / "extraction" / "html")
    parser.add_argument("--wikievents", type=Path, default=SHARED / "data" / "wikievents" / "dev.jsonl")
    parser.add_argument("--case", type=Path, default=SHARED / "data" / "case2021" / "dev.tsv")
    parser.add_argument("--ucdp", type=Path, default=SHARED / "data" / "ucdp" / "ged_ukraine_2014_2021.csv")
    parser.add_argument("--out", type=Path, help="write the lines here")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = parser.parse_args(argv)
    if args.compare:
        return compare(*args.compare)
    for path in (args.fakes, args.news, args.wikievents, args.case, args.ucdp):
        if not path.exists():
            print(f"outputs: {path} does not exist", file=sys.stderr)
            return 2
    if args.out is None:
        parser.error("give --out FILE (or --compare BEFORE AFTER)")
    digest, count = hashlib.sha256(), 0
    with open(args.out, "w", encoding="utf-8") as out:
        for item in lines(args):
            line = json.dumps(item, default=str, sort_keys=True) + "\n"
            out.write(line)
            digest.update(line.encode())
            count += 1
    print(f"{count} lines to {args.out}; sha256 {digest.hexdigest()[:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
