"""Rules of the precision-rules branch (issues 11 and 13): a participle naming a party by its
state is no happening, a party named by a post it held then acted in the past, a span of years
(or a month a year before) makes a happening background, another attack's clause keeps its place, an office named after
its town is in that town, a toll over the years of a conflict is none of its happenings, a place
told with the units it lies in (or beside the sea it is on) is one place, what a protest demands
is its claim (and what it is against is not its place), and what people flee or the weeks of
protests a deal drew are no happening told. Sentences in our own words."""

from __future__ import annotations

import pytest

from newsevents import process
from newsevents.records import Event


def _events(text: str, published: str = "2024-05-20") -> list[Event]:
    return process(text, published)


def _by_trigger(events: list[Event], trigger: str) -> Event:
    return next(e for e in events if e.evidence.trigger == trigger)


def test_a_jailed_party_is_no_arrest() -> None:
    events = _events("Gunmen loyal to the sons of a jailed drug lord clashed with a rival faction "
                     "in Culiacan on Sunday.")
    assert not any(e.type == "COERCE" for e in events)
    assert any(e.type == "ASSAULT" for e in events)


def test_an_arrest_told_as_a_happening_stays() -> None:
    events = _events("Police jailed a drug lord in Culiacan on Sunday.")
    assert any(e.type == "COERCE" for e in events)


def test_a_party_of_then_acted_in_the_past() -> None:
    event = _by_trigger(_events("In June, the then home secretary approved an extradition "
                                "request from Washington.", "2019-11-20"), "approved")
    assert event.modality == "historical"


def test_a_month_a_year_before_is_background_and_one_this_year_is_news() -> None:
    told = "protesters stormed the parliament building in Nairobi after lawmakers approved taxes."
    old = _by_trigger(_events(f"Last June, {told}", "2025-06-12"), "stormed")
    new = _by_trigger(_events(f"In March, {told}", "2025-06-12"), "stormed")
    assert (old.date.start, old.modality) == ("2024-06-01", "historical")
    assert (new.date.start, new.modality) == ("2025-03-01", "factual")


def test_what_a_clause_of_a_long_past_month_brings_in_is_background() -> None:
    text = ("Prosecutors decided to reopen the case in April after the opposition leader was "
            "arrested by police in Lusaka.")
    assert _by_trigger(_events(text, "2025-11-20"), "arrested").modality == "historical"
    assert _by_trigger(_events(text, "2025-05-08"), "arrested").modality == "factual"
    roundup = _by_trigger(_events("Police arrested the opposition leader in Lusaka in April.",
                                  "2025-11-20"), "arrested")
    assert roundup.modality == "factual"


def test_a_span_of_years_is_background_and_two_weeks_are_news() -> None:
    old = _by_trigger(_events("Militants have killed thousands of civilians in the province over "
                              "the past decade."), "killed")
    new = _by_trigger(_events("Rebels have attacked the town over the past two weeks."),
                      "attacked")
    assert (old.modality, new.modality) == ("historical", "factual")


def test_a_happening_told_as_previous_is_background() -> None:
    told = "The group {} attacked a police station in the town{}."
    old = _by_trigger(_events(told.format("previously", "")), "attacked")
    new = _by_trigger(_events(told.format("also", " on Monday")), "attacked")
    assert (old.modality, new.modality) == ("historical", "factual")


def test_an_attack_in_a_clause_of_its_own_keeps_its_place_and_date() -> None:
    text = ("ATHENS, Ga. (AP) — Deputies in Georgia arrested a student accused of killing a man in "
            "Washington last month, police said.")
    events = _events(text, "2020-09-28")
    arrest, killing = _by_trigger(events, "arrested"), _by_trigger(events, "killing")
    assert killing.location is not None and killing.location.name == "Washington"
    assert arrest.location is not None and arrest.location.name == "Athens"
    # "last month" dates the killing, not the arrest: the arrest is news
    assert killing.date.start == "2020-08-01" and killing.modality == "historical"
    assert arrest.date.start != "2020-08-01" and arrest.modality == "factual"


