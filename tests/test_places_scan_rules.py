"""Place scan rules (resolve/place_scan.py): a product named after a place is no place, a street is
no town, a town followed by its region or named in a story about one region is that region's town,
and a region word before "of" makes the name a region. Sentences in our own words."""

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


@pytest.mark.parametrize("text, name", [
    ("A Chinook helicopter went down near the base in Helmand on Monday.", "Chinook"),
    ("Two Black Hawk helicopters landed at the airfield in Texas.", "Black Hawk"),
    ("Police in Ohio said a Lincoln car struck the barrier.", "Lincoln"),
    ("Farmers in Kent said a Jersey cow had escaped.", "Jersey"),
])
def test_a_name_that_modifies_a_product_noun_is_no_place(text: str, name: str) -> None:
    found = _scan(text, ("USA",))
    assert name not in found, found


def test_a_place_before_a_product_noun_that_modifies_another_noun_stays() -> None:
    found = _scan("A Kabul car bomb killed five people on Sunday.", ("AFG",))
    assert found["Kabul"].place.country == "AFG", found


def test_a_street_is_no_place() -> None:
    found = _scan("Officers stopped a van near Fifth Street and Lake Avenue on Monday.", ("USA",))
    assert not [t for t in found if "Street" in t or "Avenue" in t], found


def test_a_town_followed_by_its_state_is_that_state_town() -> None:
    found = _scan("Officers arrested two men in Columbus, Indiana, on Friday.", ("USA",))
    m = found["Columbus"]
    assert (m.place.country, m.place.admin1) == ("USA", "Indiana") and "town-of-next-region" in m.rule


def test_a_small_town_no_tagger_labels_is_known_by_the_region_named_after_it() -> None:
    # no country is known before the scan: the region the text names places the town
    found = _scan("Herders raided farms on the outskirts of Bokkos, Plateau state, late on "
                  "Wednesday.")
    m = found["Bokkos"]
    assert (m.place.country, m.place.admin1, m.place.precision) == ("NGA", "Plateau", "city"), m


def test_a_site_named_after_a_towns_possessive_is_in_that_town() -> None:
    found = _scan("A bomber struck a restaurant on Mogadishu's Lido beach on Friday.", ("SOM",))
    m = found["Lido beach"]
    assert (m.place.country, m.place.name) == ("SOM", "Mogadishu") and "site-of-town" in m.rule, m


def test_an_ambiguous_town_takes_the_region_of_the_story() -> None:
    text = ("A man was shot in Eugene on Sunday. A suspect was arrested the next day in "
            "Springfield, police said.")
    m = _scan(text, ("USA",))["Springfield"]
    assert m.place.admin1 == "Oregon" and "town-of-article-region" in m.rule, m


def test_namesake_towns_are_placed_by_their_neighbours() -> None:
    # Columbus, Ohio and Franklin, Tennessee are the largest of their names; Seymour lies
    # between a Columbus and a Franklin of Indiana, so all three are there
    found = _scan("Police in Columbus arrested a man from Franklin and a woman from Seymour on "
                  "Monday.", ("USA",))
    assert {found[t].place.admin1 for t in ("Columbus", "Franklin", "Seymour")} == {"Indiana"}
    assert "town-by-neighbours" in found["Columbus"].rule


def test_a_local_story_places_its_namesake_towns_in_the_dateline_country() -> None:
    # no country is named: the dateline's town says the story is American, so "Edinburg" is
    # not Edinburgh
    found = _scan("TAYLORVILLE - Casey Conaway, 30, of Edinburg was arrested by county "
                  "deputies for domestic battery.")
    assert found["Edinburg"].place.country == "USA", found["Edinburg"]
    assert "dateline-country" in found["Edinburg"].rule


def test_towns_whose_largest_namesakes_are_neighbours_stay() -> None:
    found = _scan("Police in Columbus arrested a man from Cleveland and a woman from Dayton.",
                  ("USA",))
    assert {found[t].place.admin1 for t in ("Columbus", "Cleveland", "Dayton")} == {"Ohio"}


def test_a_region_word_before_of_makes_the_name_a_region() -> None:
    found = _scan("Rebels attacked a patrol in the southwestern department of Narino.", ("COL",))
    assert found["Narino"].place.precision == "admin1" and found["Narino"].place.admin1 == "Nariño"


def test_a_district_of_a_city_leaves_the_city_a_town() -> None:
    found = _scan("A grenade went off in the Gottsunda district of Uppsala on Tuesday.", ("SWE",))
    assert found["Uppsala"].place.precision == "city", found


def test_a_district_no_table_knows_is_placed_at_its_town() -> None:
    found = _scan("Insurgents raided the Mocimboa da Praia district of Mozambique.", ("MOZ",))
    district = next(m for t, m in found.items() if t.startswith("Mocimboa"))
    assert district.place.precision == "city" and district.place.country == "MOZ"
    assert found["Mozambique"].place.precision == "country"


@pytest.mark.parametrize("text, phrase, town, country", [
    # (a town of some 13,000 that no tagger labels: the unit word says it is a place)
    ("Clashes broke out in rural areas of Tibú municipality, Norte de Santander.",
     "Tibú municipality", "Tibú", "COL"),
    # (Saint-Marc is also the name of a region: the commune is the town)
    ("Gang members stormed a village in Saint-Marc commune, Artibonite department.",
     "Saint-Marc commune", "Saint-Marc", "HTI"),
    ("Shelling hit the Nikopol raion overnight.", "Nikopol raion", "Nikopol", "UKR"),
])
def test_a_unit_named_after_its_town_is_placed_at_the_town(text: str, phrase: str, town: str,
                                                            country: str) -> None:
    found = _scan(text)
    place = found[phrase].place
    assert (place.name, place.precision, place.country) == (town, "city", country), found


@pytest.mark.parametrize("text, phrase, country", [
    ("Air strikes hit southern Lebanon overnight.", "southern Lebanon", "LBN"),
    ("Fighting spread across northwest Syria on Monday.", "northwest Syria", "SYR"),
    ("Shelling went on in south-eastern Ukraine.", "south-eastern Ukraine", "UKR"),
])
def test_a_direction_and_a_country_is_the_country_with_the_direction_kept(
        text: str, phrase: str, country: str) -> None:
    m = _scan(text, (country,))[phrase]
    assert (m.place.country, m.place.precision) == (country, "country"), m
    assert m.rule.endswith("+direction")


def test_a_town_named_for_a_people_is_one_place_and_no_party_of_that_people() -> None:
    found = _scan("A woman threw stones at a police inspector in Spanish Town on Friday.", ("JAM",))
    assert found["Spanish Town"].place.country == "JAM", found
    assert "Town" not in found, found
    (event,) = [e for e in newsevents.process(
        "A woman threw two stones at a police inspector outside the station in Spanish Town on "
        "Friday, one of which hit her in the head, police said.", published="2022-04-26")
        if e.type == "ASSAULT"]
    assert event.location is not None and event.location.country == "JAM"
    assert "ESP" not in {a.country for a in (*event.actor, *event.recipient)}


def test_a_district_no_table_knows_lies_in_the_region_the_article_places_lie_in() -> None:
    found = _scan("Bihar announced a lockdown in Patna and Bhagalpur on Wednesday. The lockdown "
                  "in West Champaran district will begin on Thursday.", ("IND",))
    district = found["West Champaran district"].place
    assert (district.country, district.admin1, district.precision) == ("IND", "Bihar", "admin2")
    # with no sure region in the article it stays unknown
    found = _scan("The lockdown in West Champaran district will begin on Thursday.", ("IND",))
    assert found["West Champaran district"].place.country is None
