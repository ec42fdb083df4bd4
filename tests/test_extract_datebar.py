"""A site's date bar (the day the page was served, above the headline) is not the article's
publication date: the stamp under the headline wins, and the bar is recorded as dropped."""

from __future__ import annotations

import pytest

from newsevents.extract import pagemeta
from newsevents.extract.html import _set_published, extract_html, load_tree
from newsevents.extract.htmlmeta import DateBar, PageMeta, read_page_meta
from newsevents.extract.parts import Parts

# A page written for this test: a top bar with the day it was served, a logo heading, the
# story's headline with its stamp in the meta line under it.
_PARAGRAPH = ("<p>The harbour authority of the coastal town said on Monday that the new breakwater "
              "would be finished before the winter storms, after two years of delays and a dispute "
              "with the contractor over the cost of the stone brought in from the quarry.</p>")
PAGE = """<html lang="en"><head><title>Breakwater to be finished before winter - Example Post</title>
</head><body>
<div class="topbar"><ul>
<li><i class="icon-pin"></i>Harbourtown</li>
<li><i class="icon-calendar"></i>{bar}</li>
</ul></div>
<h1 class="logo"><a href="/">Example Post</a></h1>
<div class="post"><h1>Breakwater to be finished before winter</h1>
<ul class="meta"><li>{stamp}</li><li><span>1479</span></li></ul>
<div class="body">{body}</div></div>
</body></html>"""
ARCHIVE_LINK = '<a href="/time/2021-03-09" title="9 Mar 2021">9 Mar 2021</a>'


def _page(bar: str, stamp: str) -> str:
    return PAGE.format(bar=bar, stamp=stamp, body=_PARAGRAPH * 4)


def _meta(bar: str, stamp: str) -> PageMeta:
    html = _page(bar, stamp)
    tree = load_tree(html)
    assert tree is not None
    return read_page_meta(tree, html)


@pytest.mark.parametrize(("bar", "stamp", "expected"), [
    # A stamp with a time of day under the headline; the bare day above it is a bar.
    ("Tuesday, (08 Dec 2020)", "13 Oct 2020 18:29",
     DateBar((("Tuesday, (08 Dec 2020)", "2020-12-08"),), "13 Oct 2020 18:29", "2020-10-13T18:29:00")),
    # A stamp that links to the day's archive counts without a time.
    ("Friday, 12 March 2021", ARCHIVE_LINK,
     DateBar((("Friday, 12 March 2021", "2021-03-12"),), "9 Mar 2021", "2021-03-09")),
    # A bare day under the headline, in no link: it is not known to be the article's.
    ("Tuesday, (08 Dec 2020)", "13 Oct 2020", None),
    # No date above the headline: no bar.
    ("Harbour weather: fair", "13 Oct 2020 18:29", None),
])
def test_date_bar_found(bar: str, stamp: str, expected: DateBar | None) -> None:
    assert _meta(bar, stamp).date_bar == expected


def test_page_with_json_ld_stamp_is_not_searched() -> None:
    html = _page("Tuesday, (08 Dec 2020)", "13 Oct 2020 18:29").replace(
        "</head>", '<meta property="article:published_time" content="2020-10-13T18:29:00Z"></head>')
    tree = load_tree(html)
    assert tree is not None
    assert read_page_meta(tree, html).date_bar is None


BAR = DateBar((("Tuesday, (08 Dec 2020)", "2020-12-08"),), "13 Oct 2020 18:29", "2020-10-13T18:29:00")


@pytest.mark.parametrize(("day", "expected", "dropped"), [
    # htmldate took the bar's day: the stamp wins and the bar is recorded.
    ("2020-12-08", "2020-10-13T18:29:00", ["date:site_chrome"]),
    # htmldate found another day: the bar played no part.
    ("2020-10-12", "2020-10-12", []),
    ("2020-10-13", "2020-10-13", []),
])
def test_bar_day_loses(day: str, expected: str, dropped: list[str]) -> None:
    parts = Parts()
    _set_published(parts, PageMeta(date_bar=BAR), day, "https://example.org/news/breakwater")
    assert parts.published == expected
    assert [d.reason for d in parts.dropped] == dropped


def test_stamp_day_is_never_a_bar() -> None:
    bar = DateBar((("Tuesday, 13 Oct 2020", "2020-10-13"),), "13 Oct 2020 18:29", "2020-10-13T18:29:00")
    assert bar.bar_on("2020-10-13") is None


def test_extracted_page_is_dated_by_its_stamp(monkeypatch: pytest.MonkeyPatch) -> None:
    # htmldate reads this small page right; on real pages (news.az) it takes the bar's day, as
    # made to here.
    monkeypatch.setattr(pagemeta, "htmldate_find_date", lambda *_a, **_k: "2020-12-08")
    parts = extract_html(_page("Tuesday, (08 Dec 2020)", "13 Oct 2020 18:29"),
                         "https://example.org/news/breakwater")
    assert parts.published == "2020-10-13T18:29:00"
    assert [(d.text, d.reason) for d in parts.dropped if d.reason.startswith("date:")] == [
        ("Tuesday, (08 Dec 2020)", "date:site_chrome")]
