"""Header parts of an article: byline and agency, publisher names in page clutter, headline
site-name suffixes, and the header block at the top of a plain-text copy of a page."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .classify import call_to_action_category, features
from .datelines import parse_dateline
from .tables import agencies, agency_pattern, publisher_pattern

_BY = re.compile(r"^\s*(?:by|written by|words by|reporting by|from)\s*:?\s+(?=\S)", re.IGNORECASE)
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|de|van|von|der|da|al|el|bin|la|le)"
_NAME_LIST = re.compile(
    rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}}(?:\s*(?:,|and|&)\s*{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}})*$"
)
# Generic publisher mentions in page furniture, for sites missing from publishers.tsv.
_CAP_NAME = r"((?:The\s+)?[A-Z][\w&'’-]*(?:\s+(?:of\s+|and\s+)?[A-Z][\w&'’-]*){0,4})"
_PUBLISHER_CONTEXTS = tuple(
    re.compile(p)
    for p in (
        rf"\b(?:notifications|updates|alerts|newsletters?|emails?) from {_CAP_NAME}",
        rf"(?:©|\(c\)|[Cc]opyright)\s*(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?)?\s*,?\s*{_CAP_NAME}",
        rf"\b(?:[Ss]ubscribe to|[Ss]upport|[Ff]ollow) {_CAP_NAME}\b",
        rf"^{_CAP_NAME} (?:is (?:trusted|funded|supported|independent|reader-funded|free to read)"
        rf"|uses cookies|depends on|relies on|has never been)\b",
        rf"\b[Ss]ign up (?:to|for) {_CAP_NAME}[’']s?\b",
        rf"\b(?:registering|subscribing|signing up) (?:with|to) (?:the )?{_CAP_NAME}",
        rf"\b[Tt]hank you for reading (?:the )?{_CAP_NAME}",
        rf"\b[Ss]upport the {_CAP_NAME}",
    )
)
_NOT_A_PUBLISHER = frozenset({"The", "Our", "We", "Us", "Your", "This", "All", "Facebook", "Twitter",
                              "Google", "Apple", "Notifications", "Please"})


_JOB_TITLE = re.compile(
    r"\s*[|,;/]\s*(?:[A-Z][\w.]*\s*){1,4}(?:[a-z]+\s+){0,2}"
    r"(?i:correspondent|editor|reporter|writer|columnist)s?\b.*$")
# "Jane Roe for Example Press Service": the outlet the writer files for is not part of the names.
_FOR_OUTLET = re.compile(r"\s+for\s+(?:the\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,5}$")
# Bylines without "By" that name a desk rather than a person: "Staff and agencies",
# "Agencies / Example Staff", "Wire services".
_DESK_LOWER = frozenset({"and", "staff", "agencies", "wires", "wire", "services", "newsroom", "desk", "news",
                         "reports", "report"})
# The desk word closes the line: "Hospital Staff Walk Out Over Pay" is a headline, not a byline.
# "Staff Reports" (and "From staff reports"): a local paper's desk.
_DESK_WORD = re.compile(r"\b(?:staff|agencies|wires|wire services|newsroom|news desk|staff reports?)$",
                        re.IGNORECASE)


@dataclass(frozen=True)
class Byline:
    byline: str
    agency: str | None


def parse_byline(line: str) -> Byline | None:
    """A byline paragraph ("By Jane Roe, Reuters", "The Associated Press", "Jane Roe and Joe Bloggs")
    or None when the line is not one. The agency keeps its written form ("The Associated Press")."""
    text = " ".join(line.split())
    if not text or len(text.split()) > 14 or parse_dateline(text):
        return None
    core = _BY.sub("", text).strip(" ,;|")
    agency_m = agency_pattern().search(core)
    agency = agency_m.group(1) if agency_m else None
    if agency and agency == core:
        return Byline(core, _canonical_agency(agency, core))
    if _BY.match(text):
        return _named_byline(core, agency)
    return _desk_byline(core, agency)


def _named_byline(core: str, agency: str | None) -> Byline | None:
    """After "By" (or "From"): names, an agency, or a desk ("From staff reports")."""
    # "Jane Roe | Political Editor": the job title is not part of the names.
    names = _FOR_OUTLET.sub("", _JOB_TITLE.sub("", core))
    if _NAME_LIST.match(re.sub(r"\s*(?:,|;|\|)\s*", ", ", names)) or agency:
        return _byline(core, agency)
    return _desk_byline(core, agency)


def _desk_byline(core: str, agency: str | None) -> Byline | None:
    """Without "By": a desk ("Staff and agencies"), a few capitalised words ending in a desk word."""
    tokens = [t for t in re.split(r"[\s/,&|]+", core) if t]
    desk_like = all(t[0].isupper() or t in _DESK_LOWER for t in tokens)
    if _DESK_WORD.search(core) and len(tokens) <= 6 and desk_like:
        return _byline(core, agency)
    return None


def _byline(core: str, agency: str | None) -> Byline:
    return Byline(core, _canonical_agency(agency, core) if agency else None)


def _canonical_agency(written: str, core: str) -> str:
    # Keep the written form when it is the whole byline ("The Associated Press"); a bare
    # abbreviation inside a longer byline maps to the table's canonical name.
    return core if core == written and len(written) > 4 else agencies().get(written, written)


def masthead_name(paragraphs: list[str]) -> str | None:
    """The site name a page copy starts with ("Example Tribune", "Example Observer - Europe,
    explained"), when the page names it again further down (a byline, a footer)."""
    if not paragraphs:
        return None
    m = re.match(rf"^{_CAP_NAME}(?:\s+[-|–:]\s+.*)?$", paragraphs[0])
    if not m or len(m.group(1).split()) < 2:
        return None
    name = m.group(1)
    return name if any(name in p and p != paragraphs[0] for p in paragraphs[1:]) else None


def publishers_in(lines: list[str]) -> Counter[str]:
    """Publisher names found in ``lines`` (clutter, header): table names and generic patterns."""
    found: Counter[str] = Counter()
    agency_names = set(agencies())
    for line in lines:
        for m in publisher_pattern().finditer(line):
            if m.group(1) not in agency_names:
                found[m.group(1)] += 2  # a known publisher counts double
        for pattern in _PUBLISHER_CONTEXTS:
            for m in pattern.finditer(line):
                name = m.group(1).strip(" .’'")
                if name.split()[0] in _NOT_A_PUBLISHER and len(name.split()) == 1:
                    continue
                if name in agency_names or name in _NOT_A_PUBLISHER:
                    continue
                found[name] += 1
    return found


_TITLE_SEPARATORS = re.compile(r"\s*:\s+|\s+(?:[|–—]|-|::|»|·)\s+")


def strip_site_suffix(title: str | None, site: str | None) -> str | None:
    """The headline without a trailing (or leading) site name: "Story title | Site" -> "Story title"."""
    if not title:
        return title
    title = " ".join(title.split())
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    site_key = _key(site) if site else ""

    def is_site(part: str) -> bool:
        key = _key(part)
        if site_key and (key == site_key or key in site_key or site_key in key):
            return True
        return bool(publisher_pattern().fullmatch(part.strip()))

    if is_site(parts[-1]):
        return _join_back(title, parts[:-1])
    if is_site(parts[0]) and len(parts[0].split()) <= 4:
        return _join_back(title, parts[1:])
    return title


def _join_back(title: str, parts: list[str]) -> str:
    start = title.find(parts[0])
    end = title.find(parts[-1], start) + len(parts[-1])
    return title[start:end].strip()


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower().removeprefix("the ").replace("www.", ""))


