"""Where and when from the whole story: the dateline's town, dated headings, the day an earlier
telling gives, the day of the act told before in the paragraph, and a region's bare name
(sentences written for these tests)."""

from __future__ import annotations

import pytest

import newsevents
from newsevents.resolve.places import get_gazetteer

PUBLISHED = "2024-03-08T09:00:00-05:00"  # a Friday


def _scan_all(text: str, countries: list[str]) -> list[tuple[str, object]]:
    from newsevents.analyse import load_model
    from newsevents.options import load_options
    from newsevents.resolve.place_scan import scan_places

    doc = load_model(load_options().spacy_model)(text)
    return [(text[m.start:m.end], m) for m in scan_places(doc, get_gazetteer(), countries)]


def _scan(text: str, countries: list[str]) -> dict[str, object]:
    return dict(_scan_all(text, countries))


@pytest.mark.parametrize("town,name,admin1", [
    ("TAYLORVILLE", "Taylorville", "Illinois"),
    ("MATTOON", "Mattoon", "Illinois"),
    ("EFFINGHAM", "Effingham", "Illinois"),
])
def test_a_capitalised_dateline_is_a_town(town: str, name: str, admin1: str) -> None:
    text = f"{town} — The following are the arrests the sheriff recorded this week."
    found = _scan(text, ["USA"])
    assert found[town].place.name == name and found[town].place.admin1 == admin1  # type: ignore[attr-defined]


@pytest.mark.parametrize("word", ["BREAKING", "UPDATE"])
def test_a_capitalised_word_that_is_no_town_stays_placeless(word: str) -> None:
    found = _scan(f"{word} — The following are the arrests the sheriff recorded this week.", ["USA"])
    assert all(m.place.precision == "unknown" for m in found.values())  # type: ignore[attr-defined]


BLOTTER = ("CLARKSVILLE — The following reports of arrests and accidents were recorded by the "
           "police department and the sheriff's office this week.\n\n"
           "March 3: ARRESTS – A woman, 30, was arrested for shoplifting. A man, 41, was "
           "arrested for trespassing.\n\n"
           "March 5: ARRESTS – A man, 22, was arrested on a warrant.")


def test_undated_items_under_a_dated_heading_take_its_day() -> None:
    events = newsevents.process(BLOTTER, published=PUBLISHED)
    trespass = next(e for e in events if "trespassing" in e.evidence.sentence)
    assert trespass.date.start == "2024-03-03", trespass.evidence.rule
    assert "date-from-heading" in trespass.evidence.rule
    assert trespass.location is not None and trespass.location.name == "Clarksville"


LEAD_THEN_DETAILS = ("Police arrested four people Monday during a drug investigation in a quiet "
                     "neighbourhood.\n\nOfficers arrested a woman, 35, after a traffic stop near "
                     "the river, a police spokesman said.")


def test_details_told_after_the_lead_take_its_day() -> None:
    events = newsevents.process(LEAD_THEN_DETAILS, published="2024-03-06T09:00:00-05:00")
    detail = next(e for e in events if "traffic stop" in e.evidence.sentence)
    assert detail.date.start == "2024-03-04"
    assert "date-from-earlier-telling" in detail.evidence.rule


def test_acts_joined_in_one_clause_share_the_date_one_of_them_takes() -> None:
    text = LEAD_THEN_DETAILS + "\n\nTwo more men were charged and arrested after the search."
    events = newsevents.process(text, published="2024-03-06T09:00:00-05:00")
    charged = next(e for e in events if e.evidence.trigger == "charged")
    arrested = next(e for e in events if e.evidence.trigger == "arrested"
                    and "Two more men" in e.evidence.sentence)
    assert "date-from-earlier-telling" in arrested.evidence.rule  # Monday, the lead's arrests
    assert charged.date.start == arrested.date.start == "2024-03-04"
    assert "date-of-joined-act" in charged.evidence.rule


