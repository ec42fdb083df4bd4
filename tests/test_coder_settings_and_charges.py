"""What a sentence says around its news (issues 11 and 13): an offence a verdict is about, what a
suit asks for, a happening named only as the setting ("amid protests") or as what went on in an
earlier meeting, the end of a span ("through May 26"), a clause of what was going on at the time
("as she was walking down 6th Avenue on Saturday, May 18") and a shaded month long past. Sentences
in our own words."""

from __future__ import annotations

from newsevents import process
from newsevents.records import Event

# Enough words after the sentence under test for the pipeline to take the text as an article.
_TAIL = (" The newspaper published the account on its website on the same day, and readers "
         "across the region shared it widely.")


def _events(text: str, published: str) -> list[Event]:
    return process(text + _TAIL, published)


def test_the_offence_a_verdict_is_about_is_no_attack_told() -> None:
    events = _events("A federal jury in Fort Worth convicted Webb, 51, of kidnapping the girl "
                     "on Tuesday.", "2019-11-19")
    assert [e.type for e in events] == ["SANCTION"]
    assert events[0].evidence.trigger == "convicted"


def test_what_an_accusation_says_was_broken_is_no_rejection_of_its_own() -> None:
    events = _events("Officials accused the militia of violating the truce signed last spring.",
                     "2019-11-19")
    assert [e.type for e in events] == ["ACCUSE"]


def test_what_a_resolution_or_plan_proposes_is_not_done() -> None:
    events = _events("The council will vote on Friday on a plan that imposes a curfew on the "
                     "market district.", "2019-11-19")
    assert not any(e.evidence.trigger == "curfew" for e in events)


def test_a_verdict_of_guilt_names_no_attack() -> None:
    events = _events("A court in Dhaka found him guilty of murdering the journalist on Tuesday.",
                     "2019-11-19")
    assert not any(e.type == "ASSAULT" for e in events)


def test_what_a_suit_asks_for_is_no_rejection_told() -> None:
    events = _events("Separately, in Wisconsin, Republicans in the state legislature sued to "
                     "block the governor's order extending stay-at-home rules.", "2020-04-21")
    assert [e.type for e in events] == ["ACCUSE"]


def test_the_end_of_a_span_is_not_the_date_of_the_act() -> None:
    events = _events("Republicans in the state legislature sued the governor over his order "
                     "extending stay-at-home rules through May 26.", "2020-04-21")
    suit = next(e for e in events if e.evidence.trigger == "sued")
    assert suit.date.start == "2020-04-21"
    assert suit.modality == "factual"


def test_a_clause_of_what_was_going_on_dates_and_places_the_act() -> None:
    events = _events("According to evidence presented at trial, Webb grabbed the little girl "
                     "as she and her mother were walking down Fort Worth's 6th Avenue at 6:38 "
                     "p.m. on Saturday, May 18.", "2019-11-19")
    grab = next(e for e in events if e.evidence.trigger == "grabbed")
    assert grab.type == "ASSAULT"
    assert grab.date.start == "2019-05-18"
    assert grab.location is not None and grab.location.name == "Fort Worth"


def test_a_clause_of_another_time_keeps_its_date() -> None:
    events = _events("Police arrested the driver on Monday after he had fled the scene on "
                     "Saturday, May 18.", "2019-05-21")
    arrest = next(e for e in events if e.evidence.trigger == "arrested")
    assert arrest.date.start == "2019-05-20"


def test_a_happening_named_only_as_the_setting_is_no_event() -> None:
    events = _events("Hong Kong stocks recorded their worst week since early August amid "
                     "worsening protests in the city.", "2019-11-19")
    assert not any(e.type == "PROTEST" for e in events)


def test_a_setting_with_details_of_its_own_is_still_told() -> None:
    events = _events("Shops stayed shut amid protests by 5,000 workers in Dhaka on Sunday.",
                     "2019-11-19")
    assert any(e.type == "PROTEST" for e in events)


def test_a_happening_named_only_as_the_cause_is_no_event() -> None:
    events = _events("Police stepped up patrols in the wake of recent riots.", "2019-11-19")
    assert not any(e.evidence.trigger == "riots" for e in events)
    events = _events("About 40 gunmen surrendered to soldiers on Monday following an army "
                     "offensive.", "2019-11-19")
    assert [e.evidence.trigger for e in events] == ["surrendered"]


def test_what_went_on_in_an_earlier_meeting_is_no_news() -> None:
    events = _events("Volker told lawmakers he had one meeting with the lawyer, in which he "
                     "rejected the theory about Biden.", "2019-11-19")
    assert not any(e.type == "REJECT" for e in events)
    assert any(e.evidence.trigger == "meeting" for e in events)


def test_what_went_on_on_a_day_named_is_told() -> None:
    events = _events("The envoy described a meeting with the lawyer, in which he rejected the "
                     "theory on Tuesday.", "2019-11-20")
    assert any(e.type == "REJECT" for e in events)


def test_the_end_of_a_month_long_past_is_background() -> None:
    events = _events("Volker said he first discussed the delay with Ukrainian officials at the "
                     "end of August.", "2019-11-20")
    talk = next(e for e in events if e.evidence.trigger == "discussed")
    assert talk.modality == "historical"


def test_the_end_of_the_month_just_past_is_news() -> None:
    events = _events("Volker said he first discussed the delay with Ukrainian officials at the "
                     "end of October.", "2019-11-05")
    talk = next(e for e in events if e.evidence.trigger == "discussed")
    assert talk.modality == "factual"