def test_an_office_named_after_its_town_is_in_that_town() -> None:
    text = ("EUGENE, Ore. (AP) — A second suspect turned himself in at the Eugene Police "
            "Department on Monday.")
    event = _by_trigger(_events(text, "2020-04-13"), "turned")
    assert event.location is not None and event.location.name == "Eugene"


def test_a_toll_over_the_years_of_a_conflict_is_no_event_and_no_toll() -> None:
    text = ("Separatist fighters attacked a village in the North-West region on Monday night, "
            "killing four people. More than 6,000 people have been killed since the conflict "
            "broke out in 2017. The insurgency, which began in 2016, has killed thousands more "
            "in the east.")
    (attack,) = [e for e in _events(text) if e.type == "ASSAULT"]
    assert attack.evidence.trigger == "attacked"
    assert attack.fatalities is not None and attack.fatalities.killed == 4


def test_a_toll_since_a_recent_day_stays_an_event() -> None:
    events = _events("Three people have been killed in clashes in Bamenda since Sunday.")
    assert any(e.type == "ASSAULT" for e in events)


def test_a_place_told_with_the_units_it_lies_in_is_one_place() -> None:
    events = _events("On 3 May 2024, gunmen attacked farmers near Djibo, Soum province, Sahel "
                     "region, killing five. Drones hit depots in the Poltava, Cherkasy and Kyiv "
                     "regions on 4 May 2024.")
    attacks = [e for e in events if e.type == "ASSAULT"]
    near_djibo = [e for e in attacks if e.evidence.trigger == "attacked"]
    assert [e.location.name for e in near_djibo if e.location] == ["Djibo"]
    assert len([e for e in attacks if e.evidence.trigger == "hit"]) == 3


@pytest.mark.parametrize("text, type_, place", [
    # a sea beside a town is no second place
    ("KYIV, Ukraine (Agency) - A Russian drone hit an apartment block in the Black Sea port of "
     "Odesa early on Saturday, killing six people.", "ASSAULT", "Odesa"),
    # what a protest is against is not where it happened
    ("Thousands of people rallied in central Zagreb on 3 May 2024 against the handling of the "
     "bridge collapse in Split last year.", "PROTEST", "Zagreb"),
    # a part of a town the gazetteer does not know lies in the town named after it
    ("Three people were killed in an air strike in the Qalandia neighbourhood of Ramallah on "
     "3 May 2024, medics said.", "ASSAULT", "Ramallah"),
])
def test_one_event_in_the_place_it_happened(text: str, type_: str, place: str) -> None:
    events = [e for e in _events(text) if e.type == type_]
    assert [e.location.name for e in events if e.location] == [place]


def test_what_a_protest_is_told_demanding_is_its_claim_not_a_request() -> None:
    for text in ("Thousands of nurses marched through Lyon on Saturday, demanding higher wages.",
                 "Police fired tear gas at students demanding an end to job quotas in Dhaka on "
                 "Thursday."):
        assert not any(e.type == "REQUEST" for e in _events(text))
    # nor what a protest is told calling for
    assert not any(e.type == "REQUEST" for e in _events(
        "Demonstrators rioted after a peaceful demonstration calling for the removal of the "
        "president in Cairo on Monday."))
    speech = _events("The minister gave a speech in Lyon on Monday, demanding that the rebels "
                     "disarm.")
    assert any(e.type == "REQUEST" for e in speech)


@pytest.mark.parametrize("text", [
    "About 1,000 migrants began a hunger strike on Monday to protest against their deportation.",
    "Opposition parties organised a general strike that shut down Kathmandu in protest of the "
    "arrests.",
])
def test_the_protest_a_protest_act_is_done_for_is_that_act(text: str) -> None:
    assert len([e for e in _events(text) if e.type == "PROTEST"]) == 1


def test_the_wounded_are_people_not_a_happening() -> None:
    events = _events("Helicopters evacuated the wounded from the besieged town of Gorazde on "
                     "Friday.")
    assert not any(e.type == "ASSAULT" for e in events)
    assert any(e.type == "ASSAULT" for e in _events("Shelling wounded 12 people in Gorazde on "
                                                    "Friday."))


