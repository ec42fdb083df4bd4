"""Date mentions in running text: the expressions of ``date_pattern()`` and spaCy's DATE entities,
each resolved against the publication time."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from spacy.tokens import Doc

from ..lexicon import active, date_words
from ..records import DateMention, DateSpan
from .dates import resolve_date_rule

_PART = r"(?:\s+(?:morning|afternoon|evening|night))"
_NUM = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|a couple of|a)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_SHADE = r"(?:(?:early|late|mid)(?:\s+|-\s*))"  # "early July", "mid-2023", "late 1990s"
_PREP = r"(?:in|since|ever\s+since|during|until|by|of|from)"


def _alternation(words: Iterable[str], suffix: str = "") -> str:
    """``(?:w1|w2...)``, each word followed by ``suffix``; longest first, so that no word stops
    the match short where a longer one starts with it (the pattern is case-insensitive)."""
    ordered = sorted(words, key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) + suffix for w in ordered) + ")"


def _month() -> str:
    """A month's name, or its abbreviation with a full stop ("Nov.")."""
    names = _alternation(date_words("month"))
    abbreviations = _alternation(date_words("month-abbreviation"), suffix=r"\.")
    return f"(?:{names}|{abbreviations})"


def _first_words() -> str:
    """Every alternative of the date pattern starts with a digit or one of these words. Checking
    that first is a cheap filter (it halves the scan time) and changes no match: the lookahead
    only turns away positions where no alternative could start. A new alternative must add its
    first word to date_words.tsv's list first-word."""
    return _alternation(date_words("first-word") | date_words("month")
                        | date_words("month-abbreviation") | date_words("weekday"))


def date_pattern() -> re.Pattern[str]:
    """The date expressions of running text, built once per process from date_words.tsv."""
    return active().memo(("date_scan", "pattern"), _build_date_pattern)


def _build_date_pattern() -> re.Pattern[str]:
    # Longer forms come first: at one position the first alternative that matches wins, so "in
    # July 2024" must be tried before "in July".
    month, weekday = _month(), _alternation(date_words("weekday"))
    day_date = (rf"(?:{weekday},?\s+)?(?:{month}\s+{_DAY}(?:,?\s+\d{{4}})?"
                rf"|{_DAY}\s+(?:of\s+)?{month}(?:,?\s+\d{{4}})?)")
    month_year = rf"{_SHADE}?{month},?\s+(?:of\s+)?\d{{4}}"
    year = rf"(?:the\s+)?{_SHADE}?(?:19|20)\d{{2}}s?"
    point = rf"(?:{day_date}|{month_year}|{year}|{_SHADE}?{month}|{weekday})"
    return re.compile(
        r"\b(?=\d|" + _first_words() + r"(?![a-z]))(?:"
        rf"(?:between|from)\s+(?:{point}|{_DAY})\s+(?:and|to|until|through)\s+{point}"
        # ("on Saturday, May 18" whole: else "on Saturday" alone would match first)
        rf"|(?:(?:ever\s+)?since\s+|on\s+(?={weekday}))?{day_date}"
        r"|\d{4}-\d{2}-\d{2}"
        rf"|(?:{_PREP}\s+)?{month_year}"
        rf"|(?:(?:at|by|until|since|from|in|toward|towards)\s+)?(?:the\s+)?(?:end|start|beginning|middle)"
        rf"\s+of\s+{month}(?:,?\s+(?:of\s+)?\d{{4}})?"
        rf"|(?:(?:early|earlier|late|later)\s+)?(?:on\s+)?{weekday}{_PART}?,?\s+(?:of\s+)?(?:last|next)\s+week"
        rf"|(?:(?:early|earlier|late|later)\s+)?(?:(?:last|next|this|on|since|until|by)\s+)?{weekday}{_PART}?"
        rf"|(?:(?:in|since|during|until|by|last|next|this|earlier\s+in|later\s+in)\s+{_SHADE}?|{_SHADE}){month}"
        rf"|(?:{_PREP}\s+){year}|(?:the\s+)?{_SHADE}(?:19|20)\d{{2}}s?"
        r"|(?:the\s+)?(?:end|start|beginning)\s+of\s+(?:19|20)\d{2}"
        r"|(?:(?:early|late|earlier|later)\s+)?(?:last|this|next|past|coming|previous)\s+"
        r"(?:year|month|week|weekend)"
        r"|(?:at|over|during)\s+the\s+(?:past\s+)?weekend"
        r"|(?:the\s+)?(?:past|last|previous)\s+(?:day|24\s+hours|twenty-four\s+hours)"
        r"|(?:the\s+)?(?:past|last|next|coming|previous)\s+" + _NUM +
        r"\s+(?:days|weeks|months|years|day|week|month|year)"
        r"|" + _NUM + r"\s+(?:days|weeks|months|years|day|week|month|year)\s+ago"
        r"|" + _NUM + r"\s+decades?\s+ago"
        rf"|overnight|yesterday{_PART}?|today|tomorrow|last\s+night|tonight"
        r"|this\s+(?:morning|afternoon|evening)|(?:earlier|later|late)\s+(?:on\s+)?today"
        r")\b",
        re.IGNORECASE,
    )


