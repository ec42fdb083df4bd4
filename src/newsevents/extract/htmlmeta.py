"""Metadata we read from the page ourselves, before trafilatura cleans the tree: JSON-LD, meta
tags and <time> elements. trafilatura/htmldate give a day; these give the time and the offset."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lxml.html import HtmlElement

from .datelines import find_date, parse_dateline

# Meta tag names/properties/itemprops that carry the publication time, most trusted first.
PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
    "publishdate", "publish-date", "publish_date", "pubdate", "parsely-pub-date", "sailthru.date",
    "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created", "date", "article.published",
    "originalpublicationdate", "cxenseparse:recs:publishtime", "og:pubdate", "article_date_original",
)
_JSONLD_DATE_KEYS = ("datePublished", "dateCreated")
_ARTICLE_TYPES = ("Article", "NewsArticle", "ReportageNewsArticle", "BlogPosting", "WebPage",
                  "AnalysisNewsArticle", "LiveBlogPosting")  # not VideoObject: an embedded clip's date


@dataclass(frozen=True)
class DateBar:
    """A site-wide date bar above the headline (the day the page was served, "Tuesday, (08 Dec
    2020)") and the article's own stamp next to its headline, when both are on the page."""

    bars: tuple[tuple[str, str], ...]  # (text, day) of each bare date above the headline
    stamp_text: str
    stamp: str

    def bar_on(self, day: str) -> str | None:
        """The text of a bar that shows ``day`` when the stamp does not."""
        if day == self.stamp[:10]:
            return None
        return next((text for text, bar_day in self.bars if bar_day == day), None)


@dataclass(frozen=True)
class PageMeta:
    published: str | None = None
    published_source: str = ""
    date_bar: DateBar | None = None
    jsonld_headline: str | None = None
    jsonld_publisher: str | None = None
    jsonld_authors: tuple[str, ...] = ()
    lang: str | None = None


def _jsonld_items(tree: HtmlElement) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except json.JSONDecodeError:
            # Broken JSON-LD is common on real pages; the block simply gives no metadata and the
            # other sources (meta tags, htmldate) decide.
            continue
        stack: list[Any] = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                items.append(node)
                stack.extend(v for k, v in node.items() if k in ("@graph", "mainEntity", "itemListElement"))
    return items


def _is_article(item: dict[str, Any]) -> bool:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k in _ARTICLE_TYPES for k in kinds)