@pytest.mark.parametrize("text", [
    "The United States sped up the withdrawal of its invasion forces from Panama on Wednesday.",
    "Police seized assault rifles and ammunition in Lagos on Monday.",
])
def test_an_act_noun_that_sorts_a_weapon_or_unit_is_no_attack(text: str) -> None:
    assert not any(e.type == "ASSAULT" for e in _events(text))


@pytest.mark.parametrize("text, start, precision", [
    ("The army recaptured Wad Madani from the paramilitary force on 11 January 2025, more than "
     "a year after the paramilitary force seized it.", "2024-01-01", "year"),
    ("On 11 January 2025 the army recaptured Wad Madani from the paramilitary force, three "
     "months after the paramilitary force seized it.", "2024-10-01", "month"),
])
def test_an_act_told_a_span_before_the_main_one_is_a_retelling_of_then(
        text: str, start: str, precision: str) -> None:
    events = _events(text, "2025-01-12")
    seizure = _by_trigger(events, "seized")
    assert seizure.modality == "historical"
    assert (seizure.date.start, seizure.date.precision) == (start, precision)
    assert "span-before-main" in seizure.evidence.rule


def test_a_clause_told_a_span_before_keeps_its_own_date_words() -> None:
    events = _events("The army recaptured Wad Madani from the paramilitary force on 11 January "
                     "2025, more than a year after the paramilitary force seized it in December "
                     "2023.", "2025-01-12")
    seizure = _by_trigger(events, "seized")
    assert (seizure.modality, seizure.date.start, seizure.date.precision) == \
        ("historical", "2023-12-01", "month")


def test_what_people_flee_is_the_setting_of_their_flight() -> None:
    events = _events("The camp has taken in thousands of families who fled the fighting around "
                     "the city. Others escaped the shelling of Kharkiv on Monday.")
    assert not any(e.type == "ASSAULT" for e in events)


def test_happenings_counted_by_the_weeks_they_filled_are_none_told_here() -> None:
    events = _events("The border deal has drawn weeks of protests in the villages near Ijevan.")
    assert not any(e.type == "PROTEST" for e in events)
    # a gerund counted so is no happening either
    leaving = _events("The contractors said on Friday they were leaving the country after two "
                      "years of fighting Islamist militants alongside the army.")
    assert not any(e.type == "ASSAULT" for e in leaving)
    rally = _events("Villagers protested near Ijevan on Sunday against the border deal.")
    assert any(e.type == "PROTEST" for e in rally)


@pytest.mark.parametrize("text, trigger", [
    ("It was the first handover of land since the two countries fought two wars over the region.",
     "fought"),
    ("Prices have doubled since the army seized power.", "seized"),
])
def test_an_undated_act_a_since_clause_looks_back_to_is_background(text: str, trigger: str) -> None:
    event = _by_trigger(_events(text), trigger)
    assert event.modality == "historical"
    assert event.date is None or event.date.start != "2024-05-20"  # not the publication day


def test_a_dated_act_of_a_since_clause_stays_news() -> None:
    event = _by_trigger(_events("Fighting has continued since rebels attacked the town on "
                                "Monday."), "attacked")
    assert (event.modality, event.date.start) == ("factual", "2024-05-20")


def test_engaging_an_armed_group_is_a_clash_and_engaging_it_in_talks_is_not() -> None:
    clash = _events("Mozambican and Rwandan forces engaged an insurgent group near the town on "
                    "Monday, officials said.")
    assert [e.acled.sub_event_type for e in clash if e.type == "ASSAULT" and e.acled] == \
        ["Armed clash"]
    talks = _events("The envoy engaged the rebels in talks on a ceasefire on Monday, officials "
                    "said.")
    assert not any(e.type == "ASSAULT" for e in talks)
    # "were engaged in" tells what forces were busy with, not whom they fought
    busy = _events("Serb forces were engaged in ethnic cleansing against the population, the "
                   "government said.")
    assert "engaged" not in [e.evidence.trigger for e in busy]


