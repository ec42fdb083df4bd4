"""Days told by reference to another ("the same day", the dateline's filing day) and people
counted beside a first victim. Sentences are our own."""

from __future__ import annotations

import pytest

from newsevents import process
from newsevents.options import load_options
from newsevents.records import Event

RULES = load_options(overrides={"sentence_model": False, "min_words": 1})


def _events(text: str, published: str) -> list[Event]:
    return process(text, published=published, options=RULES)


@pytest.mark.parametrize("text, published, expected", [
    ("Clashes broke out on 3 March 2024 between two militias near Kidal. The same day, gunmen "
     "shot dead a trader at the market in Kidal.", "2024-03-05", "2024-03-03"),
    ("Troops raided a camp outside Garissa on 9 June 2023. The next day, militants ambushed a "
     "convoy near Wajir.", "2023-06-12", "2023-06-10"),
    ("Police arrested a mayor in Izmir on 2 May 2025. That evening, hundreds marched on the town "
     "hall in Ankara.", "2025-05-03", "2025-05-02"),
])
def test_a_day_told_as_the_same_or_next_day_takes_the_day_before_it(
        text: str, published: str, expected: str) -> None:
    last = next(e for e in _events(text, published)
            if e.evidence.start > text.index(". "))
    assert last.date.start == expected


def test_the_datelines_filing_day_is_not_the_day_of_the_happening() -> None:
    text = ("KABUL, Sept 12 (Agency) - A roadside bomb hit a police vehicle in Kandahar on "
            "Wednesday, killing three officers, officials said.")
    events = _events(text, "2024-09-12")  # a Thursday
    assert events and all(e.date.start == "2024-09-11" for e in events)


def test_a_second_victim_named_with_a_possessive_is_counted() -> None:
    events = _events("Gunmen shot dead a shopkeeper and his son in Maiduguri on Monday, "
                     "police said.", "2024-02-06")
    assert events[0].fatalities is not None and events[0].fatalities.killed == 2


@pytest.mark.parametrize("text, killed", [
    ("A mob beat two suspected thieves to death in Kisumu on Sunday.", 2),
    ("Villagers stopped a bus carrying four suspected kidnappers near Jos on Friday, dragged them "
     "out and burned them to death.", 4),
])
def test_put_to_death_counts_the_people_told_before(text: str, killed: int) -> None:
    events = _events(text, "2024-02-06")
    assert any(e.fatalities is not None and e.fatalities.killed == killed for e in events)


def test_each_sentence_counts_its_own_people_put_to_death() -> None:
    from newsevents.analyse import load_model
    from newsevents.resolve.quantities import parse_quantities

    text = ("Villagers stopped a bus carrying four suspected kidnappers near Jos on Friday and "
            "burned them to death. In Bauchi on Saturday, a mob caught two suspected thieves "
            "and burned them to death.")
    found = parse_quantities(load_model(RULES.spacy_model)(text))
    assert sorted(m.quantity.count for m in found if m.quantity.status == "killed") == [2, 4]
