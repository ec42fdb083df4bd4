"""Second-round extraction rules: page layout in plain-text copies (teaser lists, link boxes,
comment threads), header lines (desk bylines, byline above dateline, masthead publisher, age
notices, section labels), the new furniture vocabulary, and the single-parse HTML path."""

from __future__ import annotations

import pytest
from lxml import etree

from newsevents.extract import extract_parts
from newsevents.extract.classify import features, prose_score
from newsevents.extract.header import masthead_name, parse_byline
from newsevents.extract.html import drop_inert_nodes, extract_html, load_tree
from newsevents.extract.pagemeta import trafilatura_meta
from newsevents.extract.tables import call_to_action, call_to_action_index
from newsevents.extract.text import TEASER_FACTOR, _discount_teasers, extract_text, split_paragraphs
from newsevents.records import RawDocument
from test_extract_classify import FURNITURE, NEWS_PROSE

# A made-up story about a ferry service, long enough to be the main run of prose on a page.
STORY = [
    "The island ferry service will stop running on Sundays from next month, the transport board "
    "announced on Thursday, blaming a shortage of qualified crew for the cut.",
    "About four hundred residents rely on the Sunday crossing to reach the hospital and the weekly "
    "market on the mainland, according to figures published by the council last year.",
    "Board members said they had tried for months to recruit deckhands and engineers, but that "
    "wages offered by offshore wind farms had drawn many sailors away from the service.",
    "A petition asking the board to reverse the decision had collected more than two thousand "
    "signatures by Thursday evening, its organisers said outside the harbour office.",
    "The board said it would review the timetable again in the spring, once a training scheme for "
    "new crew members had produced its first graduates.",
]
HEADER = ["Bay Chronicle", "Home | News | Islands | Sport",
          "Sunday ferry to be suspended as crew shortage bites", "By Tom Arden",
          "Thursday 6 March 2025 17:20 GMT"]


def _text(*lines: str) -> str:
    return "\n\n".join(lines)


def _body(text: str) -> list[str]:
    return extract_text(text).paragraphs


# --------------------------------------------------------------------------- vocabulary


@pytest.mark.parametrize("text", [t for t, _ in FURNITURE] + NEWS_PROSE + STORY
                         + ["SIGN UP TO OUR FREE NEWSLETTER", "Your Support Helps Independent Reporting",
                            "Fishermen protest over new quotas [VIDEO]"])
def test_literal_prefilter_never_hides_a_match(text: str) -> None:
    # The required-literal prefilter is only a shortcut: a row whose pattern matches always has
    # one of its literals in the text, and the index the scan uses offers it.
    lowered = text.lower()
    candidates = call_to_action_index().candidates(lowered)
    for entry in call_to_action():
        if entry.pattern.search(text) is not None:
            assert entry.literals is None or any(lit in lowered for lit in entry.literals), entry.pattern
            assert entry in candidates, entry.pattern


# --------------------------------------------------------------------------- plain-text layout

def test_teaser_list_after_the_story_is_dropped() -> None:
    teasers = [
        "Most popular",
        "Harbour master retires after forty years",
        "The longest-serving harbour master on the coast handed over the keys at a small ceremony on Friday.",
        "5 hours ago",
        "Storm damages lifeboat station roof",
        "Volunteers say the station will stay open while builders repair the slates and the gutters.",
        "1 day ago",
        "School choir wins regional contest",
        "Thirty pupils travelled to the city for the final and came home with the trophy and a cheque.",
        "2 days ago",
    ]
    body = _body(_text(*HEADER, *STORY, *teasers))
    assert body == STORY


def test_prose_between_two_title_lines_loses_most_of_its_weight() -> None:
    lines = [STORY[0], STORY[1], "Storm damages lifeboat station roof",
             "Volunteers say the station will stay open while builders repair the slates and the gutters.",
             "School choir wins regional contest"]
    feats = [features(x) for x in lines]
    scores = [prose_score(f) for f in feats]
    out = _discount_teasers(scores, 0, feats)
    assert out[:3] == scores[:3] and out[4] == scores[4]
    assert out[3] == pytest.approx(scores[3] * TEASER_FACTOR) and scores[3] > 0


