"""Claims: when a running tally starts, and death tolls. Sentences written by us in the style of wire copy."""

from __future__ import annotations

import datetime as dt

import pytest

from warwatch.extract.claims import figures_in, tally_since

PUBLISHED = dt.date(2019, 6, 15)


@pytest.mark.parametrize("sentence, since", [
    ("The Observatory said that since the offensive began on Sept. 10, some 830 militants have been killed.",
     dt.date(2018, 9, 10)),
    ("More than 7,000 civilians have fled the area since October, aid groups said.", dt.date(2018, 10, 1)),
    ("More than 3,000 people have fled since March, the agency said.", dt.date(2019, 3, 1)),
    ("The insurgency has killed more than 30,000 people in the northeast since 2009, the UN says.",
     dt.date(2009, 1, 1)),
    ("At least 370,000 people have been killed since March 2011, the monitor said.", dt.date(2011, 3, 1)),
    ("More than 500,000 people have been killed since the war began in 2011.", dt.date(2011, 1, 1)),
    ("Some 360,000 people have died since the uprising against the government erupted in March 2011.",
     dt.date(2011, 3, 1)),
    ("The group has lost 1,200 fighters since early 2014, it said.", dt.date(2014, 1, 1)),
])
def test_the_start_of_a_tally(sentence, since):
    assert tally_since(sentence, PUBLISHED) == since


@pytest.mark.parametrize("sentence, since", [
    ("SOHR said 76 children and 41 women were among those killed in clashes over the last 15 days.",
     dt.date(2019, 5, 31)),
    ("At least 200 people have fled in the past two weeks, the agency said.", dt.date(2019, 6, 1)),
    ("The group has lost 90 fighters over the past year.", dt.date(2018, 6, 15)),
    ("Some 40 soldiers were killed over the last three months.", dt.date(2019, 3, 15)),
])
def test_a_period_counted_back_from_the_article_date(sentence, since):
    assert tally_since(sentence, PUBLISHED) == since


def test_a_period_without_a_length_or_an_article_date_gives_no_start():
    assert tally_since("Dozens have been killed over the past weeks.", PUBLISHED) is None
    assert tally_since("Dozens have been killed in the past few days.", PUBLISHED) is None
    assert tally_since("40 soldiers were killed over the last three months.", None) is None


def test_a_tally_with_no_start_given_has_none():
    assert tally_since("Since then more than 10 million people have been displaced.", PUBLISHED) is None
    assert tally_since("The war has killed more than 400,000 people, the UN says.", PUBLISHED) is None


@pytest.mark.parametrize("sentence, figures", [
    ("The state news agency put the death toll at least at 85, adding that 50 civilians were also wounded.",
     [("killed", 85, ""), ("injured", 50, "civilians")]),
    # scraped text that lost its commas
    ("The state news agency put the death toll at least at 85 adding that 50 civilians were also wounded.",
     [("killed", 85, ""), ("injured", 50, "civilians")]),
    ("Officials gave a death toll of 12 on Tuesday.", [("killed", 12, "")]),
    ("The army put the toll at seven soldiers.", [("killed", 7, "soldiers")]),
    ("The death toll rose to 40 people, the ministry said.", [("killed", 40, "people")]),
])
def test_death_tolls(sentence, figures):
    assert [(f.quantity, f.count.low, f.victims) for f in figures_in(sentence, "Syria")] == figures


def test_in_all_is_a_total_only_where_it_closes_the_count():
    from warwatch.extract.claims import is_tally

    assert is_tally("In all, 43 people have been killed in the fighting, the monitor said.")
    assert is_tally("Some 43 people have been killed in all.")
    assert not is_tally("The blast sent shards of glass flying in all directions, killing four people on Monday.")


def test_letters_that_case_fold_to_ascii_do_not_break_dates_or_counts():
    """The long s and the Kelvin sign match 's' and 'k' in case-insensitive patterns: the words they
    spell are looked up by their case-folded form, never a KeyError."""
    from warwatch.extract.dates import resolve_date
    from warwatch.extract.numbers import find_counts

    assert resolve_date("on Tueſday", PUBLISHED) == (dt.date(2019, 6, 11), 1)
    assert resolve_date("in Auguſt", PUBLISHED) == (dt.date(2018, 8, 15), 3)
    assert [(c.low, c.vague) for c in find_counts("thouſands of people fled, ſeven were killed")] == [
        (1000, True), (7, False)]


def _tallies(text: str) -> list[tuple[str, int, dt.date | None]]:
    from warwatch.extract import extract
    from warwatch.models import Article, body_hash
    article = Article(article_id="t", text=text, body_hash=body_hash(text), published=PUBLISHED)
    return [(c.quantity, c.number_low, c.tally_since) for c in extract(article).claims if c.scope == "tally"]


