"""Remembering what a rule answered for a text, without letting a huge page fill memory."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

LONGEST = 4000  # characters: a sentence, a name or a few sentences joined; FA-KES's longest sentence has 622


def remembered(maxsize: int, longest: int = LONGEST) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """`functools.lru_cache(maxsize)` for a function whose first argument is a text, holding only
    texts of up to `longest` characters: at most `maxsize * longest` characters stay in memory
    whatever the input (a longer text is answered afresh each time). The function must be pure
    and its answers never changed by callers."""

    def wrap(function: Callable[..., T]) -> Callable[..., T]:
        cached = functools.lru_cache(maxsize=maxsize)(function)

        @functools.wraps(function)
        def call(text: str, *args):
            return cached(text, *args) if len(text) <= longest else function(text, *args)

        call.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        return call

    return wrap
