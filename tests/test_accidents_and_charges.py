"""A road accident is no attack; the offence an arrest is for is no event of its own; a
subheading and the paragraph under it tell one happening; "after an outbreak killed ..." has
the outbreak for its subject; "a kidnapping gang" is a gang, not a kidnapping; what a ban forbids
did not happen; what a signed deal pledges is its terms; what a protest is against is its
cause. Whole-pipeline
checks on texts written for this project."""

from __future__ import annotations

import newsevents
from newsevents.analyse import load_model
from newsevents.coder import syntax
from newsevents.options import load_options
from newsevents.records import Event

PUBLISHED = "2024-05-08T10:00:00+00:00"


def _events(text: str) -> list[Event]:
    return list(newsevents.process(text, published=PUBLISHED))


def test_a_vehicle_that_strikes_something_is_an_accident_not_an_attack() -> None:
    text = ("A driver lost control of her car on Route 9 on Tuesday, striking a concrete pillar. "
            "Later a pickup truck struck the rear end of a parked van. Gunmen struck a police "
            "checkpoint outside the town on Tuesday, killing two officers.")
    attacks = [e for e in _events(text) if e.type == "ASSAULT"]
    assert [e.evidence.trigger for e in attacks] == ["struck"]
    assert attacks[0].fatalities is not None and attacks[0].fatalities.killed == 2


def test_a_vehicle_that_strikes_a_bomb_is_still_an_attack() -> None:
    text = "Five soldiers died on Thursday when their vehicle struck a roadside bomb near Tillaberi."
    (attack,) = [e for e in _events(text) if e.type == "ASSAULT"]
    assert attack.mode == "explosives"


def test_a_death_in_a_road_crash_is_no_killing() -> None:
    text = ("A 15-year-old driver was killed in a crash with a lorry on the ring road on Monday. "
            "Two passengers were killed in a collision near the port.")
    assert [e for e in _events(text) if e.type == "ASSAULT"] == []


def test_the_offence_of_an_arrest_is_part_of_the_arrest() -> None:
    text = ("A man, 34, was arrested for aggravated assault and criminal damage on Friday. A "
            "woman was charged with violating an order of protection.")
    events = _events(text)
    assert {e.type for e in events} <= {"COERCE", "ACCUSE"}
    assert any(e.type == "COERCE" for e in events)


def test_the_act_threatened_in_an_offence_is_part_of_the_verdict() -> None:
    events = _events("A Leeds man was convicted of threatening to kill a judge at the crown "
                     "court on Tuesday.")
    assert [(e.type, e.evidence.trigger) for e in events] == [("SANCTION", "convicted")]


def test_what_a_plea_answers_is_the_offence_not_a_happening_or_a_request() -> None:
    events = _events("A Leeds man pleaded guilty on Tuesday to assaulting a police officer "
                     "during a protest outside the town hall.")
    assert [(e.type, e.evidence.trigger) for e in events] == []


def test_a_subheading_and_its_paragraph_tell_one_happening() -> None:
    text = ("Kenya: the day in brief\n\nNairobi was calm on Sunday, and the markets opened as "
            "usual across the country after a long weekend of rain.\n\n"
            "Opposition delegation meets Kenyan president\n\n"
            "An opposition delegation led by Raila Odinga met President William Ruto at State "
            "House in Nairobi on Sunday. The two sides said they would meet again.\n\n"
            "Teachers protest in Kisumu\n\n"
            "Hundreds of teachers marched through Kisumu on Sunday to demand unpaid wages.")
    meetings = [e for e in _events(text) if e.type == "CONSULT"
                and e.modality == "factual"]
    assert len(meetings) == 1
    assert "Nairobi" in meetings[0].evidence.sentence
    assert "subheading" in meetings[0].evidence.rule
    (march,) = [e for e in _events(text) if e.type == "PROTEST"]
    assert march.evidence.sentence.startswith("Hundreds of teachers marched")