def test_an_attack_by_the_other_side_is_not_dated_by_an_earlier_attack() -> None:
    text = ("Russian forces shelled the Ukrainian city of Kharkiv on Monday, Ukrainian officials "
            "said.\n\nUkrainian drones struck an oil depot in the Russian region of Belgorod, "
            "Russian officials said.")
    events = newsevents.process(text, published="2024-03-06T09:00:00+02:00")
    drones = next(e for e in events if "oil depot" in e.evidence.sentence)
    assert drones.date.start == "2024-03-06", drones.evidence.rule


def test_a_demand_told_in_the_present_is_not_dated_by_an_earlier_one() -> None:
    # the week up to publication (``surroundings.recent_week_of_present``), not Monday's date
    text = ("Unions demanded higher wages on Monday in a letter to the government.\n\n"
            "Teachers are demanding smaller classes, their union says.")
    events = newsevents.process(text, published="2024-03-06T09:00:00-05:00")
    present = next(e for e in events if "Teachers" in e.evidence.sentence)
    assert (present.date.start, present.date.end, present.date.precision) == (
        "2024-02-29", "2024-03-06", "week")
    assert "date-from-earlier-telling" not in present.evidence.rule


def test_a_bare_region_name_is_the_region_when_the_town_is_set_apart() -> None:
    text = ("Fighting spread across Idlib province as the army pushed toward Idlib city. "
            "Two soldiers were killed in Idlib, the ministry said.")
    found = _scan_all(text, ["SYR"])
    idlib = [m.place.precision for t, m in found if t == "Idlib"]  # type: ignore[attr-defined]
    assert idlib == ["city", "admin1"]  # "Idlib city", then the bare name


def test_a_bare_region_name_stays_the_town_otherwise() -> None:
    text = "Drones hit Kherson region overnight. Shelling killed two civilians in Kherson."
    found = _scan(text, ["UKR"])
    assert found["Kherson"].place.precision == "city"  # type: ignore[attr-defined]


def test_a_name_opens_with_a_town_of_the_story_or_of_some_size() -> None:
    # "Red" is a village in India: no town opens the Red Zone of Islamabad
    found = _scan("The army guarded official buildings in the capital's Red Zone and in "
                  "Islamabad's diplomatic enclave.", ["PAK"])
    assert "Red" not in found
    eugene = _scan("The man turned himself in at Eugene Police Department headquarters.", ["USA"])
    assert eugene["Eugene"].rule.startswith("town-opening-name")  # type: ignore[attr-defined]


BACKGROUND_PARAGRAPH = (
    "Soldiers attacked a rebel camp near the border on Tuesday, the army said.\n\n"
    "The camp first appeared in 2017, when families fleeing the fighting gathered at the "
    "crossing. The government closed the crossing and blocked the road to the camp.")


def test_an_undated_past_act_goes_on_in_the_year_the_sentence_before_names() -> None:
    events = newsevents.process(BACKGROUND_PARAGRAPH, published=PUBLISHED)
    closed = next(e for e in events if e.evidence.sentence.startswith("The government closed"))
    assert closed.modality == "historical" and closed.date.start == "2017-01-01"
    assert "past-of-sentence-before" in closed.evidence.rule
    attack = next(e for e in events if e.type == "ASSAULT")  # a paragraph of its own: news
    assert attack.modality == "factual" and attack.date.start == "2024-03-05"


def test_a_past_act_of_the_story_s_year_keeps_its_own_date() -> None:
    text = ("The camp was set up in January, officials said. The government closed the "
            "crossing and blocked the road to the camp.")
    events = newsevents.process(text, published=PUBLISHED)
    closed = next(e for e in events if e.evidence.sentence.startswith("The government closed"))
    assert closed.modality == "factual"
    assert "past-of-sentence-before" not in closed.evidence.rule


