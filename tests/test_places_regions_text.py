"""Regions the text gives (resolve/place_scan.py, resolve/places.py, coder/engine.py): a
macro-region is no town and has no country, a state's abbreviation after a town is that state,
a federal court's district is its state, a town GeoNames lacks takes the region named after it
(or that an appositive gives: "X, a town in the northern Y region"), and so wherever it is named,
a story with no dateline is told from its headline's (else its first sentence's) town, and a town
the small model reads as a person is a place when its region follows it, and the dateline's town
is never a party; two names joined by "and" that together name a region or a state are that one
place, a place told with the units it lies in ("Pahalgam, Anantnag district") is one place, and
so is "the Paris suburb of Nanterre"; "the University of Lagos" has no town called University;
"Dutch waters" and "Polish airspace" are the states as places.
Sentences in our own words."""

from __future__ import annotations

import pytest

import newsevents
from newsevents.resolve.places import get_gazetteer


def _scan(text: str, countries: tuple[str, ...] = ()) -> dict[str, object]:
    from newsevents.analyse import load_model
    from newsevents.options import load_options
    from newsevents.resolve.place_scan import scan_places

    doc = load_model(load_options().spacy_model)(text)
    return {text[m.start:m.end]: m for m in scan_places(doc, get_gazetteer(), list(countries))}


@pytest.mark.parametrize("name", [
    "the Middle East", "the Gulf", "West Africa", "the Sahel", "Central Asia", "the Balkans",
    "Latin America", "Central America", "the Levant", "sub-Saharan Africa", "southern Europe",
    "the Gulf region",
])
def test_a_macro_region_is_no_town_and_has_no_country(name: str) -> None:
    found = get_gazetteer().lookup_rule(name, countries=("USA",))
    assert found is not None and found[1] == "macro-region", found
    assert found[0].country is None and found[0].lat is None and found[0].precision == "unknown"


@pytest.mark.parametrize("name, country", [
    ("South Africa", "ZAF"), ("Central African Republic", "CAF"), ("East Timor", "TLS"),
])
def test_a_state_named_with_a_compass_word_stays_a_state(name: str, country: str) -> None:
    place = get_gazetteer().lookup(name)
    assert place is not None and place.country == country and place.precision == "country"


def test_a_macro_region_in_a_sentence_gives_no_country() -> None:
    found = _scan("Oil prices rose as tension grew across the Middle East on Monday.", ("USA",))
    m = found["the Middle East"]
    assert m.place.country is None and "macro-region" in m.rule, m


@pytest.mark.parametrize("text, town, admin1, country", [
    ("TALLAHASSEE, Fla. (AP) - Deputies arrested a driver after a chase.", "TALLAHASSEE",
     "Florida", "USA"),
    ("A jury in Springfield, Ill., convicted the former mayor on Friday.", "Springfield",
     "Illinois", "USA"),
    ("Residents of Salem, Ore., marched against the new tax.", "Salem", "Oregon", "USA"),
    ("A man from Peoria, IL, was charged with fraud.", "Peoria", "Illinois", "USA"),
    ("Hundreds rallied in Kingston, Ont., on Saturday.", "Kingston", "Ontario", "CAN"),
    ("Crews fought a grass fire near Dubbo, NSW, on Friday.", "Dubbo", "New South Wales", "AUS"),
])
def test_a_state_abbreviation_after_a_town_is_the_town_state(text: str, town: str, admin1: str,
                                                              country: str) -> None:
    found = _scan(text)
    assert (found[town].place.country, found[town].place.admin1) == (country, admin1), found[town]
    abbr = next(m for t, m in found.items() if t != town and m.place.precision == "admin1")
    assert abbr.rule.startswith("abbreviation:") and abbr.place.admin1 == admin1, abbr


def test_a_postal_code_alone_is_no_state() -> None:
    found = _scan("Officials said IN the end the plan failed.", ("USA",))
    assert not [m for m in found.values() if m.rule.startswith("abbreviation:")], found


