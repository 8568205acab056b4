"""Counts, casualty figures, claimants, tallies and dates on sentences written in the style of wire reports."""

from __future__ import annotations

import datetime as dt

import pytest

from warwatch.extract.claims import claimant_in, figures_in, is_tally, tally_since
from warwatch.extract.dates import resolve_date
from warwatch.extract.numbers import find_counts


@pytest.mark.parametrize("text, low, high", [
    ("more than 20,000 civilians", 20000, 20000),
    ("some 1,279 IS gunmen", 1279, 1279),
    ("a dozen soldiers", 12, 12),
    ("twenty-five people", 25, 25),
    ("scores of villagers", 20, 20),
    ("dozens of protesters", 12, 12),
    ("hundreds of families", 100, 100),
    ("several policemen", 3, 3),
    ("between 10 and 15 fighters", 10, 15),
    ("12-15 fighters", 12, 15),
    ("around 10 million people", 10_000_000, 10_000_000),
    ("some two million people", 2_000_000, 2_000_000),
    ("three hundred thousand refugees", 300_000, 300_000),
    ("more than a quarter of a million people", 250_000, 250_000),
    ("half a million residents", 500_000, 500_000),
    ("1.5 million people", 1_500_000, 1_500_000),
])
def test_counts_in_digits_and_words(text, low, high):
    counts = find_counts(text)
    assert counts, text
    assert (counts[0].low, counts[0].high) == (low, high)


def _figures(sentence: str, country: str = "Syria"):
    return [(f.quantity, f.count.low if f.count else None, f.victim_type) for f in figures_in(sentence, country)]


def test_killed_and_wounded_are_apart():
    figures = _figures("A roadside bomb killed four soldiers and wounded 11 others near the town on Tuesday.")
    assert ("killed", 4, "combatants") in figures
    assert ("injured", 11, "unknown") in figures


def test_victims_before_the_verb():
    assert ("killed", 7, "civilians") in _figures("Seven civilians were killed when shells hit a market.")


def test_dates_and_years_are_not_counts():
    figures = _figures("The offensive began on Sept. 10 and in 2019 three fighters were killed.")
    assert [f[1] for f in figures] == [3]


def test_casualties_without_a_death_count_give_a_null_figure():
    figures = _figures("The blast caused casualties among the worshippers, police said.")
    assert figures == [("killed", None, "unknown")]


def test_plural_deaths_with_no_number_count_three():
    assert ("killed", 3, "civilians") in _figures("Civilians were killed in the strike on the village.")


def test_displaced_with_an_implied_object_is_a_figure():
    sentence = ("The insurgency has killed more than 30,000 people in the northeast since 2009, "
                "according to the United Nations, and displaced some two million.")
    figures = _figures(sentence, "Nigeria")
    assert ("killed", 30000, "unknown") in figures
    assert ("displaced", 2_000_000, "unknown") in figures
    assert is_tally(sentence)
    assert claimant_in(sentence) == "the United Nations"


def test_fled_since_a_month_is_a_tally():
    sentence = "More than 7,000 civilians have fled the area since October, aid groups said."
    assert ("displaced", 7000, "civilians") in _figures(sentence)
    assert is_tally(sentence)


def test_one_incident_is_not_a_tally():
    assert not is_tally("Gunmen killed 12 villagers in an attack on Friday night, police said.")


def test_tally_since_a_named_day():
    sentence = ("The monitor said that since the offensive began on Sept. 10, some 830 militants "
                "and 450 fighters have been killed.")
    assert is_tally(sentence)
    assert tally_since(sentence, dt.date(2018, 12, 1)) == dt.date(2018, 9, 10)


@pytest.mark.parametrize("sentence, who", [
    ("The Syrian Observatory for Human Rights said 17 fighters were killed.", "The Syrian Observatory for Human Rights"),
    ("At least 12 people died, according to police.", "police"),
    ("Five soldiers were killed, the army said in a statement.", "the army"),
    ("The official said 14 of the attackers were killed in the fighting.", "The official"),
    ("Four people died, medical sources said.", "medical sources"),
    ("A local police official said three civilians were wounded.", "A local police official"),
    ("More than 7,000 civilians have fled the area since October, aid groups said.", "aid groups"),
    ("At least 40 protesters were shot dead, rights groups said.", "rights groups"),
    ("Twelve villagers died, local authorities said.", "local authorities"),
    ("State media reported that 12 soldiers were killed.", "State media"),
    ("About 10 million have been displaced across the country UN estimates suggest.", "UN"),
    ("The UN Refugee Agency figures show 2 million have fled.", "The UN Refugee Agency"),
    ("Activists in Deir Ezzor said that nearly 58 people were killed.", "Activists"),
    ("A SANA reporter in Aleppo said that six civilians were killed.", "A SANA reporter"),
    ("Local sources in the city said six civilians died.", "Local sources"),
    ("Eleven civilians were killed in barrel bomb attacks on the town a monitoring group said.", "a monitoring group"),
    ("According to the group they were among more than 7000 people killed.", "the group"),
    ("At least 90 died according to the Syrian Observatory for Human Rights which monitors the war.",
     "the Syrian Observatory for Human Rights"),
])
def test_claimant(sentence, who):
    assert claimant_in(sentence) == who