# Days named by reference to the day just told ("On 16 January ... The same day, ..."): they
# resolve against the latest day-precise date before them in the text, not the publication.
ANAPHORIC_DAY = re.compile(
    r"\b(?:(?:on\s+)?the\s+same\s+(?:day|evening|night|morning|afternoon)"
    r"|(?:(?:later|earlier)\s+)?that\s+(?:same\s+)?(?:day|evening|night|morning|afternoon)"
    r"|(?:on\s+)?the\s+(?:following|next)\s+(?:day|morning|evening|night)"
    r"|the\s+day\s+(?:before|after)|(?:on\s+)?the\s+previous\s+(?:day|evening|night)"
    r"|a\s+day\s+(?:earlier|later))\b",
    re.IGNORECASE,
)


def _shift(phrase: str) -> int:
    lowered = " ".join(phrase.lower().split())
    if lowered.startswith(("later that", "earlier that")):
        return 0  # "later that day" is the same day
    if any(w in lowered for w in date_words("day-before")):
        return -1
    return 1 if any(w in lowered for w in date_words("day-after")) else 0


def anaphoric_days(text: str, found: list[DateMention]) -> list[DateMention]:
    """"the same day", "that evening", "the next day": the day told last before them, moved."""
    out: list[DateMention] = []
    for m in ANAPHORIC_DAY.finditer(text):
        before = [start for d in found if d.end <= m.start() and d.date.precision == "day"
                  and (start := d.date.start) and start == d.date.end]
        if not before:
            continue
        day = dt.date.fromisoformat(before[-1]) + dt.timedelta(days=_shift(m.group(0)))
        span = DateSpan(day.isoformat(), day.isoformat(), "day", m.group(0))
        out.append(DateMention(m.start(), m.end(), span, "anaphoric-day"))
    return out


def scan_dates(doc: Doc, published: str | None) -> list[DateMention]:
    """The dates of ``doc``: the expressions of date_pattern(), spaCy's DATE entities that overlap
    none of them, then the days named by reference to another ("the next day")."""
    text = doc.text  # Doc.text joins every token on each access
    out = _pattern_dates(text, published)
    out += _entity_dates(doc, published, [(d.start, d.end) for d in out])
    out.sort(key=lambda d: d.start)
    out.extend(anaphoric_days(text, out))
    out.sort(key=lambda d: d.start)
    return out


def _pattern_dates(text: str, published: str | None) -> list[DateMention]:
    out: list[DateMention] = []
    for m in date_pattern().finditer(text):
        found = m.group(0)
        # "may" the verb is not May the month: months are written with a capital.
        if "may" in found.split() and "May" not in found:
            continue
        resolved = resolve_date_rule(found, published)
        if resolved is not None:
            out.append(DateMention(m.start(), m.end(), *resolved))
    return out


def _entity_dates(doc: Doc, published: str | None,
                  taken: list[tuple[int, int]]) -> list[DateMention]:
    out: list[DateMention] = []
    for ent in doc.ents:
        if ent.label_ != "DATE" or any(s < ent.end_char and ent.start_char < e for s, e in taken):
            continue
        resolved = resolve_date_rule(ent.text, published)
        if resolved is not None:
            span, rule = resolved
            out.append(DateMention(ent.start_char, ent.end_char, span, f"DATE:{rule}"))
    return out