def test_what_a_subheading_is() -> None:
    nlp = load_model(load_options().spacy_model)
    doc = nlp("Top news\n\nDelegation meets the president\n\nThe delegation met the "
              "president on Sunday.\n\nA short sentence.\n\n")
    found = {s.text.strip(): syntax.subheading(s) for s in doc.sents}
    assert found == {"Top news": True, "Delegation meets the president": True,
                     "The delegation met the president on Sunday.": False,
                     "A short sentence.": False}


def test_a_past_verb_after_a_conjunction_read_as_a_preposition_has_its_noun_for_subject(
) -> None:
    nlp = load_model(load_options().spacy_model)
    doc = nlp("Travellers were left stranded after an outbreak of plague killed a couple.")
    killed = next(t for t in doc if t.text == "killed")
    subject = syntax.subject(killed)
    assert subject is not None and subject.text == "outbreak"


def test_an_attack_that_backs_a_clause_is_the_backers_part_in_it() -> None:
    text = ("Backed by Russian air strikes and artillery fire, government troops retook two "
            "villages north of Hama on Sunday. Russian air strikes hit a market in Idlib on "
            "Monday, killing four people.")
    attacks = [e for e in _events(text) if e.type == "ASSAULT"]
    assert sorted(e.evidence.trigger for e in attacks) == ["hit", "retook"]


def test_a_party_described_by_its_fighting_is_no_fight_told() -> None:
    text = ("Iran, which has armed militias fighting the government for much of the war, sent "
            "its foreign minister to Baghdad on Monday for talks.")
    assert [e for e in _events(text) if e.type == "ASSAULT"] == []


def test_a_person_found_wounded_is_whom_the_act_was_done_to() -> None:
    text = "Rafael Ortiz was found badly wounded behind a warehouse in Fresno on Tuesday."
    (attack,) = [e for e in _events(text) if e.type == "ASSAULT"]
    assert [a.text for a in attack.recipient] == ["Rafael Ortiz"]


def test_an_undated_retelling_of_a_dated_background_attack_is_that_attack() -> None:
    text = ("Dale Pruitt, 41, was charged on Wednesday with murder in the January 3 shooting of "
            "Kevin Marsh, 29, in Fresno. Marsh was found fatally wounded in a parking lot off "
            "Blackstone Avenue, police said.")
    attacks = [e for e in _events(text) if e.type == "ASSAULT"]
    assert [(e.date.start, e.modality) for e in attacks] == [("2024-01-03", "historical")]
    assert len(attacks[0].mentions) == 2


def test_a_gang_named_for_its_crime_is_no_crime_told() -> None:
    text = ("Police in Lagos arrested 12 suspected members of a kidnapping gang on Monday, a "
            "spokesman said.")
    events = newsevents.process(text, published="2025-05-14T18:00:00+01:00")
    assert [e.evidence.trigger for e in events] == ["arrested"]


def test_a_person_shot_with_no_armed_role_is_a_civilian_attacked() -> None:
    text = "Rafael Ortiz, 34, was shot in the leg outside his home in Fresno on Tuesday."
    (attack,) = [e for e in newsevents.process(text, published="2025-05-14T18:00:00+01:00")
                 if e.type == "ASSAULT"]
    assert attack.acled is not None and attack.acled.sub_event_type == "Attack"


def test_a_date_the_parser_made_a_subject_is_not_who_struck() -> None:
    # a police blotter's entry: the parser gives "was" two subjects, the date and the vehicle
    text = ("The following are the reports recorded by the county police. October 22: ACCIDENT – "
            "A vehicle driven by Tom Ray, no age or address reported, was southbound on Mill Road "
            "in Pana Township when it struck the back of a vehicle, which was parked off the road.")
    events = newsevents.process(text, published="2019-10-25")
    assert not any(e.type == "ASSAULT" for e in events)


