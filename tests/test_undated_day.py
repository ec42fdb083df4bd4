"""The day of an event the text does not date (``slots.day_at``, ``SentenceCoder.undated_day``):
the publication day where the story happens, some hours before its filing, when the
publication gives its time and offset."""

from __future__ import annotations

import datetime as dt

import pytest

import newsevents
from newsevents.coder.slots import day_at


@pytest.mark.parametrize(("published", "lon", "day"), [
    # filed in Delhi on Wednesday morning: Tuesday evening in Washington
    ("2019-11-20T10:18:01+05:30", -77.0, "2019-11-19"),
    # filed in New York in the afternoon: the small hours in Hong Kong tell of the evening before
    ("2019-11-18T13:54:53-05:00", 114.2, "2019-11-18"),
    # a story of its own place, filed in the afternoon
    ("2024-05-20T15:00:00+02:00", 30.5, "2024-05-20"),
    # no time, no offset, no longitude: nothing to read
    ("2024-05-20", 30.5, None),
    ("2024-05-20T15:00:00", 30.5, None),
    ("2024-05-20T15:00:00+02:00", None, None),
    ("not a date", 30.5, None),
])
def test_the_publication_day_where_the_story_happens(published: str, lon: float | None,
                                                      day: str | None) -> None:
    assert day_at(published, lon) == (dt.date.fromisoformat(day) if day else None)


TEXT = ("WASHINGTON (Agency) - The White House press secretary urged Americans to ignore the "
        "impeachment hearings and accused Democrats in Congress of wasting the country's time, "
        "in a statement to reporters at the White House.")


def test_an_undated_statement_is_of_the_day_where_it_was_made() -> None:
    late = newsevents.process(TEXT, published="2019-11-20T10:18:01+05:30")
    (urged,) = [e for e in late if e.evidence.trigger == "urged"]
    assert (urged.date.start, urged.date.text) == ("2019-11-19", "")
    # filed the same afternoon in Washington: that day
    same = newsevents.process(TEXT, published="2019-11-19T15:00:00-05:00")
    (urged,) = [e for e in same if e.evidence.trigger == "urged"]
    assert urged.date.start == "2019-11-19"
    # a publication without its time keeps the publisher's day
    bare = newsevents.process(TEXT, published="2019-11-20")
    (urged,) = [e for e in bare if e.evidence.trigger == "urged"]
    assert urged.date.start == "2019-11-20"
