"""RSS 2.0, RSS 1.0 (RDF) and Atom feed files: each item that carries its article (content,
content:encoded, description or summary) is one document. Links are never fetched here: an item
with no content is Rejected(no_content) naming its link, so the user can fetch it on purpose.

What a feed item becomes: HTML content is wrapped in a minimal page whose ``<title>`` is the item
title (so extract finds the headline where it finds it in any page); plain-text content gets the
title as its first line, followed by a blank line. ``url`` is the item link; ``published`` is the
item date (pubDate, dc:date, Atom published, else updated) in ISO 8601 with its offset, or None
when the feed gives none or gives one that is not a date (extract then looks in the text; the
document carries a ``bad_date`` warning).
"""

from __future__ import annotations

import email.utils
import html
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from ..errors import DocumentRejected
from ..options import Options
from ..records import DocumentWarning, RawDocument, Rejected, stable_hash
from .decode import decode_bytes
from .documents import looks_html, reject, rejected

_ATOM = "{http://www.w3.org/2005/Atom}"
_RSS1 = "{http://purl.org/rss/1.0/}"
_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
_FEED_ROOTS = {"rss", f"{_RDF}RDF", f"{_ATOM}feed"}

# Element names by role, fully qualified, so that look-alikes from other vocabularies (Media
# RSS <media:content>, <media:title>, <media:description>) are not taken for the article.
# Where an item's article can be, best first: full content before summaries.
_CONTENT_TAGS = (f"{_CONTENT}encoded", f"{_ATOM}content", "description", f"{_RSS1}description", f"{_ATOM}summary")
_TITLE_TAGS = ("title", f"{_RSS1}title", f"{_ATOM}title")
_LINK_TAGS = ("link", f"{_RSS1}link", f"{_ATOM}link")
_ID_TAGS = ("guid", f"{_ATOM}id")
_DATE_TAGS = ("pubDate", f"{_DC}date", f"{_ATOM}published", f"{_ATOM}updated")
_ITEM_TAGS = {"item", f"{_RSS1}item", f"{_ATOM}entry"}


def _local(tag: object) -> str:
    # Comments and processing instructions have a function, not a string, as their tag.
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(el: ET.Element | None) -> str:
    return "".join(el.itertext()).strip() if el is not None else ""


def _first_text(el: ET.Element, names: tuple[str, ...]) -> str:
    for name in names:
        for child in el.iterfind(name):
            if value := _text(child):
                return value
    return ""


def _link(item: ET.Element) -> str:
    for name in _LINK_TAGS:
        for link in item.iterfind(name):
            href = link.get("href")
            if href and link.get("rel") in (None, "alternate"):
                return href.strip()
            if not href and (value := _text(link)):
                return value
    return ""


def _content(item: ET.Element) -> str:
    for name in _CONTENT_TAGS:
        for child in item.iterfind(name):
            value = _xhtml(child) if child.get("type") == "xhtml" else (child.text or "").strip()
            if value:
                return value
    return ""


def _xhtml(container: ET.Element) -> str:
    """Inline XHTML content (Atom type="xhtml") back to markup, without namespace prefixes."""
    for el in container.iter():
        if isinstance(el.tag, str):
            el.tag = _local(el.tag)
    inner = (container.text or "") + "".join(ET.tostring(c, encoding="unicode") for c in container)
    return inner.strip()


def iso_date(value: str) -> str | None:
    """An RFC 822 (RSS) or ISO 8601 (Atom, Dublin Core) date as ISO 8601, None if neither."""
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:  # not ISO 8601; RSS dates are RFC 822
        try:
            parsed = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    return parsed.isoformat()


def _page(title: str, content: str) -> str:
    head = f"<title>{html.escape(title)}</title>" if title else ""
    return f'<!DOCTYPE html>\n<html><head><meta charset="utf-8">{head}</head>\n<body>\n{content}\n</body></html>\n'


def _items(root: ET.Element) -> Iterator[ET.Element]:
    return (el for el in root.iter() if el.tag in _ITEM_TAGS)


def _document(item: ET.Element, index: int, path: Path, encoding: str) -> RawDocument | Rejected:
    uri = f"{path}#{index}"
    title = _first_text(item, _TITLE_TAGS)
    link = _link(item)
    guid = _first_text(item, _ID_TAGS) or item.get(f"{_RDF}about", "")
    content = _content(item)
    doc_id = stable_hash(guid or link or f"{title}\n{content}")
    if not content:
        where = f"link {link}" if link else f"title {title!r}" if title else "no link or title"
        return rejected(
            doc_id, uri, reject("no_content", f"feed item {index} has no content ({where}); feed links are not fetched")
        )
    if looks_html(content):
        text, kind = _page(title, content), "html"
    else:
        text, kind = (f"{title}\n\n{content}" if title else content), "text"
    date = _first_text(item, _DATE_TAGS)
    published = iso_date(date) if date else None
    warnings = () if published or not date else (DocumentWarning(
        "ingest", "bad_date", f"feed item date {date!r} is not an RFC 822 or ISO 8601 date; left empty"),)
    return RawDocument(
        id=doc_id,
        source_uri=uri,
        content_type=kind,
        text=text,
        encoding=encoding,
        url=link or None,
        published=published,
        size_bytes=len(content.encode("utf-8")),
        warnings=warnings,
    )


def read_feed(path: Path, file_id: str, opts: Options) -> Iterator[RawDocument | Rejected]:
    decoded = decode_bytes(path.read_bytes())
    try:
        root = ET.fromstring(decoded.text)
    except ET.ParseError as exc:
        raise reject("bad_feed", f"not well-formed XML: {exc}") from exc
    if root.tag not in _FEED_ROOTS:
        raise reject("unsupported_type", f"XML whose root element is <{_local(root.tag)}>, not an RSS or Atom feed")
    count = 0
    for count, item in enumerate(_items(root), start=1):
        yield _document(item, count, path, decoded.encoding)
    if count == 0:
        raise reject("no_content", "the feed has no items")


def count_feed(path: Path) -> int:
    """How many items ``read_feed`` yields; a file that is not a feed counts as its rejection."""
    try:
        root = ET.fromstring(decode_bytes(path.read_bytes()).text)
    except (OSError, ET.ParseError, DocumentRejected):
        return 1
    if root.tag not in _FEED_ROOTS:
        return 1
    return max(sum(1 for _ in _items(root)), 1)
