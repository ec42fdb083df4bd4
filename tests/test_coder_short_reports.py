"""Rules seen on short reports: a toll told in the sentence after an attack is that attack's toll
(tolls.fold_outcome), the lead's event ranks first, a month name is no protest march, and an
event's place may come from further down its sentence or from the dateline. Runs the whole
pipeline (extract, resolve, code) on texts written for this project."""

from __future__ import annotations

from newsevents.coder import document_label, rank
from newsevents.ingest import document_from_text
from newsevents.options import load_options
from newsevents.pipeline import process_one
from newsevents.records import Event

PUBLISHED = "2024-05-15T10:00:00+00:00"


def _events(text: str) -> list[Event]:
    result = process_one(document_from_text(text, published=PUBLISHED), load_options().replace(min_words=1))
    assert result.rejected is None, result.rejected
    return rank(list(result.events))


def test_toll_in_the_next_sentence_belongs_to_the_attack() -> None:
    events = _events("A suicide bomber blew himself up outside a mosque in Peshawar on Friday. "
                     "At least 30 worshippers were killed and 50 wounded, police said.")
    assert document_label(events) == "Suicide bomb"
    assaults = [e for e in events if e.type == "ASSAULT"]
    assert len(assaults) == 1, [(e.evidence.trigger, e.evidence.rule) for e in assaults]
    assert assaults[0].fatalities is not None
    assert (assaults[0].fatalities.killed, assaults[0].fatalities.injured) == (30, 50)
    assert "toll:" in assaults[0].evidence.rule


def test_victims_of_the_attackers_own_side_are_not_its_toll() -> None:
    events = _events("Police fired tear gas at stone-throwing youths in Dakar on Monday. "
                     "One police officer was killed.")
    police = [e for e in events if e.evidence.trigger == "fired"]
    assert police and not (police[0].fatalities and police[0].fatalities.killed)


def test_a_killing_elsewhere_is_an_event_of_its_own() -> None:
    events = _events("Gunmen attacked a village near Maiduguri on Sunday. "
                     "Soldiers killed 10 militants in Bama the next day.")
    assert len([e for e in events if e.type == "ASSAULT"]) == 2


def test_the_lead_sentence_event_ranks_first() -> None:
    events = _events("Armed men abducted 20 farmers near Damboa on Tuesday, residents said. "
                     "Two days later soldiers clashed with the kidnappers near Sambisa, "
                     "killing four of them.")
    assert document_label(events) == "Abduction/forced disappearance"


def test_a_month_is_not_a_march() -> None:
    events = _events("Senegal's Constitutional Council on 29 March 2024 confirmed the winner "
                     "of the presidential election.")
    assert document_label(events) == "none"
    assert all(e.evidence.trigger != "March" for e in events)


def test_a_gang_storming_a_town_and_shooting_residents_attacks_civilians() -> None:
    events = _events("Gang members stormed the town of Gressier early on Thursday, shooting residents "
                     "and burning homes. The gunmen went from house to house, firing at families. "
                     "Local officials put the death toll at 20.")
    assert document_label(events) == "Attack"
    assaults = [e for e in events if e.type == "ASSAULT"]
    # the second sentence tells the same raid again; the third gives its toll
    assert len(assaults) == 1, [(e.evidence.trigger, e.evidence.rule) for e in assaults]
    assert assaults[0].fatalities is not None and assaults[0].fatalities.killed == 20


def test_soldiers_storming_a_rebel_camp_is_a_clash() -> None:
    events = _events("Soldiers stormed a rebel camp near Beni on Monday, killing six fighters.")
    assert document_label(events) == "Armed clash"


def _place(events: list[Event]) -> tuple[str | None, str | None]:
    top = events[0]
    return (top.location.name, top.location.country) if top.location else (None, None)


def test_a_march_through_a_town_is_there() -> None:
    events = _events("Several hundred students marched through Kisumu on Thursday against new taxes.")
    assert _place(events) == ("Kisumu", "KEN")


def test_a_setting_further_down_the_sentence_places_the_event() -> None:
    events = _events("A car bomb exploded next to a bus carrying farm workers on the outskirts of "
                     "Manbij on Monday, killing 20 people.")
    assert _place(events) == ("Manbij", "SYR")


def test_the_dateline_town_places_an_event_the_text_does_not_place() -> None:
    events = _events("ISTANBUL, March 19 (Agency) - Turkish police detained the city's mayor at his "
                     "home on Wednesday, state media reported.")
    assert document_label(events) == "Arrests"
    assert _place(events) == ("Istanbul", "TUR")
    assert "place-from-dateline" in events[0].evidence.rule


def test_the_dateline_town_does_not_place_what_the_text_dates_long_before() -> None:
    # published in May: a detention in January did not happen where the story is filed from
    events = _events("ISTANBUL, May 14 (Agency) - Turkish police detained the city's mayor in "
                     "January, state media reported.")
    assert events and events[0].date.start == "2024-01-01"
    assert _place(events) != ("Istanbul", "TUR")
    assert "place-from-dateline" not in events[0].evidence.rule


def test_a_promise_is_made_where_the_story_is_filed() -> None:
    events = _events("NAIROBI, June 3 (Agency) - Japan will provide Kenya's coast guard with two "
                     "patrol boats, the foreign minister said on Tuesday.")
    assert (events[0].type, events[0].modality) == ("AGREE", "future")
    assert [a.country for a in events[0].recipient] == ["KEN"]
    assert _place(events) == ("Nairobi", "KEN")


