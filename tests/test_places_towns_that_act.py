"""Places of issue 13 read from the parties and the dateline (coder/build_rules.py,
coder/finish.py, resolve/__init__.py): a town that is itself the actor, or the town a party is
"in" ("Police in Kaduna"), is where it acted (not a town of the attack its target is accused
of), the
dateline's town refines the region the text names, and a state named only by a word that is also
a region of the article's other country ("Georgia" in a story from the United States) is that
region; an attack told in a clause of its own keeps its place from the event whose clause holds
it. Sentences in our own words."""

from __future__ import annotations

import pytest

from newsevents import process
from newsevents.records import Event, Place


def _coded(text: str, published: str, trigger: str) -> tuple[Event, Place]:
    event = next(e for e in process(text, published) if e.evidence.trigger == trigger)
    assert event.location is not None, event.evidence.rule
    return event, event.location


def test_a_town_that_acts_is_where_it_acted() -> None:
    _, place = _coded("NEW YORK (AP) — The state ordered bars closed on Thursday. Chicago, "
                      "meanwhile, imposed a curfew on liquor sales from 9 p.m.", "2020-04-09",
                      "curfew")
    assert (place.name, place.country) == ("Chicago", "USA")


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Police in Dublin arrested a man accused of killing a woman in Cork last year.", "Dublin",
     "IRL"),
    ("Deputies in Georgia arrested a student accused of killing a man in Washington last month, "
     "police said.", "Georgia", "USA"),
])
def test_the_town_a_party_is_in_is_where_it_acted(text: str, name: str, country: str) -> None:
    _, place = _coded(text, "2024-05-10", "arrested")
    assert (place.name, place.country) == (name, country)


def test_a_region_named_without_its_town_is_refined_by_the_dateline() -> None:
    event, place = _coded("SAN ANTONIO (AP) — Deputies arrested a man wanted for a string of "
                          "burglaries in Texas on Tuesday, the sheriff's office said.",
                          "2021-06-02", "arrested")
    assert (place.name, place.admin1) == ("San Antonio", "Texas")
    assert "dateline-refines-region" in event.evidence.rule


def test_a_region_abroad_is_not_refined_by_the_dateline() -> None:
    text = ("NEW DELHI (AP) — Security forces arrested four suspected militants in the "
            "northern region of Punjab, Pakistan, on Tuesday, officials said.")
    event = next(e for e in process(text, "2021-06-02") if e.evidence.trigger == "arrested")
    assert event.location is None or event.location.name != "New Delhi"
    assert "dateline-refines-region" not in event.evidence.rule


def test_georgia_in_a_story_from_the_united_states_is_the_state() -> None:
    _, place = _coded("ATLANTA (AP) — U.S. marshals arrested a fugitive in Georgia on Monday, "
                      "federal officials said.", "2021-06-02", "arrested")
    assert (place.country, place.admin1) == ("USA", "Georgia")


def test_georgia_named_by_its_capital_stays_the_state_of_the_caucasus() -> None:
    _, place = _coded("TBILISI (Reuters) - Police in Tbilisi detained dozens of protesters "
                      "outside parliament on Monday, Georgia's interior ministry said.",
                      "2024-05-13", "detained")
    assert place.country == "GEO"


def test_an_attack_in_a_clause_of_its_own_keeps_its_place() -> None:
    text = ("ATHENS, Ga. (AP) — Deputies in Georgia arrested a student accused of killing a man in "
            "Washington last month, police said.")
    _, killing = _coded(text, "2020-09-28", "killing")
    _, arrest = _coded(text, "2020-09-28", "arrested")
    assert killing.name == "Washington"
    assert arrest.name == "Athens"
