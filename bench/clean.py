"""Benchmark of the clean stage against trafilatura on an article-extraction benchmark folder.

    .venv/bin/python bench/clean.py ../shared/bench/extraction

The folder holds `html/<id>.html.gz` (or `.html`) and `ground-truth.json`
({id: {"articleBody": ..., "url": ...}}). Each extractor runs in its own child process, so the
whole-process time (interpreter start, imports, reading and extracting every page) is measured
for each in the same run; the steady-state rate (pages/s over the extraction loop alone, one
core) and the start-up (process time minus the loop) are printed apart.

Scores follow the benchmark's own evaluation: 4-gram shingles of `\\w+` tokens per page
(multisets), precision and recall per page, macro-averaged, F1 from the two averages. The
bag-of-tokens F1 is the same with single tokens.

Text mode: every page is rendered to plain text with inscriptis 2.7.6 `get_text` (whitespace
folded within each line, empty lines dropped), boilerplate and all, and warwatch cleans that text
as it cleans already-scraped pages. "all lines" scores the rendered text unchanged.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

TOKEN = re.compile(r"\w+")


# ---------------------------------------------------------------- scoring


def shingles(text: str, n: int) -> Counter:
    """The multiset of n-token shingles of a text (one shorter shingle when it has fewer)."""
    tokens = TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)))


def match(truth: str, predicted: str, n: int) -> tuple[int, int, int]:
    """True positives, false positives, false negatives of predicted shingles against the truth."""
    t, p = shingles(truth, n), shingles(predicted, n)
    return sum((t & p).values()), sum((p - t).values()), sum((t - p).values())


def precision1(tp: int, fp: int, fn: int) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def recall1(tp: int, fp: int, fn: int) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def score(truth: dict[str, str], predicted: dict[str, str], n: int) -> tuple[float, float, float]:
    """Macro-averaged precision and recall over pages, and F1 from the averages."""
    counts = [match(truth[key], predicted.get(key, ""), n) for key in truth]
    p = statistics.mean(precision1(*c) for c in counts)
    r = statistics.mean(recall1(*c) for c in counts)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# ---------------------------------------------------------------- inputs


def read_html(path: Path) -> str:
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def page_paths(folder: Path) -> dict[str, Path]:
    paths = {}
    for path in sorted((folder / "html").iterdir()):
        key = path.name.split(".")[0]
        paths[key] = path
    return paths


def render_text(html: str) -> str:
    """The page as inscriptis renders it: whitespace folded within lines, empty lines dropped."""
    from inscriptis import get_text

    lines = (" ".join(line.split()) for line in get_text(html).splitlines())
    return "\n".join(line for line in lines if line)


# ---------------------------------------------------------------- workers (child processes)


def worker(name: str, mode: str, folder: Path, out: Path) -> None:
    """Extract every page with one extractor and write {id: text} plus the loop's time to `out`."""
    if name == "warwatch":
        from warwatch.clean import clean
        from warwatch.errors import BadInput
        from warwatch.models import Page

        def extract(key: str, content: str, url: str | None) -> str:
            page = Page(page_id=key, url=url, html=content) if mode == "html" else \
                Page(page_id=key, url=url, text=content)
            try:
                return clean(page).text
            except BadInput:
                return ""
    elif name == "trafilatura":
        import trafilatura

        def extract(key: str, content: str, url: str | None) -> str:
            return trafilatura.extract(content, url=url, favor_precision=True) or ""
    elif name == "all-lines":
        def extract(key: str, content: str, url: str | None) -> str:
            return content
    else:
        raise SystemExit(f"unknown extractor {name}")

    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    if mode == "html":
        inputs = {key: read_html(path) for key, path in page_paths(folder).items()}
    else:
        inputs = {path.stem: path.read_text(encoding="utf-8") for path in folder.glob("*.txt")}
    results: dict[str, str] = {}
    start = time.perf_counter()
    for key, content in inputs.items():
        results[key] = extract(key, content, truth.get(key, {}).get("url"))
    loop = time.perf_counter() - start
    out.write_text(json.dumps({"loop_s": loop, "texts": results}), encoding="utf-8")


def run_worker(name: str, mode: str, folder: Path) -> tuple[dict[str, str], float, float]:
    """Run one extractor in a fresh process; its texts, whole-process seconds and loop seconds."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    try:
        start = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--worker", name, "--mode", mode,
                        "--out", str(out), str(folder)], check=True)
        whole = time.perf_counter() - start
        data = json.loads(out.read_text(encoding="utf-8"))
    finally:
        out.unlink(missing_ok=True)
    return data["texts"], whole, data["loop_s"]


# ---------------------------------------------------------------- report


def row(label: str, truth: dict[str, str], texts: dict[str, str], whole: float, loop: float) -> str:
    p, r, f = score(truth, texts, 4)
    _, _, bag = score(truth, texts, 1)
    n = len(truth)
    return (f"| {label:<24} | {p:.3f} | {r:.3f} | {f:.3f} | {bag:.3f} | {n / loop:8.1f} | "
            f"{1000 * loop / n:6.2f} | {whole - loop:5.2f} | {whole:6.2f} |")


HEADER = ("| extractor                | sh4 P | sh4 R | sh4 F1 | bag F1 | pages/s  | ms/page | start s | whole s |\n"
          "|--------------------------|-------|-------|--------|--------|----------|---------|---------|---------|")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="benchmark folder: html/ and ground-truth.json")
    parser.add_argument("--skip-text", action="store_true", help="leave out the plain-text mode")
    parser.add_argument("--skip-html", action="store_true", help="leave out the HTML mode")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--mode", default="html", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--dump", type=Path, help="write each extractor's texts as JSON here")
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.mode, args.folder, args.out)
        return 0

    folder = args.folder
    raw = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    truth = {key: value.get("articleBody") or "" for key, value in raw.items()}
    dumps: dict[str, dict[str, str]] = {}
    print(f"{len(truth)} pages, {os.cpu_count()} cores; one process per extractor, run one after another")
    for name in () if args.skip_html else ("warwatch", "trafilatura"):
        if name == "warwatch":
            print("\nHTML mode\n" + HEADER)
        texts, whole, loop = run_worker(name, "html", folder)
        dumps[f"html-{name}"] = texts
        label = name + (" (favor_precision)" if name == "trafilatura" else "")
        print(row(label, truth, texts, whole, loop), flush=True)
    if not args.skip_text:
        with tempfile.TemporaryDirectory() as tmp:
            rendered = Path(tmp)
            (rendered / "ground-truth.json").write_text(json.dumps(raw), encoding="utf-8")
            for key, path in page_paths(folder).items():
                (rendered / f"{key}.txt").write_text(render_text(read_html(path)), encoding="utf-8")
            print("\nText mode (pages rendered with inscriptis, one line per block)\n" + HEADER)
            for name in ("warwatch", "all-lines"):
                texts, whole, loop = run_worker(name, "text", rendered)
                dumps[f"text-{name}"] = texts
                print(row(name, truth, texts, whole, loop), flush=True)
    if args.dump:
        args.dump.write_text(json.dumps(dumps, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
