"""Starts and Folded try a pattern only where a match may start; every answer is the pattern's own."""

import re

from warwatch.extract import claims, codebook, dates, numbers
from warwatch.prefilter import _ASCII_FOLDS, Folded, Marked, Starts, folded_text, keys_of, search_at

TEXTS = [
    "Government shelling killed four civilians in the town on Saturday, a monitoring group said.",
    "REBELS FIRED 12 ROCKETS AT ARMY POSITIONS ON MARCH 3; AN AIRSTRIKE HIT A MARKET.",
    "At least 1,279 people were killed since the start of the war, according to the Observatory.",
    "Between 10 and 15 soldiers died on 2019-02-09 after weeks of fighting, the army said Sunday.",
    "Dozens were wounded last week in Idlib\u2019s countryside \u2014 more than twenty-five, it said.",
    "The minister announced a new budget for schools and hospitals.",
    "Sixty-two   people\u00a0were killed on 12\u00a0May 2016 in Aleppo, Reuters reported.",
    "In Istanbul \u0130 and \u017fome ca\u017fualties were counted, the \u212aurdish group said.",
    "x-ray of the u.s. air-strike", "", "ab", "5", "killed 3",
]
PATTERNS = [
    codebook._BACKGROUND_PHRASE, numbers.NUMBER_RE, claims._TALLY, claims._CLAIMANT[0], claims._CLAIMANT[2],
    claims._VERB, dates._MONTH_DAY, dates._DAY_MONTH, dates._RELATIVE, dates._WEEKDAY, dates._MONTH_ONLY,
    dates._ISO, re.compile(r"\bif\b|\bmay\b"), re.compile(r"(?i)\bcasualt(?:y|ies)\b"),
    claims._PLURAL_DEATHS, re.compile(r",\s+(?:a|the)\s+(?:army|group)\s+said"), re.compile(r"\s+killed\s+\d+"),
]


_ODD = str.maketrans({"'": "\u2019", "1": "\u0661", "s": "\u017f", "k": "\u212a", "i": "\u0131",
                      "I": "\u0130", "e": "\u00e9", ".": "\u3002"})


def _variants(text):
    odd = text.translate(_ODD)
    spaced = text.replace(" ", "\u00a0", 3).replace(" ", "\u2009", 2)
    broken = text.replace(" ", "\n", 2).replace(" ", "\t", 1).replace(" ", "\x0c", 1).replace(" ", "\r\n", 1)
    return [text, text.upper(), text.lower(), text[3:], text[:-4], text + " " + text.swapcase(), odd,
            odd.upper(), spaced, spaced.upper(), broken, broken.translate(_ODD)]


def test_only_four_non_ascii_characters_fold_to_ascii_letters():
    letter = re.compile("[a-z]", re.IGNORECASE)
    found = {chr(cp) for cp in range(0x80, 0x110000) if letter.fullmatch(chr(cp))}
    assert found == set(_ASCII_FOLDS)
    for char, ascii_letter in _ASCII_FOLDS.items():
        assert re.fullmatch(ascii_letter, char, re.IGNORECASE)


def test_the_folded_text_keeps_every_position():
    for base in TEXTS:
        for text in _variants(base):
            assert len(folded_text(text)) == len(text) and folded_text(text).isascii()


def test_the_folded_text_reads_every_whitespace_as_a_space():
    assert folded_text("A\tB\nC\r\x0cD\u00a0E\u2009F\x1fG") == "a b c  d e f g"
    assert folded_text("Ka\u0161 \u0130\n") == "ka\x01 i "
    keys = keys_of(re.compile(r"at\s+least\s+\d", re.I), fold=True, length=8)
    # one key per number of spaces ("at least", "at  leas", ...), not one per kind of space
    assert "at least" in keys and len(keys) == 6 and all(set(k) <= set("at les") for k in keys)


def test_a_pattern_that_starts_with_a_literal_character_runs_as_usual():
    pattern = re.compile(r",\s+(?:a|the)\s+(?:army|group)\s+said")
    assert not Folded(pattern).keyed and Folded(re.compile("(?i),x")).keyed
    assert Folded(re.compile("x"), needs=re.compile("attack")).gate.keyed  # a gate keeps its keys
    assert Folded(pattern).search("shelled, the\narmy said").span() == (7, 22)


