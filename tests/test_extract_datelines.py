"""Datelines, ISO stamps, URL dates and time-zone abbreviations."""

from __future__ import annotations

import pytest

from newsevents.extract.datelines import (
    date_from_url,
    dateline_follows,
    find_date,
    localise_utc,
    parse_dateline,
)
from newsevents.extract.tables import timezones

DATELINES = [
    ("Friday 01 November 2024 06:04 EDT", "2024-11-01T06:04:00-04:00"),
    ("Fri 1 Nov 2024 10.04 GMT", "2024-11-01T10:04:00+00:00"),
    ("November 1, 2024 6:04 AM EDT", "2024-11-01T06:04:00-04:00"),
    ("Updated 6:04 AM EDT, November 1, 2024", "2024-11-01T06:04:00-04:00"),
    ("Nov. 1, 2024, at 6:04 a.m. ET", "2024-11-01T06:04:00-04:00"),
    ("Jan. 15, 2024 9:30 p.m. ET", "2024-01-15T21:30:00-05:00"),
    ("Published: 3 March 2023", "2023-03-03"),
    ("Sept. 3, 2023 5:00 pm PT", "2023-09-03T17:00:00-07:00"),
    ("Monday 1 July 2024 10:04 BST", "2024-07-01T10:04:00+01:00"),
    ("Tuesday, 3 December 2024, 14:30 KST", "2024-12-03T14:30:00+09:00"),
    ("Wed 4 Dec 2024 08:15 JST", "2024-12-04T08:15:00+09:00"),
    ("12 May 2022 18:00 IST", "2022-05-12T18:00:00+05:30"),
    ("5 June 2021 09:00 CEST", "2021-06-05T09:00:00+02:00"),
    ("20 February 2020 11:45 AEDT", "2020-02-20T11:45:00+11:00"),
    ("Posted 12:30 GMT+2, 3 May 2023", "2023-05-03T12:30:00+02:00"),
    ("Jan 5 2022 11:00 UTC+05:30", "2022-01-05T11:00:00+05:30"),
    ("2024-11-01T06:04:00Z", "2024-11-01T06:04:00+00:00"),
    ("2024-11-01 06:04:00+0300", "2024-11-01T06:04:00+03:00"),
    ("Last updated: 2nd August 2019", "2019-08-02"),
    ("March 9, 2021 | 4:15 PM CST", "2021-03-09T16:15:00-06:00"),
    ("Thursday 7 March 2019 19:00", "2019-03-07T19:00:00"),
]


@pytest.mark.parametrize(("line", "expected"), DATELINES)
def test_datelines(line: str, expected: str) -> None:
    assert parse_dateline(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "The minister said on 1 November 2024 that talks had stalled over the winter.",
        "Shares fell sharply after the results were published.",
        "Read more about the 2024 elections",
        "",
        "31 February 2023",  # no such day
    ],
)
def test_not_datelines(line: str) -> None:
    assert parse_dateline(line) is None


def test_find_date_inside_a_sentence() -> None:
    found = find_date("The treaty was signed on 4 July 1998 in a small town.")
    assert found is not None and found.iso == "1998-07-04"


def test_daylight_saving_follows_the_date() -> None:
    # "ET" is EST in winter and EDT in summer.
    assert parse_dateline("January 10, 2024 8:00 AM ET") == "2024-01-10T08:00:00-05:00"
    assert parse_dateline("July 10, 2024 8:00 AM ET") == "2024-07-10T08:00:00-04:00"


@pytest.mark.parametrize("abbr", ["EDT", "EST", "BST", "GMT", "CET", "KST", "JST", "IST", "AEST", "ET", "PT"])
def test_zone_table_rows(abbr: str) -> None:
    assert abbr in timezones()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example.com/2020/06/07/some-story", "2020-06-07"),
        ("https://example.org/world/2019-11-18/slug.html", "2019-11-18"),
        ("https://example.net/a/story-20210314-xyz", "2021-03-14"),
        ("https://example.com/story/123456", None),
        (None, None),
    ],
)
def test_date_from_url(url: str | None, expected: str | None) -> None:
    assert date_from_url(url) == expected


def test_utc_stamp_takes_the_site_zone() -> None:
    # 02:54 UTC is still the evening before in New York.
    assert localise_utc("2020-05-02T02:54:29+00:00", "https://news.example.com/x")[:10] == "2020-05-01"
    # A stamp that states a real offset is kept as it is.
    assert localise_utc("2020-05-02T02:54:29+02:00", "https://example.com/x") == "2020-05-02T02:54:29+02:00"
    assert localise_utc("2020-05-02", "https://example.com/x") == "2020-05-02"


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        (" \u2014 Police", True),  # "HANOI — Police ..."
        (", Peru (AP)", True),
        (" (AP) \u2013 ", True),
        (" - The army", True),
        ("-based group", False),  # "HANOI-based": a compound, not a dateline
        (" police said", False),
        (": Their", False),
    ],
)
def test_what_follows_a_dateline_town(after: str, expected: bool) -> None:
    assert dateline_follows(after, 0) is expected
