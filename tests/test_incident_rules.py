"""Coding rules over whole reports written by us in the style of wire copy: a violent response told in
a trailing clause is an event of its own; civilians never act; incidents set beside this one, habits
and goals are no incidents; attackers killed are the attacking side; generic actors take the names and
the country ACLED gives them."""

from __future__ import annotations

import datetime as dt

import pytest

from warwatch.extract.events import build
from warwatch.models import Article, body_hash


def _candidates(text: str):
    article = Article(article_id="t", text=text, body_hash=body_hash(text), published=dt.date(2019, 2, 9))
    return build(article)


def test_airstrikes_triggered_by_an_attack_are_their_own_event_against_the_attackers():
    candidates, _ = _candidates(
        "Earlier Saturday, IS militants attacked SDF fighters near the town of Hajin in Deir ez-Zor "
        "province, triggering airstrikes by the U.S.-led coalition.")
    coded = sorted((c.sub_event_type, c.actor1, c.actor2) for c in candidates)
    assert coded == [("Air/drone strike", "Operation Inherent Resolve", "Islamic State (IS)"),
                     ("Armed clash", "Islamic State (IS)", "Syrian Democratic Forces (SDF)")]
    strike = next(c for c in candidates if c.sub_event_type == "Air/drone strike")
    clash = next(c for c in candidates if c.sub_event_type == "Armed clash")
    assert strike.event_date == clash.event_date == dt.date(2019, 2, 9)
    assert strike.place_ref == clash.place_ref and strike.place_ref is not None
    assert strike.key != clash.key
    assert strike.evidence[0].sentence == "triggering airstrikes by the U.S.-led coalition."
    assert strike.evidence[0].char_start > clash.evidence[0].char_start


def test_the_toll_told_in_the_clause_belongs_to_the_response_only():
    text = ("Rebels shelled army positions near the town of Khan Sheikhoun in Idlib province on Friday, "
            "prompting air strikes by Syrian government warplanes that killed five fighters.")
    candidates, claims = _candidates(text)
    by_type = {c.sub_event_type: c for c in candidates}
    assert set(by_type) == {"Shelling/artillery/missile attack", "Air/drone strike"}
    strike, shelling = by_type["Air/drone strike"], by_type["Shelling/artillery/missile attack"]
    assert strike.actor1.startswith("Military Forces of Syria") and strike.actor2 == shelling.actor1
    assert (strike.fatalities, shelling.fatalities) == (5, 0)
    (claim,) = [c for c in claims if c.quantity == "killed"]
    assert claim.number_low == 5 and claim.candidate_key == strike.key


def test_reactions_and_unattributed_responses_are_no_new_event():
    for text in (
        "Government forces shelled the town of Douma in Rif Dimashq on Friday, prompting condemnation "
        "from the United Nations.",
        "Government forces shelled the town of Douma in Rif Dimashq on Friday, sparking protests.",
        "Government forces shelled the town of Douma in Rif Dimashq on Friday, triggering clashes.",
    ):
        candidates, _ = _candidates(text)
        assert [c.sub_event_type for c in candidates] == ["Shelling/artillery/missile attack"], text


def test_civilians_are_never_the_side_acting():
    candidates, _ = _candidates(
        "Four civilians were killed when gunmen opened fire on a minibus near the town of Qardaha in "
        "Syria's Latakia province on Saturday.")
    assert [(c.actor1, c.actor2) for c in candidates] == [
        ("Unidentified Armed Group (Syria)", "Civilians (Syria)")]