def test_folded_keys_are_lower_case_and_read_ascii_digits():
    keys = keys_of(re.compile(r"\d\d? Killed", re.I), fold=True)
    assert keys is not None and "1 k" in keys and "12 " in keys and all(k == k.lower() for k in keys)
    assert keys_of(re.compile(r"\d\d? Killed", re.I)) is None  # unfolded keys refuse IGNORECASE


def test_an_unreadable_item_after_two_characters_keeps_them_as_the_key():
    assert keys_of(re.compile(r"ab\w+")) == frozenset({"ab"})
    assert keys_of(re.compile(r"a\w+")) is None


def test_folded_search_finditer_and_sub_agree_with_the_pattern():
    for pattern in PATTERNS:
        folded = Folded(pattern)
        for base in TEXTS:
            for text in _variants(base):
                a, b = pattern.search(text), folded.search(text)
                assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), (pattern.pattern[:40], text)
                assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in folded.finditer(text)]
                assert pattern.sub(" ", text) == folded.sub(" ", text)


def test_starts_find_every_cue_where_its_search_does():
    cues = codebook.cues()
    starts = Starts([c.pattern for c in cues])
    for base in TEXTS + [c.example for c in cues]:
        for text in _variants(base.lower()):
            found = starts.find(text)
            for index, cue in enumerate(cues):
                expected = cue.pattern.search(text)
                if index in starts.unknown:
                    continue
                got = search_at(cue.pattern, text, found.get(index, []))
                assert (expected and expected.span()) == (got and got.span()), (cue.label, text)


def test_claimant_tally_and_counts_are_unchanged_on_examples():
    # the answers of the code before the prefilters (commit ed70c2f), but for the claimant
    # "a monitoring group" that a later rule reads in full, and "it" said after the figures
    expected = [
        ("a monitoring group", False, [(4, "four")]), (None, False, [(12, "12"), (3, "3")]),
        ("the Observatory", True, [(1279, "At least 1,279")]),
        ("the army", False, [(10, "Between 10 and 15"), (2, "2019-02"), (9, "09")]),
        ("it", False, [(12, "Dozens"), (25, "more than twenty-five")]), (None, False, []),
        ("Reuters", False, [(62, "Sixty-two"), (12, "12"), (2016, "2016")]), ("group", False, []),
        (None, False, []), (None, False, []), (None, False, []), (None, False, [(5, "5")]), (None, False, [(3, "3")]),
    ]
    got = [(claims.claimant_in(t), claims.is_tally(t), [(c.low, c.text) for c in numbers.find_counts(t)])
           for t in TEXTS]
    assert got == expected


EVENT_TEXTS = [
    "Four people were killed in the attack, which the army blamed on rebels, as fighting raged nearby.",
    "Saturday's bombing at the site of a car bombing drew condolences; the Boston Marathon bombing was recalled.",
    "Rebels, who have controlled the town since 2012, are now fighting to topple the government.",
    "The strike came as talks to end the war resumed; no one was hurt, the deadliest attack this year.",
    "Elsewhere, gunmen routinely attack convoys, triggering airstrikes by the U.S.-led coalition.",
    "He said Tuesday\u2019s attack on a police post, in neighbouring Idlib, killed 3 of the attackers.",
]


def test_event_rule_patterns_agree_with_their_folded_search():
    from warwatch.extract import events

    folded_rules = {name: value for name, value in vars(events).items() if isinstance(value, (Folded, Marked))}
    assert len(folded_rules) >= 20 and folded_rules["_SITE_OF"].gate is not None
    assert isinstance(folded_rules["_REFERENCE"], Marked) and folded_rules["_REFERENCE"].whole.gate is not None
    for name, folded in folded_rules.items():
        pattern = folded.pattern
        for base in EVENT_TEXTS + TEXTS:
            for text in _variants(base):
                a, b = pattern.search(text), folded.search(text)
                assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), (name, text)
                assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in folded.finditer(text)]
                assert pattern.sub(" ", text) == folded.sub(" ", text)
                assert pattern.sub(lambda m: m.group(0).upper(), text) == folded.sub(lambda m: m.group(0).upper(), text)


def test_a_pattern_without_keys_is_gated_by_what_every_match_needs():
    pattern = re.compile(r"(?-i:[A-Z])\w*['\u2019]s attack")
    gated = Folded(pattern, needs=re.compile("attack"))
    assert not gated.keyed and gated.positions("Saturday's march") == []  # no "attack": not run at all
    assert gated.positions("Saturday's attack") is None  # "attack" there: the pattern runs as usual
    assert gated.search("after Saturday's attack").span() == (6, 23)
    assert gated.sub(lambda m: "<" + m.group(0) + ">", "x Bob's attack") == "x <Bob's attack>"


