"""Literal prefilters for regular expressions: skip a search that cannot match.

Many of our patterns are long alternations of words (`\\b(?:shelled|artillery|mortars?|...)`) run
on short texts where they mostly fail, and Python's `re` tries every alternative at every
position. `Prefilter(pattern)` reads the pattern's syntax tree once and collects the few
character strings one of which every match must start with (its first three characters); a
text that holds none of them cannot match, which a set test on the text's trigrams tells far
faster than the search. Where the pattern does not allow that (a match may start with any
letter, `\\w`, `.`, case-insensitive matching), the prefilter always says "maybe", so it never
changes a result: it only skips searches that would have failed.
"""

from __future__ import annotations

import re
from re import _constants as C  # noqa: N812 - the parser's opcodes
from re import _parser

KEY = 3  # characters of each key
_MAX_KEYS = 4000  # give up past this many: the test would cost more than it saves


class _GiveUp(Exception):
    pass


def _prefixes(items: list, need: int, found: set[str], prefix: str = "") -> None:
    """Add to `found` each string of `need` characters that a match of `items` may start with
    (or a shorter one where the pattern can end before `need` characters)."""
    if len(found) > _MAX_KEYS:
        raise _GiveUp
    if len(prefix) >= need:
        found.add(prefix[:need])
        return
    if not items:
        found.add(prefix)  # the match may end here: a shorter key
        return
    op, av = items[0]
    rest = items[1:]
    if op is C.LITERAL:
        _prefixes(rest, need, found, prefix + chr(av))
    elif op is C.IN:
        chars = []
        for sub_op, sub_av in av:
            if sub_op is C.LITERAL:
                chars.append(chr(sub_av))
            elif sub_op is C.RANGE and sub_av[1] - sub_av[0] < 40:
                chars.extend(chr(c) for c in range(sub_av[0], sub_av[1] + 1))
            else:  # NEGATE, CATEGORY (\w, \d, \s) and wide ranges
                raise _GiveUp
        for char in chars:
            _prefixes(rest, need, found, prefix + char)
    elif op is C.BRANCH:
        for alternative in av[1]:
            _prefixes(list(alternative) + rest, need, found, prefix)
    elif op is C.SUBPATTERN:
        group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            raise _GiveUp
        _prefixes(list(sub) + rest, need, found, prefix)
    elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, high, sub = av
        if sub.getwidth()[0] == 0:
            raise _GiveUp  # a repeated item that can match nothing
        if low == 0:
            _prefixes(rest, need, found, prefix)
        if high != 0:
            left = high if high == C.MAXREPEAT else high - 1
            again = [(op, (max(low - 1, 0), left, sub))] if left > 0 else []
            _prefixes(list(sub) + again + rest, need, found, prefix)
    elif op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        _prefixes(rest, need, found, prefix)  # zero-width: dropping a condition only adds keys
    else:  # ANY, NOT_LITERAL, CATEGORY, GROUPREF, ...
        raise _GiveUp


def keys_of(pattern: re.Pattern) -> frozenset[str] | None:
    """The strings one of which starts every match of `pattern`, or None where we cannot tell."""
    if pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return None
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
        if tree.state.flags & re.IGNORECASE:  # an inline (?i)
            return None
        found: set[str] = set()
        _prefixes(list(tree), KEY, found)
    except (_GiveUp, RecursionError, AttributeError, TypeError, ValueError, re.error):
        return None
    if "" in found:
        return None  # the pattern may match the empty string
    return frozenset(found)


def trigrams(text: str) -> frozenset[str]:
    """Every run of KEY characters in `text`."""
    return frozenset([text[i:i + KEY] for i in range(len(text) - KEY + 1)])


class Prefilter:
    """`maybe(text, grams)`: False only where `pattern` cannot match `text`."""

    __slots__ = ("full", "short", "always")

    def __init__(self, pattern: re.Pattern) -> None:
        keys = keys_of(pattern)
        self.always = keys is None
        self.full = frozenset(k for k in keys or () if len(k) == KEY)
        self.short = tuple(k for k in keys or () if len(k) < KEY)

    def maybe(self, text: str, grams: frozenset[str]) -> bool:
        if self.always:
            return True
        if not self.full.isdisjoint(grams):
            return True
        return any(k in text for k in self.short)