def test_an_incident_set_beside_this_one_is_neither_a_detail_nor_its_actors():
    text = ("A suicide bomber driving an ambulance killed four people at a hospital in the town of Qardaha in "
            "Syria's Latakia province on Sunday, a monitoring group said.\n"
            "The attack came as the monitor reported that troops had executed 48 people earlier this week in "
            "a northern village.\n"
            "The bombing came a day after air strikes by government warplanes killed 26 people in Idlib.")
    candidates, claims = _candidates(text)
    # the sentences naming "the attack" may stand as evidence; their figures and actors are not its own
    assert [(c.sub_event_type, c.actor1, c.fatalities) for c in candidates] == [
        ("Suicide bomb", "Unidentified Armed Group (Syria)", 4)]
    linked = {c.number_low for c in claims if c.candidate_key == candidates[0].key}
    assert linked == {4}


def test_a_toll_naming_nobody_is_the_same_toll_as_the_one_naming_the_victims():
    text = ("Suicide bomber kills 4 in the town of Qardaha in Syria's Latakia province on Sunday.\n"
            "Four people were killed in the attack, the monitor said.")
    candidates, _ = _candidates(text)
    assert [c.fatalities for c in candidates] == [4]


def test_deaths_told_for_another_place_are_no_detail_of_the_incident():
    text = ("A car bomb exploded near a bus in the town of Atmeh in Syria's Idlib province on Saturday, "
            "killing 26 people, the monitor said.\n"
            "At least 12 people were killed in the neighbouring province of Aleppo.")
    candidates, _ = _candidates(text)
    (bomb,) = [c for c in candidates if c.sub_event_type == "Remote explosive/landmine/IED"]
    assert (bomb.fatalities, len(bomb.evidence)) == (26, 1)


def test_attackers_killed_are_the_side_that_attacked():
    text = ("Islamic State militants attacked SDF fighters near the al-Omar oil field in Syria's Deir ez-Zor "
            "province on Saturday, the Observatory said.\n"
            "It said 10 attackers were killed, while two managed to flee.")
    candidates, claims = _candidates(text)
    (claim,) = [c for c in claims if c.number_low == 10]
    assert claim.candidate_key == candidates[0].key
    assert claim.victim_actor == candidates[0].actor1 == "Islamic State (IS)"


@pytest.mark.parametrize("text, coded", [
    # a strike on a place that has witnessed fighting
    ("Russian jets struck the town of Urum al-Kubra in western Aleppo province, where five civilians were "
     "killed, in an area that has witnessed fighting between the opposition and the government.",
     ("Air/drone strike", 5)),
    # an incident told against the start of the war
    ("On Friday IS militants executed 28 residents of the town of Sukhnah in Syria, "
     "which had 18,000 people before the civil war started.", ("Attack", 28)),
    # a lead after a photo credit is the story, and its backdrop is no part of it
    ("(Reuters Photo) Airstrikes on Daesh-held villages near Manbij in northern Syria killed at least 85 "
     "civilians on Tuesday as intense fighting was underway between the militants and U.S.-backed fighters.",
     ("Air/drone strike", 85)),
])
def test_an_incident_is_still_coded_beside_history_credits_and_backdrops(text, coded):
    candidates, _ = _candidates(text)
    assert [(c.sub_event_type, c.fatalities) for c in candidates] == [coded]


def test_an_incident_dated_to_a_recent_month_is_still_coded():
    candidates, _ = _candidates("In early January rebels shelled the town of Azaz in Syria, killing five civilians.")
    assert [(c.event_date, c.time_precision, c.fatalities) for c in candidates] == [(dt.date(2019, 1, 15), 3, 5)]


