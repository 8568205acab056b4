"""Place-name folding: the keys under which the gazetteer files and looks up names.

Two keys per name. `fold` drops diacritics, case, apostrophes, hyphens, spaces and
Arabic articles ("Deir ez-Zor", "Deir al-Zor" and "DEIR EZZOR" fold alike). `skeleton`
goes further for transliteration variants: digraphs simplified (kh/h, dh/d, ou/u, q/k,
w/v...), vowels dropped after the first letter, doubled letters collapsed ("Dayr az
Zawr", "Deir el-Zour" and "Deir ez-Zor" share one skeleton). A skeleton match is weaker
evidence than a folded one, and the resolver ranks it so.
"""

from __future__ import annotations

import re
import unicodedata

# Letters NFKD does not decompose into ASCII.
_LETTERS = str.maketrans({
    "ı": "i", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ð": "d",
    "þ": "th", "ə": "e", "ŋ": "n", "ħ": "h", "ŧ": "t", "ɨ": "i", "ʃ": "sh", "ʒ": "zh",
    "ʿ": "", "ʾ": "", "ʻ": "", "ʼ": "", "'": "", "’": "", "‘": "", "`": "", "´": "",
    "ʹ": "", "ʺ": "", "\u0301": "",
})
_CASED_LETTERS = {**_LETTERS, **{ord(chr(k).upper()): v.capitalize() for k, v in _LETTERS.items()
                                  if len(chr(k).upper()) == 1 and chr(k).upper() != chr(k)}}
# Articles and particles that come and go between transliterations.
ARTICLES = frozenset(
    "al el il ul ad ed adh ash esh as es ar er an en at et ath az ez ed the".split()
)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")

# Transliteration rewrites applied in order to a folded name before vowels go.
_REWRITES = {
    "shch": "s", "tch": "c", "kh": "h", "gh": "g", "dh": "d", "th": "t", "sh": "s", "ch": "c",
    "zh": "j", "dj": "j", "ph": "f", "ts": "c", "tz": "c", "ck": "k", "q": "k", "x": "ks", "w": "v",
}
_REWRITE = re.compile("|".join(sorted(_REWRITES, key=len, reverse=True)))
_VOWELS = re.compile(r"[aeiouy]+")
_DOUBLE = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"(?<=[aeiouy])h\b")
_VOWEL_W = re.compile(r"(?<=[aeiou])w")  # "Zawr", "Zour": w after a vowel is a vowel
_LATIN_ONLY = re.compile(r"^[\u0000-\u024f\u1e00-\u1eff\u02b0-\u02ff\u0300-\u036f'’‘ʿʾ]+$")


def is_latin(name: str) -> bool:
    """True when a name is written in Latin letters (other scripts are not indexed)."""
    return bool(_LATIN_ONLY.match(name))


def ascii_words(text: str) -> list[str]:
    """Lower-case ASCII words of a name: diacritics, apostrophes and punctuation gone."""
    text = text.lower().translate(_LETTERS)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).translate(_LETTERS).encode("ascii", "ignore").decode()
    return [w for w in _NON_ALNUM.split(text) if w]


def ascii_name(name: str) -> str:
    """A name in plain ASCII letters, as GeoNames' asciiname writes it: case, spaces and hyphens kept,
    diacritics and ayn/hamza marks gone ("Al Ḩasakah" -> "Al Hasakah", "Hajīn" -> "Hajin")."""
    if name.isascii():
        return name
    text = unicodedata.normalize("NFKD", name.translate(_CASED_LETTERS)).translate(_CASED_LETTERS)
    text = text.encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", text).strip() or name


def content_words(text: str) -> list[str]:
    """The ASCII words of a name without articles (all of them when nothing else is left)."""
    words = ascii_words(text)
    kept = [w for w in words if w not in ARTICLES]
    # a glued article: "al-Bab" written "Albab" stays as it is; "Al Bab" loses "al"
    return kept or words


def fold(text: str) -> str:
    """The folded key: no diacritics, case, articles, spaces or punctuation."""
    return "".join(content_words(text))


