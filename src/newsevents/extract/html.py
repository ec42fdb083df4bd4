"""HTML path: trafilatura finds the article element; our layer removes the furniture left inside
it and separates the header parts; metadata combines trafilatura/htmldate with our own reading."""

from __future__ import annotations

from urllib.parse import urlsplit

import trafilatura
from lxml.html import HtmlElement

from .classify import furniture_verdicts
from .datelines import date_from_url, localise_utc, parse_dateline
from .header import parse_byline, strip_site_suffix
from .htmlmeta import read_page_meta
from .parts import Parts, normalise_paragraph
from .tables import agency_pattern, agencies, publishers

# favor_precision measured better on the article-extraction benchmark (F1 0.964 vs 0.960) and
# leaves less furniture for our layer; re-run `python -m newsevents.evaluation.extraction_bench`
# after changing any of these.
TRAFILATURA_ARGS = {
    "favor_precision": True,
    "include_comments": False,
    "include_tables": True,
    "with_metadata": True,
    "date_extraction_params": {"extensive_search": True, "original_date": True},
}
# Below this many words a favor_precision result is checked against the default extraction.
SHORT_PRECISE_WORDS = 150
# Header lines (byline, dateline, a repeated headline) are only looked for this far into the text.
_HEADER_LINES = 4


def _words(text: str | None) -> int:
    return len((text or "").split())


def load_tree(html: str) -> HtmlElement | None:
    return trafilatura.load_html(html)


def extract_html(html: str, url: str | None = None) -> Parts:
    parts = Parts()
    tree = load_tree(html)
    if tree is None:
        return parts
    meta = read_page_meta(tree, html)
    doc = trafilatura.bare_extraction(tree, url=url, **TRAFILATURA_ARGS)
    if doc is None or _words(doc.text) < SHORT_PRECISE_WORDS:
        # favor_precision now and then keeps only a fragment of the article (or nothing); the
        # default extraction then wins when it finds more than twice as much text. trafilatura
        # prunes the tree it is given, so the retry parses the page again.
        wider = trafilatura.bare_extraction(load_tree(html), url=url,
                                            **{**TRAFILATURA_ARGS, "favor_precision": False})
        if wider is not None and (doc is None or _words(wider.text) > 2 * _words(doc.text)):
            doc = wider
    parts.lang_hint = meta.lang
    if doc is None:
        parts.published = _published(meta.published, None, url)
        return parts
    site = doc.sitename or meta.jsonld_publisher
    parts.headline = strip_site_suffix(doc.title or meta.jsonld_headline, site)
    parts.publisher = _publisher(site, url)
    parts.canonical_url = doc.url or url
    parts.published = _published(meta.published, doc.date, url or doc.url)
    author = doc.author or (", ".join(meta.jsonld_authors) if meta.jsonld_authors else None)
    if author:
        parts.byline = author
        m = agency_pattern().search(author)
        parts.agency = agencies().get(m.group(1), m.group(1)) if m else None
    lines = [normalise_paragraph(line) for line in (doc.text or "").split("\n")]
    lines = [line for line in lines if line]
    # A page description that is also the first line of the article text is usually the lead
    # paragraph copied into the metadata, not a separate standfirst: it stays in the body.
    description = normalise_paragraph(doc.description or "")
    parts.standfirst = description if description and not _is_lead(description, lines) else None
    verdicts = furniture_verdicts(lines)
    for i, line in enumerate(lines):
        header = _header_reason(line, i, parts) if i < _HEADER_LINES else None
        if header:
            parts.drop(line, header)
        elif verdicts[i].reason:
            parts.drop(line, verdicts[i].reason, verdicts[i].detail)
        else:
            parts.paragraphs.append(line)
    return parts


def _is_lead(description: str, lines: list[str]) -> bool:
    """The description repeats (or cuts short, ending in "…") one of the first lines."""
    stem = description.rstrip(".…").rstrip()
    return any(line.startswith(stem) or stem.startswith(line) for line in lines[:_HEADER_LINES] if line)


def _header_reason(line: str, index: int, parts: Parts) -> str | None:
    if parts.headline and line.casefold() == parts.headline.casefold():
        return "header:headline_repeat"
    if parse_dateline(line):
        return "header:dateline"
    info = parse_byline(line)
    if info:
        if parts.byline is None:
            parts.byline, parts.agency = info.byline, info.agency
        return "header:byline"
    return None


def _publisher(site: str | None, url: str | None) -> str | None:
    """Site name from the page; when it is only a host name, the publisher table's name for it."""
    host = (urlsplit(url).hostname or "") if url else ""
    if site and "." not in site:
        return site
    key = (site or host).lower().removeprefix("www.")
    for name, domain in publishers().items():
        if key == domain or key.endswith("." + domain):
            return name
    return site


def _published(structured: str | None, day: str | None, url: str | None) -> str | None:
    """Our JSON-LD/meta stamp (it has a time and an offset; a UTC stamp is shown in the site's
    zone), else htmldate's day, else a day written in the URL. htmldate falls back to a copyright
    or archive year as "YYYY-01-01"; such a day without any other evidence is not trusted."""
    url_day = date_from_url(url)
    if structured:
        local = localise_utc(structured, url)
        # When the URL names the stamp's UTC day, the site counts days in UTC: keep that reading.
        if url_day and local[:10] != url_day and structured[:10] == url_day:
            return structured
        return local
    if day and day.endswith("-01-01") and url_day != day:
        return url_day
    return day or url_day
