"""Document labels on an example set written for this project: short notes in the style of
agency copy and conflict monitors, each with the ACLED sub-event type its most salient event
should have (or "none"). Runs the whole pipeline (extract, resolve, code)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsevents.coder import document_label, rank
from newsevents.coder.ranking import label_of
from newsevents.ingest import document_from_text
from newsevents.options import load_options
from newsevents.pipeline import process_one
from newsevents.records import Acled

PUBLISHED = "2024-05-15T10:00:00+00:00"
FLOOR = 0.85  # measured 0.93 (see the lead's build/quality.json); raise, never lower

EXAMPLES: list[tuple[str, str]] = [
    ('On 3 March 2024, Russian forces shelled the village of Vovchansk in Kharkiv oblast, killing two civilians.',
     'Shelling/artillery/missile attack'),
    ('On 12 May, a Ukrainian drone struck an oil depot in Novorossiysk, Krasnodar Krai. No casualties were reported.',
     'Air/drone strike'),
    ('Israeli warplanes carried out airstrikes on Khan Younis on Tuesday, killing at least 15 people, health officials said.',
     'Air/drone strike'),
    ('Around 200 farmers staged a peaceful demonstration outside the parliament in Nairobi on Monday to demand lower fertiliser prices.',
     'Peaceful protest'),
    ('Police fired tear gas and arrested dozens of demonstrators protesting fuel price increases in Abuja on Thursday.',
     'Protest with intervention'),
    ('Security forces opened fire on protesters in Khartoum, killing five people, medics said.',
     'Excessive force against protesters'),
    ('Rioters set fire to shops and clashed with police in the city centre after a disputed election result.',
     'Violent demonstration'),
    ('A mob beat a suspected thief to death in a market in Kampala on Saturday.',
     'Mob violence'),
    ('Gunmen abducted 12 passengers from a bus on the Abuja-Kaduna highway on Sunday.',
     'Abduction/forced disappearance'),
    ('Suspected JNIM militants attacked an army post near Djibo, leading to a two-hour gunfight with soldiers.',
     'Armed clash'),
    ('Unidentified gunmen shot dead a village chief in his home in Cabo Delgado province.',
     'Attack'),
    ('An improvised explosive device detonated under a military vehicle near Mogadishu, wounding three soldiers.',
     'Remote explosive/landmine/IED'),
    ('A suicide bomber blew himself up at a checkpoint in Kabul, killing four people.',
     'Suicide bomb'),
    ('Ukrainian air defences shot down 20 Shahed drones over the Odesa region overnight.',
     'Disrupted weapons use'),
    ('The government and the rebel alliance signed a ceasefire agreement in Doha on Friday.',
     'Agreement'),
    ('Police arrested the opposition leader at his home in Dhaka on Wednesday.',
     'Arrests'),
    ('Thousands of troops were deployed to the border region as tensions rose, the defence ministry said.',
     'Change to group/activity'),
    ('Militants looted and burned a health centre in the village before fleeing.',
     'Looting/property destruction'),
    ('Al-Shabaab fighters captured the town of Mahas after government troops withdrew.',
     'Non-state actor overtakes territory'),
    ('The army retook control of the town of Bunia from the militia on Tuesday.',
     'Government regains territory'),
    ('A grenade was thrown at a bar in Bujumbura, injuring six people.',
     'Grenade'),
    ('Teachers went on strike across the country on Monday over unpaid salaries.',
     'Peaceful protest'),
    ('Students marched through Santiago demanding education reform.',
     'Peaceful protest'),
    ('Russian missiles hit an apartment building in Dnipro, killing nine people, the regional governor said.',
     'Shelling/artillery/missile attack'),
    ('The foreign ministers of the two countries met in Geneva to discuss the peace plan.',
     'none'),
    ('The central bank raised interest rates by half a percentage point on Thursday.',
     'none'),
    ('Fighting between the army and the Rapid Support Forces continued in El Fasher, leaving at least 20 dead.',
     'Armed clash'),
    ('Turkish drones struck PKK positions in northern Iraq on Saturday, the ministry said.',
     'Air/drone strike'),
    ('A landmine exploded under a car in Idlib countryside, killing a family of four.',
     'Remote explosive/landmine/IED'),
    ('Houthi forces launched a ballistic missile toward a commercial ship in the Red Sea; it was intercepted by a US destroyer.',
     'Disrupted weapons use'),
    ('The United Nations condemned the violence on Sunday.\n\nAt least 30 people were killed when gunmen stormed a village in Plateau state overnight, police said. Residents said the attackers burned dozens of homes.',
     'Attack'),
    ('Ministers from both countries will meet next week to discuss a prisoner exchange, officials said.',
     'none'),
    ('Hundreds of opposition supporters rallied in Tbilisi on Saturday against a proposed media law. Police later detained 15 people as the rally dispersed.',
     'Peaceful protest'),
    ('Syrian government helicopters dropped barrel bombs on the town of Jisr al-Shughur on Wednesday, killing three civilians.',
     'Air/drone strike'),
    ('On 8 June, unidentified gunmen on motorbikes killed four traders on the road between Gao and Ansongo.',
     'Attack'),
    ('About 500 nurses held a sit-in outside the health ministry in Accra on Tuesday over unpaid allowances.',
     'Peaceful protest'),
    ('Police in Dhaka used batons and rubber bullets to disperse students blocking a highway, injuring at least 40.',
     'Protest with intervention'),
    ('Clashes broke out between Fulani herders and local militia in Benue state, leaving seven dead.',
     'Armed clash'),
    ('Angry residents burned the police station in the town after a man died in custody.',
     'Violent demonstration'),
    ('Artillery fire from Azerbaijani positions hit the village of Sotk, wounding one resident.',
     'Shelling/artillery/missile attack'),
    ('A roadside bomb struck a convoy of the Pakistani army in North Waziristan, killing two soldiers.',
     'Remote explosive/landmine/IED'),
    ('The Myanmar military detained three journalists in Yangon on Friday.',
     'Arrests'),
    ('Russia and Ukraine exchanged 90 prisoners of war on Thursday, mediated by the United Arab Emirates.',
     'Agreement'),
    ("The Tigray People's Liberation Front announced that it had withdrawn its forces from the Amhara region.",
     'Change to group/activity'),
    ("Israel's military said its air defences intercepted a rocket fired from Gaza toward Ashkelon.",
     'Disrupted weapons use'),
    ('Kidnappers seized a Catholic priest from his parish in Enugu state on Sunday night.',
     'Abduction/forced disappearance'),
    ('The president met the visiting Chinese foreign minister in Brasilia on Monday.',
     'none'),
    ('Russian drones attacked energy infrastructure in the Lviv region overnight, the governor said.',
     'Air/drone strike'),
    ('Thousands of farmers clashed with police in Lahore on Monday, hurling stones during a march over crop prices. One officer died in the clashes.',
     'Violent demonstration'),
    ('Sudan and South Sudan freed 40 detainees each on Friday in an exchange brokered by Egypt, the two governments said.\n\nBoth armies have fought along the border since the war began.',
     'Agreement'),
    ('The army and the rebels agreed on Sunday to extend their truce by 60 days.\n\nSoldiers had clashed with rebel units near the border last week, killing four, despite the truce.',
     'Agreement'),
]


@pytest.fixture(scope="module")
def labels() -> list[tuple[str, str, str]]:
    opts = load_options().replace(min_words=1)
    got = []
    for text, want in EXAMPLES:
        result = process_one(document_from_text(text, published=PUBLISHED), opts)
        assert result.rejected is None, result.rejected
        got.append((text, want, document_label(rank(list(result.events)))))
    return got


def test_label_accuracy_floor(labels: list[tuple[str, str, str]]) -> None:
    right = sum(want == got for _, want, got in labels)
    wrong = [(text[:60], want, got) for text, want, got in labels if want != got]
    assert right / len(labels) >= FLOOR, wrong


def test_out_of_scope_text_is_none(labels: list[tuple[str, str, str]]) -> None:
    for text, want, got in labels:
        if want == "none":
            assert got == "none", text


def _label(text: str) -> str:
    result = process_one(document_from_text(text, published=PUBLISHED),
                         load_options().replace(min_words=1))
    return document_label(rank(list(result.events)))


def test_a_past_happening_retold_is_no_label() -> None:
    # the only ACLED event is background (a year named before publication): the note reports
    # an election, none of ACLED's events
    assert _label("Voters elected a new president on Sunday. In 2019, protesters stormed the "
                  "parliament building in the capital over fuel prices.") == "none"



def test_a_weapon_the_text_names_beats_the_model_s_reading() -> None:
    result = process_one(document_from_text(
        "Drones dropped grenades filled with a choking agent on trenches near Kupiansk on Monday.",
        published=PUBLISHED), load_options().replace(min_words=1))
    (attack,) = [e for e in result.events if e.type == "ASSAULT"]
    assert attack.acled is not None and attack.acled.sub_event_type == "Chemical weapon"
    unsure = replace(attack, scores={**(attack.scores or {}), "acled": {
        "Disrupted weapons use": 0.9, "Chemical weapon": 0.1}})
    assert label_of(unsure) == "Chemical weapon"


def test_the_model_s_sure_reading_of_no_acled_event_labels_an_arrest_none() -> None:
    result = process_one(document_from_text(
        "Police arrested a man suspected of stealing cars in Leeds on Monday.",
        published=PUBLISHED), load_options().replace(min_words=1))
    (arrest,) = [e for e in result.events if e.type == "COERCE"]
    crime = replace(arrest, acled=Acled("Strategic developments", "Arrests"),
                    scores={**(arrest.scores or {}), "acled": {"none": 0.8, "Arrests": 0.2}})
    assert label_of(crime) == "none"
    # a truce the model reads as talk keeps the rules' reading
    truce = replace(crime, type="RETREAT", acled=Acled("Strategic developments", "Agreement"))
    assert label_of(truce) == "Agreement"
    # so does a protest: ACLED counts every public demonstration
    protest = replace(crime, type="PROTEST", acled=Acled("Protests", "Peaceful protest"))
    assert label_of(protest) == "Peaceful protest"


def test_property_destroyed_in_a_killing_is_the_attack() -> None:
    """ACLED: looting or destruction within an attack is absorbed into it; alone it stays
    property destruction."""
    assert _label("Gunmen set fire to houses and killed 12 villagers in Zamfara on Monday.") \
        == "Attack"
    assert _label("Gunmen set fire to houses in Zamfara on Monday.") == \
        "Looting/property destruction"


def test_the_model_s_sure_reading_of_the_lead_names_the_document() -> None:
    """A lead says what the story reports; the model reads its whole sentence where the rules
    read one trigger. Unsure, or sure only of "Other", it leaves the label to the ranked events
    (here a later killing ranks first)."""
    result = process_one(document_from_text(
        "Students marched through the capital on Saturday. Gunmen killed three police officers "
        "in an ambush near the town on Sunday, officials said.", published=PUBLISHED),
        load_options().replace(min_words=1))
    events = list(result.events)
    lead = min(e.evidence.start for e in events)
    assert rank(events)[0].evidence.start != lead

    def read(reading: dict[str, float]) -> str:
        return document_label([replace(e, scores={**(e.scores or {}), "acled": reading})
                               if e.evidence.start == lead else e for e in events])

    assert read({"Peaceful protest": 0.9, "Protest with intervention": 0.1}) == "Peaceful protest"
    assert read({"Peaceful protest": 0.5, "Protest with intervention": 0.5}) != "Peaceful protest"
    assert read({"Other": 0.95, "Peaceful protest": 0.05}) != "Other"
    # read as background, the lead names nothing; read as current news, it names the story
    # even when the rules' event of it is not reported as happening (negated)
    sure = {"Peaceful protest": 0.9, "Protest with intervention": 0.1}
    past = [replace(e, scores={**(e.scores or {}), "acled": sure,
                               "temporal": {"background": 0.9, "current": 0.1}})
            if e.evidence.start == lead else e for e in events]
    assert document_label(past) != "Peaceful protest"
    torn = [replace(e, scores={**(e.scores or {}), "acled": sure,
                               "temporal": {"background": 0.5, "current": 0.49}})
            if e.evidence.start == lead else e for e in events]
    assert document_label(torn) == "Peaceful protest"  # not as sure as the gate's background
    (first,) = [e for e in events if e.evidence.start == lead]
    denied = replace(first, modality="negated", scores={
        **(first.scores or {}), "acled": sure, "temporal": {"current": 0.9, "background": 0.1}})
    assert document_label([denied]) == "Peaceful protest"