def test_habits_and_goals_are_no_incidents():
    for text in (
        "Rebels regularly fire crude homemade rockets into the west of Aleppo city in Syria, often killing civilians.",
        "The deal to evacuate the towns near Aleppo in Syria was touted by the rebels as the best way to end the fighting.",
        "Militants frequently attack army checkpoints around the town of Daraa in southern Syria.",
        # names, endured campaigns, history and plans are no incidents either
        'The government refers to rebels fighting to topple Assad in Syria as "terrorists."',
        "The militant bastion of Manbij in Syria has faced a more than month-long offensive by Kurdish fighters.",
        "The coalition started its air campaign in Syria in late 2014 after IS seized large parts of Raqqa.",
        "The request for authorization for military strikes against Syria is set to dominate Congress this week.",
        "Syria's conflict erupted in March 2011 with protests calling for the ouster of President Bashar al-Assad.",
        "In March 2016 rebels shelled the town of Azaz in Syria, killing five civilians.",
        "Saudi Arabia, a major supporter of rebels fighting to topple Assad, urged EU ministers meeting in Damascus "
        "to act.",
        "Syrian government forces have been criticised by rights groups for indiscriminate attacks in Idlib.",
        "The SDF have been the main force fighting IS in northern Syria and have captured wide areas from the "
        "extremists.",
        "The opposition in Aleppo, Syria says such deals displace people from rebel-held areas after years of "
        "siege and bombardment.",
    ):
        candidates, _ = _candidates(text)
        assert candidates == [], (text, [(c.sub_event_type, c.actor1) for c in candidates])


def test_a_countrys_forces_named_generically_take_the_tables_name_for_that_period():
    candidates, _ = _candidates(
        "Government troops shelled rebel positions near the town of Douma in Syria's Rif Dimashq province "
        "on Saturday, the monitor said.")
    assert candidates[0].actor1 == "Military Forces of Syria (2000-)"
    from warwatch.extract.actors import actor_table

    troops = actor_table().by_name["Military Forces of {country}"]
    assert troops.name_in("Syria", 1995) == "Military Forces of Syria"
    assert troops.name_in("Nigeria", 2019) == "Military Forces of Nigeria"


def test_a_group_named_after_a_country_takes_the_country_of_the_place():
    from warwatch.models import Page
    from warwatch.pipeline import code_page

    text = ("MOSCOW — Russia said on Monday its jets had not flown over the area. Russia denied any role.\n"
            "Gunmen killed five civilians in the town of Maarat al-Numan in Idlib province on Sunday, "
            "activists said.\n"
            "Russia's defence ministry said Russia had no aircraft in the region.")
    report = code_page(Page(page_id="p", text=text, published=dt.date(2019, 2, 11)))
    (candidate,) = [c for c in report.candidates if c.sub_event_type == "Attack"]
    assert candidate.place.country == "Syria"
    assert (candidate.actor1, candidate.actor2) == ("Unidentified Armed Group (Syria)", "Civilians (Syria)")
    assert "(Russia)" not in candidate.notes
    assert {c.victim_actor for c in report.claims if c.candidate_key == candidate.key} == {"Civilians (Syria)"}


def test_a_group_claiming_the_attack_in_a_statement_is_its_author():
    candidates, _ = _candidates(
        "A suicide car bomber struck a checkpoint of the Syrian Democratic Forces near the town of Hajin in "
        "Syria's Deir ez-Zor province on Thursday, killing six fighters.\n"
        "The Islamic State group said in a statement that one of its fighters carried out the attack.")
    assert [(c.sub_event_type, c.actor1, c.actor2) for c in candidates] == [
        ("Suicide bomb", "Islamic State (IS)", "Syrian Democratic Forces (SDF)")]


def test_a_group_claiming_responsibility_is_the_author():
    candidates, _ = _candidates(
        "A car bomb exploded at a market in the town of Azaz in Syria's Aleppo province on Saturday, killing "
        "eight people, the monitor said.\n"
        "Hours later the Islamic State group claimed responsibility for the bombing.")
    assert [(c.actor1, c.fatalities) for c in candidates] == [("Islamic State (IS)", 8)]


def test_a_place_named_by_what_once_happened_there_does_not_set_the_tactic():
    candidates, _ = _candidates(
        "At least 13 civilians died in air strikes on Saturday around the town of Khan Sheikhun in Syria's "
        "Idlib province, the site of a deadly April chemical attack, the monitor said.")
    assert [c.sub_event_type for c in candidates] == ["Air/drone strike"]