PLACE_TEXTS = [
    "Warplanes pounded Saraqeb and the outskirts of Khan Sheikhoun near Maarat al-Numan, in Idlib province.",
    "Clashes erupted in the village of al-Omar, east of Deir ez-Zor, close to the province of Hasakah.",
    "In Baghouz, the SDF stormed the camp; Raqqa's countryside and the Aleppo countryside were shelled.",
    "Syrias second city Aleppo, the Syrian capital Damascus and the town of Kobani on the road to Raqqa.",
]


def test_place_patterns_agree_with_their_folded_search():
    from warwatch.extract import places

    patterns = [p for p, _, _ in places._PATTERNS] + [f.pattern for f in places._ADMIN1]
    searched = [p for p, _, _ in places._SEARCHED] + list(places._ADMIN1)
    assert sum(isinstance(s, Folded) for s in searched) >= 6
    for base in PLACE_TEXTS + EVENT_TEXTS + TEXTS:
        for text in _variants(base):
            for pattern, fast in zip(patterns, searched):
                assert [(m.span(), m.groups()) for m in pattern.finditer(text)] == \
                    [(m.span(), m.groups()) for m in fast.finditer(text)], (pattern.pattern[:40], text)


def test_a_marked_pattern_answers_from_its_plain_form_only_without_a_mark():
    whole = re.compile(r"\b(?:the|(?-i:[A-Z])\w*['\u2019]s) attack", re.I)
    plain = re.compile(r"\bthe attack", re.I)
    marked = Marked(whole, plain, "'\u2019")
    assert marked._for("the attack").pattern is plain
    assert marked._for("Saturday's attack").pattern is whole
    assert marked.search("after Saturday's attack").span() == (6, 23)
    assert [m.span() for m in marked.finditer("the attack and the attack")] == [(0, 10), (15, 25)]
    assert marked.sub("X", "Bob\u2019s attack, the attack") == "X, X"
    assert marked.pattern is whole


CLEAN_LINES = [
    "A man walks past a damaged building in Douma. REUTERS/Omar Sanadiki",
    "Smoke rises over the town (Photo by Daphné BENOIT / AFP)", "(AP Photo/Hussein Malla)",
    "Syrian troops advance. Photo: SANA", "Rescuers search the rubble [File photo]",
    "Residents gather outside Ahmad Hassan / AFP via Getty Images", "Shutterstock", "Image credit: PTI",
    "© 2019 Reuters. All rights reserved.", "Subscribe to our newsletter", "Read more »", "We use cookies",
    "Copyright 2018 Acme Media Group", "Click here to share this article", "Follow us on Twitter",
    "Government forces shelled the town on Saturday, a monitoring group said.",
]


def test_clean_rules_agree_with_their_fast_forms():
    from warwatch.clean import meta, text

    assert isinstance(text._PROMPT, Folded) and text._PROMPT.keyed
    credits = 0
    for base in CLEAN_LINES:
        for line in _variants(base):
            a, b = text._PROMPT.pattern.search(line), text._PROMPT.search(line)
            assert (a and a.span()) == (b and b.span()), line
            whole, fast = meta._CREDIT.search(line), meta._credit_search(line)
            assert (whole and (whole.span(), whole.group(0))) == (fast and (fast.span(), fast.group(0))), line
            credits += whole is not None
    assert credits >= 20 and not meta._may_hold_other_credit(CLEAN_LINES[-1])
    for base in CLEAN_LINES + ["½ Ⅻ ² ① 一 ’“ é_9 Łódź — «Ярослав»", "_", ""]:
        for line in _variants(base):
            assert text._letters(line) == len(text._LETTER.findall(line)), line
    # a bracketed credit and another form in one line: the leftmost wins, as in the whole search
    for line in ("Aleppo (AP Photo/Hussein Malla) REUTERS/Omar Sanadiki", "Photo: Reuters (AFP)",
                 "(1) (2) Photo/ AFP", "x (y) Photo: z", "\u017fource: the ministry (file)", "Ali Hassan / AFP"):
        whole, fast = meta._CREDIT.search(line), meta._credit_search(line)
        assert whole is not None and (whole.span(), whole.group(0)) == (fast.span(), fast.group(0)), line
