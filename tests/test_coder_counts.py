"""Counts and places of one event: weapon statuses from verbs of attack, one count per place
when a clause pairs them, casualties told once (as fatalities), places under "the town of X".
Texts written for these tests; mentions are hand-built (the resolver is tested on its own)."""

from __future__ import annotations

from newsevents.coder.engine import code_article
from newsevents.records import Event, Quantity
from test_coder_support import article, mentions_from_spec, nlp, with_extra


def _events(text: str, spec: str, counts: list[tuple[str, Quantity]]) -> list[Event]:
    quantities = []
    for phrase, q in counts:
        s = text.index(phrase)
        quantities.append((s, s + len(phrase), q))
    mentions = with_extra(mentions_from_spec(text, spec), quantities=quantities)
    return code_article(nlp()(text), article(text), mentions, {"pipeline": "test"})


def _counts(e: Event) -> set[tuple[int, str, str | None]]:
    return {(q.count, q.item, q.status) for q in e.quantities}


def test_weapons_of_an_attack_are_launched_and_shot_down_ones_intercepted() -> None:
    text = ("Russia attacked Ukraine overnight with 90 drones. "
            "Air defences shot down 60 of the drones.")
    events = _events(text, "Russia=RUS;Ukraine=UKR", [
        ("90 drones", Quantity(count=90, item="drone", text="90 drones")),
        ("60 of the drones", Quantity(count=60, item="drone", text="60 of the drones"))])
    statuses = {q.status for e in events for q in e.quantities}
    assert (90, "drone", "launched") in set().union(*(_counts(e) for e in events))
    assert "intercepted" in statuses


def test_attack_verb_gives_no_status_to_what_is_not_a_weapon() -> None:
    text = "Rebels attacked 12 villages in the north."
    events = _events(text, "Rebels=-/REB", [
        ("12 villages", Quantity(count=12, item="village", text="12 villages"))])
    assert events and all(q.status != "launched" for e in events for q in e.quantities)


def test_each_place_keeps_its_own_count() -> None:
    text = "Police arrested 300 protesters in Lahore and 45 in Multan on Friday."
    events = _events(text, "Police=PAK/COP;@Lahore=PAK/city;@Multan=PAK/city", [
        ("300 protesters", Quantity(count=300, item="protester", text="300 protesters"))])
    by_place = {e.location.name: _counts(e) for e in events
                if e.type == "COERCE" and e.location is not None}
    assert by_place == {"Lahore": {(300, "protester", "arrested")},
                        "Multan": {(45, "protester", "arrested")}}


def test_places_without_their_own_counts_share_them() -> None:
    text = "Police arrested 300 protesters in Lahore and Multan on Friday."
    events = _events(text, "Police=PAK/COP;@Lahore=PAK/city;@Multan=PAK/city", [
        ("300 protesters", Quantity(count=300, item="protester", text="300 protesters"))])
    coerce = [e for e in events if e.type == "COERCE"]
    assert len(coerce) == 2 and all(_counts(e) == {(300, "protester", "arrested")}
                                    for e in coerce)


def test_casualties_are_fatalities_not_counts() -> None:
    text = "Gunmen destroyed three trucks near the town of Gao, killing 12 soldiers."
    events = _events(text, "Gunmen=-/UAF;12 soldiers=MLI/MIL;@Gao=MLI/city", [
        ("three trucks", Quantity(count=3, item="truck", status="destroyed", text="three trucks")),
        ("12 soldiers", Quantity(count=12, item="soldier", status="killed", text="12 soldiers"))])
    attack = next(e for e in events if e.type == "ASSAULT")
    assert attack.fatalities is not None and attack.fatalities.killed == 12
    assert all(q.status not in ("killed", "injured") for q in attack.quantities)
    assert attack.location is not None and attack.location.name == "Gao"


def test_region_around_a_named_town_is_not_a_second_event() -> None:
    text = "An air strike hit a house in Khan Younis, in the south of the Gaza Strip."
    events = _events(text, "@Khan Younis=PSE/city;@the Gaza Strip=PSE/admin1", [])
    places = [e.location.name for e in events if e.type == "ASSAULT" and e.location]
    assert places == ["Khan Younis"]
