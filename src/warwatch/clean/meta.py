"""Metadata found in the words of a page: photo captions and credits, datelines, bylines, dates.

The dateline prefix ("BEIRUT — ", "KABUL (Reuters) - ") stays at the start of the body text,
as the outlet printed it; `find_dateline` reports the place ("BEIRUT") without changing the text,
so character offsets into the body are the same whether or not the dateline was recognised.
"""

from __future__ import annotations

import datetime as dt
import re

from warwatch.prefilter import folded_text

# A photo credit closing a caption: "(Photo by Daphné BENOIT / AFP)", "(AP Photo/Hussein Malla)",
# "Photo: Reuters", "REUTERS/Omar Sanadiki", "Credit: Getty Images", "(Photo Credit : PTI)".
# The first two forms open with a bracket, the others never do.
_CREDIT_FORMS = (
    r"""[(\[]\s*(?:(?:AP|AFP|Reuters|EPA|Getty|File|Photo|Image|Picture|Foto|Source)\s*)*
          (?:photos?|images?|pictures?|fotos?|credit|courtesy|via|file\s+photo|file)\b[^()\[\]]{0,120}[)\]]""",
    r"""[(\[]\s*[^()\[\]]{1,60}/\s*(?:AFP|AP|Reuters|REUTERS|EPA|Getty\s+Images|Anadolu(?:\s+Agency)?|SANA|Xinhua|ANSA|DPA|UPI|Pool)[^()\[\]]{0,40}[)\]]""",
    r"""(?:photo|photograph|image|picture|credit|foto|source)s?\s*(?:by|credit)?\s*[:/|]\s*[^.:]{2,80}""",
    r"""(?:REUTERS|AFP|AP|EPA(?:-EFE)?)\s*/\s*[A-Z][\w.' -]{1,60}(?:/\s*(?:File\s+)?Photo)?""",
    r"""(?:[A-Z][\w.'-]+\s){1,4}/\s*(?:AFP|AP|Reuters|EPA|Getty\s+Images)(?:\s+via\s+Getty\s+Images)?""",
    r"""(?:AFP|AP|Reuters)\s+via\s+Getty\s+Images|Getty\s+Images|Shutterstock|iStock(?:photo)?""",
)
_BRACKETED_FORMS = 2


def _credit_pattern(forms: tuple[str, ...]) -> re.Pattern:
    return re.compile("(?:" + "|".join(forms) + r")\s*\.?\s*$", re.X | re.I)


_CREDIT = _credit_pattern(_CREDIT_FORMS)  # the whole search; _credit_search gives its answers faster
_BRACKETED_CREDIT = _credit_pattern(_CREDIT_FORMS[:_BRACKETED_FORMS])
_OTHER_CREDIT = _credit_pattern(_CREDIT_FORMS[_BRACKETED_FORMS:])

# Words that make a short line read as a description of a picture.
_PICTURE_WORDS = re.compile(
    r"\b(?:photo|pictured|picture|image|file\s+photo|in\s+this\s+(?:photo|image|picture)|"
    r"stand|stands|standing|walk|walks|gather|gathers|look|looks|seen|sits|holds)\b",
    re.I,
)


# Every credit that opens with no bracket holds a slash or one of these words: a line with none
# has none, which these tests tell far faster than the search.
_CREDIT_WORDS = ("photo", "image", "picture", "credit", "foto", "source", "getty", "shutterstock", "istock")


def _may_hold_other_credit(line: str) -> bool:
    """Whether a credit that opens with no bracket may end the line: each holds a slash or a credit word."""
    if "/" in line:
        return True
    lowered = folded_text(line)  # as the search reads it case-insensitively ("ſource" is "source")
    return any(word in lowered for word in _CREDIT_WORDS)


def _credit_search(line: str) -> re.Match | None:
    """`_CREDIT.search(line)`: the leftmost credit that ends the line, the bracketed forms first
    where two start together. A search for the bracketed forms alone, which open with a bracket,
    skips to the brackets (the whole search tries every position of the line); the other forms
    are searched only in a line that holds a slash or a credit word."""
    bracketed = _BRACKETED_CREDIT.search(line) if "(" in line or "[" in line else None
    other = _OTHER_CREDIT.search(line) if _may_hold_other_credit(line) else None
    if other is not None and (bracketed is None or other.start() < bracketed.start()):
        return other
    return bracketed