def test_an_undated_act_in_the_simple_past_goes_on_on_the_paragraph_s_day() -> None:
    text = ("On 11 September 2024, gunmen of two cartel factions exchanged fire in Culiacan, "
            "Sinaloa, killing 5 people. Army troops arriving at the scene detained 2 suspects.")
    events = newsevents.process(text, published="2024-09-13T09:00:00-06:00")
    arrest = next(e for e in events if e.evidence.trigger == "detained")
    assert arrest.date.start == "2024-09-11" and "date-from-paragraph" in arrest.evidence.rule


def test_a_states_decision_placed_nowhere_else_is_made_in_that_state() -> None:
    text = ("The US government on Monday extended a temporary license allowing American "
            "companies to sell to Huawei.")
    (eased,) = newsevents.process(text, published="2019-11-19")
    assert eased.type == "CONCEDE" and "decided-at-home" in eased.evidence.rule
    assert eased.location is not None
    assert (eased.location.country, eased.location.precision) == ("USA", "country")
    # a league's decision is no state's
    (banned,) = newsevents.process("The league suspended the striker for two games on Monday.",
                                   published="2019-11-19")
    assert banned.location is None


def test_a_state_body_named_by_its_region_acts_in_that_region() -> None:
    text = ("SACRAMENTO (AP) — Power was cut on Wednesday to thousands of homes in the state.\n\n"
            "The New York State Attorney General is investigating the power company, officials "
            "said on Wednesday.")
    events = newsevents.process(text, published="2019-11-20T09:00:00-08:00")
    probe = next(e for e in events if e.evidence.trigger == "investigating")
    assert "place-from-region-body" in probe.evidence.rule
    assert probe.location is not None
    assert (probe.location.admin1, probe.location.precision) == ("New York", "admin1")
    # the states people are "of" are where they come from, not a body that acts
    text = ("SACRAMENTO (AP) — Lawmakers met on Wednesday.\n\n"
            "But seven progressives, including the group’s two leaders, Ann Lee of Washington "
            "and Mark Ray of Wisconsin, are supporting the senator.")
    events = newsevents.process(text, published="2019-11-20T09:00:00-08:00")
    support = next(e for e in events if e.evidence.trigger == "supporting")
    assert "place-from-region-body" not in support.evidence.rule


def test_a_country_given_as_an_events_place_lies_at_its_centre() -> None:
    from newsevents.coder.slots import country_place
    from newsevents.geo import haversine_km

    hong_kong = country_place("HKG")
    assert (hong_kong.name, hong_kong.precision, hong_kong.feature) == \
        ("Hong Kong", "country", "PCLI")
    # a state the size of a city: its centre is a few kilometres from any point of the city
    # (Hong Kong Polytechnic University)
    assert hong_kong.lat is not None and hong_kong.lon is not None
    assert haversine_km(hong_kong.lat, hong_kong.lon, 22.3045, 114.1795) < 25
    france = country_place("FRA")
    assert france.lat is not None and france.lon is not None
    assert 42 < france.lat < 51 and -5 < france.lon < 8


def test_a_court_named_after_its_town_sits_in_that_town() -> None:
    text = ("The case was heard at Bristol Crown Court, and he was later moved to Cook County "
            "Jail. Students at Georgetown University said nothing.")
    found = _scan_all(text, ["GBR", "USA"])
    places = {said: m.place.name for said, m in found}  # type: ignore[attr-defined]
    assert places.get("Bristol") == "Bristol"
    assert "Crown" not in places and "Court" not in places
    # a university is not placed by the town its name begins with (it is not in Guyana)
    assert not any(m.place.country == "GUY" for _, m in found)  # type: ignore[attr-defined]


def test_a_courts_decision_is_made_in_the_town_it_is_named_after() -> None:
    text = ("Zoe Smith died in her flat in 2012. On Friday, Bristol Crown Court convicted a "
            "plumber of the manslaughter of the young woman, who was poisoned by a faulty boiler "
            "in her flat, the prosecution service said.")
    (verdict,) = [e for e in newsevents.process(text, published="2012-04-17")
                  if e.evidence.trigger == "convicted"]
    assert verdict.location is not None and verdict.location.name == "Bristol"
    assert "decided-at-court-town" in verdict.evidence.rule