def test_a_modal_made_a_noun_is_no_demand() -> None:
    text = ("The coach spoke on Friday. It is a must-win game for the Lakers on Sunday, and the "
            "new phone is a must-have for students. Her first post is a must read for everyone. "
            "The league must punish the club, the mayor said.")
    events = newsevents.process(text, published="2024-05-17")
    demands = [e for e in events if e.type == "REQUEST"]
    assert [e.evidence.trigger for e in demands] == ["must"]
    assert demands[0].evidence.sentence.startswith("The league must")


def test_what_a_modal_demands_be_imposed_is_not_imposed() -> None:
    events = _events("Opposition MPs said ministers should impose restrictions only after a vote.")
    assert [e.type for e in events] == ["REQUEST"]


def test_a_joined_clause_with_its_own_subject_is_an_act_of_its_own() -> None:
    events = _events("Japan's foreign minister met his Chinese counterpart in Beijing on "
                     "Wednesday, and the two sides agreed to hold an economic dialogue next year.")
    assert sorted(e.type for e in events) == ["AGREE", "CONSULT"]
    # what a joined clause reports is still the first verb's content
    told = _events("Bosnia and Slovenia agreed to a ceasefire after two days of fighting but "
                   "media reports said sporadic clashes were still continuing.")
    assert [e.type for e in told] == ["AGREE"]


def _triggers(text: str) -> list[str]:
    """The trigger words of the events ``process`` codes in ``text``, sorted."""
    return sorted(e.evidence.trigger for e in newsevents.process(text, published="2024-05-17"))


def test_a_question_asks_and_tells_no_happening() -> None:
    """A word of a question tells nothing, and asking one is no request; an act told before a
    quoted question stays ("arrested", before the reporter's question)."""
    text = ("The council met on Monday. Animals or pets allowed? \u201cAre people to suspend "
            "their lives for that length of time?\u201d he said. A reporter asked Smith, "
            "\u201cDid police arrest the men?\u201d Police arrested two men on Monday, and a "
            "reporter then wondered, \u201cWill they be charged?\u201d")
    assert _triggers(text) == ["arrested", "met"]


def test_a_word_of_a_name_tells_no_happening() -> None:
    text = ("Police arrested two reporters in Minsk on Monday. The Committee to Protect "
            "Journalists condemned the arrests on Tuesday. NASA plans to fly its Volatiles "
            "Investigating Polar Exploration Rover in 2022.")
    assert _triggers(text) == ["arrested", "condemned"]


def test_a_greeting_is_no_welcome_of_a_party() -> None:
    text = ("Hello and welcome to the live coverage of Match 14 of the IPL 2020 between Chennai "
            "Super Kings and Sunrisers Hyderabad at Dubai International Stadium in Dubai. The "
            "minister welcomed the ceasefire on Monday.")
    events = newsevents.process(text, published="2024-05-17")
    assert [e.evidence.sentence.startswith("The minister") for e in events
            if e.type == "SUPPORT"] == [True]


def test_what_a_ban_forbids_did_not_happen() -> None:
    text = ("The governor of Izmir banned all demonstrations in the city for four days. Police "
            "prohibited rallies near the port.")
    events = _events(text)
    assert not [e for e in events if e.type == "PROTEST"], events
    assert [e.evidence.trigger for e in events if e.type == "COERCE"] == ["banned", "prohibited"]


def test_what_a_signed_deal_pledges_is_part_of_the_signing() -> None:
    text = ("Leaders of two herding communities signed a peace agreement in Rumbek on Monday, "
            "pledging to return stolen cattle.")
    events = _events(text)
    assert [e.type for e in events] == ["SUPPORT"], events


def test_what_a_protest_is_against_is_its_cause() -> None:
    text = "Thousands protested in Nairobi on Tuesday against the killing of a blogger in custody."
    events = _events(text)
    assert [e.type for e in events] == ["PROTEST"], events
