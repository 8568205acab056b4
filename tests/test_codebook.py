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
    # killings told by verbs of murder, ramming, weapons in the hand; the source ('police said') is no target
    ("Gunmen shot dead a judge outside his home on Monday, police said.", "Attack"),
    ("Armed men murdered 12 villagers with machetes overnight, the army said.", "Attack"),
    ("Hackers hacked the ministry website on Monday, officials said.", None),
    ("A suicide bomb blast killed at least 16 people outside a bakery in the city on Tuesday.", "Suicide bomb"),
    # a metaphor and a drone named as equipment are no attack; a drone that struck is
    ("Cutting fuel subsidies now would be rocket fuel on the fire, the opposition leader said.", None),
    ("Capturing drones with swarms of net-casting UAVs is one of several options considered by defence chiefs.",
     None),
    ("A UAV struck a car carrying two militant commanders on the highway on Sunday.", "Air/drone strike"),
    # a bomb that goes off early while being planted is still an explosion event (ACLED); a collision is not
    ("Seven militants were killed on Monday in an accidental explosion while planting a roadside bomb near the "
     "highway.", "Remote explosive/landmine/IED"),
    ("Jihadists slaughtered 30 herders in the village on Thursday, local officials said.", "Attack"),
    ("A man rammed his car into pedestrians on the bridge on Saturday, killing three.", "Attack"),
    ("Gunmen fired on a car carrying a local mayor on Tuesday, killing him and his driver.", "Attack"),
    ("Assailants hacked a family of five to death in their home on Sunday night.", "Attack"),
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
    ("Militants charged an army camp outside the town overnight, inflicting heavy casualties on the troops.",
     "Armed clash"),
    # an accusation ends with what it is about; vigilantes quoted as a source commit nothing
    ("A man accused of theft died after he was beaten by an angry mob in the market on Monday.", "Mob violence"),
    ("Militants attacked three villages on Sunday, leaving 30 people dead, according to vigilantes.", "Attack"),
    ("A mob lynched a man accused of cattle smuggling in the village on Friday.", "Mob violence"),
    ("Police arrested 600 people nationwide for breaking the curfew, including gathering in groups.", "Arrests"),
    # a statement of intent is not an event
    ("The defence minister said the army would launch a new offensive against the rebels next month.", None),
    ("The militants threatened to storm the city if government troops did not leave by Friday.", None),
]


@pytest.mark.parametrize("sentence, expected", RULES)
def test_codebook_rules(sentence, expected):
    assert resolve(sentence).sub_event_type == expected


