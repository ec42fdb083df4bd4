"""A measure told as taking effect ("the lockdown will begin on Thursday", "restrictions will
come into force from Friday"): imposed, so a factual COERCE of the government (the ``inforce``
condition of triggers.tsv), dated on the day it was decided, not on the day it starts."""

from __future__ import annotations

import newsevents
from newsevents.records import Event

PUBLISHED = "2020-07-09T15:00:00+05:30"


def _lockdown(text: str, published: str) -> Event:
    (measure,) = [e for e in newsevents.process(text, published=published)
                  if e.evidence.trigger == "lockdown"]
    return measure


def test_a_lockdown_that_begins_later_is_imposed() -> None:
    text = ("Officials in Bihar announced new measures on Wednesday as cases rose sharply. "
            "The lockdown in the district of Nawada will begin on Thursday and continue for a "
            "week, the district magistrate said at a press conference.")
    measure = _lockdown(text, PUBLISHED)
    assert (measure.type, measure.mode, measure.modality) == ("COERCE", "restrict", "factual")
    assert "in-force-later" in measure.evidence.rule
    assert [(a.country, a.sector) for a in measure.actor] == [("IND", "GOV")]
    # the day it was decided (the lead's, rule day-of-lead), not Thursday
    assert (measure.date.start, measure.date.text) == ("2020-07-08", "on Wednesday")


def test_a_measure_taking_effect_with_no_one_named_is_the_governments() -> None:
    text = ("A night curfew will come into force in Kano from Friday, as the state tries to "
            "stop the clashes that have spread across the city this week, the radio reported.")
    (measure,) = [e for e in newsevents.process(text, published="2024-08-08T10:00:00+01:00")
                  if e.evidence.trigger == "curfew"]
    assert measure.type == "COERCE" and measure.modality == "factual"
    assert [(a.country, a.sector) for a in measure.actor] == [("NGA", "GOV")]


def test_a_measure_that_is_only_talked_about_is_no_imposition() -> None:
    text = ("Shop owners in the city centre said the lockdown had ruined their businesses and "
            "that the restrictions were hurting families who had lost their jobs this year.")
    events = newsevents.process(text, published="2020-07-09T15:00:00+05:30")
    assert not [e for e in events if "in-force-later" in e.evidence.rule]


def test_a_district_known_only_by_its_region_is_not_refined_to_the_dateline_town() -> None:
    text = ("PATNA, July 8 (Agency) - Bihar announced fresh lockdowns in Patna and Bhagalpur on "
            "Wednesday as cases rose. The lockdown in West Champaran district will begin on "
            "Thursday and continue for a week, officials said.")
    measure = _lockdown(text, "2020-07-08T20:00:00+05:30")
    assert measure.location is not None
    assert (measure.location.name, measure.location.admin1) == ("West Champaran district", "Bihar")