def split_caption(line: str) -> tuple[str, str | None] | None:
    """(caption, credit) when the line is a photo caption ending with a credit, else None."""
    found = _credit_search(line)
    if found is None or found.start() == 0 and len(line) > 100:
        return None
    credit = found.group(0).strip().strip("()[] ").rstrip(".").strip() or None
    caption = line[: found.start()].rstrip(" -–—:|,")
    if not caption:
        return ("", credit) if len(line) <= 80 else None
    lowered = found.group(0).lower()
    if not any(w in lowered for w in ("photo", "image", "picture", "foto", "credit", "getty",
                                       "shutterstock", "istock", "courtesy", "file", "/")):
        return None
    if found.group(0).lstrip()[:1] not in "([" and "/" not in found.group(0) and \
            "getty" not in lowered and not _PICTURE_WORDS.search(caption) and len(caption) > 40:
        # "source: the ministry said" inside a sentence is not a credit
        return None
    return caption, credit


# ---------------------------------------------------------------- datelines and bylines

# "BEIRUT — ", "KABUL (Reuters) - ", "DAMASCUS, Syria (AP) — ", "Aleppo, Feb 9 (AFP) - "
_DATELINE = re.compile(
    r"""^(?P<place>[A-Z][A-Z'’.\- ]{1,40}[A-Z.]
        (?:,\s*[A-Z][\w'’.\- ]{1,30}?)?)
      (?:,?\s*(?P<date>(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?)))?
      \s*(?:\((?P<agency>[^)]{1,40})\)\s*)?
      (?P<dash>[—–-]{1,2}|:)\s+""",
    re.X,
)
_TITLE_DATELINE = re.compile(
    r"""^(?P<place>[A-Z][a-z’'.\-]+(?:\s[A-Z][a-z’'.\-]+){0,3}(?:,\s*[A-Z][\w’'.\- ]{1,30}?)?)
      (?:,?\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:\s+\d{4})?))?
      \s*\((?P<agency>[^)]{1,40})\)\s*(?P<dash>[—–-]{1,2}|:)\s+""",
    re.X,
)


def find_dateline(first_paragraph: str) -> tuple[str, str | None] | None:
    """(place as written, date text or None) of a dateline opening the paragraph."""
    found = _DATELINE.match(first_paragraph) or _TITLE_DATELINE.match(first_paragraph)
    if not found:
        return None
    place = found.group("place").strip(" ,")
    if found.re is _DATELINE and found.group("dash") == ":" and not found.group("agency"):
        return None  # "WARNING: ..." is a label, not a dateline
    if len(place.split()) > 5:
        return None
    return place, found.group("date")


_BYLINE = re.compile(
    r"^(?:by|written\s+by|story\s+by|reporting\s+by|von|par|por)\s*:?\s+"
    r"(?P<name>[^\W\d_][\w.'’\-]*(?:\s+[^\W\d_][\w.'’\-]*){0,3}"
    r"(?:\s*(?:,|and|&)\s*[^\W\d_][\w.'’\-]*(?:\s+[^\W\d_][\w.'’\-]*){0,3})*)",
    re.I,
)


def find_byline(line: str) -> str | None:
    """The author names of a "By ..." line, or None."""
    if len(line) > 120:
        return None
    found = _BYLINE.match(line)
    if not found:
        return None
    name = re.split(r"\s*(?:\||•|·|—|–| - |,\s*(?:updated|published|posted)\b)", found.group("name"))[0]
    name = re.sub(r"\s+(?:for|in|at|on|updated|published|posted)$", "", name.strip(), flags=re.I)
    return name.strip(" ,") or None


# ---------------------------------------------------------------- dates in text

_MONTHS = {
    name: i
    for i, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DATE_PATTERNS = (
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d{2})\b", re.I),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(?P<year>(?:19|20)\d{2})\b", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b"),
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.I)


def _make_date(found: re.Match) -> dt.date | None:
    month = found.group("month")
    month_no = int(month) if month.isdigit() else _MONTHS.get(month.lower().rstrip("."))
    try:
        return dt.date(int(found.group("year")), month_no or 0, int(found.group("day")))
    except ValueError:
        return None


def dates_in(text: str) -> list[dt.date]:
    """Every full calendar date written in the text, in the order they appear."""
    found: list[tuple[int, dt.date]] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            date = _make_date(match)
            if date is not None:
                found.append((match.start(), date))
    return [date for _, date in sorted(found, key=lambda item: item[0])]


def weekdays_in(text: str) -> set[int]:
    """The weekdays (0 = Monday) named in the text."""
    return {_WEEKDAYS.index(w.lower()) for w in _WEEKDAY.findall(text)}


def pick_text_date(candidates: list[dt.date], story: str) -> dt.date | None:
    """The first candidate date, preferring one whose weekday the story names ("Saturday")."""
    if not candidates:
        return None
    named = weekdays_in(story)
    for date in candidates:
        if date.weekday() in named:
            return date
    return candidates[0]


_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)"
)


def date_in_url(url: str | None) -> dt.date | None:
    """A date written in a URL path: /2019/02/09/, /2019-02-09-, /20190209/."""
    if not url:
        return None
    found = _URL_DATE.search(url)
    if not found:
        return None
    try:
        return dt.date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return None
