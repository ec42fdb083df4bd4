"""Roles of issue 13: a nationality on a weapon or aircraft names that state's military; a weapon
named without its owner takes no country from the place it struck; an earlier attack's actor is
not carried over to a clause that names a doer of its own."""

from __future__ import annotations

import pytest

from newsevents import process
from newsevents.records import Event
from newsevents.resolve.actor_phrase import ActorContext
from newsevents.resolve.actors import resolve_actor
from newsevents.resolve.words import is_number_word


def _events(text: str) -> list[Event]:
    return process(text, "2025-03-04")


def _by_trigger(events: list[Event], trigger: str) -> Event:
    return next(e for e in events if e.evidence.trigger == trigger)


@pytest.mark.parametrize(("text", "country"), [
    ("two Syrian planes", "SYR"),
    ("Russian airstrikes", "RUS"),
    ("Turkish shelling", "TUR"),
    ("an Israeli air strike", "ISR"),
])
def test_a_nationality_on_a_weapon_names_that_states_military(text: str, country: str) -> None:
    res = resolve_actor(text)
    assert res is not None
    assert (res.actor.country, res.actor.sector) == (country, "MIL")


def test_a_passenger_plane_is_no_military() -> None:
    res = resolve_actor("a Malaysian passenger plane")
    assert res is not None and res.actor.sector == "CVL"


def test_the_shooter_is_actor_and_the_planes_state_the_recipient() -> None:
    shot = _by_trigger(_events("Turkey shot down two Syrian planes over the border on Sunday."),
                       "shot")
    assert [a.country for a in shot.actor] == ["TUR"]
    assert [(a.country, a.sector) for a in shot.recipient] == [("SYR", "MIL")]


def test_the_agent_of_a_passive_is_the_actor() -> None:
    killed = _by_trigger(_events("Nine farmers were killed by Russian airstrikes on Tuesday."),
                         "killed")
    assert [(a.country, a.sector) for a in killed.actor] == [("RUS", "MIL")]


def test_a_number_word_opening_a_sentence_is_no_name() -> None:
    assert is_number_word("Twelve") and is_number_word("Dozens") and not is_number_word("Kyiv")
    context = ActorContext(main_countries=("RUS",), nearby_countries=("RUS",))
    res = resolve_actor("Twelve civilians", context)
    assert res is not None and res.actor.country is None


def test_a_weapon_without_its_owner_takes_no_country_from_where_it_struck() -> None:
    hit = _by_trigger(_events("A drone hit a school in Kharkiv on Tuesday."), "hit")
    assert [a.country for a in hit.actor] == [None]
    assert "actor-weapon-owner-unknown" in hit.evidence.rule


def test_a_clause_with_its_own_doer_keeps_it() -> None:
    events = _events("Rebels attacked an army convoy near the pass on Monday, killing four "
                     "soldiers. The rebels also accused the army of killing five herders in a "
                     "drone strike on a well on Sunday.")
    killing = next(e for e in events if e.evidence.trigger == "killing"
                   and "herders" in e.evidence.sentence)
    assert [a.text for a in killing.actor] == ["the army"]
    assert "no-carry:own-party" in killing.evidence.rule


@pytest.mark.parametrize(("text", "trigger", "whom"), [
    # the conjoined passive shares its first verb's "was" and subject
    ("Two men were arrested in Leeds on Monday and later charged with theft.", "charged",
     "Two men"),
    # an active first verb lends its subject to the conjoined passive
    ("The man turned himself in at police headquarters in Eugene and was charged with murder.",
     "charged", "The man"),
])
def test_a_conjoined_passive_is_done_to_the_shared_subject(text: str, trigger: str,
                                                           whom: str) -> None:
    event = _by_trigger(_events(text), trigger)
    assert any(whom in (a.text or "") or (a.text or "") in whom for a in event.recipient), \
        event.recipient
