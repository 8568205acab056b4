"""The date of an incident from the words of its sentence, against the article's date.

A weekday is the latest such day on or before the article's date; "last week" is the middle
(Thursday) of the week before, time_precision 2; a day and month without a year is the latest
one on or before the article's date; a month alone is its 15th, time_precision 3.
"""

from __future__ import annotations

import datetime as dt
import re

from warwatch.prefilter import Starts, folded_text, search_at

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_MONTH = r"(?P<month>january|february|march|april|may|june|july|august|september|october|november|december|jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept?\.?|oct\.?|nov\.?|dec\.?)"

_ISO = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d))?", re.I)
_DAY_MONTH = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b(?:,?\s+(?P<year>(?:19|20)\d\d))?", re.I)
_MONTH_ONLY = re.compile(rf"\b(?:in|during|since|early|late|mid-?|last)\s+{_MONTH}\b(?:\s+(?P<year>(?:19|20)\d\d))?", re.I)
_WEEKDAY = re.compile(r"\b(?P<last>last\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b", re.I)
_RELATIVE = re.compile(
    r"\b(?P<today>today|tonight|this\s+(?:morning|afternoon|evening))\b"
    r"|\b(?P<yesterday>yesterday|last\s+night|overnight|the\s+previous\s+day|a\s+day\s+earlier|the\s+day\s+before)\b"
    r"|\b(?P<lastweek>last\s+week|the\s+previous\s+week|(?:several|a\s+few|few)\s+days\s+ago|earlier\s+this\s+week|this\s+week)\b"
    r"|\b(?P<daysago>(?P<n>two|three|four|five|six|\d)\s+days\s+(?:ago|earlier))\b"
    r"|\b(?P<lastmonth>last\s+month|earlier\s+this\s+month|this\s+month)\b",
    re.I,
)
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _latest(month: int, day: int, anchor: dt.date) -> dt.date | None:
    for year in (anchor.year, anchor.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= anchor:
            return candidate
    return None


def _month(word: str) -> int:
    return MONTHS[word.casefold().rstrip(".")]


def week_middle(day: dt.date) -> dt.date:
    """The Thursday of the (Monday-first) week holding `day`."""
    return day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=3)