@dataclass
class TextHeader:
    """Header found at the top of a plain-text page copy; indices point into the paragraph list."""

    headline: int | None = None
    standfirst: int | None = None
    byline: int | None = None
    dateline: int | None = None
    body_start: int = 0
    byline_info: Byline | None = None
    published: str | None = None
    clutter: list[int] = field(default_factory=list)


# The header is looked for among the first paragraphs only; a dateline further down is part of the story.
HEADER_SCAN = 30


def _title_like(text: str) -> bool:
    f = features(text)
    return 3 <= f.words <= 30 and not f.urlish and f.separators == 0 and not call_to_action_category(text)


def parse_text_header(paragraphs: list[str]) -> TextHeader:
    head = TextHeader()
    limit = min(len(paragraphs), HEADER_SCAN)
    dateline = _first_dateline(paragraphs, limit)
    if dateline is not None:
        head.dateline, head.published = dateline
    # A byline stands within three lines of the dateline (above or below it).
    search_from = max(0, (head.dateline or 0) - 3)
    search_to = min(limit, (head.dateline + 3) if head.dateline is not None else limit)
    byline = _first_byline(paragraphs, search_from, search_to)
    if byline is not None:
        head.byline, head.byline_info = byline
    anchors = [i for i in (head.dateline, head.byline) if i is not None]
    if not anchors:
        return head
    head.body_start = max(anchors) + 1
    head.headline, head.standfirst = _headline_and_standfirst(paragraphs, min(anchors))
    used = {head.headline, head.standfirst, head.byline, head.dateline}
    head.clutter = [i for i in range(head.body_start) if i not in used]
    return head


def _first_dateline(paragraphs: list[str], limit: int) -> tuple[int, str] | None:
    """(index, ISO date) of the first dateline among the first ``limit`` paragraphs."""
    for i in range(limit):
        iso = parse_dateline(paragraphs[i])
        if iso:
            return i, iso
    return None


def _first_byline(paragraphs: list[str], start: int, stop: int) -> tuple[int, Byline] | None:
    for i in range(start, stop):
        info = parse_byline(paragraphs[i])
        if info:
            return i, info
    return None


def _headline_and_standfirst(paragraphs: list[str],
                             first_anchor: int) -> tuple[int | None, int | None]:
    """Above the byline or dateline: the last title-like or longer line is the headline, or, when
    it is a long line below a shorter title-like one, the standfirst under that headline."""
    candidates = [i for i in range(first_anchor) if _title_like(paragraphs[i])
                  or (features(paragraphs[i]).words >= 8
                      and not call_to_action_category(paragraphs[i]))]
    if not candidates:
        return None, None
    last = candidates[-1]
    before = candidates[-2] if len(candidates) >= 2 else None
    if before is not None and features(paragraphs[last]).words >= 12 \
            and _title_like(paragraphs[before]) \
            and features(paragraphs[before]).words < features(paragraphs[last]).words:
        return before, last
    if _title_like(paragraphs[last]):
        return last, None
    return None, None
