"""Counts as written in news text: digits, number words, vague words, and their hedges.

"more than 20,000" -> 20000, "some 1,279" -> 1279, "a dozen" -> 12, "scores of" -> 20,
"between 10 and 15" -> 10..15. Vague words take the fixed values of CLARIFICATIONS.md §2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from warwatch.prefilter import Folded

UNITS = {
    "zero": 0, "no": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "couple": 2, "pair": 2,
}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
# Vague quantities and their fixed values (CLARIFICATIONS.md §2).
VAGUE = {
    "tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000,
    "several": 3, "a few": 3, "few": 3, "some": 3, "many": 3, "a number": 3, "numerous": 3,
    "a handful": 3, "multiple": 3,
}

_WORD = "|".join(sorted((k for k in UNITS if k not in ("no", "a", "an", "single")), key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
_SIMPLE = rf"(?:{_DIGITS})(?:\s+(?:million|thousand))?|(?:(?:a|one)\s+)?(?:{_WORD})(?:[\s-](?:{_WORD}))?(?:\s+(?:hundred|thousand|million))?(?:\s+(?:and\s+)?(?:{_WORD}))?(?:\s+(?:thousand|million))?"
_HEDGE_LOW = r"at\s+least|more\s+than|over|upwards\s+of|no\s+fewer\s+than|no\s+less\s+than|a\s+minimum\s+of"
_HEDGE_ABOUT = r"some|about|around|roughly|approximately|nearly|almost|close\s+to|an\s+estimated|as\s+many\s+as|up\s+to|fewer\s+than|less\s+than|a\s+total\s+of|only|another|a\s+further|an\s+additional"
_FRACTION = r"(?:a|one)\s+(?:quarter|third|half)\s+(?:of\s+)?a\s+million|half\s+a\s+million|three\s+quarters\s+of\s+a\s+million"
FRACTIONS = {"quarter": 250_000, "third": 333_333, "half": 500_000, "three": 750_000}
_VAGUE = r"tens|dozens|scores|hundreds|thousands|several|a\s+few|a\s+handful|a\s+number|numerous|many|multiple"

NUMBER_RE = re.compile(
    rf"\b(?:(?P<hedge>{_HEDGE_LOW}|{_HEDGE_ABOUT})\s+)?"
    rf"(?:between\s+(?P<b1>{_SIMPLE})\s+and\s+(?P<b2>{_SIMPLE})"
    rf"|(?P<r1>{_DIGITS})\s*(?:-|–|to)\s*(?P<r2>{_DIGITS})"
    rf"|(?P<fraction>{_FRACTION})"
    rf"|(?P<vague_scale>(?:tens|hundreds)\s+of\s+(?:thousands|millions))(?:\s+of)?"
    rf"|(?P<vague>{_VAGUE})(?:\s+of)?"
    rf"|(?P<simple>{_SIMPLE}))\b",
    re.IGNORECASE,
)


# Tried only where a digit or a number, hedge or vague word starts (same matches, far fewer tries).
# Keys of 4 characters: longer ones run into the digits (over 20,000, 0.2 s to list) and are no faster.
_NUMBERS = Folded(NUMBER_RE, length=4)


@dataclass(frozen=True, slots=True)
class Count:
    """A count found in text: its value range, the words as written, and where they are."""

    low: int
    high: int
    text: str
    start: int
    end: int
    vague: bool = False


_DIGIT_VALUE = re.compile(r"\d+(?:\.\d+)?(?:\s+(?:million|thousand))?")
_TOKEN_SPLIT = re.compile(r"[\s-]+")
_SPACES = re.compile(r"\s+")


def word_value(words: str) -> int | None:
    """The value of a number written in digits or words ("1,279", "twenty-five", "a dozen")."""
    w = words.casefold().replace(",", "").strip()
    if _DIGIT_VALUE.fullmatch(w):
        parts = w.split()
        value = float(parts[0])
        if len(parts) > 1:
            value *= SCALES[parts[1]]
        return int(value)
    total, current = 0, 0
    seen = False
    for token in _TOKEN_SPLIT.split(w):
        if token in ("and",):
            continue
        if token in ("a", "an") and not seen:
            current = 1
            continue
        if token in UNITS:
            value = UNITS[token]
            current = current * value if token == "dozen" and current else current + value
            seen = True
        elif token in SCALES:
            current = max(current, 1) * SCALES[token]
            if SCALES[token] >= 1000:
                total, current = total + current, 0
            seen = True
        else:
            return None
    return total + current if seen else None


def find_counts(text: str) -> list[Count]:
    """Every count in `text`, left to right."""
    counts = []
    for m in _NUMBERS.finditer(text):
        hedge = (m.group("hedge") or "").casefold()
        if m.group("vague_scale"):
            # "hundreds of thousands": the vague word's value times the scale (100,000)
            first, _, scale = _SPACES.split(m.group("vague_scale").casefold())
            value = VAGUE[first] * (1000 if scale == "thousands" else 1_000_000)
            counts.append(Count(value, value, m.group(0), m.start(), m.end(), vague=True))
            continue
        if m.group("vague"):
            word = _SPACES.sub(" ", m.group("vague").casefold())
            value = VAGUE[word]
            counts.append(Count(value, value, m.group(0), m.start(), m.end(), vague=True))
            continue
        if m.group("fraction"):
            word = next(w for w in _SPACES.split(m.group("fraction").casefold()) if w in FRACTIONS)
            low = high = FRACTIONS[word]
        elif m.group("b1"):
            low, high = word_value(m.group("b1")), word_value(m.group("b2"))
        elif m.group("r1"):
            low, high = word_value(m.group("r1")), word_value(m.group("r2"))
        else:
            raw = m.group("simple")
            if raw.casefold() in ("one",) and not hedge:
                low = high = 1
            else:
                low = high = word_value(raw)
        if low is None or high is None:
            continue
        if hedge.startswith(("up to", "fewer", "less", "as many")):
            low, high = min(low, high), max(low, high)
        counts.append(Count(min(low, high), max(low, high), m.group(0), m.start(), m.end()))
    return counts
