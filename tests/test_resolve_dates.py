"""Date resolution against the publication time: the case table tests/cases/dates.tsv (one test
per row) and the scan of running text."""

from __future__ import annotations

import pytest

from case_tables import case_rows
from newsevents.resolve.dates import resolve_date


def _rows() -> list[tuple[int, list[str]]]:
    return case_rows("dates.tsv")


def test_case_table_size() -> None:
    assert len(_rows()) >= 80


@pytest.mark.parametrize("line,fields", _rows(), ids=lambda v: str(v) if isinstance(v, int) else None)
def test_date_case(line: int, fields: list[str]) -> None:
    text, published, start, end, precision = fields
    span = resolve_date(text, None if published == "-" else published)
    if start == "-":
        if precision == "-":
            assert span is None, f"line {line}: {span}"
        else:
            assert span is not None and span.precision == precision and span.start is None
        return
    assert span is not None, f"line {line}: {text!r} not resolved"
    assert (span.start, span.end, span.precision) == (start, end, precision), f"line {line}: {span}"


def test_publication_zone_decides_the_day() -> None:
    # 01:30 on Friday in Tokyo is still Thursday in UTC: "today" is the Friday.
    span = resolve_date("today", "2024-11-01T01:30:00+09:00")
    assert span is not None and span.start == "2024-11-01"


SCAN_PUBLISHED = "2025-07-23T16:05:00+00:00"  # a Wednesday


@pytest.fixture(scope="module")
def nlp():
    from newsevents.analyse import load_model
    from newsevents.options import load_options

    return load_model(load_options().spacy_model)


@pytest.mark.parametrize("sentence,found,start,end", [
    # The year after a month belongs to the month, not to the publication.
    ("The accord was signed in July 2024 in Doha.", "in July 2024", "2024-07-01", "2024-07-31"),
    ("Rebels have held the town since July 2023.", "since July 2023", "2023-07-01", "2025-07-23"),
    ("The minister visited on Wednesday last week.", "on Wednesday last week", "2025-07-16",
     "2025-07-16"),
    ("Gunmen raided the camp early on Monday.", "early on Monday", "2025-07-21", "2025-07-21"),
    ("Fuel prices climbed from March to May.", "from March to May", "2025-03-01", "2025-05-31"),
    ("Output fell between 2020 and 2022.", "between 2020 and 2022", "2020-01-01", "2022-12-31"),
    ("Crowds gathered at the weekend in the port.", "at the weekend", "2025-07-19", "2025-07-20"),
    ("The mine shut in mid-2023.", "in mid-2023", "2023-01-01", "2023-12-31"),
    ("Police said this morning that two men were held.", "this morning", "2025-07-23",
     "2025-07-23"),
])
def test_scan_finds_the_whole_expression(nlp, sentence: str, found: str, start: str, end: str) -> None:
    from newsevents.resolve.date_scan import scan_dates

    mentions = scan_dates(nlp(sentence), SCAN_PUBLISHED)
    hits = [(sentence[m.start:m.end], m.date.start, m.date.end) for m in mentions]
    assert (found, start, end) in hits, hits


def test_scan_skips_the_verb_may(nlp) -> None:
    from newsevents.resolve.date_scan import scan_dates

    sentence = "Aid may arrive soon, officials said."
    assert scan_dates(nlp(sentence), SCAN_PUBLISHED) == []


def test_every_action_of_the_table_is_known() -> None:
    # A row naming an action that dates.py does not run would match and resolve nothing.
    from newsevents.resolve.dates import _ACTIONS
    from newsevents.resolve.tables import read_table

    named = {row.get(1) for row in read_table("dates.tsv")}
    assert named - set(_ACTIONS) == set()


@pytest.mark.parametrize("text,start,end,precision", [
    ("last night", "2024-10-31", "2024-11-01", "day"),
    ("next Friday", "2024-11-08", "2024-11-08", "day"),
    ("Friday", "2024-11-01", "2024-11-01", "day"),
    ("last Friday", "2024-10-25", "2024-10-25", "day"),
    ("Monday next week", "2024-11-04", "2024-11-04", "day"),
    ("next week", "2024-11-04", "2024-11-10", "week"),
    ("later this month", "2024-11-01", "2024-11-30", "month"),
    ("next March", "2025-03-01", "2025-03-31", "month"),
    ("last March", "2024-03-01", "2024-03-31", "month"),
    # "last November" told in November is a year before; plain "November" is this one
    ("last November", "2023-11-01", "2023-11-30", "month"),
    ("November", "2024-11-01", "2024-11-30", "month"),
    ("the past three weeks", "2024-10-11", "2024-11-01", "week"),
    ("the next two days", "2024-11-01", "2024-11-03", "week"),
    ("two months ago", "2024-09-01", "2024-09-30", "month"),
    ("a year ago", "2023-01-01", "2023-12-31", "year"),
    ("the 1990s", "1990-01-01", "1999-12-31", "year"),
    ("the 14th century", "1301-01-01", "1400-12-31", "year"),
    ("the early 19th century", "1801-01-01", "1900-12-31", "year"),
    ("from 2 to 5 March", "2024-03-02", "2024-03-05", "day"),
    ("from November to February", "2023-11-01", "2024-02-29", "month"),
])
def test_actions_against_a_friday(text: str, start: str, end: str, precision: str) -> None:
    span = resolve_date(text, "2024-11-01T06:04:00-04:00")  # a Friday
    assert span is not None, text
    assert (span.start, span.end, span.precision) == (start, end, precision)