def test_comment_thread_after_the_story_is_dropped() -> None:
    comments = [
        "23 comments",
        "harbourwatcher",
        "3 hours ago",
        "This is what happens when nobody plans ahead. The crew problem has been obvious for years and "
        "the board did nothing about it while there was still time to train people.",
        "Reply",
        "islander62",
        "2 hours ago",
        "My mother needs that boat to get to her appointments on the mainland, and the weekday sailings "
        "are always full by the time the morning bus arrives at the pier.",
        "Reply",
    ]
    body = _body(_text(*HEADER, *STORY, *comments))
    assert body == STORY


def test_action_link_of_an_embedded_post_does_not_start_a_comment_section() -> None:
    # An embedded social post leaves "Report" behind in a page copy; only a comments heading
    # ("23 comments") makes the prose after it reader comments.
    embed = ["Image copyright @harbourboard", "Report"]
    body = _body(_text(*HEADER, *STORY[:3], *embed, *STORY[3:]))
    assert body == STORY


def test_link_box_inside_the_story_is_dropped_and_the_story_goes_on() -> None:
    box = ["Read these next", "Island school to close in summer", "New bridge plan rejected again",
           "Fuel prices rise on the islands", "Ferry company fined over delays"]
    body = _body(_text(*HEADER, *STORY[:3], *box, *STORY[3:]))
    assert body == STORY
    dropped = {d.text: d.reason for d in extract_text(_text(*HEADER, *STORY[:3], *box, *STORY[3:])).dropped}
    assert dropped["New bridge plan rejected again"] == "boilerplate:link_list"


def test_list_of_facts_inside_the_story_is_kept() -> None:
    # Items that share one pattern ("Route N: ...") are part of the story, unlike a box of headlines.
    routes = ["Route 1: Harbour to North Island, first sailing 07:40",
              "Route 2: Harbour to Gull Rock, first sailing 08:15",
              "Route 3: North Island to Gull Rock, first sailing 09:05",
              "Route 4: Harbour to the Outer Skerries, first sailing 10:30"]
    body = _body(_text(*HEADER, *STORY[:3], *routes, *STORY[3:]))
    assert body == STORY[:3] + routes + STORY[3:]


def test_interview_questions_stay_between_answers() -> None:
    interview = [
        "Why did the board wait so long to act?",
        "We hoped the recruitment drive would work, and for a while it looked as if it might, but in the "
        "end too few people applied for the jobs we advertised in the autumn.",
        "What happens to the crew who are already there?",
        "Everyone keeps their job and their hours; the Sunday shifts will be spread across the other days "
        "of the week so that nobody loses pay because of the change.",
    ]
    body = _body(_text(*HEADER, *STORY, *interview))
    assert body == STORY + interview


# --------------------------------------------------------------------------- header lines

@pytest.mark.parametrize(
    ("line", "byline", "agency"),
    [
        ("Staff and agencies", "Staff and agencies", None),
        # a local paper's desk, with or without "From"
        ("Staff Reports", "Staff Reports", None),
        ("From staff reports", "staff reports", None),
        ("Agencies / Bay Chronicle Staff", "Agencies / Bay Chronicle Staff", None),
        ("Reuters staff", "Reuters staff", "Reuters"),
        ("By Lena Marsh for Island Press Service", "Lena Marsh for Island Press Service", None),
        ("By Tom Arden, Bay Chronicle transport correspondent", "Tom Arden, Bay Chronicle transport correspondent",
         None),
    ],
)
def test_desk_and_outlet_bylines(line: str, byline: str, agency: str | None) -> None:
    info = parse_byline(line)
    assert info is not None and (info.byline, info.agency) == (byline, agency)


@pytest.mark.parametrize("line", ["The staff said the pier was safe.", "Wire fence cut near the depot",
                                  "Harbour Staff Walk Out Over Pay", "Harbour Staff Reports Record Catch",
                                  "From the harbour to the hills"])
def test_sentences_with_desk_words_are_not_bylines(line: str) -> None:
    assert parse_byline(line) is None


def test_byline_above_dateline_is_not_joined_as_a_wrapped_paragraph() -> None:
    block = "By Tom Arden, Bay Chronicle transport correspondent\nThursday 6 March 2025 17:20 GMT"
    assert split_paragraphs(block) == block.split("\n")


