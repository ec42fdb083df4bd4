"""An inquiry into an attack told before looks into whoever made that attack (issue 13): "opened
an investigation into the attack on Kherson" names no party, the attack told before does.
Sentences in our own words."""

from __future__ import annotations

from newsevents import process
from newsevents.records import Event

_TWO_ATTACKS = (
    "Russian shelling killed four people at a market in Kherson on Monday, the regional "
    "governor said. Separately, Ukrainian drones struck a depot in Horlivka, officials installed "
    "by Russia said. Ukraine's prosecutors said they had opened an investigation into the attack "
    "on Kherson as a possible war crime."
)


def _inquiry(events: list[Event]) -> Event:
    return next(e for e in events if e.type == "ACCUSE" and e.evidence.trigger == "investigation")


def test_an_inquiry_into_the_attack_on_a_place_looks_into_that_attacks_side() -> None:
    inquiry = _inquiry(process(_TWO_ATTACKS, "2025-02-10"))
    assert [a.country for a in inquiry.recipient] == ["RUS"]
    assert "recipient-attacker-of-told-attack" in inquiry.evidence.rule


def test_an_inquiry_into_an_attack_no_earlier_telling_places_there_takes_no_side() -> None:
    story = _TWO_ATTACKS.replace("the attack on Kherson", "the attack on Odesa")
    inquiry = _inquiry(process(story, "2025-02-10"))
    assert "recipient-attacker-of-told-attack" not in inquiry.evidence.rule
