"""Acronyms an article defines ("the paramilitary Rapid Support Forces (RSF)"), or uses after
spelling out a name the tables know, mean, in that article, what they were defined for
(resolve/acronyms.py, resolve/actor_scan.py). Sentences in our own words."""

from __future__ import annotations

import pytest

from newsevents.resolve.acronyms import defined_acronyms, spelled_acronyms


@pytest.mark.parametrize(("text", "acronym", "name"), [
    ("fighters of the Kachin Independence Army (KIA) attacked", "KIA", "Kachin Independence Army"),
    ("the paramilitary Rapid Support Forces (RSF) said", "RSF", "Rapid Support Forces"),
    # initials in another order: the name's acronym in its own language
    ("the Azawad Liberation Front (FLA) said", "FLA", "Azawad Liberation Front"),
    ("the Democratic Forces for the Liberation of Rwanda (FDLR) said", "FDLR",
     "Democratic Forces for the Liberation of Rwanda"),
])
def test_an_acronym_in_brackets_names_the_words_before_it(text: str, acronym: str,
                                                          name: str) -> None:
    assert defined_acronyms(text)[acronym] == name


def test_brackets_that_do_not_spell_the_words_define_nothing() -> None:
    assert defined_acronyms("Prime Minister Kobakhidze (GD) spoke") == {}
    assert defined_acronyms("talks in Geneva (AP) ended") == {}


def test_a_defined_acronym_is_the_party_it_was_defined_for() -> None:
    # "RSF" alone is Reporters Without Borders in the actor table
    from newsevents.analyse import load_model
    from newsevents.options import load_options
    from newsevents.resolve import scan_actors

    text = ("Sudan's army said the paramilitary Rapid Support Forces (RSF) shelled a camp near "
            "El Fasher. The RSF denied targeting civilians.")
    doc = load_model(load_options().spacy_model)(text)
    found = {text[m.start:m.end]: m.actor for m in scan_actors(doc)}
    assert (found["The RSF"].country, found["The RSF"].sector) == ("SDN", "REB")
    assert found["the paramilitary Rapid Support Forces"].country == "SDN"


def test_an_acronym_used_after_its_name_is_spelled_out_is_that_name() -> None:
    text = "Fighters of the Rapid Support Forces shelled the camp. The RSF denied it. The UN said."
    assert spelled_acronyms(text) == {"RSF": "Rapid Support Forces"}


def test_an_acronym_means_a_spelled_name_only_when_the_tables_know_it() -> None:
    from newsevents.analyse import load_model
    from newsevents.options import load_options
    from newsevents.resolve import scan_actors

    nlp = load_model(load_options().spacy_model)
    text = ("The paramilitary Rapid Support Forces shelled a camp near El Fasher on Monday. "
            "The RSF denied targeting civilians.")
    found = {text[m.start:m.end]: m.actor for m in scan_actors(nlp(text))}
    assert (found["The RSF"].country, found["The RSF"].sector) == ("SDN", "REB")
    # a name the tables do not know says no more than the acronym: the press freedom group
    # keeps its acronym where no known name was spelled out before it
    other = "Reporters gathered in Paris. The RSF condemned the arrest of a journalist."
    found = {other[m.start:m.end]: m.actor for m in scan_actors(nlp(other))}
    assert found["The RSF"].sector == "JRN"

