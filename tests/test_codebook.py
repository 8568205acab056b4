"""The cue lexicon and the codebook rules, on sentences we wrote in the style of wire reports."""

from __future__ import annotations

import pytest

from warwatch.extract.codebook import NONE, TYPE_OF, cues, resolve


def _expected(cue) -> tuple[str | None, str]:
    """(expected sub-type or None, sentence) of a cue's example column."""
    example = cue.example
    if cue.label.startswith("@") or cue.label == NONE:
        label, _, sentence = example.partition(": ")
        return (None if label == "not an event" else label), sentence
    return cue.label, example


@pytest.mark.parametrize("cue", cues(), ids=lambda c: f"{c.label}:{c.example[:40]}")
def test_every_cue_matches_and_codes_its_example(cue):
    label, sentence = _expected(cue)
    assert label is None or label in TYPE_OF
    assert cue.pattern.search(sentence.lower()), "the cue's pattern must match its own example"
    assert resolve(sentence).sub_event_type == label


RULES = [
    # a duration of fighting is the setting of an agreement, not a battle
    ("The two sides signed a ceasefire agreement in the capital on Sunday, ending weeks of fighting.", "Agreement"),
    # a motive names another attack: the strike is the incident
    ("Warplanes bombed rebel positions outside the town on Tuesday in retaliation for a chlorine attack the "
     "previous day, the ministry said.", "Air/drone strike"),
    # 'non-violent' is no violence by the crowd; a misspelt 'peacefull' still is peaceful
    ("Police fired live bullets to break up a non-violent demonstration near the bridge, wounding ten "
     "protesters.", "Excessive force against protesters"),
    ("Security forces opened fire on peacefull protesters in the south on Friday, killing six people, as "
     "weeks of unrest continued.", "Excessive force against protesters"),
    # a protest against violence is peaceful
    ("Thousands of students rallied in several cities on Saturday against gun violence.", "Peaceful protest"),
    # gunmen who kidnap abduct; gunmen who kill attack
    ("Gunmen seized 14 farmers from their fields outside the village and kidnapped them on Monday, police said.",
     "Abduction/forced disappearance"),
    ("Gunmen killed six farmers in their fields outside the village on Monday, police said.", "Attack"),
    # disasters and accidents kill without an attack
    ("Floods swept through the valley on Sunday, killing at least 30 people, officials said.", None),
    ("A bus and a lorry collided on the highway on Tuesday, killing 15 passengers, police said.", None),
    # a mass grave is Other even when the victims were killed by an armed group
    ("The mass grave holds the bodies of hundreds of soldiers massacred by the militants, a security source "
     "said.", "Other"),
    # a vehicle bomb is not a suicide bomb unless it is driven by one
    ("A vehicle-borne improvised explosive device (VBIED) parked near the market detonated on Tuesday, killing "
     "four guards.", "Remote explosive/landmine/IED"),
    ("Militants executed a teenage boy in the town square on Thursday, residents said.", "Attack"),
    # hyphenated names inside a territory phrase
    ("Government troops pushed al-Shabaab militants out of three villages in the region on Monday.",
     "Government regains territory"),
    ("Three protesters die as police open fire on a peaceful march in the capital.",
     "Excessive force against protesters"),
    # past incidents named as the setting
    ("Government forces captured two villages on Wednesday near a rebel town that was the scene of a deadly 2017 "
     "chemical weapons attack.", "Government regains territory"),
    ("Thousands rallied across the country on Saturday to mourn dozens of demonstrators killed last month in a "
     "brutal raid on a sit-in.", "Peaceful protest"),
    ("A day after police arrested hundreds of protesters, the opposition said three of its members had been "
     "abducted.", "Abduction/forced disappearance"),
    ("The coalition tasked with fighting the militants withdrew from the air base on Monday and handed it over to "
     "the army.", "Non-violent transfer of territory"),
    # who takes the place: the subject of its own clause
    ("Residents fled the militants last year. Army troops, backed by allied units, recaptured the town on "
     "Tuesday.", "Government regains territory"),
    ("Soldiers were killed when the Islamists attacked and took over the town on Thursday.",
     "Non-state actor overtakes territory"),
    # violence at a protest is the crowd's unless the police are said to use it
    ("The capital was rocked by its worst anti-government violence in weeks after demonstrators returned to the "
     "main square on Monday.", "Violent demonstration"),
    ("Anti-summit protests turned very violent on Saturday, hours after thousands had marched peacefully "
     "through the port.", "Violent demonstration"),
    ("Thousands marched through the city on Sunday to denounce violence against women.", "Peaceful protest"),
    ("Activists staged a die-in outside the ministry on Friday to demand police reform.", "Peaceful protest"),
    ("Government forces captured the town on Sunday and marched deeper into the rebel-held district, state "
     "media said.", "Government regains territory"),
    # displacement caused by attacks is Other, not the attacks
    ("Some 7,000 people have fled villages around the town because of militant attacks, the UN agency said.",
     "Other"),
    ("Foreign-owned shops have been burned and looted in the township, authorities said on Monday.",
     "Looting/property destruction"),
    ("Police and army teams are conducting raids to detain activists of the banned party.", "Arrests"),
    ("A cache of firearms and ammunition was seized by police at the port on Monday.", "Disrupted weapons use"),
    ("Militants hit the airport terminal on Tuesday night, and a blast killed dozens of people.",
     "Remote explosive/landmine/IED"),
    # chemical weapons as a target, not a weapon used
    ("Warplanes struck three chemical weapons facilities outside the capital on Tuesday, the ministry said.",
     "Air/drone strike"),
    ("The army continues to deploy reinforcements and tanks to its observation points in the province.",
     "Change to group/activity"),
    ("Residents decried the burning and looting of shops in the aftermath of the protests.",
     "Looting/property destruction"),
    # the victims of a passive verb come before it
    ("At least eight civilians were abducted and shot dead by armed groups allied with government forces, a "
     "rights body said.", "Attack"),
    # explosives found, defused or destroyed were not used
    ("Special forces destroyed dozens of rockets, roadside bombs and other explosives during an operation in the "
     "province on Monday.", "Disrupted weapons use"),
    ("Two explosive devices were found in a canal next to the zoo, police said.", "Disrupted weapons use"),
    # explosions heard while rockets fly come from the rockets
    ("Several explosions rocked the border area as militants fired dozens of rockets at the town.",
     "Shelling/artillery/missile attack"),
]


@pytest.mark.parametrize("sentence, expected", RULES)
def test_codebook_rules(sentence, expected):
    assert resolve(sentence).sub_event_type == expected
