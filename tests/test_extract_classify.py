"""Paragraph classification, byline/agency, publisher names, headline suffixes, data tables."""

from __future__ import annotations

import pytest

from newsevents.extract.classify import (
    call_to_action_category,
    document_is_english_like,
    features,
    furniture_verdicts,
    prose_score,
)
from newsevents.extract.header import (
    parse_byline,
    parse_text_header,
    publishers_in,
    strip_site_suffix,
)
from newsevents.extract.tables import agencies, call_to_action, publishers, site_zones, stopwords

FURNITURE = [
    ("Your gift keeps our reporters in the field. Make a one-off donation today.", "donation"),
    ("Your contribution helps independent reporting survive.", "donation"),
    ("Get updates on breaking stories with browser notifications from The Daily Example", "notification"),
    ("Sign up to our free morning newsletter", "newsletter"),
    ("Enter your email address", "newsletter"),
    ("Thank you for signing up", "login"),
    ("Please refresh your browser to continue", "login"),
    ("Already a subscriber? Log in", "login"),
    ("Read more: Floods close the coastal road again", "read_more"),
    ("Click here to watch the full interview", "read_more"),
    ("Photo: A fisherman mends a net on the quay", "photo_credit"),
    ("A crowd waits outside the court (Photo by Jane Roe)", "photo_credit"),
    ("Share this article", "share"),
    ("Follow us on the usual social networks for more", "share"),
    ("We use cookies to improve your experience", "cookie"),
    ("Advertisement", "advert"),
    ("Story continues below advertisement", "advert"),
    ("© 2023 Example Media Group. All rights reserved.", "copyright"),
    ("Tags:", "tags"),
    ("Reporting by Jane Roe; Editing by Joe Bloggs", "credit"),
    ("Our correspondent Ann Lee contributed to this report.", "credit"),
    ("12 comments", "comments"),
    ("Leave a reply", "comments"),
    ("DON'T MISS", "read_more"),
    ("Fishermen protest over new quotas [VIDEO]", "read_more"),
    ("Image caption Workers unload crates at the quay", "photo_credit"),
    ("Photo 3 of 7", "photo_credit"),
    ("Boats wait for the tide in the outer harbourCredit: Harbour Agency", "photo_credit"),
    ("A crane lifts a container on the dock. (AP Photo/Sam Lane)", "photo_credit"),
    ("Fishermen repair nets in Kochi, Kerala. (Credits: Harbour Agency)", "photo_credit"),
    ("A crowd gathers near the town hall in the rain. Kim Vo / Reuters", "photo_credit"),
    ("Ruth Ellery is a senior reporter covering transport and the environment.", "author_bio"),
    ("This article is more than 2 years old", "notice"),
    ("14 thoughts on “Why the ferry matters”", "comments"),
    ("blog comments powered by Disqus", "comments"),
    ("Dear reader,", "donation"),
    ("A message from our editor", "donation"),
    ("Our reporting is funded by more than 30,000 readers around the country.", "donation"),
    ("Membership starts at 4 pounds a month.", "donation"),
    ("Become a member", "donation"),
    ("Support Bay Chronicle today", "donation"),
    ("Yes, I'll support the Bay Chronicle", "donation"),
    ("We will never put our stories behind a paywall, because news should reach everyone.", "donation"),
    ("Every contribution, however small, funds our journalism.", "donation"),
    ("The Bay Chronicle is free to read, and with your help we can keep it free.", "donation"),
    ("No spam. You can unsubscribe at any time.", "newsletter"),
    ("Thanks for signing up!", "login"),
    ("More from Islands", "read_more"),
    ("You might also like…", "read_more"),
    ("Most viewed", "read_more"),
    ("In this March 2 file photo, a trawler leaves the harbour at dawn.", "photo_credit"),
    ("FILE PHOTO: Dock workers walk past stacked containers.", "photo_credit"),
    ("Follow the Bay Chronicle on Instagram and Facebook.", "share"),
    ("Enjoyed this piece? Share it with a friend!", "share"),
    ("I agree that the Bay Chronicle may send me its morning newsletter.", "newsletter"),
    ("The day's top island stories, delivered to your inbox.", "newsletter"),
    ("Get unlimited access for as little as 3 pounds a month.", "subscribe"),
    ("Have a tip? Write to the newsroom.", "contact"),
    ("Citation: Island ferries and their crews (2025, March 6) retrieved 7 March 2025", "credit"),
    ("This document is subject to copyright.", "copyright"),
    ("Explore further", "read_more"),
]


@pytest.mark.parametrize(("text", "category"), FURNITURE)
def test_call_to_action(text: str, category: str) -> None:
    hit = call_to_action_category(text)
    assert hit is not None and hit[0] == category, hit


# News prose, some of it holding words of the call-to-action tables ("credit", "reporter",
# "membership", "paywall", "comments").
NEWS_PROSE = [
    "The council gave the contractor credit for finishing the sea wall two weeks early.",
    "A reporter for the local radio station was among the passengers stranded overnight.",
    "Membership of the sailing club has doubled since the new marina opened in 2021.",
    "The newspaper's owner said it would introduce a paywall for archive stories next year.",
    "Residents left hundreds of comments on the board's consultation page before it closed.",
    "More than 200 people attended the public meeting in the school hall.",
    "The council voted on Tuesday to close two libraries, citing a budget shortfall of 3 million pounds.",
    "Police said the suspect shared photos of the warehouse on Facebook before the fire started.",
    "Subscribers to the water company face a 7% rise in bills from April, the regulator said.",
    "The charity said donations had fallen by a third since the pandemic, forcing it to cut staff.",
    "Ministers will sign up to the treaty next month, officials said, although talks continue.",
    "Why the newsletter industry is booming again, and who is paying for it, is the subject of a new study by two economists.",
    # a lead dense with names and numbers: one word in five a stopword
    "Russian drones struck the port of Odesa overnight, killing two people, the regional governor said.",
]


