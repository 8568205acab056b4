"""Sentence spans of an article body: code-point offsets into the text, no model needed."""

from __future__ import annotations

import re

from warwatch.prefilter import finditer_at

# Words that end with a full stop without ending a sentence ("Sept. 10", "U.S. forces").
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen lt col maj capt cpt sgt adm brig gov sen rep rev st mt ft no vs etc
jan feb mar apr jun jul aug sep sept oct nov dec inc ltd co corp jr sr u.s u.n u.k e.g i.e
""".split())

# A sentence ends before a space and a capital, or (in scraped text that lost the space between
# paragraphs, "reported.Major General ...") right after a lower-case word and its full stop.
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|(?<=[a-z]{2}[.!?])[\"'”’)\]]*(?=[\"'“‘=*]{0,3}[A-Z][a-z])")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")
_STOP = re.compile(r"[.!?]")


def _ends(line: str):
    """`_END.finditer(line)`, tried only where a match can start: at a stop or just after one
    (the scan of every position costs several times more on an article). `_END` may match the
    empty string just after a stop; no longer match starts where it does, so trying each place
    once, as `finditer_at` does, finds what `finditer` finds."""
    starts = dict.fromkeys(at for m in _STOP.finditer(line) for at in (m.start(), m.end()))
    return finditer_at(_END, line, list(starts))


def _is_abbreviation(text: str, dot: int) -> bool:
    match = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    if word in ABBREVIATIONS:
        return True
    # single initials ("J. Smith") and dotted acronyms ("U.S.")
    return len(word) == 1 or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]?", word))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; paragraphs (lines) never share a sentence."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        start = 0
        for match in _ends(line):
            if line[match.start()] == "." and match.end() - match.start() == 1 and _is_abbreviation(line, match.start()):
                continue
            _add(spans, line, line_start, start, match.end())
            start = match.end()
        _add(spans, line, line_start, start, len(line))
    return spans


def _add(spans: list[tuple[int, int]], line: str, offset: int, start: int, end: int) -> None:
    chunk = line[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    spans.append((offset + start + lead, offset + start + lead + len(stripped)))