# A publication stamp at the head of a sentence ("Published February 23 2015 A suicide bomber...",
# "Sun 22 Feb 2015 ...", "Date of publication 25 April 2017 ...", "20.04.2017(updated 1618 20.04.2017)")
# dates the article, not the incident the rest of the sentence reports.
_STAMP = re.compile(
    rf"^\W*(?:(?:published|posted|updated|last\s+updated|date\s+of\s+publication)(?:\s+(?:at|on))?\s*:?\s*)?"
    rf"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    rf"(?:\d{{1,2}}\s+{_MONTH}\s+(?:19|20)\d\d|{_MONTH.replace('(?P<month>', '(?:')}\s+\d{{1,2}},?\s+(?:19|20)\d\d"
    rf"|\d{{1,2}}[./-]\d{{1,2}}[./-](?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d)"
    rf"(?:,?\s*(?:at\s+)?\d{{1,2}}[:.]?\d{{2}}\s*(?:gmt|utc|am|pm|[ap]\.m\.)?)?(?:\s*\(updated[^)]*\))?",
    re.I)


def _stamp_date(stamp: str) -> dt.date | None:
    numeric = re.search(r"(\d{1,2})[./-](\d{1,2})[./-]((?:19|20)\d\d)", stamp)
    if numeric:
        day, month, year = (int(x) for x in numeric.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    found = resolve_date(stamp, None)
    return found[0] if found else None


_SEARCHED = (_ISO, _MONTH_DAY, _DAY_MONTH, _WEEKDAY, _RELATIVE, _MONTH_ONLY)
# One automaton pass over an ASCII sentence tells where each pattern may match (mostly nowhere).
# Keys of 5 characters: 3 stand at every "on " and "in " (9,933 FA-KES sentences: 68 -> 48 ms);
# longer ones are many more keys (13,000 for 6) for little.
_STARTS = Starts(_SEARCHED, fold=True, length=5)


class _Searches:
    """`search(pattern)` for the patterns of _SEARCHED on one text, each tried only where it may
    start; the answers are the patterns' own."""

    __slots__ = ("text", "found")

    def __init__(self, text: str) -> None:
        self.text = text
        self.found = _STARTS.find(folded_text(text))

    def search(self, pattern: re.Pattern) -> re.Match | None:
        if self.found is None:
            return pattern.search(self.text)
        index = _SEARCHED.index(pattern)
        if index in _STARTS.unknown:
            return pattern.search(self.text)
        at = self.found.get(index)
        return search_at(pattern, self.text, at) if at else None


def resolve_date(text: str, anchor: dt.date | None) -> tuple[dt.date, int] | None:
    """(date, time_precision) named by `text`, or None when it names none (or one before year 1)."""
    try:
        return _resolve_date(text, anchor)
    except OverflowError:  # "last Sunday" of a report dated 0001-01-01
        return None


def _resolve_date(text: str, anchor: dt.date | None) -> tuple[dt.date, int] | None:
    """(date, time_precision) named by `text`, or None when it names none.

    A publication stamp at the head of the text gives way to a date the rest of the text
    names ("Published February 23 2015 ... on Sunday" is the Sunday before); alone, it is the date.
    """
    stamp = _STAMP.match(text)
    if stamp and stamp.end() < len(text) and re.match(r"[\s.:|-]", text[stamp.end():stamp.end() + 1] or " "):
        stamped = _stamp_date(stamp.group(0))
        if stamped:
            rest = resolve_date(text[stamp.end():], stamped)
            return rest or (stamped, 1)
    searches = _Searches(text)
    m = searches.search(_ISO)
    if m:
        try:
            return dt.date(int(m["y"]), int(m["m"]), int(m["d"])), 1
        except ValueError:
            pass
    for pattern in (_MONTH_DAY, _DAY_MONTH):
        m = searches.search(pattern)
        if m and not (pattern is _MONTH_DAY and m["month"].casefold() == "may" and not m["year"]):
            month, day = _month(m["month"]), int(m["day"])
            if m["year"]:
                try:
                    return dt.date(int(m["year"]), month, day), 1
                except ValueError:
                    continue
            if anchor:
                found = _latest(month, day, anchor)
                if found:
                    return found, 1
    if anchor is None:
        return None
    m = searches.search(_WEEKDAY)
    if m:
        wanted = WEEKDAYS.index(m["wd"].casefold())
        back = (anchor.weekday() - wanted) % 7
        if m["last"] and back == 0:
            back = 7
        return anchor - dt.timedelta(days=back), 1
    m = searches.search(_RELATIVE)
    if m:
        if m["today"]:
            return anchor, 1
        if m["yesterday"]:
            return anchor - dt.timedelta(days=1), 1
        if m["daysago"]:
            n = m["n"].casefold()
            return anchor - dt.timedelta(days=int(n) if n.isdigit() else _SMALL[n]), 1
        if m["lastweek"]:
            phrase = m["lastweek"].casefold()
            if "this week" in phrase:
                return min(week_middle(anchor), anchor), 2
            if "ago" in phrase:
                return anchor - dt.timedelta(days=3), 2
            return week_middle(anchor - dt.timedelta(days=7)), 2
        if m["lastmonth"]:
            phrase = m["lastmonth"].casefold()
            first = anchor.replace(day=1)
            if "last" in phrase:
                first = (first - dt.timedelta(days=1)).replace(day=1)
            return first.replace(day=15), 3
    m = searches.search(_MONTH_ONLY)
    if m:
        month = _month(m["month"])
        year = int(m["year"]) if m["year"] else (anchor.year if month <= anchor.month else anchor.year - 1)
        return dt.date(year, month, 15), 3
    return None
