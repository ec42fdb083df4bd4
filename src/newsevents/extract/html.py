"""HTML path: trafilatura finds the article element; our layer removes the furniture left inside
it and separates the header parts; metadata combines trafilatura/htmldate with our own reading."""

from __future__ import annotations

from urllib.parse import urlsplit

import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import Document

from .classify import features, furniture_verdicts
from .datelines import date_from_url, localise_utc, parse_dateline
from .header import parse_byline, strip_site_suffix
from .htmlmeta import PageMeta, read_page_meta
from .leftout import left_out, page_blocks
from .pagemeta import TrafilaturaMeta, author_in_page, trafilatura_meta
from .parts import Parts, normalise_paragraph
from .tables import agencies, agency_pattern, publishers

# trafilatura's settings are in _extraction: favor_precision measured better on the
# article-extraction benchmark (F1 0.964 vs 0.960) and leaves less furniture for our layer; comments
# are left out, tables kept. Re-run `python -m newsevents.evaluation.extraction_bench` after
# changing any of them.
# Below this many words a favor_precision result is checked against the default extraction.
# Measured on the AEB pages and trafilatura's English evaluation pages: 100 and 120 give AEB F1
# 0.976 and eval F1 0.938; 150 gives 0.974 and 0.938 and sends more pages down the costly cascade;
# 60-90 lose on the eval pages (0.932-0.934).
SHORT_PRECISE_WORDS = 100
# Header lines (byline, dateline, a repeated headline) are only looked for this far into the text.
_HEADER_LINES = 4


def _words(text: str | None) -> int:
    return len((text or "").split())


def load_tree(html: str) -> HtmlElement | None:
    return trafilatura.load_html(html)


# Elements that carry no article text and that every trafilatura stage deletes anyway (they are in
# its MANUALLY_CLEANED list, or images with include_images off); removing them once, after the
# metadata was read, spares trafilatura's many XPath passes over them (scripts, inline SVG drawings,
# style sheets, page footers and asides are about a fifth of a news page's nodes, menus another
# fifth; form controls, embedded media and images about another tenth). On the 181 AEB pages, the
# trafilatura evaluation pages and our examples, adding the form controls, media and images left
# every body, headline and date as it was (one byline lost a button's label) and made the HTML
# path about 5 % faster. JSON-LD stays: trafilatura's fallback reads an "articleBody" from it.
# <noscript> stays, and so does a <nav> holding paragraphs: removing those early changed
# trafilatura's choices on a few pages of its own evaluation set (recall 0.933 -> 0.925).
_INERT_TAGS = ("script", "style", "svg", "link", "meta", "footer", "aside", "nav",
               "button", "input", "select", "textarea", "option",
               "iframe", "picture", "source", "video", "audio", "canvas", "embed", "object", "img")


def _is_inert(node: HtmlElement) -> bool:
    if node.tag == "script":
        return node.get("type") != "application/ld+json"
    if node.tag == "nav":
        return node.find(".//p") is None
    return True


def drop_inert_nodes(tree: HtmlElement) -> None:
    # One pass over the tree for all the tags (an XPath union walks it once per tag).
    for node in [n for n in tree.iter(*_INERT_TAGS) if _is_inert(n)]:
        parent = node.getparent()
        if parent is None:
            continue
        if node.tail:
            # The text after the element belongs to the parent (or the previous sibling).
            prev = node.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + node.tail
            else:
                parent.text = (parent.text or "") + node.tail
        parent.remove(node)


def join_drop_caps(tree: HtmlElement) -> None:
    """"<span>T</span><p>urkey, Poland and ...": a story's first letter set apart for a drop
    cap goes back to the paragraph it starts (else the body begins "urkey")."""
    for node in list(tree.iter("span", "div", "p")):
        letter = (node.text or "").strip()
        if len(letter) != 1 or not letter.isupper() or len(node) or (node.tail or "").strip():
            continue
        nxt = node.getnext()
        if nxt is None or nxt.tag != "p":
            continue
        # the paragraph's first words: its own text, or its first child's ("<p><a>urkey</a>")
        holder = nxt if (nxt.text or "").strip() or not len(nxt) else nxt[0]
        if not holder.text or not holder.text[:1].islower():
            continue
        holder.text = letter + holder.text
        node.getparent().remove(node)


def _extraction(tree: HtmlElement, url: str | None, *, fast: bool = False,
                favor_precision: bool = True) -> Document | None:
    doc = trafilatura.bare_extraction(tree, url=url, fast=fast, favor_precision=favor_precision,
                                      include_comments=False, include_tables=True)
    if doc is not None and not isinstance(doc, Document):
        # trafilatura gives a dict only when asked with as_dict=True
        raise TypeError(f"trafilatura.bare_extraction gave a {type(doc).__name__}, not a Document")
    return doc


def _article(tree: HtmlElement, url: str | None) -> Document | None:
    """trafilatura's article, cheapest settings first. Its fast mode (no comparison with its
    readability and jusText fallbacks) is right on most news pages and costs about half as much;
    when it keeps a fragment (under SHORT_PRECISE_WORDS), the full cascade runs, and when that is
    still short, the default (not precision) extraction wins if it finds more than twice as much
    text. On the AEB pages: fast mode alone F1 0.970, this cascade 0.976; 14 of the 181 pages go
    past the first step."""
    doc = _extraction(tree, url, fast=True)
    if doc is not None and _words(doc.text) >= SHORT_PRECISE_WORDS:
        return doc
    full = _extraction(tree, url)
    if full is not None and (doc is None or _words(full.text) > _words(doc.text)):
        doc = full
    if doc is None or _words(doc.text) < SHORT_PRECISE_WORDS:
        wider = _extraction(tree, url, favor_precision=False)
        if wider is not None and (doc is None or _words(wider.text) > 2 * _words(doc.text)):
            doc = wider
    return doc