def test_a_vehicle_that_strikes_something_told_as_it_is_no_attack() -> None:
    events = _events("A vehicle driven by a local man was southbound on the county road near "
                     "the bridge when it struck the back of a parked truck on Sunday.")
    assert not any(e.type == "ASSAULT" for e in events)


def test_a_toll_over_the_days_up_to_the_story_is_no_toll_of_an_act_told_before() -> None:
    events = _events("GOMA, Congo, Jan 27 (Agency) - The rebels closed in on the city over the "
                     "weekend after seizing the town of Minova last week. Thirteen peacekeepers "
                     "have been killed in the fighting in recent days, according to the U.N.",
                     "2025-01-27")
    seized = _by_trigger(events, "seizing")
    assert seized.fatalities is None or not seized.fatalities.killed


def test_calling_in_the_army_deploys_it_and_calling_in_the_evening_does_not() -> None:
    army = _events("The government called in the army to guard official buildings in the "
                   "capital on Tuesday, officials said.")
    assert [e.type for e in army if e.evidence.trigger == "called"] == ["MOBILIZE"]
    evening = _events("Residents called in the evening to complain about the noise from the "
                      "factory, officials said.")
    assert not any(e.type == "MOBILIZE" for e in evening)


def test_a_pattern_of_killings_is_no_happening_and_the_toll_is_the_killings_told() -> None:
    events = _events("The rights group said its research revealed a pattern of unlawful killings "
                     "by the security forces. At least 30 protesters in eight cities have been "
                     "killed since Friday, the group said.")
    assert all(e.evidence.trigger != "killings" for e in events)
    killed = _by_trigger(events, "killed")
    assert killed.fatalities is not None and killed.fatalities.killed == 30


def test_a_happening_named_before_another_act_and_told_nowhere_else_is_background() -> None:
    arrest = _by_trigger(_events("Following Assange's arrest in London, a lawyer for the woman "
                                 "asked for the investigation to be resumed."), "arrest")
    assert arrest.modality == "historical"
    assert "told-before-another" in arrest.evidence.rule
    # with a date of its own it is still told as news
    shooting = _by_trigger(_events("The prosecutor reopened the case after the shooting of a "
                                   "teenager on Friday."), "shooting")
    assert shooting.modality == "factual"
    # named only as what the news answers, it is no event at all (``absorbed.circumstance``)
    events = _events("The senator called the record troubling as the nation faces a reckoning "
                     "in the wake of the police killing of a man.")
    assert not any(e.evidence.trigger == "killing" for e in events)


def test_last_month_is_background_a_month_named_is_news() -> None:
    text = ("Police met protesters on Monday. Last month, a judge in Lyon rejected the mayor's "
            "appeal. In April, the government in Paris rejected the union's demands.")
    events = _events(text, "2024-05-20")
    assert _by_trigger(events, "rejected").modality == "historical"  # the month before
    later = [e for e in events if e.evidence.sentence.startswith("In April")]
    # a month named is how a roundup tells the year's developments: kept as news
    assert later and all(e.modality == "factual" for e in later)


def test_a_crowd_protesting_in_a_town_is_a_protest_not_an_official_complaint() -> None:
    # the town in the crowd's own phrase is no government that complains
    events = _events("Riot police fired tear gas to disperse students protesting fuel prices in "
                     "Accra.")
    assert _by_trigger(events, "protesting").type == "PROTEST"


@pytest.mark.parametrize("text, trigger", [
    ("Last June, protesters stormed parliament after lawmakers approved a finance bill raising "
     "taxes on bread, and the president withdrew the bill the next day.", "approved"),
    ("Last June, protesters stormed parliament after lawmakers approved a finance bill raising "
     "taxes on bread, and the president withdrew the bill the next day.", "withdrew"),
    ("The group was banned in 2019 after its members attacked a police station.", "attacked"),
])
def test_an_act_told_in_the_time_of_a_retold_one_is_of_that_past(text: str,
                                                                 trigger: str) -> None:
    event = _by_trigger(_events(text, "2025-06-12"), trigger)
    assert event.modality == "historical"
    assert "time-clause-of-the-past" in event.evidence.rule


