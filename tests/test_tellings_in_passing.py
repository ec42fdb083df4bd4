"""Tellings of one happening: told in passing in a relative, "when" or "after" clause (a fact,
and not the main telling; the same act done by one side to as many things is told again), done
to a pronoun (told again of someone named before) or by a definite noun of the act ("The
shelling damaged ..."), and of people described without a name or an age (who cannot be told
apart). Whole-pipeline checks on texts written for this project."""

from __future__ import annotations

import pytest

import newsevents
from newsevents.records import Event

PUBLISHED = "2024-05-08T10:00:00+00:00"


def _events(text: str, type_: str) -> list[Event]:
    return [e for e in newsevents.process(text, published=PUBLISHED) if e.type == type_]


def test_a_relative_clause_tells_a_fact_whatever_is_said_of_its_noun() -> None:
    text = ("Police say a robbery that killed a cashier in Leeds may have been planned for "
            "weeks.")
    (attack,) = _events(text, "ASSAULT")
    assert attack.modality == "factual"


@pytest.mark.parametrize("text, type_, main", [
    # told in a relative clause of a noun
    ("Delays hit the commuter line in Leeds on Tuesday.\n\n"
     "Police say a stabbing that killed a passenger on a train in Leeds may have started over a "
     "seat.\n\n"
     "A man has been stabbed to death on a train in Leeds, the transport police said.",
     "ASSAULT", "A man has been stabbed to death"),
    # told in a "when" clause of another act
    ("Body camera video released\n\n"
     "Prosecutors in Leeds released the video on Monday of the night when officers found the "
     "girl and arrested Webb.\n\n"
     "Officers arrested Webb in the hallway and carried the girl to safety.\n\n"
     "Webb was later convicted.",
     "COERCE", "Officers arrested Webb in the hallway"),
    # told in an "after" clause of another act, the same act to the same number of things
    ("India and Pakistan, which have come close to open war in Kashmir in recent days, traded "
     "threats after Indian forces shot down two Pakistani fighter jets.\n\n"
     "The army said on Monday that shelling went on along the frontier.\n\n"
     "On Sunday India shot down two Pakistani jets over Kotli and struck a radar site.",
     "ASSAULT", "On Sunday India shot down"),
])
def test_a_telling_in_passing_is_not_the_main_telling(text: str, type_: str, main: str) -> None:
    (event,) = [e for e in _events(text, type_) if e.evidence.trigger != "shelling"]
    assert event.evidence.sentence.startswith(main)
    assert len(event.mentions) == 2


def test_an_act_done_to_a_pronoun_is_told_of_someone_named_before() -> None:
    text = ("Police arrested a man in Leeds on Monday after a shop was robbed. The paper says he "
            "was arrested a block away from the shop.")
    (arrest,) = _events(text, "COERCE")
    assert len(arrest.mentions) == 2


def test_people_told_apart_by_name_or_age_are_two_arrests() -> None:
    text = ("Police blotter for the week\n\n"
            "The following are arrest reports as recorded by the county police.\n\n"
            "May 2: ARRESTS - Corey Inman, 38, Springfield, was arrested for retail theft.\n\n"
            "Hayley Hull, 30, Bulpitt, was arrested for retail theft.\n\n"
            "A man, 41, Pana, was arrested on an active warrant.")
    told = {e.evidence.sentence.split(",")[0] for e in _events(text, "COERCE")
            if "was arrested" in e.evidence.sentence}
    assert told == {"May 2: ARRESTS - Corey Inman", "Hayley Hull", "A man"}


def test_a_named_person_arrested_told_twice_is_one_arrest() -> None:
    text = ("Police blotter\n\n"
            "Last week, police arrested Demario Jackson, 30, in connection with an April 8 "
            "shooting in Eugene.\n\n"
            "Jackson, who was arrested in Springfield the day after the shooting, was later "
            "charged with robbery.\n\n"
            "A second suspect is still sought by the police.")
    (arrest,) = [e for e in newsevents.process(text, published="2024-04-15T10:00:00+00:00")
                 if e.type == "COERCE"]
    assert len(arrest.mentions) == 2
    assert arrest.date.start == "2024-04-09"  # the finer of the two dates: the day after
    assert any(a.text == "Demario Jackson" or a.text.endswith("Jackson") for a in arrest.recipient)


def test_two_clauses_the_parser_hung_side_by_side_tell_one_attack() -> None:
    text = ('"She locked the door, but gunmen shot through it and Rhoda was struck once in the '
            'back," investigators in Leeds said on Monday.')
    assert len(_events(text, "ASSAULT")) == 1


def test_an_act_done_to_a_pronoun_before_its_own_telling_is_that_telling() -> None:
    text = ("Live updates\n\n"
            "10 p.m.\n\n"
            "The paper says he was arrested a block away from the station.\n\n"
            "4 p.m.\n\n"
            "Transit officers searched the area and were able to arrest a suspect.")
    (arrest,) = _events(text, "COERCE")
    assert arrest.evidence.sentence.startswith("Transit officers")
    assert len(arrest.mentions) == 2


def test_the_start_of_a_going_on_happening_months_before_is_background() -> None:
    text = ("The protests began peacefully in June and have grown since. Thousands of "
            "protesters marched in the city centre on Saturday.")
    modality = {e.evidence.trigger: e.modality
                for e in newsevents.process(text, published="2019-11-19T10:00:00+00:00")}
    assert modality["protests"] == "historical"
    assert modality["marched"] == "factual"


def test_an_act_done_by_a_definite_attack_noun_tells_more_of_that_attack() -> None:
    text = ("Artillery fire hit the town of Kurakhove in Ukraine on Monday, killing three "
            "civilians, officials said. The shelling damaged a school and two shops.")
    (attack,) = _events(text, "ASSAULT")
    assert attack.evidence.trigger == "hit"
    assert len(attack.mentions) == 2