@pytest.mark.parametrize("text, phrase, admin1", [
    ("He was charged in the Central District of California last year.",
     "Central District of California", "California"),
    ("Prosecutors in the Southern District of New York dropped the case.",
     "Southern District of New York", "New York"),
])
def test_a_court_district_of_a_state_is_that_state(text: str, phrase: str, admin1: str) -> None:
    m = _scan(text, ("USA",))[phrase]
    assert (m.place.country, m.place.admin1, m.place.precision) == ("USA", admin1, "admin1"), m
    assert m.rule.startswith("district-of-state:")


@pytest.mark.parametrize("text, town, admin1, country", [
    ("Militia fighters clashed with rebels around Kalehe, South Kivu, on Sunday.", "Kalehe",
     "South Kivu", "COD"),
    ("Gunmen raided Tamboul, Gezira state, at dawn.", "Tamboul", "Al Jazirah", "SDN"),
    ("Drones struck positions near Robotyne, Zaporizhzhia region, overnight.", "Robotyne",
     "Zaporizhzhia", "UKR"),
])
def test_a_town_the_gazetteer_lacks_takes_the_region_the_text_gives(
        text: str, town: str, admin1: str, country: str) -> None:
    m = _scan(text)[town]
    assert (m.place.country, m.place.admin1) == (country, admin1), m
    assert m.rule.endswith("region-from-text"), m


def _page(headline: str, *paragraphs: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>{headline}</title></head><body><article><h1>{headline}</h1>"
            f"{body}</article></body></html>")


def test_the_headline_town_places_a_local_event_when_there_is_no_dateline() -> None:
    page = _page("Gambling den shut down in Denver",
                 "Officers raided a back room used for illegal card games, the police said.",
                 "Four men were detained and later released.")
    events = [e for e in newsevents.process(page, published="2023-05-02T10:00:00-06:00")
              if e.type == "COERCE"]
    assert events and events[0].location is not None, events
    assert (events[0].location.name, events[0].location.admin1) == ("Denver", "Colorado")
    assert "place-from-story-town" in events[0].evidence.rule or \
        events[0].evidence.part == "headline", events[0].evidence.rule


def test_a_town_read_as_a_person_is_a_place_when_its_region_follows() -> None:
    # the small model tags "Goma" as a person; "Goma, North Kivu" says it is the town
    text = "Rebels entered Goma, North Kivu, on Monday and took the airport."
    event = next(e for e in newsevents.process(text, "2025-01-30") if e.type == "ASSAULT")
    assert event.location is not None
    assert (event.location.name, event.location.admin1) == ("Goma", "North Kivu")


def test_the_dateline_town_is_never_a_party() -> None:
    # the small model hangs "a regional official" on the dateline's town as an apposition, which
    # made "BAMENDA" an official, and every later "Bamenda" that person instead of the town
    text = ("BAMENDA, Cameroon (Agency) - Separatist fighters abducted at least 15 people, "
            "including a traditional chief and two teachers, from the Nkwen neighbourhood of "
            "Bamenda on Monday night as Cameroon marked its National Day, a regional official "
            "said on Tuesday.")
    events = newsevents.process(text, "2025-05-21")
    abduction = next(e for e in events if e.evidence.trigger == "abducted")
    assert abduction.location is not None and abduction.location.name == "Bamenda"
    assert not any(a.text == "BAMENDA" for e in events for a in (*e.actor, *e.recipient))


def test_a_town_the_gazetteer_lacks_takes_the_region_an_appositive_gives() -> None:
    from newsevents.analyse import load_model
    from newsevents.options import load_options
    from newsevents.resolve.place_scan import scan_places

    text = ("Fighters clashed with soldiers near Tinzaouaten, a small trading town in the "
            "northern Kidal region, on Monday. Aid groups said food was short in Tinzaouaten.")
    doc = load_model(load_options().spacy_model)(text)
    towns = [m for m in scan_places(doc, get_gazetteer(), ["MLI"])
             if text[m.start:m.end] == "Tinzaouaten"]
    assert [(m.place.country, m.place.admin1) for m in towns] == [("MLI", "Kidal")] * 2, towns
    assert "placed-elsewhere" in towns[1].rule


