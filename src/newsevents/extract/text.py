"""Plain-text path: copies of pages with their clutter (menus, appeals, footers) left in."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from .classify import (
    Features,
    Verdict,
    document_is_english_like,
    features,
    furniture_verdicts,
    prose_score,
)
from .datelines import parse_dateline, place_dateline_end
from .header import TextHeader, masthead_name, parse_byline, parse_text_header, publishers_in
from .parts import Parts, normalise_paragraph

# A block whose lines are all about this long was hard-wrapped by an editor: its lines are one
# paragraph. Lines in page copies (one paragraph per line) vary far more in length.
_WRAP_MIN, _WRAP_MAX = 45, 100
# How far before the body a headline is looked for when the page has no byline or dateline.
_HEADLINE_LOOKBACK = 6


# Furniture that ends an article (comment threads, share bars, tag lists) is costly to bridge, so
# the body window does not run on into reader comments or the next story.
END_MARKER_COST = {"comments": 60.0, "comment_action": 25.0, "share": 25.0, "tags": 25.0, "timestamp": 20.0}
# A bare date line inside the page (comment stamps, teaser dates) is not prose.
DATELINE_COST = 20.0
# Extra cost of each further non-prose line in a row, and of a line printed twice on the page.
# Tuned on the plain-text AEB benchmark (aeb_plaintext_f1); re-run it after changing any cost here.
RUN_COST = 0.75
REPEATED_COST = 1.0
# After a byline/dateline the story starts within this many paragraphs (appeals, captions between).
HEADER_BODY_SLACK = 8
# Teaser lists, comment threads and photo galleries set single prose paragraphs between short
# title-like lines (a headline, a user name, "Rating: 12 Votes", "Image 2 of 5"); a story's prose
# runs on for several paragraphs between its sub-headings. Such an island of prose is worth only
# TEASER_FACTOR of its words. Tuned on the plain-text AEB benchmark (0.25 of 0 / 0.1 / 0.25 / 0.5).
TEASER_FACTOR = 0.25
# At least this many title-like lines in a row inside the body window are a box of links to other
# stories (a story's own sub-heading stands alone); they are dropped, the story around them kept.
LINK_LIST_MIN = 4
TEMPLATE_SHARE = 0.8
# Reader comments come after the story: once a comments heading follows COMMENTS_AFTER_BODY words
# of prose, the prose after it is worth only COMMENTS_FACTOR.
COMMENTS_AFTER_BODY = 60.0
COMMENTS_FACTOR = 0.1


def split_paragraphs(text: str) -> list[str]:
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if not lines:
            continue
        wrapped = len(lines) > 1 and all(_WRAP_MIN <= len(ln) <= _WRAP_MAX for ln in lines[:-1])
        if wrapped and any(parse_dateline(ln) or parse_byline(ln) for ln in lines):
            # A byline above a dateline can be as long as a wrapped line; header lines stay apart.
            wrapped = False
        if wrapped:
            out.append(normalise_paragraph(" ".join(lines)))
        else:
            out.extend(normalise_paragraph(ln) for ln in lines)
    return out


def _window_from(scores: list[float], first: int, last: int) -> tuple[float, int, int]:
    """Best (sum, start, end) of runs starting between ``first`` and ``last`` (inclusive)."""
    best = (float("-inf"), 0, -1)
    for start in range(first, min(last, len(scores) - 1) + 1):
        total = 0.0
        for end in range(start, len(scores)):
            total += scores[end]
            if total > best[0]:
                best = (total, start, end)
    return best


def _best_window(scores: list[float]) -> tuple[int, int]:
    """Maximum-sum run of paragraph scores (Kadane); (start, end) inclusive, or (0, -1) when none."""
    best, best_span = 0.0, (0, -1)
    current, start = 0.0, 0
    for i, s in enumerate(scores):
        if current <= 0:
            current, start = s, i
        else:
            current += s
        if current > best:
            best, best_span = current, (start, i)
    return best_span


def _title_like_flags(scores: list[float], feats: list[Features]) -> list[bool]:
    """Lines that are not prose and do not end a sentence: headlines, labels, names, menu entries.
    (A question in an interview ends with "?" and is not one.)"""
    return [s < 0 and not f.ends_sentence for s, f in zip(scores, feats)]


def _discount_teasers(scores: list[float], first: int, feats: list[Features]) -> list[float]:
    """Prose paragraphs with a title-like line right above and right below them (the teaser
    pattern, see TEASER_FACTOR) lose most of their weight. Header lines (before ``first``) are not
    neighbours."""
    short = _title_like_flags(scores, feats)
    n = len(scores)
    island = [first < i and scores[i] > 0 and short[i - 1] and (i + 1 == n or short[i + 1]) for i in range(n)]
    out = list(scores)
    for i in range(first + 1, n):
        if island[i]:
            out[i] = scores[i] * TEASER_FACTOR
    return out


def _discount_comments(scores: list[float], reasons: list[str]) -> list[float]:
    """Reader comments come after the story: once a comments heading ("12 comments", "Leave a
    reply") follows a run of prose worth COMMENTS_AFTER_BODY, the prose after it is worth only
    COMMENTS_FACTOR. A "Comments" link in the menu above the story does not count."""
    best = current = 0.0
    for i, s in enumerate(scores):
        if reasons[i] == "boilerplate:comments" and best >= COMMENTS_AFTER_BODY:
            return scores[:i + 1] + [x * COMMENTS_FACTOR if x > 0 else x for x in scores[i + 1:]]
        current = max(0.0, current + s)
        best = max(best, current)
    return scores


def _link_list_lines(paragraphs: list[str], scores: list[float], feats: list[Features],
                     start: int, end: int) -> set[int]:
    """Lines inside the body window that belong to a run of at least LINK_LIST_MIN title-like
    lines (not prose, no closing punctuation): a box of links to other stories. A story's own
    sub-heading stands alone between paragraphs."""
    short = _title_like_flags(scores, feats)
    found: set[int] = set()
    run: list[int] = []
    for i in range(start, end + 2):
        if i <= end and short[i]:
            run.append(i)
            continue
        if len(run) >= LINK_LIST_MIN and not _templated([paragraphs[j] for j in run]):
            found.update(run)
        run = []
    return found


# Marks that the items of a list of facts share ("June 9 – Tampa @ Arena", "Path A: Iceland, ...",
# "3. Spain"); a run of headlines of other stories rarely does.
_TEMPLATE_MARKS = (":", " – ", " - ", "@", "|", "(")
_STARTS_WITH_NUMBER = re.compile(r"^\(?\d")


def _templated(lines: list[str]) -> bool:
    """True when nearly all lines (TEMPLATE_SHARE) share one mark or all start with a number."""
    need = TEMPLATE_SHARE * len(lines)
    if sum(1 for ln in lines if _STARTS_WITH_NUMBER.match(ln)) >= need:
        return True
    return any(sum(1 for ln in lines if mark in ln) >= need for mark in _TEMPLATE_MARKS)


@dataclass(frozen=True)
class _Page:
    """A plain-text page cut into paragraphs, with what is known of each before the body is
    chosen."""

    paragraphs: list[str]
    head: TextHeader
    verdicts: list[Verdict]
    feats: list[Features]
    english: bool
    occurrences: Counter[str]


# Scores of a paragraph that is not prose, tried in this order; the first that applies gives its
# (negative) score. A paragraph none of them scores gets its prose score.
_ScoreRule = Callable[[_Page, int, str], float | None]


def _score_header(page: _Page, i: int, p: str) -> float | None:
    return -1e6 if i < page.head.body_start else None  # never part of the body


def _score_furniture(page: _Page, i: int, p: str) -> float | None:
    reason = page.verdicts[i].reason
    if not reason:
        return None
    return -float(page.feats[i].words) - END_MARKER_COST.get(reason.partition(":")[2], 2.0)


def _score_dateline(page: _Page, i: int, p: str) -> float | None:
    return -DATELINE_COST if parse_dateline(p) else None


def _score_repeated(page: _Page, i: int, p: str) -> float | None:
    # Text printed twice on one page is navigation or a teaser (desktop and mobile menus, a
    # headline above its own summary), not a paragraph of the story.
    return -REPEATED_COST - 0.2 * page.feats[i].words if page.occurrences[p] > 1 else None


_SCORE_RULES: tuple[_ScoreRule, ...] = (
    _score_header, _score_furniture, _score_dateline, _score_repeated)


def _paragraph_score(page: _Page, i: int, p: str) -> float:
    for rule in _SCORE_RULES:
        score = rule(page, i, p)
        if score is not None:
            return score
    opening = place_dateline_end(p)
    # a lead that opens with its dateline ("TULSA, Okla. (AP) — Federal agents ...") is prose:
    # the capitals of the town and the agency are not the share of a menu's or a caption's
    feats = features(p[opening:]) if opening else page.feats[i]
    return prose_score(feats, page.english)


def _scores(page: _Page) -> list[float]:
    scores = []
    run = 0  # consecutive non-prose paragraphs so far
    for i, p in enumerate(page.paragraphs):
        score = _paragraph_score(page, i, p)
        run = run + 1 if score < 0 else 0
        # Each further line of a menu or link list costs more: one caption or sub-heading inside
        # the story is bridged, a long stretch of page furniture is not.
        scores.append(score - RUN_COST * max(0, run - 1) if score < 0 else score)
    scores = _discount_teasers(scores, page.head.body_start, page.feats)
    return _discount_comments(scores, [v.reason for v in page.verdicts])


def _body_window(scores: list[float], head: TextHeader, count: int) -> tuple[int, int]:
    """(start, end) of the body, inclusive, among ``count`` paragraphs."""
    start, end = _best_window(scores)
    if head.dateline is not None or head.byline is not None:
        # A byline or dateline says where the story begins: the body is the run of prose that
        # starts right below it, even when a longer run (comments, teasers) comes later.
        total, s_start, s_end = _window_from(scores, head.body_start, head.body_start + HEADER_BODY_SLACK)
        if total > 0:
            start, end = s_start, s_end
    if start > end:
        # No run of prose at all (a note of a few short lines): everything after the header that
        # is not furniture is the body, and the length check decides whether it is enough.
        start, end = head.body_start, count - 1
    return start, end


def _headline_above(page: _Page, start: int) -> int | None:
    """Without a byline or dateline, the headline is a short title-like line a little above the
    body."""
    for i in range(start - 1, max(-1, start - 1 - _HEADLINE_LOOKBACK), -1):
        f = features(page.paragraphs[i])
        if 3 <= f.words <= 30 and not page.verdicts[i].reason and not f.ends_sentence and f.separators == 0:
            return i
    return None


@dataclass(frozen=True)
class _Layout:
    """Where the parts of the page are, once the body is chosen."""

    page: _Page
    named: dict[int | None, str]  # header lines: index -> "header:..." reason
    headline_idx: int | None
    headline: str | None
    start: int
    end: int
    in_list: set[int]
    kept: set[str]  # paragraphs kept so far (filled in as the page is read)


@dataclass(frozen=True)
class _Drop:
    reason: str
    detail: str = ""
    clutter: bool = False  # page furniture, where the publisher's name may stand


# What becomes of one paragraph, tried in this order; the first that applies drops it, and a
# paragraph none of them drops is kept.
_DropRule = Callable[[_Layout, int, str], _Drop | None]


def _drop_header_line(lay: _Layout, i: int, p: str) -> _Drop | None:
    name = lay.named.get(i)
    if name and (i == lay.headline_idx or i < lay.page.head.body_start):
        return _Drop(name)
    return None


def _drop_furniture(lay: _Layout, i: int, p: str) -> _Drop | None:
    verdict = lay.page.verdicts[i]
    return _Drop(verdict.reason, verdict.detail, clutter=True) if verdict.reason else None


def _drop_header_clutter(lay: _Layout, i: int, p: str) -> _Drop | None:
    return _Drop("header:clutter", clutter=True) if i < lay.page.head.body_start else None


def _drop_outside_body(lay: _Layout, i: int, p: str) -> _Drop | None:
    if lay.start <= i <= lay.end:
        return None
    return _Drop("boilerplate:outside_body", "not in the main run of prose", clutter=True)


def _drop_link_list(lay: _Layout, i: int, p: str) -> _Drop | None:
    if i not in lay.in_list:
        return None
    return _Drop("boilerplate:link_list", "one of several short title-like lines in a row", clutter=True)


def _drop_headline_repeat(lay: _Layout, i: int, p: str) -> _Drop | None:
    return _Drop("header:headline_repeat") if lay.headline is not None and p == lay.headline else None


def _drop_duplicate(lay: _Layout, i: int, p: str) -> _Drop | None:
    return _Drop("duplicate", "printed again further up the page") if p in lay.kept else None


_DROP_RULES: tuple[_DropRule, ...] = (
    _drop_header_line, _drop_furniture, _drop_header_clutter, _drop_outside_body, _drop_link_list,
    _drop_headline_repeat, _drop_duplicate)


def _drop_of(lay: _Layout, i: int, p: str) -> _Drop | None:
    for rule in _DROP_RULES:
        drop = rule(lay, i, p)
        if drop is not None:
            return drop
    return None


def _sort_paragraphs(lay: _Layout, parts: Parts) -> list[str]:
    """Each paragraph into the body or the dropped parts; returns the dropped page furniture."""
    clutter: list[str] = []
    for i, p in enumerate(lay.page.paragraphs):
        drop = _drop_of(lay, i, p)
        if drop is None:
            parts.paragraphs.append(p)
            lay.kept.add(p)
            continue
        parts.drop(p, drop.reason, drop.detail)
        if drop.clutter:
            clutter.append(p)
    return clutter


def _publisher(clutter: list[str], paragraphs: list[str]) -> str | None:
    found = publishers_in(clutter + [paragraphs[i] for i in range(min(len(paragraphs), 3))])
    return found.most_common(1)[0][0] if found else masthead_name(paragraphs)


def _read_page(paragraphs: list[str]) -> _Page:
    feats = [features(p) for p in paragraphs]
    return _Page(paragraphs, parse_text_header(paragraphs), furniture_verdicts(paragraphs), feats,
                 document_is_english_like(feats), Counter(paragraphs))


def _layout(page: _Page) -> _Layout:
    head = page.head
    named: dict[int | None, str] = {
        head.headline: "header:headline", head.standfirst: "header:standfirst",
        head.byline: "header:byline", head.dateline: "header:dateline"}
    scores = _scores(page)
    start, end = _body_window(scores, head, len(page.paragraphs))
    headline_idx = head.headline
    if headline_idx is None and start <= end:
        headline_idx = _headline_above(page, start)
        if headline_idx is not None:
            named[headline_idx] = "header:headline"
    headline = page.paragraphs[headline_idx] if headline_idx is not None else None
    in_list = _link_list_lines(page.paragraphs, scores, page.feats, start, end)
    return _Layout(page, named, headline_idx, headline, start, end, in_list, set())


def extract_text(text: str) -> Parts:
    paragraphs = split_paragraphs(text)
    parts = Parts()
    if not paragraphs:
        return parts
    page = _read_page(paragraphs)
    head = page.head
    if head.byline_info:
        parts.byline, parts.agency = head.byline_info.byline, head.byline_info.agency
    parts.published = head.published
    lay = _layout(page)
    parts.headline = lay.headline
    if head.standfirst is not None:
        parts.standfirst = paragraphs[head.standfirst]
    clutter = _sort_paragraphs(lay, parts)
    parts.publisher = _publisher(clutter, paragraphs)
    return parts


__all__ = ["extract_text", "split_paragraphs"]