@pytest.mark.parametrize("sentence", [
    "The figures show 30 dead.",
    "Official figures show that 30 people died.",
    "At least 30 people died in the attack.",
])
def test_no_claimant_named(sentence):
    assert claimant_in(sentence) is None


def test_weekday_is_the_latest_such_day_on_or_before_the_article_date():
    saturday = dt.date(2019, 2, 9)
    assert resolve_date("early Saturday", saturday)[0] == saturday
    assert resolve_date("on Friday", saturday)[0] == dt.date(2019, 2, 8)


@pytest.mark.parametrize("sentence", [
    "The United Nations says the war has killed more than 220,000 people and wounded at least a million.",
    "More than 150,000 people have been killed in Syria's conflict, which started as a peaceful protest movement.",
    "More than 250,000 people have died in the five-year war.",
    "The insurgency has displaced some two million people in the northeast.",
])
def test_a_toll_of_the_whole_war_is_a_tally(sentence):
    assert is_tally(sentence)


@pytest.mark.parametrize("sentence", [
    "Seven soldiers were killed in fighting near the town on Sunday.",
    "Two fighters were killed in the war zone on Monday.",
    "At least 15 people were killed in clashes in the conflict-hit region on Tuesday.",
])
def test_an_incident_in_a_war_is_not_a_tally(sentence):
    assert not is_tally(sentence)


@pytest.mark.parametrize("sentence, anchor, expected", [
    # a publication stamp heads the sentence: the incident's own words date it
    ("Published February 23 2015 A suicide bomber killed four people in a hospital on Sunday.",
     dt.date(2015, 2, 23), dt.date(2015, 2, 22)),
    ("Date of publication 25 April 2017 Airstrikes on a rebel-held village early on Tuesday killed 12 people.",
     None, dt.date(2017, 4, 25)),
    ("20.04.2017(updated 1618 20.04.2017) The death toll of the attack near the city on April 15 passed 130.",
     dt.date(2017, 4, 20), dt.date(2017, 4, 15)),
    # the stamp alone dates the sentence
    ("Fri Jul 1 2016 40 fighters killed in the latest army offensive.", None, dt.date(2016, 7, 1)),
    # a date inside the sentence is not a stamp
    ("Rebels attacked the base on Feb. 3, 2015, the monitor said.", dt.date(2015, 2, 23), dt.date(2015, 2, 3)),
])
def test_a_publication_stamp_gives_way_to_the_incidents_date(sentence, anchor, expected):
    assert resolve_date(sentence, anchor)[0] == expected


@pytest.mark.parametrize("sentence, figure", [
    ("IS militants executed 28 residents of the town.", ("killed", 28, "civilians")),
    ("Gunmen shot dead five soldiers at a checkpoint.", ("killed", 5, "combatants")),
    ("The group beheaded two hostages on Friday.", ("killed", 2, "unknown")),
])
def test_killing_verbs_before_the_count(sentence, figure):
    assert figure in _figures(sentence)


def test_a_number_run_into_the_count_that_follows_it_is_no_figure():
    sentence = ("Get short URL 113 At least nine people were killed and more than 10 people were injured in "
                "three suicide attacks near a police station in Damascus on Wednesday.")
    assert [(q, n) for q, n, _ in _figures(sentence)] == [("killed", 9), ("injured", 10)]


@pytest.mark.parametrize("text, value", [
    ("hundreds of thousands of civilians have been killed", 100_000),
    ("tens of thousands of people were displaced", 10_000),
    ("tens of millions of people", 10_000_000),
])
def test_a_vague_count_of_a_scale_is_one_count(text, value):
    (count,) = find_counts(text)
    assert (count.low, count.high, count.vague) == (value, value, True)
