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

import codecs
import functools
import re
import string
from collections.abc import Callable, Iterator, Sequence
from re import _constants as C  # noqa: N812 - the parser's opcodes
from re import _parser

import ahocorasick

KEY = 3  # characters of each key (Prefilter, Starts)
# Folded's keys: a short key ("the", "in ") stands at many places of a sentence, each a match
# tried from Python; the first 8 characters of a match stand at few (`pipeline.code_page` on the
# 804 FA-KES articles: 3.46 -> 3.26 ms an article, 3 -> 8 characters). A pattern whose keys of
# that length are too many gets shorter ones.
FOLDED_KEY = 8
_MAX_KEYS = 20000  # past this many, shorter keys (an automaton holds this many in a few MB)


class _GiveUp(Exception):
    pass


class _TooMany(_GiveUp):
    pass


# The folded text reads every whitespace character as a space: `\s` is one character in keys,
# not ten (a pattern of a few `\s+` had over 10,000 keys of 8 characters, and took 0.1 s to build).
_ASCII_SPACES = "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"
_TO_SPACE = str.maketrans(dict.fromkeys(_ASCII_SPACES, " "))
# In folded mode (keys for `folded_text`) \d and \s match only these.
_ASCII_CATEGORIES = {C.CATEGORY_DIGIT: string.digits, C.CATEGORY_SPACE: " "}


# The only non-ASCII characters that match an ASCII letter case-insensitively (İ ı ſ and the
# Kelvin sign; tests/test_prefilter_starts.py checks this over every code point).
_ASCII_FOLDS = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
OTHER = "\x01"  # what every other non-ASCII character reads as in the folded text


def _image(char: str) -> str:
    """What a non-ASCII character of a text reads as in its folded form: a space for whitespace
    (\\s), 0 for a decimal digit (\\d), the ASCII letter it matches case-insensitively, else OTHER."""
    if char.isspace():
        return " "
    if char.isdecimal():
        return "0"
    return _ASCII_FOLDS.get(char, OTHER)


