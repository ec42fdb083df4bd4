"""trafilatura's metadata readers, called one by one on the tree we already parsed.

``trafilatura.bare_extraction(with_metadata=True)`` runs all of them, plus htmldate's extensive date
search, category/tag and licence scans: together about a third of the HTML path's time. We take
only the fields the Article needs, and ask htmldate for a day only when our own JSON-LD/meta/time
reading found no stamp (htmldate's day would be overruled by ours anyway, see html._published).
The author search over the page body is left to the caller, which runs it only when neither the
metadata nor the article's own header lines name one.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import unescape

from htmldate import find_date as htmldate_find_date
from lxml.html import HtmlElement
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)


@dataclass(frozen=True)
class TrafilaturaMeta:
    title: str | None = None
    author: str | None = None
    sitename: str | None = None
    url: str | None = None
    description: str | None = None
    date: str | None = None


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    text = " ".join(unescape(value).split())
    return text or None


def trafilatura_meta(tree: HtmlElement, url: str | None, want_date: bool) -> TrafilaturaMeta:
    """Title, author (from metadata only), site name, canonical URL, description, and (with
    ``want_date``) htmldate's day. ``tree`` is read, never changed."""
    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        # A one-word author in a meta tag is a handle or the site, as trafilatura also decides.
        meta.author = None
    meta = extract_meta_json(tree, meta)
    title = meta.title or extract_title(tree)
    canonical = meta.url or extract_url(tree, url)
    sitename = meta.sitename or extract_sitename(tree)
    if sitename:
        sitename = sitename.lstrip("@")
        if sitename and "." not in sitename and not sitename[0].isupper():
            sitename = sitename.title()
    elif canonical:
        # No name anywhere on the page: the host name stands in, as in trafilatura's own metadata.
        host = META_URL.match(canonical)
        sitename = host[1] if host else None
    # htmldate's extensive search (dates in the page text too) for the original publication date,
    # not the last update.
    day = (htmldate_find_date(tree, url=canonical, extensive_search=True, original_date=True)
           if want_date else None)
    return TrafilaturaMeta(_clean(title), _clean(meta.author), _clean(sitename), _clean(canonical),
                           _clean(meta.description), day)


def author_in_page(tree: HtmlElement) -> str | None:
    """trafilatura's search for an author name in the page (byline elements, rel=author links)."""
    return _clean(extract_author(tree))
