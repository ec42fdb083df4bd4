"""Metadata we read from the page ourselves, before trafilatura cleans the tree: JSON-LD, meta
tags and <time> elements. trafilatura/htmldate give a day; these give the time and the offset."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from lxml.html import HtmlElement

from .datelines import find_date

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
class PageMeta:
    published: str | None = None
    published_source: str = ""
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


def _rdf_date(html: str) -> tuple[str | None, str]:
    """Blog engines embed a trackback RDF block with the entry's dc:date inside an HTML comment,
    which the parsed tree no longer has; it is read from the source."""
    m = _RDF_DATE.search(html)
    found = find_date(m.group(1)) if m else None
    return (found.iso, "rdf:dc:date") if found else (None, "")


def read_page_meta(tree: HtmlElement, html: str = "") -> PageMeta:
    published: str | None = None
    source = ""
    headline = publisher = None
    authors: list[str] = []
    articles = [item for item in _jsonld_items(tree) if _is_article(item)]
    # Key order decides, not item order: a video's uploadDate must not beat the story's datePublished.
    for key in _JSONLD_DATE_KEYS:
        for item in articles:
            value = item.get(key)
            found = find_date(value) if isinstance(value, str) and published is None else None
            if found:
                published, source = found.iso, f"json-ld:{key}"
    for item in articles:
        if headline is None and isinstance(item.get("headline"), str):
            headline = item["headline"].strip()
        publisher = publisher or _name_of(item.get("publisher"))
        author = item.get("author")
        for a in author if isinstance(author, list) else [author]:
            name = _name_of(a)
            if name and name not in authors:
                authors.append(name)
    if published is None:
        by_name: dict[str, str] = {}
        for meta in tree.xpath("//meta[@content]"):
            key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
            if key in PUBLISHED_META and key not in by_name:
                by_name[key] = meta.get("content", "")
        for key in PUBLISHED_META:
            if key in by_name:
                found = find_date(by_name[key])
                if found:
                    published, source = found.iso, f"meta:{key}"
                    break
    if published is None:
        for node in tree.xpath('//time[@datetime][@itemprop="datePublished" or @pubdate '
                               'or contains(@class, "publish")]'):
            found = find_date(node.get("datetime", ""))
            if found:
                published, source = found.iso, "time-element"
                break
    if published is None:
        published, source = _rdf_date(html)
    root_lang = tree.getroottree().getroot().get("lang")
    return PageMeta(published, source, headline, publisher, tuple(authors),
                    root_lang.split("-")[0].lower() if root_lang else None)