def test_a_body_of_states_decides_where_it_sits() -> None:
    events = _events("The African Union suspended Niger from all its activities on Saturday "
                     "after the coup.")
    assert events[0].type == "SANCTION"
    assert _place(events) == ("Addis Ababa", "ETH")
    assert "decided-at-seat" in events[0].evidence.rule


def test_sanctions_adopted_with_their_count() -> None:
    events = _events("EU foreign ministers adopted a new package of sanctions against Russia on "
                     "Tuesday, blacklisting 120 more oil tankers.")
    top = events[0]
    assert (top.type, [a.country for a in top.recipient]) == ("SANCTION", ["RUS"])
    assert [(q.count, q.item, q.status) for q in top.quantities] == [(120, "tanker", "sanctioned")]
    assert _place(events) == ("Brussels", "BEL")


def test_an_arrest_and_a_shutdown_of_one_town_and_day_are_two_acts() -> None:
    events = _events("ISLAMABAD (Agency) - Police said they had arrested more than 400 protesters "
                     "in Islamabad on Tuesday. The government suspended mobile internet in parts "
                     "of Islamabad on Tuesday.")
    assert sorted(e.mode or "" for e in events if e.type == "COERCE") == ["arrest", "withhold"]


def test_a_town_the_model_calls_a_person_is_a_place_after_in() -> None:
    events = _events("In Khan Younis, a strike on a tent killed 11 people on Tuesday, "
                     "hospital officials said.")
    assert _place(events) == ("Khān Yūnis", "PSE")


def test_one_of_the_strikes_told_before_is_of_their_doer() -> None:
    events = _events("Israeli air strikes killed at least 23 people across the Gaza Strip on "
                     "Tuesday, health officials said.\n\nIn Rafah, a strike on a tent housing "
                     "displaced families killed 11 people, a hospital said.")
    rafah = [e for e in events if e.evidence.sentence.startswith("In Rafah")]
    assert rafah and all([a.country for a in e.actor] == ["ISR"] for e in rafah)
    assert "aerial" in {e.mode for e in rafah}


def test_these_strikes_pointed_back_to_are_the_strikes_told_before() -> None:
    events = _events("The hospital was damaged when Israeli airstrikes repeatedly targeted its "
                     "surroundings.\n\nDoctors worked through the night.\n\n\u201cMany patients "
                     "were hurt by flying glass as a result of these airstrikes,\u201d the "
                     "director said.")
    strikes = [e for e in events if e.evidence.trigger == "airstrikes"]
    assert len(strikes) == 1 and [a.country for a in strikes[0].actor] == ["ISR"]


def test_burning_told_after_a_deadly_attack_is_that_attack() -> None:
    attack = _events("BENI, Congo (Agency) - Rebels attacked the village of Mukondi on Sunday, "
                     "killing 12 villagers, a local official said. Several houses near the "
                     "market were also burned, he said.")
    assert [e.type for e in attack] == ["ASSAULT"]
    rape = _events("During a raid on Tamboul on Sunday, RSF fighters raped six women, a rights "
                   "group said. The fighters also looted homes and shops.")
    assert len([e for e in rape if e.type == "ASSAULT"]) == 2


def test_a_dateline_abroad_does_not_place_other_countries_events() -> None:
    events = _events("CAIRO, May 2 (Agency) - Israeli aircraft struck targets in the Gaza Strip "
                     "overnight, killing 12 people, health officials said.")
    assert _place(events)[1] != "EGY"


def test_the_target_names_the_place() -> None:
    events = _events("Ukrainian drones hit the Ryazan oil refinery overnight, starting a fire, "
                     "the regional governor said.")
    top = events[0].location
    assert top is not None and (top.admin1, top.country, top.precision) == ("Ryazan", "RUS", "city")


def test_a_negation_after_a_semicolon_is_another_sentence() -> None:
    events = _events("Rebel fighters clashed with army troops near Kyaukphyu on Sunday; casualty "
                     "figures were not available.")
    assert document_label(events) == "Armed clash"
    assert events[0].modality == "factual"


def test_the_area_around_a_town_is_no_town_and_the_dateline_places_the_act() -> None:
    # "Bay Area" and "Bay" name the country and the water around San Francisco, not the city;
    # the dateline's town places the stabbing, and the attack nobody is named for gets ACLED's
    # unidentified armed group of that country
    text = ("HAYWARD, Calif. (AP) - Man stabbed to death on San Francisco Bay train\n\n"
            "A man was stabbed to death on a San Francisco Bay Area commuter train on Tuesday, "
            "a transit police chief said.")
    stabbings = [e for e in _events(text) if e.evidence.trigger == "stabbed"]
    assert len(stabbings) == 1, [e.evidence.sentence for e in stabbings]
    assert _place(stabbings) == ("Hayward", "USA")
    assert [a.country for a in stabbings[0].actor] == ["USA"]
    assert "actor-unidentified" in stabbings[0].evidence.rule
    assert all(a.country != "CIV" for e in stabbings for a in e.recipient)  # Man, Ivory Coast


def test_a_judge_the_sentence_does_not_place_sits_in_the_court_the_story_names() -> None:
    # (the first sentence names no town: no story town places the sentencing first)
    events = _events("A builder was convicted of manslaughter last month after a two-week trial. "
                     "The jury at Leeds Crown Court heard that he had ignored safety rules. "
                     "On Tuesday Judge Anne Price sentenced him to four years.")
    sentence = next(e for e in events if e.evidence.trigger == "sentenced")
    assert sentence.location is not None and sentence.location.name == "Leeds"
    assert "decided-at-court-town" in sentence.evidence.rule