# Countries whose place names come from Cyrillic through several romanisations (Ukrainian and
# Russian forms too: Horlivka/Gorlovka, Novohryhorivka/Novogrigoryevka, Krasnyi/Krasnyj/Krasny):
# their skeletons fold g into h, j into a vowel, zh/ch/sch apart from z/c/s.
SLAVIC = frozenset({"UA", "RU", "BY"})
_SLAVIC_REWRITES = {
    "shch": "s", "sch": "s", "zh": "Z", "kh": "h", "ch": "C", "sh": "s", "ts": "c", "tz": "c", "cz": "C",
    "g": "h", "j": "i", "x": "ks", "w": "v", "q": "k", "ph": "f",
}
_SLAVIC_REWRITE = re.compile("|".join(sorted(_SLAVIC_REWRITES, key=len, reverse=True)))


def skeleton_of_folded(key: str, slavic: bool = False) -> str:
    """The transliteration skeleton of an already folded key; `slavic` for names romanised from
    Ukrainian, Russian or Belarusian (the country's code in SLAVIC)."""
    if not key:
        return key
    if slavic:
        text = _SLAVIC_REWRITE.sub(lambda m: _SLAVIC_REWRITES[m.group()], key)
    else:
        text = _REWRITE.sub(lambda m: _REWRITES[m.group()], _VOWEL_W.sub("u", _FINAL_H.sub("", key)))
    head, rest = text[0], text[1:]
    if head in "aeiouy":
        head = "a"
    rest = _VOWELS.sub("", rest)
    return _DOUBLE.sub(r"\1", head + rest)


def skeleton_key(text: str) -> str:
    """The key a name's skeleton is made from: its folded words, each without a final h after a
    vowel ("Sayyidah Zaynab" and "Sayyida Zeinab" agree), so a word's ending inside a longer name
    counts as it does at the end."""
    return "".join(_FINAL_H.sub("", w) for w in content_words(text))


def skeleton(text: str) -> str:
    """The transliteration skeleton of a name ("Deir el-Zour" and "Dayr az Zawr" agree)."""
    return skeleton_of_folded(skeleton_key(text))


# Words around a place name that say what kind of place it is, or how the event relates to it.
ADMIN1_WORDS = frozenset(
    "province provinces governorate governate oblast region state muhafazat muhafazah mohafazat "
    "wilayat wilaya vilayet prefecture department regional autonomous republic republican special "
    "mayorality emirate canton obl oblast kray krai".split()
)
ADMIN2_WORDS = frozenset("district raion rayon subdistrict nahiya county municipality".split())
TOWN_WORDS = frozenset(
    "city town village villages vilage villiage hamlet settlement township urban type capital".split()
)
NEAR_WORDS = frozenset(
    "area areas outskirts suburb suburbs countryside vicinity environs near nearby outside around close "
    "neighbourhood neighborhood quarter north south east west northern southern eastern western central "
    "northeast northwest southeast southwest northeastern northwestern southeastern southwestern "
    "km kilometres kilometers kilometre kilometer miles mile".split()
)
FACILITY_WORDS = frozenset(
    "airport airfield airbase air base military checkpoint camp field oilfield oil gas dam bridge prison "
    "hospital refinery border crossing port station international plant factory mine junction road "
    "highway market mosque school university monument memorial hill height heights post site crash "
    "cemetery canal sea coast beach barracks compound headquarters shrine tomb church monastery square "
    "street roundabout bakery".split()
)
_LINKS = frozenset("of the in on to from".split())
# Sites often named after a person or a dynasty rather than a town ("Umayyad Mosque"): role "site" too.
SITE_WORDS = frozenset("mosque church hospital school university shrine tomb monastery cemetery".split())


def split_qualifiers(text: str) -> tuple[list[str], set[str]]:
    """A place text's core words, and the roles of the kind words stripped from its ends.

    Roles: "admin1", "admin2", "town", "near", "facility" (and "site" for a mosque, a hospital...).
    "Deir el-Zour province" gives
    (["deir", "el", "zour"], {"admin1"}); "outskirts of Aleppo" gives (["aleppo"], {"near"}).
    """
    words = ascii_words(text)
    roles: set[str] = set()

    def role(word: str) -> str | None:
        if word in ADMIN1_WORDS:
            return "admin1"
        if word in ADMIN2_WORDS:
            return "admin2"
        if word in TOWN_WORDS:
            return "town"
        if word in NEAR_WORDS or word.isdigit():
            return "near"
        if word in FACILITY_WORDS:
            return "facility"
        return "link" if word in _LINKS else None

    while words and (kind := role(words[0])):
        roles.add(kind)
        words = words[1:]
    while words and (kind := role(words[-1])):
        roles.add(kind)
        if words[-1] in SITE_WORDS:
            roles.add("site")
        words = words[:-1]
    roles.discard("link")
    return words, roles
