"""Actor mentions and the roles of an incident, on sentences we wrote in the style of wire reports."""

from __future__ import annotations

import datetime as dt

import pytest

from warwatch.extract import extract
from warwatch.extract.actors import actor_table
from warwatch.models import Article, body_hash

# One sentence for each armed group and force added to the alias table, with the actor it names.
NAMED = [
    ("An IRA unit planted the device outside the hotel, police said.", "Irish Republican Army (IRA)"),
    ("The Provisional IRA said it had planted the bombs in the city centre.", "Irish Republican Army (IRA)"),
    ("The blast was blamed on the armed Basque separatist group ETA.", "ETA: Euskadi Ta Askatasuna"),
    ("Tamil Tiger rebels attacked a navy base in the north on Monday.", "Liberation Tigers of Tamil Eelam (LTTE)"),
    ("FARC dissidents ambushed an army patrol in Cauca on Sunday.", "FARC: Revolutionary Armed Forces of Colombia"),
    ("The Pakistani Taliban claimed the attack on the checkpoint.", "Tehrik-i-Taliban Pakistan (TTP)"),
    ("Police blamed Lashkar-e-Taiba for the assault on the hotel.", "Lashkar-e-Taiba (LeT)"),
    ("Jaish-e-Mohammed said its fighter rammed the convoy with a car bomb.", "Jaish-e-Mohammed (JeM)"),
    ("Abu Sayyaf gunmen seized six fishermen off the coast of Sulu.", "Abu Sayyaf Group (ASG)"),
    ("ISWAP fighters overran a military base in Borno state on Friday.", "Islamic State West Africa Province (ISWAP)"),
    ("ISIS-K claimed the suicide bombing at the airport gate.", "Islamic State Khorasan Province (IS-K)"),
    ("AQIM kidnapped two aid workers near the border with Niger.", "Al Qaeda in the Islamic Maghreb (AQIM)"),
    ("A suicide bomber rammed a car into a convoy of NATO troops near the air base.",
     "North Atlantic Treaty Organization (NATO)"),
]


@pytest.mark.parametrize("sentence,actor", NAMED, ids=[a for _, a in NAMED])
def test_named_groups_and_forces_are_found(sentence, actor):
    assert actor in [m.actor.canonical for m in actor_table().mentions(sentence)]


@pytest.mark.parametrize("sentence,word", [
    ("A suicide bomber blew himself up at the gate of the base on Monday.", "suicide bomber"),
    ("The bombers left the car in a side street before it exploded.", "bombers"),
    ("The attacker stabbed two passers-by before he was shot by police.", "attacker"),
    ("An unknown assailant threw a grenade at the bus stop.", "assailant"),
    ("The shooter opened fire on worshippers during Friday prayers.", "shooter"),
    ("Armed assailants stormed the village at dawn.", "Armed assailants"),
])
def test_unnamed_perpetrators_are_an_unidentified_armed_group(sentence, word):
    found = actor_table().mentions(sentence)
    assert [(m.text, m.actor.canonical) for m in found][:1] == [(word, "Unidentified Armed Group ({country})")]


def test_a_named_groups_members_are_one_mention_of_the_group():
    found = actor_table().mentions("On Thursday, an Islamic State suicide car bomber struck an SDF checkpoint.")
    assert [(m.text, m.actor.canonical) for m in found] == [
        ("Islamic State suicide car bomber", "Islamic State (IS)"), ("SDF checkpoint", "Syrian Democratic Forces (SDF)")]
    found = actor_table().mentions("Taliban gunmen and suicide bombers attacked the camp.")
    assert [m.text for m in found] == ["Taliban gunmen", "suicide bombers"]
    # a conjunction keeps two actors apart
    assert [m.text for m in actor_table().mentions("Hezbollah and gunmen fought in the hills.")] == [
        "Hezbollah", "gunmen"]