def test_an_act_with_a_date_of_its_own_keeps_it() -> None:
    events = _events("Police arrested the mayor in 2019, and on Monday a court convicted him of "
                     "fraud.", "2024-05-15")
    assert _by_trigger(events, "convicted").modality == "factual"


def test_a_century_named_is_long_past() -> None:
    event = _by_trigger(_events("In the 14th century, raiders burned the town and killed its "
                                "monks.", "2024-05-12"), "burned")
    assert event.modality == "historical"
    assert (event.date.start, event.date.end) == ("1301-01-01", "1400-12-31")


def test_a_century_said_of_a_thing_dates_no_act() -> None:
    # "an 18th-century painting": the hyphenated century describes the painting
    event = _by_trigger(_events("Protesters attacked an 18th-century statue in the main square "
                                "on Sunday.", "2024-05-13"), "attacked")
    assert event.modality == "factual"


def test_a_past_clause_under_a_plan_keeps_its_own_time() -> None:
    """"prepared to impose martial law as street battles raged": the battles are fact, the
    martial law a plan."""
    events = _events("The interim government announced that it is prepared to impose martial law "
                     "as street battles raged in central Baghdad between insurgents and security "
                     "forces.")
    assert _by_trigger(events, "battles").modality == "factual"
    assert _by_trigger(events, "law").modality == "future"


def test_the_sides_of_a_clash_that_broke_out_are_those_between_whom() -> None:
    events = _events("Clashes broke out between police and protesters in Lagos on Tuesday.")
    clash = _by_trigger(events, "Clashes")
    assert {a.sector for a in clash.actor} == {"COP", "CVL"}


def test_an_act_in_a_since_phrase_is_the_start_of_a_time_looked_back_on() -> None:
    events = _events("The minister made her first visit to Kenya since signing a trade pact with "
                     "Nairobi.")
    assert _by_trigger(events, "signing").modality == "historical"
    assert _by_trigger(events, "visit").modality == "factual"


def test_outrage_a_happening_sparks_is_no_statement_of_anyone() -> None:
    """"voiced outrage at" is a criticism by the speaker; outrage that a killing "sparked" is
    what followed it, said by no one."""
    assert any(e.type == "ACCUSE" for e in _events(
        "Students at the national university voiced outrage at the ruling of the court on "
        "Monday, a day after the judges upheld the ban on campus rallies."))
    assert not any(e.type == "ACCUSE" for e in _events(
        "The killing of the activist outside his home in the capital on Sunday sparked outrage "
        "across the country, where he had led protests against the mining law."))


def test_a_party_named_by_an_accusation_is_no_accusation() -> None:
    text = ("U.S. Marshals in Georgia have arrested a college football player accused of killing "
            "a man in Washington, D.C., the agency said on Tuesday.")
    events = _events(text, "2020-07-28")
    assert [e.type for e in events if e.evidence.trigger == "accused"] == []
    assert [e.type for e in events if e.evidence.trigger == "arrested"] == ["COERCE"]
    # told as done, it stays
    told = _events("Prosecutors in Ohio accused the man of robbing a bank in Columbus, "
                   "officers said on Monday.", "2020-07-28")
    assert [e.type for e in told if e.evidence.trigger == "accused"] == ["ACCUSE"]


def test_a_crowd_that_disperses_of_itself_is_not_dispersed() -> None:
    """"marched to the government building and dispersed without incident": no one broke the
    march up; "was dispersed by police" and "police dispersed the crowd" are interventions."""
    calm = _events("In Batumi, several hundred people marched to the government building on "
                   "Monday and dispersed without incident.")
    assert not any(e.type == "COERCE" for e in calm)
    for text in ("The crowd in Batumi was dispersed by police on Monday night.",
                 "Riot police dispersed the crowd in Batumi on Monday night."):
        assert any(e.type == "COERCE" for e in _events(text))
