"""The text memo: short texts remembered, long ones answered afresh."""

from __future__ import annotations

from warwatch.memo import remembered


def test_only_texts_up_to_the_limit_are_remembered():
    calls = []

    @remembered(maxsize=2, longest=10)
    def words(text: str, lower: bool = False) -> tuple[str, ...]:
        calls.append(text)
        return tuple((text.lower() if lower else text).split())

    assert words("a b") == ("a", "b") and words("a b") == ("a", "b")
    assert calls == ["a b"]  # the second answer was remembered
    assert words("A B", True) == ("a", "b") and words("A B", False) == ("A", "B")
    long = "x " * 20
    assert words(long) == words(long) == ("x",) * 20
    assert calls.count(long) == 2  # over the limit: never held
    words("c"), words("d"), words("a b")
    assert calls.count("a b") == 2  # two entries at most: the oldest went first
    words.cache_clear()
    words("c")
    assert calls.count("c") == 2