def extract_html(html: str, url: str | None = None, *, report_left_out: bool = False) -> Parts:
    """The page is parsed once; the metadata readers and trafilatura all work on that tree
    (trafilatura extracts from its own copy, so the tree stays whole for a second extraction).
    ``report_left_out`` also lists the page text trafilatura left out (see :mod:`.leftout`)."""
    parts = Parts()
    tree = load_tree(html)
    if tree is None:
        return parts
    blocks = page_blocks(tree) if report_left_out else []  # before the inert nodes go
    meta = read_page_meta(tree, html)
    # htmldate's day only matters when our own reading found no stamp (see _published).
    tmeta = trafilatura_meta(tree, url, want_date=meta.published is None)
    drop_inert_nodes(tree)
    join_drop_caps(tree)
    doc = _article(tree, url)
    parts.lang_hint = meta.lang
    if doc is None:
        _set_published(parts, meta, tmeta.date, url)
        return parts
    _take_metadata(parts, meta, tmeta, url)
    lines = [normalise_paragraph(line) for line in (doc.text or "").split("\n")]
    lines = [line for line in lines if line]
    # A page description that is also the first line of the article text is usually the lead
    # paragraph copied into the metadata, not a separate standfirst: it stays in the body.
    description = normalise_paragraph(tmeta.description or "")
    parts.standfirst = description if description and not _is_lead(description, lines) else None
    _sort_lines(parts, lines)
    if parts.byline is None:
        # Neither the metadata nor a byline line of the text named an author: search the page
        # (byline elements, rel=author links), the costliest metadata reader, so only now.
        found = author_in_page(tree)
        if found:
            _set_byline(parts, found)
    if blocks:
        _drop_left_out(parts, blocks, lines, description)
    return parts


def _take_metadata(parts: Parts, meta: PageMeta, tmeta: TrafilaturaMeta, url: str | None) -> None:
    """Headline, publisher, canonical URL, publication time and author from the page's metadata."""
    site = tmeta.sitename or meta.jsonld_publisher
    parts.headline = strip_site_suffix(tmeta.title or meta.jsonld_headline, site)
    parts.publisher = _publisher(site, url)
    parts.canonical_url = tmeta.url or url
    _set_published(parts, meta, tmeta.date, url or tmeta.url)
    author = tmeta.author or (", ".join(meta.jsonld_authors) if meta.jsonld_authors else None)
    if author:
        _set_byline(parts, author)


def _sort_lines(parts: Parts, lines: list[str]) -> None:
    """Each line of trafilatura's text into the body, or dropped as a header line or furniture."""
    verdicts = furniture_verdicts(lines)
    for i, line in enumerate(lines):
        header = _header_reason(line, i, parts) if i < _HEADER_LINES else None
        if header:
            parts.drop(line, header)
        elif verdicts[i].reason:
            parts.drop(line, verdicts[i].reason, verdicts[i].detail)
        else:
            parts.paragraphs.append(line)


def _drop_left_out(parts: Parts, blocks: list[str], lines: list[str], description: str) -> None:
    """The page's text blocks that trafilatura left out (of its ``lines`` and the header fields),
    as dropped parts."""
    kept = lines + [v for v in (parts.headline, parts.standfirst, parts.byline, description) if v]
    for block in left_out(blocks, kept):
        parts.drop(block, "boilerplate:outside_body", "left out by trafilatura")


def _set_byline(parts: Parts, author: str) -> None:
    parts.byline = author
    m = agency_pattern().search(author)
    parts.agency = agencies().get(m.group(1), m.group(1)) if m else None


def _is_lead(description: str, lines: list[str]) -> bool:
    """The description repeats (or cuts short, ending in "…") one of the first lines."""
    stem = description.rstrip(".…").rstrip()
    return any(line.startswith(stem) or stem.startswith(line) for line in lines[:_HEADER_LINES] if line)


# A section label or breadcrumb above the story ("Asia · Diplomacy", "News | World"): a few words
# joined by separators, no sentence.
_SECTION_LABEL_WORDS = 6


def _header_reason(line: str, index: int, parts: Parts) -> str | None:
    if parts.headline and line.casefold() == parts.headline.casefold():
        return "header:headline_repeat"
    f = features(line)
    if (index < 2 and f.separators >= 1 and f.words <= _SECTION_LABEL_WORDS and not f.ends_sentence
            and not line.startswith("|")):  # a table row of the article, not a label
        return "header:section_label"
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


def _set_published(parts: Parts, meta: PageMeta, day: str | None, url: str | None) -> None:
    """The publication time (see _published), unless it is only the day of the site's date bar:
    then the article's own stamp under the headline wins, and the bar is recorded as dropped with
    the reason."""
    published = _published(meta.published, day, url)
    bar = meta.date_bar
    bar_text = bar.bar_on(published[:10]) if bar is not None and published is not None else None
    if bar is not None and bar_text is not None:
        parts.drop(bar_text, "date:site_chrome",
                   f"the site's date bar, not the article's; its stamp {bar.stamp_text!r} "
                   "under the headline gives the publication date")
        published = bar.stamp
    parts.published = published


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
