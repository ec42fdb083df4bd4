"""Dates relative to the article's publication time ("on Friday", "overnight", "last month").

A relative expression is resolved against the publication date in the publication's own time
zone (an article published Friday 06:04 EDT is a Friday story even though it is 10:04 UTC).
Explicit spans ("Nov. 3", "3 November 2024") go through dateparser, and only the span itself,
never a sentence, so it cannot pick up stray numbers.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

import dateparser

from ..records import DateSpan
from .tables import read_table

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "a": 1, "an": 1, "several": 3, "few": 3,
                "a few": 3, "couple of": 2, "a couple of": 2}


def publication_date(published: str | None) -> dt.date | None:
    """The calendar day of publication in the publication's own zone."""
    if not published:
        return None
    try:
        return dt.datetime.fromisoformat(published.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return dt.date.fromisoformat(published[:10])
        except ValueError:
            return None


def _span(start: dt.date, end: dt.date, precision: str, text: str) -> DateSpan:
    return DateSpan(start=start.isoformat(), end=end.isoformat(), precision=precision, text=text)


def _month_span(year: int, month: int, text: str) -> DateSpan:
    last = calendar.monthrange(year, month)[1]
    return _span(dt.date(year, month, 1), dt.date(year, month, last), "month", text)


def _year_span(year: int, text: str) -> DateSpan:
    return _span(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", text)


def _week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


@functools.lru_cache(maxsize=1)
def _relative_rules() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    """(pattern, action, rule ref) from dates.tsv, in file order: the first match wins."""
    rules = []
    for row in read_table("dates.tsv"):
        rules.append((re.compile(r"^(?:%s)$" % row.get(0), re.IGNORECASE), row.get(1), row.ref))
    return tuple(rules)


def _clean(text: str) -> str:
    t = " ".join(text.replace("\u2019", "'").split()).strip(" ,.;:")
    t = re.sub(r"^(?:on|in|during|since|by|from|at|of|until|through|within|over|for)\s+", "", t, flags=re.I)
    return re.sub(r"^the\s+", "", t, flags=re.I)


def _count(word: str) -> int | None:
    word = word.lower().strip()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def _apply(action: str, m: re.Match[str], pub: dt.date, text: str) -> DateSpan | None:
    """Run one named action of dates.tsv for the match ``m``."""
    g = m.groupdict()
    if action == "today":
        return _span(pub, pub, "day", text)
    if action == "yesterday":
        day = pub - dt.timedelta(days=1)
        return _span(day, day, "day", text)
    if action == "tomorrow":
        day = pub + dt.timedelta(days=1)
        return _span(day, day, "day", text)
    if action == "overnight":
        return _span(pub - dt.timedelta(days=1), pub, "day", text)
    if action == "last_night":
        day = pub - dt.timedelta(days=1)
        return _span(day, pub, "day", text)
    if action in ("weekday", "last_weekday", "next_weekday"):
        target = WEEKDAYS[g["weekday"].lower()]
        if action == "next_weekday":
            delta = (target - pub.weekday()) % 7 or 7
            day = pub + dt.timedelta(days=delta)
        else:
            delta = (pub.weekday() - target) % 7
            if action == "last_weekday" and delta == 0:
                delta = 7
            day = pub - dt.timedelta(days=delta)
        return _span(day, day, "day", text)
    if action == "this_week":
        start, end = _week_of(pub)
        return _span(start, end, "week", text)
    if action == "last_week":
        start, end = _week_of(pub - dt.timedelta(days=7))
        return _span(start, end, "week", text)
    if action == "next_week":
        start, end = _week_of(pub + dt.timedelta(days=7))
        return _span(start, end, "week", text)
    if action == "this_month":
        return _month_span(pub.year, pub.month, text)
    if action == "last_month":
        first = pub.replace(day=1) - dt.timedelta(days=1)
        return _month_span(first.year, first.month, text)
    if action == "next_month":
        nxt = pub.replace(day=28) + dt.timedelta(days=4)
        return _month_span(nxt.year, nxt.month, text)
    if action == "earlier_this_month":
        return _span(pub.replace(day=1), pub, "month", text)
    if action == "this_year":
        return _year_span(pub.year, text)
    if action == "earlier_this_year":
        return _span(dt.date(pub.year, 1, 1), pub, "year", text)
    if action == "later_this_year":
        return _span(pub, dt.date(pub.year, 12, 31), "year", text)
    if action == "last_year":
        return _year_span(pub.year - 1, text)
    if action == "next_year":
        return _year_span(pub.year + 1, text)
    if action == "month":
        month = MONTHS[g["month"].lower().rstrip(".")]
        year = pub.year if month <= pub.month else pub.year - 1
        return _month_span(year, month, text)
    if action == "next_month_name":
        month = MONTHS[g["month"].lower().rstrip(".")]
        year = pub.year if month > pub.month else pub.year + 1
        return _month_span(year, month, text)
    if action == "month_year":
        return _month_span(int(g["year"]), MONTHS[g["month"].lower().rstrip(".")], text)
    if action == "year":
        return _year_span(int(g["year"]), text)
    if action in ("past_n_days", "past_n_weeks", "past_n_months", "past_n_years"):
        n = _count(g["n"]) or 1
        unit = action.split("_")[-1]
        start = _shift(pub, -n, unit)
        return _span(start, pub, _unit_precision(unit, n), text)
    if action in ("next_n_days", "next_n_weeks", "next_n_months", "next_n_years"):
        n = _count(g["n"]) or 1
        unit = action.split("_")[-1]
        end = _shift(pub, n, unit)
        return _span(pub, end, _unit_precision(unit, n), text)
    if action in ("n_days_ago", "n_weeks_ago", "n_months_ago", "n_years_ago"):
        n = _count(g["n"]) or 1
        unit = action.split("_")[1]
        day = _shift(pub, -n, unit)
        if unit == "days":
            return _span(day, day, "day", text)
        if unit == "weeks":
            start, end = _week_of(day)
            return _span(start, end, "week", text)
        if unit == "months":
            return _month_span(day.year, day.month, text)
        return _year_span(day.year, text)
    if action == "decade":
        start_year = int(g["year"])
        return _span(dt.date(start_year, 1, 1), dt.date(start_year + 9, 12, 31), "year", text)
    return None


def _shift(day: dt.date, n: int, unit: str) -> dt.date:
    if unit == "days":
        return day + dt.timedelta(days=n)
    if unit == "weeks":
        return day + dt.timedelta(weeks=n)
    if unit == "months":
        month = day.month - 1 + n
        year = day.year + month // 12
        month = month % 12 + 1
        return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
    return day.replace(year=day.year + n) if not (day.month == 2 and day.day == 29) else \
        dt.date(day.year + n, 2, 28)


def _unit_precision(unit: str, n: int) -> str:
    # The span is exact; the precision says how finely the text places the event within it.
    return {"days": "day" if n <= 1 else "week", "weeks": "week", "months": "month",
            "years": "year"}[unit]


_EXPLICIT = re.compile(
    r"\b(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
    r"(?:\s+\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s+\d{4})?)\b", re.IGNORECASE)


def _explicit(text: str, pub: dt.date | None) -> tuple[DateSpan | None, str]:
    """Explicit calendar dates: ISO, US and day-month forms, with or without a year."""
    t = re.sub(r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+", "", text, flags=re.I)
    has_day = bool(re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b(?!\d)", re.sub(r"\b\d{4}\b", "", t)))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
        day = dt.date.fromisoformat(t)
        return _span(day, day, "day", text), "explicit:iso"
    if not has_day:
        return None, ""
    settings = {"PREFER_DATES_FROM": "current_period", "REQUIRE_PARTS": ["day", "month"],
                "PREFER_DAY_OF_MONTH": "first"}
    if pub is not None:
        settings["RELATIVE_BASE"] = dt.datetime(pub.year, pub.month, pub.day, 23, 59)
    parsed = dateparser.parse(t, languages=["en"], settings=settings)
    if parsed is None:
        return None, ""
    day = parsed.date()
    if not re.search(r"\b\d{4}\b", t) and pub is not None and day > pub + dt.timedelta(days=7):
        # "Nov. 3" without a year in a story of January: the last Nov. 3, not the coming one.
        day = day.replace(year=day.year - 1)
    return _span(day, day, "day", text), "explicit:dateparser"


def resolve_date_rule(text: str, published: str | None) -> tuple[DateSpan, str] | None:
    """Like ``resolve_date`` but also names the dates.tsv row or rule that fired."""
    pub = publication_date(published)
    cleaned = _clean(text)
    if not cleaned:
        return None
    for pattern, action, ref in _relative_rules():
        m = pattern.match(cleaned)
        if not m:
            continue
        if pub is None and action not in ("year", "month_year", "decade"):
            return DateSpan(text=text, precision="unknown"), ref
        span = _apply(action, m, pub or dt.date(1970, 1, 1), text)
        if span is not None:
            return span, ref
    span, rule = _explicit(cleaned, pub)
    if span is not None:
        return span, rule
    return None


def resolve_date(text: str, published: str | None) -> DateSpan | None:
    """Resolve a date expression ("on Friday", "last month", "Nov. 3", "in 2022") against the
    publication time ``published`` (ISO 8601, its offset gives the zone). Relative expressions
    without a publication time come back with precision "unknown"."""
    found = resolve_date_rule(text, published)
    return found[0] if found else None


# Expressions to look for in running text; each hit is then resolved with resolve_date.
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|a few|a couple of|a)"
DATE_PATTERN = re.compile(
    r"\b(?:"
    rf"(?:{_WEEKDAY},?\s+)?{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|(?:{_WEEKDAY},?\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|(?:(?:early|late|mid|earlier|later)[\s-]+)?{_MONTH}\s+(?:of\s+)?\d{{4}}"
    rf"|(?:(?:last|next|this|on|earlier|late|early|since|until|by)\s+){_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?"
    rf"|{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?"
    rf"|(?:in|since|during|until|by|last|next|this|early|late|mid|mid-|earlier\s+in|later\s+in)\s+{_MONTH}"
    r"|(?:in|since|during|until|by|of|early|late|mid|mid-)\s+(?:the\s+)?(?:19|20)\d{2}s?"
    r"|(?:earlier|later)\s+this\s+(?:year|month|week)"
    r"|(?:last|this|next|past)\s+(?:year|month|week|weekend)"
    r"|(?:the\s+)?(?:past|last|next|coming|previous)\s+" + _NUM +
    r"\s+(?:days|weeks|months|years|day|week|month|year)"
    r"|" + _NUM + r"\s+(?:days|weeks|months|years|day|week|month|year)\s+ago"
    r"|overnight|yesterday|today|tomorrow|last\s+night|tonight|(?:earlier|late)\s+(?:on\s+)?today"
    r")\b",
    re.IGNORECASE,
)