@pytest.mark.parametrize("text", NEWS_PROSE)
def test_news_prose_is_not_furniture(text: str) -> None:
    assert call_to_action_category(text) is None
    assert prose_score(features(text)) > 0


@pytest.mark.parametrize(
    "text",
    ["Home | World | Business | Sport", "Privacy Policy", "www.example.com/contact", "MOST READ", "Weather"],
)
def test_menus_and_labels_score_negative(text: str) -> None:
    assert prose_score(features(text)) < 0


def test_appeal_block_between_two_markers_is_dropped() -> None:
    paragraphs = [
        "Your support helps us keep going",
        "From local courts to the climate, our small team is there when news breaks, and we mean to stay there.",
        "Your support makes the difference.",
        "The mayor opened the new bridge on Saturday after two years of work.",
    ]
    verdicts = furniture_verdicts(paragraphs)
    assert [v.reason for v in verdicts] == ["boilerplate:donation"] * 3 + [""]
    assert "block" in verdicts[1].detail


def test_related_links_do_not_make_a_block() -> None:
    paragraphs = ["Related: Storm warning", "The river rose by two metres overnight, the agency said.",
                  "Related: Roads closed"]
    assert furniture_verdicts(paragraphs)[1].reason == ""


def test_english_detection_on_document_level() -> None:
    english = [features("The talks resumed on Monday after the two sides agreed to a short truce.")]
    other = [features("Die Gespräche wurden fortgesetzt, nachdem beide Seiten einer kurzen Waffenruhe zustimmten.")]
    assert document_is_english_like(english)
    assert not document_is_english_like(other)


BYLINES = [
    ("The Associated Press", "The Associated Press", "The Associated Press"),
    ("By Jane Roe, Reuters", "Jane Roe, Reuters", "Reuters"),
    ("By Jane Roe and Joe Bloggs", "Jane Roe and Joe Bloggs", None),
    ("By JANE ROE", "JANE ROE", None),
    ("Reuters", "Reuters", "Reuters"),
    ("AFP", "AFP", "AFP"),
    ("By Ann Lee | AP", "Ann Lee | AP", "The Associated Press"),
]


@pytest.mark.parametrize(("line", "byline", "agency"), BYLINES)
def test_bylines(line: str, byline: str, agency: str | None) -> None:
    info = parse_byline(line)
    assert info is not None
    assert (info.byline, info.agency) == (byline, agency)


@pytest.mark.parametrize(
    "line",
    ["By the end of the week the river had burst its banks.", "Friday 01 November 2024 06:04 EDT",
     "Breaking news from the capital tonight"],
)
def test_not_bylines(line: str) -> None:
    assert parse_byline(line) is None


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Stay up to date with notifications from The Guardian"], "The Guardian"),
        (["© 2024 Harbour Town Courier. All rights reserved."], "Harbour Town Courier"),
        (["Get alerts from The Valley Gazette", "Support The Valley Gazette"], "The Valley Gazette"),
        (["The Lakeside Post is reader-funded and free to read."], "The Lakeside Post"),
    ],
)
def test_publishers_in_clutter(lines: list[str], expected: str) -> None:
    found = publishers_in(lines)
    assert found.most_common(1)[0][0] == expected


def test_agency_is_not_a_publisher() -> None:
    assert "Reuters" not in publishers_in(["Reuters"])


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Floods close coastal road | The Daily Example", "The Daily Example", "Floods close coastal road"),
        ("Floods close coastal road - BBC News", None, "Floods close coastal road"),
        ("The Guardian: Floods close coastal road", None, "Floods close coastal road"),
        ("Floods - what we know so far", "Example News", "Floods - what we know so far"),
        ("Plain headline", "Example", "Plain headline"),
    ],
)
def test_strip_site_suffix(title: str, site: str | None, expected: str) -> None:
    assert strip_site_suffix(title, site) == expected


def test_text_header_without_byline_or_dateline() -> None:
    head = parse_text_header(["Menu", "A headline here", "Body text starts and goes on for a while."])
    assert head.body_start == 0 and head.headline is None


def test_tables_have_rows() -> None:
    assert len(call_to_action()) > 40
    assert {"donation", "newsletter", "share", "photo_credit", "read_more"} <= {e.category for e in call_to_action()}
    assert "the" in stopwords() and "river" not in stopwords()
    assert agencies()["Associated Press"] == "The Associated Press"
    assert publishers()["The Independent"] == "independent.co.uk"
    assert dict(site_zones())[".uk"] == "Europe/London"


def test_a_dense_lead_under_a_headline_stays_in_the_body() -> None:
    from newsevents.extract import extract_text

    text = ("Drones hit Ukraine's Danube ports\n\n"
            "Russian drones struck the port of Odesa overnight, killing two people, the regional "
            "governor said.\n\n"
            "The port authority said grain loading had resumed.")
    parts = extract_text(text)
    assert parts.paragraphs[0].startswith("Russian drones struck the port of Odesa")