def _name_of(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _name_of(value.get("name"))
    if isinstance(value, list) and value:
        return _name_of(value[0])
    return None


_RDF_DATE = re.compile(r'<rdf:Description\b[^>]{0,2000}?\bdc:date="([^"]{10,40})"', re.DOTALL)


@dataclass(frozen=True)
class _Source:
    """What the publication time is read from: the parsed page, its source text (for what the
    tree no longer has) and its JSON-LD article items."""

    tree: HtmlElement
    html: str
    articles: list[dict[str, Any]]


def _jsonld_date(src: _Source) -> tuple[str | None, str]:
    # Key order decides, not item order: a video's uploadDate must not beat the story's datePublished.
    for key in _JSONLD_DATE_KEYS:
        for item in src.articles:
            value = item.get(key)
            found = find_date(value) if isinstance(value, str) else None
            if found:
                return found.iso, f"json-ld:{key}"
    return None, ""


def _meta_tag_date(src: _Source) -> tuple[str | None, str]:
    by_name: dict[str, str] = {}
    for meta in src.tree.xpath("//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in PUBLISHED_META and key not in by_name:
            by_name[key] = meta.get("content", "")
    for key in PUBLISHED_META:
        found = find_date(by_name[key]) if key in by_name else None
        if found:
            return found.iso, f"meta:{key}"
    return None, ""


def _time_element_date(src: _Source) -> tuple[str | None, str]:
    for node in src.tree.xpath('//time[@datetime][@itemprop="datePublished" or @pubdate '
                               'or contains(@class, "publish")]'):
        found = find_date(node.get("datetime", ""))
        if found:
            return found.iso, "time-element"
    return None, ""


def _rdf_date(src: _Source) -> tuple[str | None, str]:
    """Blog engines embed a trackback RDF block with the entry's dc:date inside an HTML comment,
    which the parsed tree no longer has; it is read from the source."""
    m = _RDF_DATE.search(src.html)
    found = find_date(m.group(1)) if m else None
    return (found.iso, "rdf:dc:date") if found else (None, "")


# Where the publication time is looked for, most trusted first; the first that has one decides.
_DATE_SOURCES: tuple[Callable[[_Source], tuple[str | None, str]], ...] = (
    _jsonld_date, _meta_tag_date, _time_element_date, _rdf_date)


def _published(src: _Source) -> tuple[str | None, str]:
    """(ISO time, where it was read) or (None, "")."""
    for source in _DATE_SOURCES:
        published, where = source(src)
        if published is not None:
            return published, where
    return None, ""


def _jsonld_headline(articles: list[dict[str, Any]]) -> str | None:
    headlines = (item["headline"] for item in articles if isinstance(item.get("headline"), str))
    return next((h.strip() for h in headlines), None)


def _jsonld_publisher(articles: list[dict[str, Any]]) -> str | None:
    return next((name for item in articles if (name := _name_of(item.get("publisher")))), None)


def _jsonld_authors(articles: list[dict[str, Any]]) -> tuple[str, ...]:
    authors: list[str] = []
    for item in articles:
        author = item.get("author")
        for a in author if isinstance(author, list) else [author]:
            name = _name_of(a)
            if name and name not in authors:
                authors.append(name)
    return tuple(authors)


# Short text nodes (a date alone, with a few label words, fits) before and after a heading.
_SHORT_TEXT = "text()[string-length(normalize-space()) >= 8 and string-length(normalize-space()) <= 80]"
# The article's own stamp sits right under its headline (in a meta line with the byline, the
# section, a view count); only this many short texts after the headline are looked at.
_STAMP_WINDOW = 12
# A page may have a few <h1>: the site's logo, then the headline; only the first few are tried.
_HEADINGS = 3


def _is_stamp(node: Any, iso: str) -> bool:
    """A date the article wears: it gives a time of day, or it is a link (to the day's archive)
    or a <time> element. A site's date bar gives a bare day."""
    parent = node.getparent()
    if node.is_tail and parent is not None:
        parent = parent.getparent()
    return "T" in iso or (parent is not None and parent.tag in ("a", "time"))


def _bar_dates(heading: HtmlElement) -> list[tuple[str, str]]:
    """(text, day) of the bare dates above the headline: where a site's date bar is."""
    bars = []
    for node in heading.xpath(f"preceding::{_SHORT_TEXT}"):
        text = " ".join(node.split())
        iso = parse_dateline(text)
        if iso and "T" not in iso:
            bars.append((text, iso))
    return bars


def _stamp_under(heading: HtmlElement) -> tuple[str, str] | None:
    """(text, ISO time) of the first date just under a heading that reads as the article's."""
    for node in heading.xpath(f"following::{_SHORT_TEXT}")[:_STAMP_WINDOW]:
        text = " ".join(node.split())
        iso = parse_dateline(text)
        if iso and _is_stamp(node, iso):
            return text, iso
    return None


def _date_bar(tree: HtmlElement) -> DateBar | None:
    """The bare dates above the headline and the stamp under it (a bar without a stamp to
    contradict it may be the article's date). The headline is the first <h1> with a stamp under
    it."""
    for heading in tree.xpath("//h1")[:_HEADINGS]:
        stamp = _stamp_under(heading)
        if stamp is not None:
            bars = _bar_dates(heading)
            return DateBar(tuple(bars), *stamp) if bars else None
    return None


def read_page_meta(tree: HtmlElement, html: str = "") -> PageMeta:
    articles = [item for item in _jsonld_items(tree) if _is_article(item)]
    published, source = _published(_Source(tree, html, articles))
    # The date bar only matters when no stamp was read here and htmldate guesses (html._published).
    bar = _date_bar(tree) if published is None else None
    root_lang = tree.getroottree().getroot().get("lang")
    return PageMeta(published, source, bar, _jsonld_headline(articles), _jsonld_publisher(articles),
                    _jsonld_authors(articles), root_lang.split("-")[0].lower() if root_lang else None)