def test_general_accusations_arsenals_and_uncertainty_are_no_incidents():
    for text in (
        "Western powers in Syria say the government has been responsible for chlorine and other chemical attacks.",
        "In January 2016 the watchdog announced that all chemical weapons in Syria had been destroyed.",
        "We are unable to conclusively determine chemical weapons use in Syria, the spokeswoman told reporters.",
        "The president has made the use of chemical weapons by Syrian forces a red line.",
    ):
        candidates, _ = _candidates(text)
        assert candidates == [], text


@pytest.mark.parametrize("text, actor1", [
    ("Syrian warplanes bombed the town of Saraqeb in Syria's Idlib province on Monday, killing at least 22 "
     "people.", "Military Forces of Syria (2000-)"),
    ("Regime planes fired rockets on the town of Douma in Syria's Rif Dimashq province on Monday, the monitor "
     "said.", "Military Forces of Syria (2000-)"),
    ("Syrian air raids targeted several civilian sites in the town of Saraqeb in Syria's Idlib province on "
     "Monday, killing nine children, local activists have reported.", "Military Forces of Syria (2000-)"),
])
def test_aircraft_are_named_for_the_force_that_flies_them(text, actor1):
    candidates, _ = _candidates(text)
    assert [(c.sub_event_type, c.actor1) for c in candidates] == [("Air/drone strike", actor1)]


def test_a_development_is_coded_on_the_day_a_report_gives_it_and_undated_ones_are_background():
    candidates, _ = _candidates("On Friday a ceasefire brokered by Turkey and Russia came into force in Syria's "
                                "Idlib province.")
    assert [(c.sub_event_type, c.event_date) for c in candidates] == [("Agreement", dt.date(2019, 2, 8))]
    lead = "Rebels in Syria's Idlib province agreed a ceasefire with government forces, the monitor said."
    assert [c.sub_event_type for c in _candidates(lead)[0]] == ["Agreement"]
    for text in ("Idlib province in Syria is controlled by an alliance of rebel groups that agreed a truce.",
                 "A ceasefire in Syria brokered by the US and Russia collapsed last month."):
        candidates, _ = _candidates("Prices of bread rose again in the capital. Aid groups appealed for "
                                    "access. " + text)
        assert candidates == [], text


def test_an_air_strike_is_flown_by_a_state_force_not_the_rebels_it_hits():
    candidates, _ = _candidates(
        "Rebels in the town of Saraqeb in Syria's Idlib province were hit by air strikes on Monday that "
        "killed six fighters, and Syrian warplanes kept flying over the town.")
    assert [(c.sub_event_type, c.actor1, c.actor2) for c in candidates] == [
        ("Air/drone strike", "Military Forces of Syria (2000-)", "Opposition Rebels (Syria)")]
    drones, _ = _candidates("Houthi rebels launched a drone strike on an airport in Saudi Arabia's Jizan "
                            "province on Monday.")
    assert [c.actor1 for c in drones] == ["Houthi Movement (Ansar Allah)"]  # a drone may be a group's


def test_an_office_that_reports_is_no_party():
    candidates, _ = _candidates(
        "The U.S. Central Command said the coalition conducted 18 strikes on Monday near the town of Manbij "
        "in Syria's Aleppo province and destroyed 13 Daesh fighting positions.")
    assert [(c.actor1, c.actor2) for c in candidates] == [("Operation Inherent Resolve", "Islamic State (IS)")]


def test_a_caption_that_ends_with_its_credit_is_no_incident():
    candidates, _ = _candidates("Syrian civil defence workers search for survivors in the rubble after an air "
                                "strike on Aleppo, Syria (Reuters Photo)")
    assert candidates == []


def test_a_news_agency_linked_to_a_group_is_no_party():
    candidates, _ = _candidates(
        "The Daesh-linked Aamaq news agency claimed 160 civilians were killed in the village of Tokhar near "
        "Manbij in Syria in a series of air strikes on Tuesday.")
    assert [c.sub_event_type for c in candidates] == ["Air/drone strike"]
    assert candidates[0].actor1 != "Islamic State (IS)" and candidates[0].actor2 == "Civilians (Syria)"