def test_since_then_is_the_year_the_sentence_before_names():
    text = ("Monitors said 76 children were among those killed in clashes over the last 15 days.\n"
            "The country has been locked in a civil war which started with a crackdown on protests in 2011. "
            "Since then more than 250,000 people have been killed across the country, UN estimates suggest.")
    assert _tallies(text) == [("killed", 76, dt.date(2019, 5, 31)), ("killed", 250000, dt.date(2011, 1, 1))]


def test_since_then_after_a_tally_counts_from_its_start():
    text = ("The monitor said that since the offensive began on Sept. 10, some 830 militants have been killed.\n"
            "Since then 7,000 civilians have fled the area, aid groups said.")
    assert _tallies(text) == [("killed", 830, dt.date(2018, 9, 10)), ("displaced", 7000, dt.date(2018, 9, 10))]


def test_activists_and_residents_who_speak_are_no_protesters_or_civilians():
    from warwatch.extract import extract
    from warwatch.models import Article, body_hash
    text = ("Activists in Deir Ezzor said that three civilians were killed in shelling on the town of Mayadin "
            "in Syria on Friday.")
    article = Article(article_id="t", text=text, body_hash=body_hash(text), published=PUBLISHED)
    (claim,) = extract(article).claims
    assert (claim.claimant, claim.claimant_actor, claim.number_low) == ("Activists", None, 3)


@pytest.mark.parametrize("sentence, expected", [
    ("More than 300,000 people have been killed and 11 million displaced since the conflict began in 2011.",
     [("killed", "More than 300,000"), ("displaced", "11 million")]),
    ("The war has killed more than 300,000 people and displaced 11 million since 2011.",
     [("killed", "more than 300,000"), ("displaced", "11 million")]),
    ("Seven civilians were martyred on Wednesday as terrorists shelled the neighbourhood.", [("killed", "Seven")]),
    ("Islamic State killed 270 in a gas field battle, the monitor said.", [("killed", "270")]),
    ("There must be military action, he said, if no one evacuated.", []),
])
def test_figures_with_the_victims_implied_or_told_after(sentence, expected):
    assert [(f.quantity, f.count.text) for f in figures_in(sentence, "Syria")] == expected


@pytest.mark.parametrize("sentence, who", [
    ("It also said that 19 regime fighters were killed in the fighting.", "It"),
    ("Another five people were killed in an air raid on the neighbourhood of Sheikh Said it said.", "it"),
    ("Activists say rebel infighting has killed 45 opposition fighters over the past two days.", "Activists"),
    ("But activists say coalition strikes have killed hundreds of civilians.", "activists"),
    ("The airstrikes left ten civilians injured, the news agency specified.", "agency"),
])
def test_claimants_with_an_adverb_a_pronoun_or_a_plain_say(sentence, who):
    from warwatch.extract.claims import claimant_in

    assert claimant_in(sentence) == who


def test_a_claimant_starts_at_a_word():
    from warwatch.extract.claims import claimant_in

    assert claimant_in("Other media sources also said that two civilians were killed.") == "sources"


def test_a_pronoun_claimant_is_the_one_named_before_unless_it_cannot_stand_for_it():
    from warwatch.extract.events import build
    from warwatch.models import Article, body_hash

    text = ("An air strike killed 12 people in the town on Monday, the Syrian Observatory said. "
            "Another five people were killed in shelling on the village, it said. "
            "Activists said 30 were wounded in the town. "
            "Eight people were wounded in the strike, he added.")
    article = Article(article_id="p", text=text, body_hash=body_hash(text), published=dt.date(2019, 6, 15))
    _, claims = build(article)
    by_number = {c.number_low: c.claimant for c in claims}
    assert by_number[5] == "the Syrian Observatory"
    assert by_number[8] is None  # "he" is not the activists


@pytest.mark.parametrize("sentence, tally", [
    ("Russian airstrikes have killed thousands of civilians, the opposition says.", True),
    ("But coalition strikes have also claimed hundreds of civilian lives in parts of Syria.", True),
    ("The bombing campaign has killed hundreds, mostly civilians.", True),
    ("Thousands of people have been killed in the fighting.", True),
    ("An air strike on a market on Thursday killed at least 21 people.", False),
    ("The chemical attack killed more than 1,400 people.", False),
])
def test_untold_hundreds_or_thousands_killed_over_time_are_a_tally(sentence, tally):
    from warwatch.extract.claims import is_tally

    assert is_tally(sentence) is tally
