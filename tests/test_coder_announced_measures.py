"""A measure announced as coming and then told as ordered is one event, the order (issue 13); a
district named after its town is that town's district, not the state whose largest town it is;
a relative clause's "will" holds for the act noun its light verb takes. Sentences in our own
words."""

from __future__ import annotations

from newsevents import process
from newsevents.resolve.places import get_gazetteer

_STORY = (
    "PATNA: Alarmed by a record rise in infections, Bihar announced fresh lockdowns in several "
    "districts, including the worst-hit Patna district, that will come into force later this "
    "week.\n\n"
    "Health officials said 749 people had tested positive in the previous 24 hours, a record for "
    "the state.\n\n"
    "Using powers under the state's epidemic regulation, the Patna district magistrate ordered "
    "a lockdown from July 10 to July 16 in the entire Patna district. Shops selling food and "
    "medicine will stay open, officials said."
)


def test_a_measure_told_as_coming_then_as_ordered_is_one_ordered_measure() -> None:
    events = [e for e in process(_STORY, "2020-07-09T08:00:00+05:30")
              if e.type in ("COERCE", "THREATEN")]
    assert len(events) == 1
    measure = events[0]
    assert "ordered" in measure.evidence.sentence
    assert measure.type == "COERCE" and measure.modality == "factual"
    # the announcement is a mention of it, and its "later this week" is not the order's date
    assert any("announced" in m.sentence for m in measure.mentions)
    assert measure.date.start is not None and measure.date.start <= "2020-07-09"


def test_a_district_named_after_its_town_is_placed_at_the_town() -> None:
    place = get_gazetteer().lookup("Patna district", countries=("IND",))
    assert place is not None
    assert (place.country, place.admin1) == ("IND", "Bihar")


def test_a_province_named_after_its_capital_is_still_the_province() -> None:
    place = get_gazetteer().lookup("Herat province", countries=("AFG",))
    assert place is not None and place.precision == "admin1"


def test_will_in_a_relative_clause_holds_for_its_light_verbs_act() -> None:
    events = process("Other districts which will go into varying degrees of lockdown are Nawada "
                     "and Bhagalpur, officials in the state capital said on Wednesday evening.",
                     "2020-07-08")
    assert not any(e.type == "COERCE" and e.modality == "factual" for e in events)


def test_a_town_put_first_sets_the_reported_act() -> None:
    # (filed from Patna: without the rule the dateline's town would be the lockdown's place)
    events = process("PATNA: Cases rose again across the state on Wednesday.\n\nIn Nawada, the "
                     "district collector announced at a press conference that a three-day "
                     "lockdown will be in force from Friday because cases keep rising.",
                     "2020-07-08")
    measure = next(e for e in events if e.evidence.trigger == "lockdown")
    assert measure.location is not None and measure.location.name.startswith("Naw")
    assert measure.location.admin1 == "Bihar"
