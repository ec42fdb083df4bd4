"""Dates relative to the article's publication time ("on Friday", "overnight", "last month").

A relative expression is resolved against the publication date in the publication's own time
zone (an article published Friday 06:04 EDT is a Friday story even though it is 10:04 UTC).
Explicit spans ("Nov. 3", "3 November 2024") go through dateparser, and only the span itself,
never a sentence, so it cannot pick up stray numbers. "since X" runs from X to publication and
"between X and Y" / "from X to Y" from the start of X to the end of Y. The patterns that find such
expressions in running text are in ``date_scan``.
"""

from __future__ import annotations

import calendar
import dataclasses
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
        rules.append((re.compile(rf"^(?:{row.get(0)})$", re.IGNORECASE), row.get(1), row.ref))
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
    if action in ("weekday_last_week", "weekday_next_week"):
        # "Wednesday last week": the Wednesday of the previous calendar week, whatever today is.
        monday = _week_of(pub)[0] + dt.timedelta(days=-7 if action == "weekday_last_week" else 7)
        day = monday + dt.timedelta(days=WEEKDAYS[g["weekday"].lower()])
        return _span(day, day, "day", text)
    if action in ("weekend", "last_weekend", "next_weekend"):
        return _weekend(action, pub, text)
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
    if action == "later_this_month":
        last = calendar.monthrange(pub.year, pub.month)[1]
        return _span(pub, pub.replace(day=last), "month", text)
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
        n = _count(g.get("n") or "") or 1
        unit = action.split("_")[-1]
        start = _shift(pub, -n, unit)
        return _span(start, pub, _unit_precision(unit, n), text)
    if action in ("next_n_days", "next_n_weeks", "next_n_months", "next_n_years"):
        n = _count(g.get("n") or "") or 1
        unit = action.split("_")[-1]
        end = _shift(pub, n, unit)
        return _span(pub, end, _unit_precision(unit, n), text)
    if action in ("n_days_ago", "n_weeks_ago", "n_months_ago", "n_years_ago"):
        n = _count(g.get("n") or "") or 1
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


def _weekend(action: str, pub: dt.date, text: str) -> DateSpan:
    """Saturday and Sunday: "at the weekend" is the latest one that has begun by publication,
    "last weekend" the one before when the story is written during a weekend, "this weekend" the
    coming one unless the story is written during it."""
    saturday = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
    during = pub.weekday() >= 5
    if action == "last_weekend" and during:
        saturday -= dt.timedelta(days=7)
    elif action == "next_weekend" and not during:
        saturday += dt.timedelta(days=7)
    return _span(saturday, saturday + dt.timedelta(days=1), "week", text)


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


_PRECISIONS = ("day", "week", "month", "year")
_SINCE = re.compile(r"^(?:ever\s+)?since\s+(?P<rest>.+)$", re.IGNORECASE)
_RANGE = re.compile(r"^(?:between|from)\s+(?P<a>.+?)\s+(?:and|to|until|till|through|-|\u2013)\s+"
                    r"(?P<b>.+)$", re.IGNORECASE)


def _resolve_one(text: str, pub: dt.date | None) -> tuple[DateSpan, str] | None:
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


def _range(m: re.Match[str], text: str, pub: dt.date | None) -> tuple[DateSpan, str] | None:
    """"between 2020 and 2022", "from March to May", "from 2 to 5 March": the span from the start
    of the first to the end of the second, as coarse as the coarser of the two."""
    last = _resolve_one(m.group("b"), pub)
    if last is None or last[0].start is None:
        return None
    end_span, end_rule = last
    a = m.group("a").strip()
    if a.isdigit() and end_span.precision == "day":
        # "from 2 to 5 March": the first end borrows the month and year of the second.
        try:
            first_day = dt.date.fromisoformat(end_span.start).replace(day=int(a))
        except ValueError:
            return None
        first: tuple[DateSpan, str] | None = (_span(first_day, first_day, "day", a), "explicit:day")
    else:
        first = _resolve_one(a, pub)
    if first is None or first[0].start is None:
        return None
    start_span, start_rule = first
    start = dt.date.fromisoformat(start_span.start)
    end = dt.date.fromisoformat(end_span.end or end_span.start)
    if start > end and not re.search(r"\b\d{4}\b", a):
        # "from November to February" written in July: the November before that February.
        start = start.replace(year=start.year - 1)
    if start > end:
        return None
    precision = max(start_span.precision, end_span.precision,
                    key=lambda p: _PRECISIONS.index(p) if p in _PRECISIONS else len(_PRECISIONS))
    return _span(start, end, precision, text), f"range:{start_rule}..{end_rule}"


def resolve_date_rule(text: str, published: str | None) -> tuple[DateSpan, str] | None:
    """Like ``resolve_date`` but also names the dates.tsv row or rule that fired."""
    pub = publication_date(published)
    if pub is None:
        # without an anchor dateparser reads "Nov. 3" against today, so the answer may change
        return _resolve_rule(text, None)
    return _resolve_rule_anchored(text, pub)


@functools.lru_cache(maxsize=8192)
def _resolve_rule_anchored(text: str, pub: dt.date) -> tuple[DateSpan, str] | None:
    """``_resolve_rule`` memoised: the same phrases ("on Monday", "last week") recur in every
    story of a day, and each dateparser call costs about a millisecond."""
    return _resolve_rule(text, pub)


def _resolve_rule(text: str, pub: dt.date | None) -> tuple[DateSpan, str] | None:
    flat = " ".join(text.replace("\u2019", "'").split()).strip(" ,.;:")
    m = _RANGE.match(flat)
    if m:
        found = _range(m, text, pub)
        if found is not None:
            return found
    m = _SINCE.match(flat)
    if m:
        found = _resolve_one(m.group("rest"), pub)
        if found is None:
            return None
        span, rule = found
        if span.start is None or pub is None or dt.date.fromisoformat(span.start) > pub:
            return dataclasses.replace(span, text=text), rule
        # "since 2 March" names the start of a period that runs to publication.
        return DateSpan(start=span.start, end=pub.isoformat(), precision=span.precision,
                        text=text), f"since+{rule}"
    found = _resolve_one(flat, pub)
    return (dataclasses.replace(found[0], text=text), found[1]) if found else None


def resolve_date(text: str, published: str | None) -> DateSpan | None:
    """Resolve a date expression ("on Friday", "last month", "Nov. 3", "in 2022") against the
    publication time ``published`` (ISO 8601, its offset gives the zone). Relative expressions
    without a publication time come back with precision "unknown"."""
    found = resolve_date_rule(text, published)
    return found[0] if found else None