def _candidates(text: str):
    article = Article(article_id="t", text=text, body_hash=body_hash(text), published=dt.date(2019, 3, 4))
    return extract(article).candidates


def test_the_source_of_a_report_is_no_party_to_the_incident():
    [c] = _candidates("Gunmen shot dead three villagers at a market in the north on Sunday, police said.")
    assert c.actor1.startswith("Unidentified Armed Group")
    assert c.actor2.startswith("Civilians")
    # the army speaking of its own action is its actor
    [c] = _candidates("The army said it killed 20 militants in an attack on their camp on Sunday.")
    assert c.actor1.startswith("Military Forces")


def test_civilians_are_never_the_ones_acting():
    [c] = _candidates("Five civilians were killed on Sunday when militants attacked a wedding party in the "
                      "village.")
    assert c.actor1.startswith("Unidentified Armed Group")
    assert c.actor2.startswith("Civilians")


def test_the_agent_after_by_may_carry_a_few_describing_words():
    [c] = _candidates("The bombing of the cafe on Monday was carried out by the armed Basque separatist group ETA, "
                      "police said.")
    assert c.actor1 == "ETA: Euskadi Ta Askatasuna"


def test_a_named_actors_unit_or_post_is_the_actor():
    found = actor_table().mentions("By nightfall the IRA's Belfast brigade had set off 20 bombs across the city.")
    assert [(m.text, m.actor.canonical) for m in found] == [("IRA's Belfast brigade", "Irish Republican Army (IRA)")]
    found = actor_table().mentions("The bomber drove into a NATO-Afghan foot patrol near the gate.")
    assert [m.text for m in found] == ["bomber", "NATO-Afghan foot patrol"]
    found = actor_table().mentions("Warplanes struck Taliban positions outside the town.")
    assert [m.text for m in found] == ["Taliban positions"]
    # a verb between the name and the post keeps them apart
    assert [m.text for m in actor_table().mentions("IS militants attacked army posts on Monday.")] == [
        "IS militants", "army"]


def test_co_attackers_joined_by_and_are_not_the_target():
    [c] = _candidates("Taliban gunmen and suicide bombers attacked an army base in Helmand on Friday, killing 23 "
                      "soldiers.")
    assert c.actor1 == "Taliban"
    assert c.actor2.startswith("Military Forces")


def test_the_two_sides_of_a_battle_joined_by_and_are_both_actors():
    [c] = _candidates("A man was killed on Monday in a battle between troops and gunmen in the market area.")
    assert c.actor1.startswith("Military Forces")
    assert c.actor2.startswith("Unidentified Armed Group")


def test_a_group_that_claimed_the_attack_is_its_perpetrator():
    text = ("A bomb exploded at a crowded bus station in the city centre on Friday, killing six people.\n"
            "The Provisional IRA accepted responsibility for the bombing in a statement on Saturday.")
    [c] = [c for c in _candidates(text) if c.event_type == "Explosions/Remote violence"]
    assert c.actor1 == "Irish Republican Army (IRA)"
    assert c.actor2.startswith("Civilians")


def test_an_earlier_target_is_kept_when_a_later_sentence_names_the_agent_after_by():
    text = ("A bomb killed 13 people at a cafe in the capital on Friday.\n"
            "The bombing was carried out by the armed Basque separatist group ETA, police said.")
    [c] = [c for c in _candidates(text) if c.event_type == "Explosions/Remote violence"]
    assert c.actor1 == "ETA: Euskadi Ta Askatasuna"
    assert c.actor2.startswith("Civilians")


def test_the_object_of_a_harm_verb_is_the_target_never_the_attacker():
    [c] = _candidates("Roadside bomb kills three soldiers in northern Mali")
    assert c.actor1.startswith("Unidentified Armed Group")
    assert c.actor2.startswith("Military Forces")
    [c] = _candidates("An army convoy came under fire near the border on Tuesday, leaving two soldiers wounded.")
    assert c.event_type == "Battles"
    # 'killed in IS attacks': IS is named by 'in', not harmed
    [c] = _candidates("More than two dozen pro-government fighters were killed in IS attacks in the desert on Monday.")
    assert c.actor1 == "Islamic State (IS)"