# One report of each common kind, written by us in wire style: the codebook's sub-type for each.
TYPICAL = [
("Police fired tear gas and water cannon at thousands of protesters who had blocked the main highway on Monday.", "Protest with intervention"),
("Police arrested 30 demonstrators at a rally outside parliament on Tuesday.", "Protest with intervention"),
("Hundreds of residents marched to the governor's office on Wednesday to demand clean water.", "Peaceful protest"),
("Protesters hurled stones at police and set fire to a bank in the city centre on Friday.", "Violent demonstration"),
("Security forces shot dead five demonstrators during a march in the capital on Saturday.", "Excessive force against protesters"),
("An angry mob lynched a man suspected of stealing a motorcycle in the market on Monday.", "Mob violence"),
("Rival clans clashed over grazing land near the village, leaving six dead.", "Armed clash"),
("Militants ambushed an army convoy on the highway on Thursday, killing seven soldiers.", "Armed clash"),
("Gunmen opened fire on worshippers at a mosque during Friday prayers, killing 12 people.", "Attack"),
("Unknown gunmen shot dead a local journalist outside his home on Sunday night.", "Attack"),
("Israeli aircraft struck targets in the Gaza Strip early on Tuesday, the army said.", "Air/drone strike"),
("A US drone strike killed three suspected militants in a car in the province on Monday.", "Air/drone strike"),
("Rebels shelled the government-held district with mortars, wounding four children.", "Shelling/artillery/missile attack"),
("A landmine exploded under a minibus on a rural road, killing nine passengers.", "Remote explosive/landmine/IED"),
("Attackers threw a grenade into a crowded bar late on Saturday, wounding 15 people.", "Grenade"),
("A female suicide bomber detonated her explosives at a market on Tuesday, killing 20.", "Suicide bomb"),
("Armed men abducted 40 schoolgirls from their dormitory in the northwest overnight.", "Abduction/forced disappearance"),
("The army regained control of the town from the insurgents on Wednesday after a week of fighting.", "Government regains territory"),
("Jihadists overran an army base in the north on Sunday and seized the nearby town.", "Non-state actor overtakes territory"),
("Police arrested the leader of the separatist group in the capital on Friday.", "Arrests"),
("The government and the rebel alliance signed a peace agreement in the capital on Monday.", "Agreement"),
("Troops seized a large cache of weapons and ammunition during a raid on a hideout on Thursday.", "Disrupted weapons use"),
("Air defences intercepted two rockets fired at the city overnight, the military said.", "Disrupted weapons use"),
("The militia established a new base on the outskirts of the town last week.", "Headquarters or base established"),
("Fighters looted shops and burned houses after entering the village on Tuesday.", "Looting/property destruction"),
("Government troops withdrew from the border town on Monday, handing it over to the local militia without a fight.", "Non-violent transfer of territory"),
("Two rebel factions announced on Sunday that they had merged into a single group.", "Change to group/activity"),
("Soldiers demolished the homes of suspected militants in the village on Wednesday.", "Looting/property destruction"),
("Residents discovered a mass grave with 25 bodies near the former militant base.", "Other"),
("Government helicopters dropped barrel bombs on the rebel-held town, killing 11.", "Air/drone strike"),
("Soldiers raped at least ten women during a raid on the village, a rights group said.", "Sexual violence"),
("Riot police beat protesters with batons and dispersed a peaceful sit-in on Monday.", "Excessive force against protesters"),
("Pro-government militiamen attacked a village on Sunday, killing 14 civilians and burning homes.", "Attack"),
("Rebels fired rockets at the airport on Thursday, damaging a runway.", "Shelling/artillery/missile attack"),
("Police defused a bomb planted outside the courthouse on Tuesday.", "Disrupted weapons use"),
("Unidentified assailants stabbed a priest to death in his church on Sunday.", "Attack"),
("Farmers blocked roads with tractors and burned tyres in protest at fuel prices.", "Violent demonstration"),
("Students boycotted classes and staged a sit-in at the university on Monday.", "Peaceful protest"),
("Security forces detained dozens of opposition supporters in overnight raids.", "Arrests"),
("The rebels released 20 hostages under a deal brokered by tribal elders.", "Agreement"),
    # harder ones: who uses violence, what a crowd is, what a word names
("Police opened fire on stone-throwing rioters in the northern city on Monday, killing two.", "Violent demonstration"),
("Villagers beat two suspected kidnappers to death on Saturday before police arrived.", "Mob violence"),
("Troops and militants exchanged fire for several hours near the border post on Wednesday.", "Armed clash"),
("Two soldiers were killed when their vehicle hit a roadside bomb in the east on Monday.", "Remote explosive/landmine/IED"),
("Artillery fire hit a residential neighbourhood of the city on Sunday, killing a woman and her two children.", "Shelling/artillery/missile attack"),
("The Islamic State group seized control of the oil field after government forces fled on Friday.", "Non-state actor overtakes territory"),
("Kurdish forces captured the village from IS fighters on Thursday, a spokesman said.", "Non-state actor overtakes territory"),
("The army said it had killed 15 militants in an operation in the mountains on Tuesday.", "Armed clash"),
("Gunmen kidnapped a foreign aid worker from his car in the city on Sunday.", "Abduction/forced disappearance"),
("Angry residents set fire to a police station after a man died in custody on Thursday.", "Violent demonstration"),
("Soldiers arrested four suspected militants and seized rifles and grenades during a search operation.", "Arrests"),
("Hundreds of workers went on strike at the port on Monday to demand unpaid wages.", "Peaceful protest"),
("Police used tear gas to disperse a crowd that had gathered outside the election commission.", "Protest with intervention"),
("Security forces killed at least 25 protesters in two days of demonstrations across the country.", "Excessive force against protesters"),
("An air strike hit a wedding party in the province on Friday, killing 30 civilians, officials said.", "Air/drone strike"),
("The rebels shot down a military helicopter over the province on Sunday.", "Disrupted weapons use"),
("Militants attacked a police station in the town overnight, killing three policemen.", "Armed clash"),
("Gunmen attacked a bus carrying pilgrims on Tuesday, killing 11 people.", "Attack"),
("Government forces bombarded rebel positions in the hills with artillery on Saturday.", "Shelling/artillery/missile attack"),
("The militia handed over control of the airport to government troops on Monday under a deal.", "Non-violent transfer of territory"),
("A car bomb exploded near a checkpoint in the capital on Sunday, killing eight people.", "Remote explosive/landmine/IED"),
("Two bombers blew themselves up at a church during Sunday mass, killing 23 worshippers.", "Suicide bomb"),
("Rebel commanders announced on Monday that they had formed a new alliance to fight the government.", "Change to group/activity"),
("The warring parties agreed on a three-day truce starting on Friday.", "Agreement"),
("Protesters torched government buildings and looted shops in the capital on Wednesday.", "Violent demonstration"),
    # passives, the setting of an arrest or protest, and what is no ACLED event
("The town was recaptured by government troops on Sunday, three weeks after it fell to the rebels.", "Government regains territory"),
("The district fell to Taliban fighters on Tuesday after government forces retreated.", "Non-state actor overtakes territory"),
("Al-Shabaab fighters took control of the town after Ethiopian troops pulled out, residents said.", "Non-state actor overtakes territory"),
("Five policemen were killed when gunmen ambushed their patrol near the town on Monday.", "Armed clash"),
("Three civilians were killed and five wounded when gunmen fired on a minibus on Saturday.", "Attack"),
("Police said they had arrested 14 people in connection with the riots in the city.", "Arrests"),
("A rocket fired from the Gaza Strip landed in an open field in southern Israel, causing no injuries.", "Shelling/artillery/missile attack"),
("Demonstrators gathered peacefully outside the embassy on Friday to protest the arrest of a journalist.", "Peaceful protest"),
("Thousands of opposition supporters rallied in the capital on Saturday. Police made several arrests after scuffles broke out.", "Protest with intervention"),
("Dozens of people were injured when police fired rubber bullets at protesters who were throwing stones.", "Violent demonstration"),
("The military said its jets had destroyed several militant hideouts in the mountains, killing 20 fighters.", "Air/drone strike"),
("A bomb hidden in a motorcycle exploded outside a school on Monday, wounding 6 children.", "Remote explosive/landmine/IED"),
("A court sentenced the former commander to 20 years in prison for war crimes.", None),
("Ten people died when a fire broke out at a market in the city on Monday.", None),
("Police seized 300 kilograms of heroin and arrested two smugglers at the border.", None),
("The president met his counterpart in the capital on Tuesday to discuss border security.", None),
    # the rarer kinds: bases, handovers, chemicals, demining, surrenders, curfews
("Turkish forces set up two new military posts near the town on Saturday.", "Headquarters or base established"),
("The rebels opened a new headquarters in the captured city on Monday.", "Headquarters or base established"),
("Russian military police took over positions vacated by US troops in the town on Tuesday.", "Non-violent transfer of territory"),
("Government forces entered the city without a fight after the militants left under an evacuation deal.", "Non-violent transfer of territory"),
("Doctors said dozens of patients showed symptoms of exposure to chlorine after the bombardment.", "Chemical weapon"),
("Militiamen sexually assaulted several women at a displacement camp, the UN said on Friday.", "Sexual violence"),
("Army engineers cleared 150 mines from farmland around the village last week.", "Disrupted weapons use"),
("Police foiled a plot to bomb a shopping centre and seized explosives from a flat.", "Disrupted weapons use"),
("The two armed groups agreed to a prisoner exchange under the auspices of the Red Cross.", "Agreement"),
("Hundreds of militants surrendered to the army with their weapons on Thursday.", "Agreement"),
("Authorities imposed a curfew in the city after the unrest.", "Change to group/activity"),
("The militant group announced the appointment of a new leader after its chief was killed.", "Change to group/activity"),
("Two police officers were wounded when a grenade was thrown at their patrol vehicle in the market.", "Grenade"),
("A Saudi-led coalition air raid hit a market in the north on Tuesday, killing 14 civilians.", "Air/drone strike"),
("Israeli tank fire killed two Palestinians near the border fence on Friday.", "Shelling/artillery/missile attack"),
("An improvised explosive device went off near a police convoy in the district, wounding three officers.", "Remote explosive/landmine/IED"),
("Gunmen stormed a village in the central region on Sunday night, killing 26 residents and burning homes.", "Attack"),
("Unidentified gunmen abducted the district chief on his way home on Tuesday.", "Abduction/forced disappearance"),
("Security forces and Maoist rebels engaged in a gunfight in the forest for two hours on Monday.", "Armed clash"),
("Opposition supporters staged a peaceful march to the electoral commission on Monday.", "Peaceful protest"),
("Police beat and arrested dozens of peaceful protesters at a rally in the capital on Saturday.", "Excessive force against protesters"),
("Rioters burned cars and clashed with police after the football match on Sunday.", "Violent demonstration"),
("Members of two communities clashed with machetes over a land dispute, leaving four dead.", "Armed clash"),
("The army shelled villages held by the rebels on Tuesday, killing three civilians, residents said.", "Shelling/artillery/missile attack"),
    # snippets of two sentences: a dateline or headline, background, the incident; arrests come before
    # disrupted weapons use in the codebook's order (CLARIFICATIONS.md 2)
("The country has been gripped by unrest since the disputed election. On Tuesday, police fired tear gas at hundreds of opposition supporters marching in the capital.", "Protest with intervention"),
("KABUL (Reuters) - Taliban fighters attacked a district headquarters in the north overnight, killing nine police officers, officials said on Sunday.", "Armed clash"),
("Nigeria. Bandits kidnap 30 villagers in Zamfara. Armed bandits stormed the village on motorcycles on Friday and abducted 30 people, police said.", "Abduction/forced disappearance"),
("MOGADISHU - A car bomb exploded outside a busy hotel in the Somali capital on Saturday, killing at least 10 people, police said. Al-Shabaab claimed responsibility.", "Remote explosive/landmine/IED"),
("Syrian government forces recaptured the strategic town from rebels on Monday, state media reported. The town had been held by the opposition since 2012.", "Government regains territory"),
("Thousands of Sudanese protesters took to the streets of Khartoum on Thursday, chanting slogans against military rule. The rallies passed off peacefully.", "Peaceful protest"),
("Police in the city said they had arrested two men over the weekend after finding a cache of weapons and bomb-making equipment in their house.", "Arrests"),
("Indian security forces killed three militants in a gunfight in Kashmir on Wednesday, police said. One soldier was also killed in the exchange of fire.", "Armed clash"),
("Israeli warplanes struck Hamas targets in Gaza early Sunday in response to rockets fired from the enclave, the military said.", "Air/drone strike"),
("Residents said militiamen burned dozens of houses and looted livestock in the village on Tuesday night.", "Looting/property destruction"),
    # the big classes: protests by what the crowd and the police did, clashes between armed groups
("Teachers held a sit-in outside the education ministry on Monday demanding unpaid salaries.", "Peaceful protest"),
("Hundreds of women marched through the city centre on Sunday to mark International Women's Day.", "Peaceful protest"),
("Supporters of the jailed opposition leader gathered outside the court on Tuesday, waving flags and chanting.", "Peaceful protest"),
("Truck drivers went on strike and blocked the highway for several hours on Wednesday over fuel prices.", "Peaceful protest"),
("Protesters pelted police with stones and burned tyres in the southern city on Thursday.", "Violent demonstration"),
("Demonstrators stormed the parliament building and smashed windows on Saturday.", "Violent demonstration"),
("Rioting broke out in the township after a man was shot by police, with shops looted and cars set alight.", "Violent demonstration"),
("Police detained 20 activists who were protesting outside the embassy on Friday.", "Protest with intervention"),
("Riot police used water cannon to break up a demonstration by farmers in the capital.", "Protest with intervention"),
("Soldiers opened fire on unarmed demonstrators in the town square, killing at least 11 people.", "Excessive force against protesters"),
("Security forces fired live ammunition at peaceful protesters, wounding dozens, rights groups said.", "Excessive force against protesters"),
("Clashes between government troops and rebels in the north left 15 combatants dead on Saturday.", "Armed clash"),
("Fighting erupted between two rival militias in the southern port city on Monday, residents said.", "Armed clash"),
("Soldiers repelled an attack by insurgents on their base near the border on Sunday.", "Armed clash"),
("Police killed two suspected militants in a shootout in the capital on Tuesday.", "Armed clash"),
]


@pytest.mark.parametrize("sentence, expected", TYPICAL)
def test_typical_reports(sentence, expected):
    assert resolve(sentence).sub_event_type == expected


def test_jets_that_went_on_pounding_a_city_are_an_air_strike():
    coding = resolve("Dozens of people were killed as government jets continued on Monday to pound rebel-held "
                     "districts of the city.")
    assert (coding.event_type, coding.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
