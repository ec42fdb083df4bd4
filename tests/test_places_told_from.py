"""Where an event happened when the text gives it from somewhere else (coder/slots.py,
coder/build_rules.py, resolve/place_scan.py): a town the place is told from ("on a road east of
Qamishli", "about 20 km from the town of Tillaberi") places the event when its clause names no
place of its own, but not beside one ("the Tarmiyah district north of Baghdad"); a target town
beats a setting that names only its country ("took control of Goma, the largest city in eastern
Congo"), and so does a town the clause names; a name the small model reads as a person is a place
after a compass word ("west of Khan Younis") or before an appositive with a place noun ("Wad
Madani, the capital of Gezira state"); "the town", with no name of its own, is the town named
before it as a town ("Bhamo, a trading town"), and "a town" the lead leaves unnamed the one town
named later; a place whose history is named ("in Serbia's
recent history") says when, not where; an act spread over the country ("nationwide", "across
the country") is placed in the country, not in the dateline's town. Texts in our own words."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsevents


def _place_of(text: str, published: str, trigger: str) -> tuple[str | None, str | None]:
    events = [e for e in newsevents.process(text, published=published)
              if e.evidence.trigger == trigger]
    assert events, [e.evidence.trigger for e in newsevents.process(text, published=published)]
    loc = events[0].location
    return (loc.name, loc.country) if loc is not None else (None, None)


@pytest.mark.parametrize(("text", "trigger", "name", "country"), [
    ("ERBIL, Iraq, Jan 14 - A drone struck a truck on a road east of Qamishli on Sunday, "
     "killing two fighters, a monitor said.", "struck", "Al Qāmishlī", "SYR"),
    ("NIAMEY, March 21 - Five soldiers died on Thursday when their truck hit a landmine about "
     "20 km from the town of Tillaberi, the army said.", "hit", "Tillabéri", "NER"),
    ("CAIRO, Dec 5 - Air strikes on a camp west of Khan Younis killed 12 people on Wednesday, "
     "medics said.", "killed", "Khān Yūnis", "PSE"),
    ("BUKAVU, Congo, Feb 16 - Rebels backed by foreign troops said on Monday they had taken "
     "control of Bukavu, the largest city in eastern Congo.", "taken", "Bukavu", "COD"),
    # a name the small model reads as a person, before an appositive with a place noun
    ("The army said on Saturday it had recaptured Wad Madani, the capital of Gezira state, "
     "from the paramilitary.", "recaptured", "Wad Medani", "SDN"),
    # ... read by the parser as a second subject of the verb: the object
    ("PORT SUDAN, Sudan - Sudan's army said on Saturday it had recaptured Wad Madani, the "
     "capital of Gezira state, from the paramilitary, a year after the paramilitary overran the "
     "city and forced thousands of people to flee.", "recaptured", "Wad Medani", "SDN"),
    # a setting that names only the country, and the town in the clause
    ("Dozens of migrants were deported from Arizona in the US on Monday, officials said.",
     "deported", "Arizona", "USA"),
])
def test_a_town_the_event_is_told_from_or_aimed_at_places_it(
        text: str, trigger: str, name: str, country: str) -> None:
    assert _place_of(text, "2025-03-21T10:00:00+00:00", trigger) == (name, country)


def test_a_town_that_only_says_where_a_named_place_lies_does_not_place_the_event() -> None:
    text = ("BAGHDAD, Feb 8 - Army engineers defused three roadside bombs in the Tarmiyah "
            "district north of Baghdad on Wednesday, the army said.")
    events = newsevents.process(text, published="2024-02-08T10:00:00+00:00")
    places = {e.location.text for e in events if e.evidence.trigger == "defused" and e.location}
    assert places and "Baghdad" not in places, places


def test_the_town_told_again_is_the_town_named_before_it() -> None:
    text = ("YANGON, Dec 12 - Fighting has moved to Bhamo, a trading town in Kachin state. Jets "
            "bombed rebel positions around the town's hospital on Wednesday, residents said.")
    assert _place_of(text, "2024-12-12T10:00:00+00:00", "bombed") == ("Bhamo", "MMR")


def test_a_town_the_lead_leaves_unnamed_is_the_one_town_named_later() -> None:
    text = ("Government troops entered parts of a strategic rebel-held town on Tuesday, "
            "residents said.\n\nA reporter in the town of Kafr Nabl said soldiers were searching "
            "houses.")
    assert _place_of(text, "2024-12-12T10:00:00+00:00", "entered") == ("Kafranbel", "SYR")


def test_a_place_whose_history_is_named_says_when_not_where() -> None:
    text = ("Crowds filled the streets of Novi Sad on Saturday in one of the largest protests in "
            "Serbia's recent history.")
    assert _place_of(text, "2025-03-15T18:00:00+00:00", "protests") == ("Novi Sad", "SRB")


@pytest.mark.parametrize(("text", "published"), [
    ("DHAKA, Aug 5 (Agency) - Protesters torched police stations nationwide on Monday.",
     "2024-08-05T20:00:00+00:00"),
    ("PARIS, June 30 (Agency) - Rioters torched cars across the country for a third night on "
     "Friday.", "2023-06-30T20:00:00+00:00"),
])
def test_an_act_spread_over_the_country_is_placed_in_the_country(text: str,
                                                                 published: str) -> None:
    events = newsevents.process(text, published=published)
    assert events and all(e.location is not None and e.location.precision == "country"
                          for e in events), [(e.evidence.trigger, e.location) for e in events]


def test_an_act_at_the_border_is_not_in_the_town_the_story_was_filed_from() -> None:
    events = newsevents.process(
        "COTONOU, Benin (Agency) - Militants killed 28 soldiers in an assault on two army "
        "positions near the border with Niger on Wednesday, the army said.",
        published="2025-01-10T12:00:00+00:00")
    (attack,) = [e for e in events if e.type == "ASSAULT"]
    assert attack.location is not None
    assert (attack.location.country, attack.location.precision) == ("BEN", "country")


def test_a_town_the_text_names_beats_the_border() -> None:
    events = newsevents.process(
        "COTONOU, Benin (Agency) - Militants killed 28 soldiers near the border town of "
        "Malanville on Wednesday, the army said.", published="2025-01-10T12:00:00+00:00")
    (attack,) = [e for e in events if e.type == "ASSAULT"]
    assert attack.location is not None and attack.location.name == "Malanville"


def test_a_where_clause_on_a_description_happens_in_the_name_described() -> None:
    events = newsevents.process(
        "The latest front is Bhamo, a trading town on the Irrawaddy River in Kachin state, where "
        "rebels and government troops battled inside the town on Wednesday.",
        published="2024-12-12T12:00:00+00:00")
    (battle,) = [e for e in events if e.evidence.trigger == "battled"]
    assert battle.location is not None and battle.location.name == "Bhamo"
    # the state the "where" clause hangs on is where, not whom the battle was against
    assert "Kachin state" not in [a.text for a in battle.recipient]


def test_a_town_the_target_names_inside_the_region_of_the_setting_places_the_attack() -> None:
    article = Path(__file__).resolve().parents[1] / "examples" / "articles" / \
        "daily-meridian-2025-02-10-kherson-shelling.txt"
    events = newsevents.process(article.read_text(encoding="utf-8"))
    (hit,) = [e for e in events if "Nikopol" in e.evidence.sentence and e.type == "ASSAULT"]
    assert hit.location is not None and hit.location.name == "Nikopol"


def test_what_a_crowd_is_angry_at_is_not_where_it_acted() -> None:
    events = newsevents.process(
        "In Kinshasa on 28 January, protesters angry at the fall of Goma attacked the embassies "
        "of France and Belgium, witnesses said.", published="2025-01-29T12:00:00+00:00")
    attacks = [e for e in events if e.evidence.trigger == "attacked"]
    assert attacks and all(e.location is not None and e.location.name == "Kinshasa"
                           for e in attacks), [(e.location) for e in attacks]


@pytest.mark.parametrize(("text", "published", "trigger", "name"), [
    # a statement about a border is made where the story was filed
    ("NIAMEY, Niger (Agency) - The ministry blamed fighters of a group that is active near the "
     "borders with Mali for the ambush on Tuesday.", "2025-03-22T12:00:00+00:00", "blamed",
     "Niamey"),
    # a part of the capital no gazetteer knows is in the story's town
    ("ISLAMABAD (Agency) - The government called in the army to guard official buildings in the "
     "capital's Red Zone on Tuesday, officials said.", "2024-11-26T12:00:00+05:00", "called",
     "Islamabad"),
])
def test_an_act_placed_by_the_story_s_town(text: str, published: str, trigger: str,
                                           name: str) -> None:
    assert _place_of(text, published, trigger)[0] == name


def test_the_source_s_place_is_not_where_it_happened() -> None:
    """"..., according to a statement from the army in Bamako": where the source speaks from."""
    text = "Rebels attacked the town of Kidal on Monday, according to a statement from the army in Bamako."
    assert _place_of(text, "2024-03-05", "attacked") == ("Kidal", "MLI")
    told = ("Serb forces were engaged in ethnic cleansing in Montenegro against the Albanian "
            "population of the province, according to the US government.")
    events = newsevents.process(told, published="2024-03-05")
    assert [e.location.country for e in events if e.location] == ["MNE"]  # not one in the US too