def test_the_us_named_as_a_country_is_its_military():
    [c] = _candidates("The US carried out a drone strike on a compound in the province on Monday, killing two "
                      "al-Shabaab commanders.")
    assert c.actor1.startswith("Military Forces of the United States")
    assert c.actor2 == "Al Shabaab"


@pytest.mark.parametrize("year, name", [
    (2016, "Military Forces of the United States (2009-2017)"),
    (2019, "Military Forces of the United States (2017-2021)"),
    (2022, "Military Forces of the United States (2021-)"),
])
def test_american_air_strikes_are_the_us_military_of_the_incidents_term(year, name):
    text = "U.S. airstrikes killed 12 al-Shabaab fighters near the town of Jilib in Somalia on Monday."
    article = Article(article_id="t", text=text, body_hash=body_hash(text), published=dt.date(year, 7, 20))
    assert [(c.actor1, c.actor2) for c in extract(article).candidates] == [(name, "Al Shabaab")]


def test_an_actor_named_as_a_modifier_of_another_is_not_that_actor():
    found = actor_table().mentions("IS militants attacked SDF fighters, triggering airstrikes by the U.S.-led coalition.")
    assert [m.actor.canonical for m in found] == [
        "Islamic State (IS)", "Syrian Democratic Forces (SDF)", "Operation Inherent Resolve"]
    found = actor_table().mentions("Iranian-backed militias shelled the town.")
    assert "Military Forces of Iran (1989-)" not in [m.actor.canonical for m in found]


def test_a_bomb_at_a_civilian_place_with_no_named_target_hit_civilians():
    [c] = _candidates("A bomb exploded outside a bakery on the main street of the city on Friday, wounding 13 people.")
    assert c.actor2.startswith("Civilians")
    # a mine that hit a convoy near a village: no civilians named, no civilian target coded
    [c] = _candidates("A landmine exploded under a convoy near the village on Friday, police said.")
    assert c.actor2 is None


@pytest.mark.parametrize("text", [
    "Air strikes killed 14 civilians in a village held by Islamic State near Mayadin on Sunday.",
    "Air strikes on Daesh-held villages near Mayadin killed 14 civilians on Sunday.",
    "Air strikes killed 14 civilians on Sunday in a town controlled by the extremist Islamic State group.",
])
def test_who_holds_the_place_struck_is_no_side_of_the_strike(text):
    [c] = _candidates(text)
    assert c.actor1.startswith("Unidentified Armed Group")
    assert c.actor2.startswith("Civilians")


def test_activists_who_report_a_strike_are_not_its_protesters():
    [c] = _candidates("Activists in the town said warplanes struck a market on Sunday, killing nine people.")
    assert not c.actor1.startswith("Protesters") and not (c.actor2 or "").startswith("Protesters")


@pytest.mark.parametrize("text, actor", [
    ("Eleven people were killed in rebel shelling of a government-held district of Aleppo in Syria on Friday.",
     "Opposition Rebels (Syria)"),
    ("Two children were killed in regime shelling of the town of Douma in Syria on Friday.",
     "Military Forces of Syria (2000-)"),
    ("Suspected Russian strikes killed six people in a market in Idlib province in Syria on Monday.",
     "Military Forces of Russia (2000-)"),
])
def test_a_side_named_by_the_weapon_it_fired_is_the_actor(text, actor):
    [c] = _candidates(text)
    assert c.actor1 == actor


def test_a_country_whose_possessive_lost_its_apostrophe_is_the_articles_country():
    from warwatch.extract.places import article_country

    assert article_country("Air strikes hit Syrias second city on a day of a US-Russian-brokered truce.") == "Syria"
