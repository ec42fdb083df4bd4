"""Regions over which weapons were stopped in the air (coder/slots.py ``air_space``): the air
space of one attack, placed once in their country, as ACLED codes it; regions an attack hit are
still one event each. Sentences in our own words."""

from __future__ import annotations

import pytest

from newsevents import process


@pytest.mark.parametrize(("text", "trigger", "country"), [
    ("The air force said Russia launched 20 drones overnight and that 15 of them were shot down "
     "over the Sumy, Poltava and Kyiv regions.", "launched", "UKR"),
    ("Air defences destroyed 30 drones over the Belgorod, Kursk and Bryansk regions overnight, "
     "the ministry said.", "destroyed", "RUS"),
])
def test_regions_of_air_space_are_one_event_in_their_country(text: str, trigger: str,
                                                             country: str) -> None:
    events = [e for e in process(text, "2024-05-10") if e.evidence.trigger == trigger]
    assert len(events) == 1, [e.location for e in events]
    place = events[0].location
    assert place is not None
    assert (place.country, place.precision) == (country, "country")
    assert "air-space" in events[0].evidence.rule


def test_regions_an_attack_hit_are_one_event_each() -> None:
    events = [e for e in process("Russian drones struck the Sumy and Poltava regions overnight.",
                                 "2024-05-10") if e.evidence.trigger == "struck"]
    assert sorted(e.location.admin1 for e in events if e.location) == ["Poltava", "Sumy"]