def test_age_notice_is_not_the_headline_and_byline_dateline_are_read() -> None:
    text = _text("Bay Chronicle", "Sunday ferry to be suspended as crew shortage bites",
                 "By Lena Marsh for Island Press Service\nThursday 6 March 2025 17:20 GMT",
                 "This article is more than 1 year old", *STORY)
    parts = extract_text(text)
    assert parts.headline == "Sunday ferry to be suspended as crew shortage bites"
    assert parts.byline == "Lena Marsh for Island Press Service"
    assert parts.published == "2025-03-06T17:20:00+00:00"
    assert parts.paragraphs == STORY


def test_masthead_named_again_is_the_publisher() -> None:
    lines = ["Bay Chronicle - news from the islands", "Sunday ferry suspended", "By Tom Arden, Bay Chronicle"]
    assert masthead_name(lines) == "Bay Chronicle"
    assert masthead_name(["Bay Chronicle", "Nothing else names it here"]) is None
    parts = extract_text(_text("Bay Chronicle", "Sunday ferry to be suspended as crew shortage bites",
                               "By Tom Arden, Bay Chronicle", "Thursday 6 March 2025 17:20 GMT", *STORY))
    assert parts.publisher == "Bay Chronicle"


# --------------------------------------------------------------------------- HTML path

def _page(article_html: str, head: str = "") -> str:
    return ("<html lang='en'><head><title>Sunday ferry to be suspended | Bay Chronicle</title>"
            "<meta property='og:site_name' content='Bay Chronicle'>"
            "<meta name='description' content='The island loses its Sunday crossing.'>"
            f"<link rel='canonical' href='https://baychronicle.example/islands/ferry'>{head}</head>"
            "<body><nav><a href='/'>Home</a></nav><article><h1>Sunday ferry to be suspended</h1>"
            f"{article_html}</article><footer>Contact</footer></body></html>")


def test_section_label_above_the_story_is_dropped() -> None:
    html = _page("<p class='kicker'>Islands · Transport</p>" + "".join(f"<p>{p}</p>" for p in STORY))
    parts = extract_html(html, "https://baychronicle.example/islands/ferry")
    assert parts.paragraphs == STORY
    assert ("Islands · Transport", "header:section_label") in {(d.text, d.reason) for d in parts.dropped}


def test_json_ld_stamp_wins_and_metadata_comes_from_the_one_parse() -> None:
    stamp = ('<script type="application/ld+json">{"@type": "NewsArticle", '
             '"datePublished": "2025-03-06T17:20:00+00:00", "author": {"name": "Tom Arden"}}</script>')
    raw = RawDocument("h", "h.html", "html", _page("".join(f"<p>{p}</p>" for p in STORY), stamp),
                      url="https://baychronicle.example/islands/ferry")
    parts = extract_parts(raw)
    assert parts.published == "2025-03-06T17:20:00+00:00"
    assert parts.byline == "Tom Arden"
    assert parts.publisher == "Bay Chronicle"
    assert parts.headline == "Sunday ferry to be suspended"
    assert parts.canonical_url == "https://baychronicle.example/islands/ferry"
    assert parts.paragraphs == STORY


def test_trafilatura_meta_reads_fields_and_skips_dates_when_not_wanted() -> None:
    tree = load_tree(_page("<p>Published 6 March 2025</p>" + "".join(f"<p>{p}</p>" for p in STORY)))
    assert tree is not None
    meta = trafilatura_meta(tree, None, want_date=False)
    assert meta.sitename == "Bay Chronicle"
    assert meta.description == "The island loses its Sunday crossing."
    assert meta.url == "https://baychronicle.example/islands/ferry"
    assert meta.date is None
    assert trafilatura_meta(tree, None, want_date=True).date == "2025-03-06"


def test_inert_nodes_go_but_their_tail_text_and_json_ld_stay() -> None:
    tree = load_tree("<html><head><script type='application/ld+json'>{}</script><style>p{}</style></head>"
                     "<body><div><p>one</p><script>var x;</script> tail after script<svg><path/></svg>"
                     " tail after drawing</div></body></html>")
    assert tree is not None
    drop_inert_nodes(tree)
    text = etree.tostring(tree, encoding="unicode")
    assert "var x" not in text and "<svg" not in text and "<style" not in text
    assert "tail after script" in text and "tail after drawing" in text
    assert 'type="application/ld+json"' in text
