"""An event whose trigger hangs under another event's trigger is told by it: it ranks just
below its teller, and a statement out of ACLED scope passes the document label to the
happening it tells (``ranking.told_by_another``). Whole pipeline, on sentences written for
these tests."""

from __future__ import annotations

from newsevents.coder import document_label, rank
from newsevents.coder.ranking import TOLD_BY
from newsevents.ingest import document_from_text
from newsevents.options import load_options
from newsevents.pipeline import process_one
from newsevents.records import Event

PUBLISHED = "2024-05-15T10:00:00+00:00"


def _events(text: str) -> list[Event]:
    result = process_one(document_from_text(text, published=PUBLISHED), load_options())
    assert not isinstance(result, str) and result.events is not None, result
    return rank(list(result.events))


def _told(e: Event) -> bool:
    return TOLD_BY in e.evidence.rule.split("+")


def test_an_offensive_told_as_the_cause_ranks_below_the_surrender() -> None:
    # (its count of weeks is a detail of its own: without one, the offensive is only the
    # setting of the surrender, ``absorbed.circumstance``)
    events = _events("About 300 militia fighters surrendered to the army in Ituri province on "
                     "Sunday following a two-week government offensive.")
    assert [e.type for e in events] == ["RETREAT", "ASSAULT"]
    assert not _told(events[0]) and _told(events[1])
    assert events[1].salience < events[0].salience


def test_a_blamed_strike_names_the_document() -> None:
    events = _events("Palestinian officials blamed Israel for the air strike on a school in "
                     "Rafah on Tuesday.")
    assert events[0].type == "ACCUSE" and events[0].acled is None
    strike = next(e for e in events if e.type == "ASSAULT")
    assert _told(strike) and strike.acled is not None
    assert document_label(events) == strike.acled.sub_event_type


def test_acts_told_side_by_side_are_not_told_by_each_other() -> None:
    events = _events("Police fired tear gas at the crowd and arrested 40 protesters in "
                     "Nairobi on Tuesday.")
    assert len(events) >= 2
    assert not any(_told(e) for e in events)


def test_a_noun_object_tells_what_its_verb_brings_in_but_not_its_co_objects() -> None:
    curfew = _events("The army reimposed a curfew on the town of Jenin on Friday following the "
                     "shooting of two soldiers.")
    assert [(e.type, _told(e)) for e in curfew] == [("COERCE", False), ("ASSAULT", True)]
    inquiry = _events("A French activist was put under investigation in Spain for her role in "
                      "rioting during a summit in Bilbao.")
    told = {e.evidence.trigger: _told(e) for e in inquiry}
    # (the summit, a co-object of "put", tells nothing of the investigation)
    assert (told["investigation"], told["rioting"]) == (False, True)