@pytest.mark.parametrize("gap, region", [
    (", a town in the northern ", True),
    (", a small farming village in eastern ", True),
    (" (", True),
    (", a stronghold of the rebels in the northern ", False),  # no place noun: not its region
    (" and ", False),
])
def test_what_may_stand_between_a_town_and_its_region(gap: str, region: bool) -> None:
    from newsevents.resolve.place_scan import _region_gap

    assert _region_gap(gap) is region


@pytest.mark.parametrize("text, name, precision", [
    ("Shelling hit Poonch in Jammu and Kashmir on Tuesday.", "Jammu and Kashmir", "admin1"),
    ("Troops were sent to Sistan and Baluchestan on Monday.", "Sistan and Baluchestan", "admin1"),
])
def test_names_joined_by_and_that_name_one_region_are_one_place(
        text: str, name: str, precision: str) -> None:
    found = _scan(text)
    assert found[name].place.precision == precision and "joined-name" in found[name].rule, found
    assert not any(t in found for t in name.split(" and ")), found


def test_a_site_no_gazetteer_knows_above_a_town_told_with_its_units_is_that_town() -> None:
    text = ("On 9 May 2025, militants fired on a patrol at the Kolahoi meadow above Pahalgam, Anantnag "
            "district, Jammu and Kashmir, killing two soldiers.")
    events = [e for e in newsevents.process(text, published="2025-05-10T10:00:00+00:00")
              if e.type == "ASSAULT"]
    assert [e.location.name if e.location else None for e in events] == ["Pahalgam"]


def test_the_town_a_suburb_is_named_by_is_no_place_of_its_own() -> None:
    events = newsevents.process("Youths torched cars in the Paris suburb of Nanterre on Tuesday "
                                "night.", published="2023-06-28T10:00:00+00:00")
    assert [e.location.name if e.location else None for e in events] == ["Nanterre"]


def test_a_university_named_for_its_town_is_no_town_called_university() -> None:
    found = _scan("Students set two buses alight outside the University of Lagos on Thursday.")
    assert "University" not in found and found["Lagos"].place.country == "NGA", found


@pytest.mark.parametrize(("text", "phrase", "country"), [
    ("Two Russian naval vessels entered Dutch waters on Monday.", "Dutch waters", "NLD"),
    ("A Russian drone crossed into Polish airspace on Sunday.", "Polish airspace", "POL"),
    ("Russia launched its largest air assault of the war on Ukrainian cities on Friday.",
     "Ukrainian cities", "UKR"),
    ("Drones struck targets deep inside Russian territory overnight.", "Russian territory", "RUS"),
])
def test_a_state_s_adjective_before_its_space_names_the_state(text: str, phrase: str,
                                                              country: str) -> None:
    found = _scan(text)
    assert found[phrase].place.precision == "country" and found[phrase].place.country == country


@pytest.mark.parametrize(("text", "water"), [
    ("Heavy artillery hit the town of Nikopol, which lies across the Dnipro river from the "
     "plant, on Monday.", "Dnipro"),
    ("Ukrainian drones hit a ferry crossing the Kerch Strait on Sunday.", "Kerch"),
])
def test_a_name_before_a_word_of_water_is_no_town(text: str, water: str) -> None:
    found = _scan(text)
    assert all(m.place.precision == "unknown" for k, m in found.items() if water in k), found


def test_a_hyphened_name_with_a_small_word_inside_is_one_name() -> None:
    found = _scan("Thousands joined the Shan-e-Mustafa rally in the city on Friday.")
    assert not any(m.place.country == "MMR" for m in found.values()), found
    assert "Port-au-Prince" in _scan("Gangs attacked a police station in Port-au-Prince.")