def test_forces_that_say_they_acted_are_the_party_and_a_later_village_beats_a_province_in_passing():
    text = ("BEIRUT — U.S.-backed and Kurdish-led Syrian Democratic Forces said Saturday they have launched a "
            "final push to defeat the Islamic State group in the last pocket it holds in eastern Syria.\n"
            "An SDF spokesman said the offensive began after thousands of civilians were evacuated from the "
            "area in the eastern province of Deir el-Zour.\n"
            "An SDF statement said the offensive was focused on the village of Baghouz.")
    candidates, _ = _candidates(text)
    assert [(c.actor1, c.actor2) for c in candidates] == [("Syrian Democratic Forces (SDF)", "Islamic State (IS)")]
    assert "Baghouz" in candidates[0].place_ref.text


@pytest.mark.parametrize("sentence", [
    # an undated ongoing campaign is background
    "Government forces have been fighting against several rebel groups operating in the country.",
    "IS has also been under attack in neighbouring Iraq.",
    "Hezbollah fighters have been assisting army forces in fending off several attacks by the rebels.",
    "Turkey continues to fight the Islamic State along its border.",
    # a label for a side, and attack sites to be visited
    'The government labels rebel groups and militants fighting the regime as "terrorists".',
    "U.N. inspectors to visit Syria chemical attack sites on Monday.",
    # a halt in the violence, and untold thousands killed over time
    "The State Department voiced scepticism regarding the planned truce while welcoming a halt in the bombardments.",
    "Assad's warplanes have killed thousands of children and women, the opposition leader said.",
    # what a country is among others
    "Syria is one of just a handful of countries that are not parties to the treaty that bans chemical weapons.",
])
def test_campaigns_labels_halts_and_untold_tolls_are_no_incidents(sentence):
    candidates, _ = _candidates(sentence)
    assert candidates == []


def test_a_harm_told_beside_an_ongoing_campaign_is_still_an_incident():
    candidates, _ = _candidates("IS militants have executed 70 members of a tribe they have been battling in "
                                "eastern Syria, a monitoring group said.")
    assert [c.fatalities for c in candidates] == [70]


def test_a_breach_of_a_cessation_of_hostilities_agreement_is_still_an_incident():
    candidates, _ = _candidates("In a new breach of the cessation of hostilities agreement, rebels fired rocket shells "
                                "at residential neighbourhoods of Aleppo on Friday, killing four civilians.")
    assert [c.fatalities for c in candidates] == [4]


def test_a_sentence_about_elsewhere_never_joins_the_incident_before_it():
    candidates, _ = _candidates(
        "A suicide bomber blew himself up on a bus near the town of Atmeh in Idlib province on Saturday, "
        "killing 32 rebel fighters. Separately, a second car bomb exploded in Kilis, wounding three people.")
    assert sorted(c.fatalities for c in candidates) == [0, 32]


_TALKS = "Officials met in Geneva. The talks went on for hours. "  # the claim is not the article's lead


@pytest.mark.parametrize("sentence, kept", [
    (_TALKS + "The opposition says they have been forced out by the siege and bombardment.", False),
    (_TALKS + "Rebels accuse the Kurdish YPG of helping the army cut the highway with ground attacks.", False),
    # a claim that tells a figure, or a gain, is a report of an incident
    (_TALKS + "Activists say airstrikes killed 12 people in the town.", True),
    (_TALKS + "State media says the army has recaptured the rebel-held town of Zabadani after heavy clashes.", True),
])
def test_a_sides_standing_claim_without_a_figure_or_a_gain_is_no_incident(sentence, kept):
    candidates, _ = _candidates(sentence)
    assert bool(candidates) is kept