def _fold_errors(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return "".join(map(_image, error.object[error.start:error.end])), error.end


codecs.register_error("warwatch.fold", _fold_errors)


def folded_text(text: str) -> str:
    """The folded form of a text that folded keys (`keys_of(..., fold=True)`) are found in: lower
    case, one character for each of the text's (so positions are the text's own), every whitespace
    character a space, every other non-ASCII character read as `_image` says."""
    global _last_folded
    last = _last_folded  # one read: another thread may replace it meanwhile
    if last[0] is text:
        return last[1]  # the rules of a sentence ask for it one after another
    folded = text.lower() if text.isascii() else text.encode("ascii", "warwatch.fold").decode("ascii").lower()
    if not folded.isprintable():  # a line break, a tab (or OTHER): faster told than searched for
        folded = folded.translate(_TO_SPACE)
    _last_folded = (text, folded)
    return folded


_last_folded: tuple[str | None, str] = (None, "")


@functools.lru_cache(maxsize=None)
def _folded(char: str) -> tuple[str, ...]:
    """The characters of the folded text that may stand where `char` of a pattern matches
    (case-insensitively: a superset where the pattern is case-sensitive)."""
    if char.isascii():
        return (" ",) if char in _ASCII_SPACES else (char.lower(),)
    # the character itself, its case variants (non-ASCII: OTHER; or an ASCII letter)
    return tuple(sorted({c.lower() for c in string.ascii_letters
                         if re.fullmatch(re.escape(char), c, re.IGNORECASE)} | {_image(char), OTHER}))


def _prefixes(items: list, need: int, found: set[str], prefix: str = "", fold: bool = False,
              shortest: int = 2) -> None:
    try:
        _extend(items, need, found, prefix, fold, shortest)
    except _TooMany:
        raise
    except _GiveUp:
        if len(prefix) < max(shortest, 1):
            raise
        found.add(prefix)  # an item we cannot read after `shortest` known characters: they are the key


def _extend(items: list, need: int, found: set[str], prefix: str, fold: bool, shortest: int) -> None:
    """Add to `found` each string of `need` characters that a match of `items` may start with
    (or a shorter one where the pattern can end before `need` characters). With `fold`, the
    strings are those of `folded_text`."""
    if len(found) > _MAX_KEYS:
        raise _TooMany
    if len(prefix) >= need:
        found.add(prefix[:need])
        return
    if not items:
        found.add(prefix)  # the match may end here: a shorter key
        return
    op, av = items[0]
    rest = items[1:]
    if op is C.LITERAL:
        for char in (_folded(chr(av)) if fold else (chr(av),)):
            _prefixes(rest, need, found, prefix + char, fold, shortest)
    elif op is C.IN:
        chars: list[str] = []
        for sub_op, sub_av in av:
            if sub_op is C.LITERAL:
                chars.append(chr(sub_av))
            elif sub_op is C.RANGE and sub_av[1] - sub_av[0] < 40:
                chars.extend(chr(c) for c in range(sub_av[0], sub_av[1] + 1))
            elif fold and sub_op is C.CATEGORY and sub_av in _ASCII_CATEGORIES:
                chars.extend(_ASCII_CATEGORIES[sub_av])
            else:  # NEGATE, CATEGORY (\w, \d, \s) and wide ranges
                raise _GiveUp
        if fold:
            chars = [f for char in chars for f in _folded(char)]
        for char in dict.fromkeys(chars):
            _prefixes(rest, need, found, prefix + char, fold, shortest)
    elif op is C.BRANCH:
        for alternative in av[1]:
            _prefixes(list(alternative) + rest, need, found, prefix, fold, shortest)
    elif op is C.SUBPATTERN:
        group, add_flags, del_flags, sub = av
        if (add_flags or del_flags) and not fold:
            raise _GiveUp
        if (add_flags | del_flags) & ~(re.IGNORECASE | re.ASCII | re.UNICODE):
            raise _GiveUp  # folded keys hold whatever the case and the kind of \d
        _prefixes(list(sub) + rest, need, found, prefix, fold, shortest)
    elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, high, sub = av
        if sub.getwidth()[0] == 0:
            raise _GiveUp  # a repeated item that can match nothing
        if low == 0:
            _prefixes(rest, need, found, prefix, fold, shortest)
        if high != 0:
            left = high if high == C.MAXREPEAT else high - 1
            again = [(op, (max(low - 1, 0), left, sub))] if left > 0 else []
            _prefixes(list(sub) + again + rest, need, found, prefix, fold, shortest)
    elif op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        _prefixes(rest, need, found, prefix, fold, shortest)  # zero-width: dropping a condition only adds keys
    else:  # ANY, NOT_LITERAL, CATEGORY, GROUPREF, ...
        raise _GiveUp


def keys_of(pattern: re.Pattern, fold: bool = False, length: int = KEY, shortest: int = 2) -> frozenset[str] | None:
    r"""The strings one of which starts every match of `pattern`, or None where we cannot tell.

    With `fold`, the keys hold for `folded_text(text)` (lower case, non-ASCII characters read as
    one of a few stand-ins), whatever the pattern's case flags."""
    if not isinstance(pattern.pattern, str):
        return None
    if not fold and pattern.flags & re.IGNORECASE:
        return None
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
        if not fold and tree.state.flags & re.IGNORECASE:  # an inline (?i)
            return None
        for need in range(length, 1, -1):  # shorter keys where longer ones are too many
            found: set[str] = set()
            try:
                _prefixes(list(tree), need, found, fold=fold, shortest=shortest)
                break
            except _TooMany:
                continue
        else:
            return None
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


class Starts:
    """Where each of several patterns may start a match, from one pass of an automaton over the
    text: `find(text)` gives, per pattern with keys, the ascending positions at which one of its
    keys occurs (no entry: it cannot match). Patterns without keys are in `unknown` and must be
    searched as usual. With `fold`, `find` takes `folded_text(text)`; its positions are those of
    the text itself."""

    __slots__ = ("automaton", "unknown", "count")

    def __init__(self, patterns: Sequence[re.Pattern], fold: bool = False, length: int = KEY,
                 shortest: int = 2) -> None:
        self.count = len(patterns)
        self.automaton = ahocorasick.Automaton()
        owners: dict[str, list[int]] = {}
        unknown = []
        for index, pattern in enumerate(patterns):
            keys = keys_of(pattern, fold=fold, length=length, shortest=shortest)
            if keys is None:
                unknown.append(index)
                continue
            for key in keys:
                owners.setdefault(key, []).append(index)
        for key, indices in owners.items():
            self.automaton.add_word(key, (len(key) - 1, tuple(indices)))
        self.unknown = frozenset(unknown)
        if owners:
            self.automaton.make_automaton()

    def find(self, text: str) -> dict[int, list[int]]:
        found: dict[int, list[int]] = {}
        if self.automaton.kind != ahocorasick.AHOCORASICK:
            return found
        for end, (back, indices) in self.automaton.iter(text):
            start = end - back
            for index in indices:
                positions = found.get(index)
                if positions is None:
                    found[index] = [start]
                elif positions[-1] != start:
                    positions.append(start)
        for positions in found.values():
            if len(positions) > 1:
                positions.sort()  # keys of different lengths end in order, not start in order
        return found

    def any(self, text: str) -> bool:
        """Whether any key of any pattern occurs in `text`."""
        if self.automaton.kind != ahocorasick.AHOCORASICK:
            return False
        for _ in self.automaton.iter(text):
            return True
        return False


def search_at(pattern: re.Pattern, text: str, starts: Sequence[int]) -> re.Match | None:
    """`pattern.search(text)`, where every match must start at one of `starts` (ascending)."""
    match = pattern.match
    for start in starts:
        found = match(text, start)
        if found is not None:
            return found
    return None


def finditer_at(pattern: re.Pattern, text: str, starts: Sequence[int]) -> Iterator[re.Match]:
    """`pattern.finditer(text)` for a pattern that never matches the empty string, where every
    match must start at one of `starts` (ascending)."""
    match = pattern.match
    after = 0
    for start in starts:
        if start < after:
            continue
        found = match(text, start)
        if found is not None:
            yield found
            after = found.end()


def _starts_with_literal(pattern: re.Pattern) -> bool:
    """Whether every match of a case-sensitive pattern starts with one given character."""
    if not isinstance(pattern.pattern, str) or pattern.flags & re.IGNORECASE:
        return False
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
    except re.error:
        return False
    return not tree.state.flags & re.IGNORECASE and len(tree) > 0 and tree[0][0] is C.LITERAL


class Folded:
    """A pattern's search, finditer and sub, tried only where a match may start: at the positions
    where one of its folded keys occurs in `folded_text(text)` (none: no match, without running
    the pattern); a pattern without keys as usual, unless `needs` is given: a pattern that every
    match of `pattern` contains a match of (its head nouns, say), whose keys then gate the search
    (none of them in the text: no match). A pattern that starts with a literal character is searched
    as usual, unless it is such a gate (`gate=True`, as Folded builds its own). Every answer is the
    pattern's own."""

    __slots__ = ("pattern", "automaton", "keyed", "uniform", "gate")

    def __init__(self, pattern: re.Pattern, length: int = FOLDED_KEY, shortest: int = 2,
                 needs: re.Pattern | None = None, *, gate: bool = False) -> None:
        self.pattern = pattern
        self.gate = Folded(needs, length, shortest, gate=True) if needs is not None else None
        # re's own search skips to a first literal character (",\s+which ...") faster than the
        # places of the keys are gone through in Python; a gate (only its keys are looked up) keeps them
        keys = (None if not gate and _starts_with_literal(pattern)
                else keys_of(pattern, fold=True, length=length, shortest=shortest))
        self.keyed = bool(keys)
        self.automaton = ahocorasick.Automaton()
        for key in keys or ():
            self.automaton.add_word(key, len(key) - 1)
        if self.keyed:
            self.automaton.make_automaton()
        # keys of one length end in the order they start: no sort needed
        self.uniform = len({len(k) for k in keys or ()}) == 1

    def positions(self, text: str) -> list[int] | None:
        """Where a match may start, ascending (None: anywhere)."""
        if not self.keyed:
            if self.gate is not None and self.gate.positions(text) == []:
                return []
            return None
        starts = [end - back for end, back in self.automaton.iter(folded_text(text))]
        if self.uniform or len(starts) < 2:
            return starts
        return sorted(set(starts))

    def search(self, text: str) -> re.Match | None:
        if self.keyed and self.uniform:
            # keys of one length come in the order they start: try each as it is found, and stop
            # at the first match (the leftmost), without listing the places first
            match = self.pattern.match
            for end, back in self.automaton.iter(folded_text(text)):
                found = match(text, end - back)
                if found is not None:
                    return found
            return None
        at = self.positions(text)
        if at is None:
            return self.pattern.search(text)
        return search_at(self.pattern, text, at) if at else None

    def finditer(self, text: str) -> Iterator[re.Match]:
        at = self.positions(text)
        if at is None:
            return self.pattern.finditer(text)
        return finditer_at(self.pattern, text, at)

    def sub(self, replacement: str | Callable[[re.Match], str], text: str) -> str:
        """`pattern.sub(replacement, text)` for a plain replacement (no backslash) or a function."""
        at = self.positions(text)
        if at is None or (isinstance(replacement, str) and "\\" in replacement):
            return self.pattern.sub(replacement, text)
        if not at:
            return text
        pieces, last = [], 0
        for m in finditer_at(self.pattern, text, at):
            pieces.append(text[last:m.start()])
            pieces.append(replacement if isinstance(replacement, str) else replacement(m))
            last = m.end()
        if not pieces:
            return text
        pieces.append(text[last:])
        return "".join(pieces)


class Marked:
    """A pattern some of whose alternatives need one of a few characters (`marks`, an apostrophe
    say) that most texts lack, and have no keys: on a text without any mark its search, finditer and
    sub come from `plain`, the pattern without those alternatives (keyed, so fast), else from the
    whole pattern. `plain` must give the pattern's own answers on every text that holds no mark;
    both go through `Folded` (`needs` gates the whole pattern)."""

    __slots__ = ("whole", "plain", "marks")

    def __init__(self, pattern: re.Pattern, plain: re.Pattern, marks: str, needs: re.Pattern | None = None) -> None:
        self.whole = Folded(pattern, needs=needs)
        self.plain = Folded(plain)
        self.marks = marks

    def _for(self, text: str) -> Folded:
        return self.whole if any(mark in text for mark in self.marks) else self.plain

    @property
    def pattern(self) -> re.Pattern:
        return self.whole.pattern

    def search(self, text: str) -> re.Match | None:
        return self._for(text).search(text)

    def finditer(self, text: str) -> Iterator[re.Match]:
        return self._for(text).finditer(text)

    def sub(self, replacement: str | Callable[[re.Match], str], text: str) -> str:
        return self._for(text).sub(replacement, text)
