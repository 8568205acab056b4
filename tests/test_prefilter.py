"""The literal prefilter never hides a match: where it says "cannot match", the search fails."""

import re

from warwatch.extract.codebook import cues
from warwatch.prefilter import Prefilter, keys_of, trigrams

TEXTS = [
    "government shelling killed four civilians in the town on saturday, a monitoring group said.",
    "rebels fired rockets at army positions; an airstrike hit a market.",
    "hundreds of protesters gathered outside parliament and police fired tear gas.",
    "the minister announced a new budget for schools and hospitals.",
    "a car bomb exploded near a checkpoint, wounding three soldiers.",
    "ab", "", "x-ray of the u.s. air-strike",
]


def test_keys_are_the_starts_of_matches():
    assert keys_of(re.compile(r"\b(?:shell(?:ed|ing)|mortars?)\b")) == frozenset({"she", "mor"})
    assert keys_of(re.compile(r"a[bc]d?")) == frozenset({"abd", "acd", "ab", "ac"})
    assert keys_of(re.compile(r"(?:ab)*c")) is not None and "c" in keys_of(re.compile(r"(?:ab)*c"))


def test_patterns_it_cannot_read_always_run():
    for pattern in (r"\w+ed", r"(?i)shell", r".x", r"[^a]bc", r"a?"):
        assert keys_of(re.compile(pattern)) is None, pattern
    assert keys_of(re.compile("shell", re.I)) is None
    assert Prefilter(re.compile(r"\w+")).maybe("", trigrams(""))


def test_prefilter_agrees_with_search_on_the_cue_lexicon():
    skipped = 0
    for cue in cues():
        prefilter = Prefilter(cue.pattern)
        for text in TEXTS + [cue.example.lower()]:
            if not prefilter.maybe(text, trigrams(text)):
                skipped += 1
                assert cue.pattern.search(text) is None, (cue.label, text)
            if text == cue.example.lower() and cue.pattern.search(text):
                assert prefilter.maybe(text, trigrams(text))
    assert skipped > 0


def test_short_keys_match_near_the_end():
    prefilter = Prefilter(re.compile(r"\bif\b|\bmay\b"))
    assert prefilter.maybe("what if", trigrams("what if"))
    assert not prefilter.maybe("what of", trigrams("what of"))
