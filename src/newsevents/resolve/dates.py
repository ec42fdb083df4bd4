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
from collections.abc import Callable
from typing import Any

import dateparser

from ..lexicon import date_numbers
from ..records import DateSpan
from .tables import read_table

# The calendar's own numbering of weekday and month names (Python's, English locale), not a
# vocabulary of ours: the words the date rules match are in date_words.tsv and dates.tsv.
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9


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


def month_span(year: int, month: int, text: str) -> DateSpan:
    last = calendar.monthrange(year, month)[1]
    return _span(dt.date(year, month, 1), dt.date(year, month, last), "month", text)


def year_span(year: int, text: str) -> DateSpan:
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
    return date_numbers().get(word)


_Groups = dict[str, Any]  # the named groups of a dates.tsv pattern ("weekday", "month", "n"...)
_Action = Callable[[_Groups, dt.date, str], DateSpan]
_UNITS = ("days", "weeks", "months", "years")


def _apply(action: str, m: re.Match[str], pub: dt.date, text: str) -> DateSpan | None:
    """Run one named action of dates.tsv for the match ``m`` (None for an unknown action)."""
    run = _ACTIONS.get(action)
    return run(m.groupdict(), pub, text) if run is not None else None


def _day(day: dt.date, text: str) -> DateSpan:
    return _span(day, day, "day", text)


def _today(g: _Groups, pub: dt.date, text: str) -> DateSpan:
    return _day(pub, text)


def _yesterday(g: _Groups, pub: dt.date, text: str) -> DateSpan:
    return _day(pub - dt.timedelta(days=1), text)


def _tomorrow(g: _Groups, pub: dt.date, text: str) -> DateSpan:
    return _day(pub + dt.timedelta(days=1), text)


def _overnight(g: _Groups, pub: dt.date, text: str) -> DateSpan:
    """"overnight", "last night": the night runs from the day before into publication day."""
    return _span(pub - dt.timedelta(days=1), pub, "day", text)


def _weekday(g: _Groups, pub: dt.date, text: str) -> DateSpan:
    """"on Friday": the latest Friday up to publication day (the day itself included)."""
    delta = (pub.weekday() - WEEKDAYS[g["weekday"].lower()]) % 7
    return _day(pub - dt.timedelta(days=delta), text)


def _last_weekday(g: _Groups, pub: dt.date, text: str) -> DateSpan:
    """"last Friday": the latest Friday before publication day."""
    delta = (pub.weekday() - WEEKDAYS[g["weekday"].lower()]) % 7 or 7
    return _day(pub - dt.timedelta(days=delta), text)


def _next_weekday(g: _Groups, pub: dt.date, text: str) -> DateSpan:
    """"next Friday": the first Friday after publication day."""
    delta = (WEEKDAYS[g["weekday"].lower()] - pub.weekday()) % 7 or 7
    return _day(pub + dt.timedelta(days=delta), text)


def _weekday_of_week(weeks: int, g: _Groups, pub: dt.date, text: str) -> DateSpan:
    """"Wednesday last week": the Wednesday of the calendar week ``weeks`` away, whatever
    today is."""
    monday = _week_of(pub)[0] + dt.timedelta(days=7 * weeks)
    return _day(monday + dt.timedelta(days=WEEKDAYS[g["weekday"].lower()]), text)


def _week(weeks: int, g: _Groups, pub: dt.date, text: str) -> DateSpan:
    """"this week", "last week", "next week": the calendar week ``weeks`` away."""
    start, end = _week_of(pub + dt.timedelta(days=7 * weeks))
    return _span(start, end, "week", text)


def _weekend_action(action: str, g: _Groups, pub: dt.date, text: str) -> DateSpan:
    return _weekend(action, pub, text)


def _this_month(g: _Groups, pub: dt.date, text: str) -> DateSpan:
    return month_span(pub.year, pub.month, text)


def _last_month(g: _Groups, pub: dt.date, text: str) -> DateSpan:
    first = pub.replace(day=1) - dt.timedelta(days=1)
    return month_span(first.year, first.month, text)


def _next_month(g: _Groups, pub: dt.date, text: str) -> DateSpan:
    nxt = pub.replace(day=28) + dt.timedelta(days=4)
    return month_span(nxt.year, nxt.month, text)


def _earlier_this_month(g: _Groups, pub: dt.date, text: str) -> DateSpan:
    return _span(pub.replace(day=1), pub, "month", text)


def _later_this_month(g: _Groups, pub: dt.date, text: str) -> DateSpan:
    last = calendar.monthrange(pub.year, pub.month)[1]
    return _span(pub, pub.replace(day=last), "month", text)


def _year_away(years: int, g: _Groups, pub: dt.date, text: str) -> DateSpan:
    """"this year", "last year", "next year"."""
    return year_span(pub.year + years, text)


def _earlier_this_year(g: _Groups, pub: dt.date, text: str) -> DateSpan:
    return _span(dt.date(pub.year, 1, 1), pub, "year", text)


def _later_this_year(g: _Groups, pub: dt.date, text: str) -> DateSpan:
    return _span(pub, dt.date(pub.year, 12, 31), "year", text)


def _month_of(g: _Groups) -> int:
    return MONTHS[g["month"].lower().rstrip(".")]


def _month(g: _Groups, pub: dt.date, text: str) -> DateSpan:
    """"in March": the latest March up to publication."""
    month = _month_of(g)
    return month_span(pub.year if month <= pub.month else pub.year - 1, month, text)


def _last_month_name(g: _Groups, pub: dt.date, text: str) -> DateSpan:
    """"last June": the latest June before publication's month (told in June 2025, June
    2024: this June would be "this June" or "in June")."""
    month = _month_of(g)
    return month_span(pub.year if month < pub.month else pub.year - 1, month, text)


def _next_month_name(g: _Groups, pub: dt.date, text: str) -> DateSpan:
    """"next March": the first March after publication's month."""
    month = _month_of(g)
    return month_span(pub.year if month > pub.month else pub.year + 1, month, text)


def _month_year(g: _Groups, pub: dt.date, text: str) -> DateSpan:
    return month_span(int(g["year"]), _month_of(g), text)


def _year(g: _Groups, pub: dt.date, text: str) -> DateSpan:
    return year_span(int(g["year"]), text)


def _decade(g: _Groups, pub: dt.date, text: str) -> DateSpan:
    start_year = int(g["year"])
    return _span(dt.date(start_year, 1, 1), dt.date(start_year + 9, 12, 31), "year", text)


def _century(g: _Groups, pub: dt.date, text: str) -> DateSpan:
    """"in the 14th century": its hundred years (1301-1400), known only to the year."""
    n = int(g["n"])
    return _span(dt.date(max(1, (n - 1) * 100 + 1), 1, 1), dt.date(n * 100, 12, 31), "year", text)


def _n_of(g: _Groups) -> int:
    return _count(g.get("n") or "") or 1


def _past_n(unit: str, g: _Groups, pub: dt.date, text: str) -> DateSpan:
    """"the past three days": from that many units before publication to publication."""
    n = _n_of(g)
    return _span(_shift(pub, -n, unit), pub, _unit_precision(unit, n), text)


def _next_n(unit: str, g: _Groups, pub: dt.date, text: str) -> DateSpan:
    """"the next three days": from publication to that many units after it."""
    n = _n_of(g)
    return _span(pub, _shift(pub, n, unit), _unit_precision(unit, n), text)


def _n_ago(unit: str, g: _Groups, pub: dt.date, text: str) -> DateSpan:
    """"three weeks ago": the day, week, month or year that many units before publication."""
    day = _shift(pub, -_n_of(g), unit)
    if unit == "days":
        return _day(day, text)
    if unit == "weeks":
        start, end = _week_of(day)
        return _span(start, end, "week", text)
    if unit == "months":
        return month_span(day.year, day.month, text)
    return year_span(day.year, text)


def _n_decades_ago(g: _Groups, pub: dt.date, text: str) -> DateSpan:
    """"a decade ago", "two decades ago": the years around that many tens of years before
    publication (a round figure: the decade's span, known only to the year)."""
    year = pub.year - 10 * _n_of(g)
    return _span(dt.date(year - 4, 1, 1), dt.date(year + 5, 12, 31), "year", text)


# The actions that dates.tsv rows name.
_ACTIONS: dict[str, _Action] = {
    "today": _today,
    "yesterday": _yesterday,
    "tomorrow": _tomorrow,
    "overnight": _overnight,
    "last_night": _overnight,
    "weekday": _weekday,
    "last_weekday": _last_weekday,
    "next_weekday": _next_weekday,
    "weekday_last_week": functools.partial(_weekday_of_week, -1),
    "weekday_next_week": functools.partial(_weekday_of_week, 1),
    **{action: functools.partial(_weekend_action, action)
       for action in ("weekend", "last_weekend", "next_weekend")},
    "this_week": functools.partial(_week, 0),
    "last_week": functools.partial(_week, -1),
    "next_week": functools.partial(_week, 1),
    "this_month": _this_month,
    "last_month": _last_month,
    "next_month": _next_month,
    "earlier_this_month": _earlier_this_month,
    "later_this_month": _later_this_month,
    "this_year": functools.partial(_year_away, 0),
    "earlier_this_year": _earlier_this_year,
    "later_this_year": _later_this_year,
    "last_year": functools.partial(_year_away, -1),
    "next_year": functools.partial(_year_away, 1),
    "month": _month,
    "last_month_name": _last_month_name,
    "next_month_name": _next_month_name,
    "month_year": _month_year,
    "year": _year,
    "decade": _decade,
    "century": _century,
    **{f"past_n_{unit}": functools.partial(_past_n, unit) for unit in _UNITS},
    **{f"next_n_{unit}": functools.partial(_next_n, unit) for unit in _UNITS},
    **{f"n_{unit}_ago": functools.partial(_n_ago, unit) for unit in _UNITS},
    "n_decades_ago": _n_decades_ago,
}


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


# How far after publication a day named without a year may lie and still be this year's.
AHEAD_WINDOW = dt.timedelta(days=7)


def _explicit(text: str, pub: dt.date | None) -> tuple[DateSpan | None, str]:
    """Explicit calendar dates: ISO, US and day-month forms, with or without a year."""
    t = re.sub(r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+", "", text, flags=re.I)
    has_day = bool(re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b(?!\d)", re.sub(r"\b\d{4}\b", "", t)))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
        day = dt.date.fromisoformat(t)
        return _span(day, day, "day", text), "explicit:iso"
    if not has_day:
        return None, ""
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "current_period",
                                "REQUIRE_PARTS": ["day", "month"], "PREFER_DAY_OF_MONTH": "first"}
    if pub is not None:
        settings["RELATIVE_BASE"] = dt.datetime(pub.year, pub.month, pub.day, 23, 59)
    parsed = dateparser.parse(t, languages=["en"], settings=settings)
    if parsed is None:
        return None, ""
    day = parsed.date()
    if not re.search(r"\b\d{4}\b", t) and pub is not None and day > pub + AHEAD_WINDOW:
        # "Nov. 3" without a year in a story of January: the last Nov. 3, not the coming one
        # (a span starting within the window is read whole: ``_range``)
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
        if pub is None and action not in ("year", "month_year", "decade", "century"):
            return DateSpan(text=text, precision="unknown"), ref
        span = _apply(action, m, pub or dt.date(1970, 1, 1), text)
        if span is not None:
            return span, ref
    span, rule = _explicit(cleaned, pub)
    if span is not None:
        return span, rule
    return None


def _bounds(span: DateSpan) -> tuple[dt.date, dt.date] | None:
    """First and last day of a resolved span; None when it has no dates."""
    if span.start is None:
        return None
    return dt.date.fromisoformat(span.start), dt.date.fromisoformat(span.end or span.start)


def _range(m: re.Match[str], text: str, pub: dt.date | None) -> tuple[DateSpan, str] | None:
    """"between 2020 and 2022", "from March to May", "from 2 to 5 March": the span from the start
    of the first to the end of the second, as coarse as the coarser of the two."""
    last = _resolve_one(m.group("b"), pub)
    last_days = _bounds(last[0]) if last is not None else None
    if last is None or last_days is None:
        return None
    a = m.group("a").strip()
    first = _range_start(a, last[0], last_days[0], pub)
    first_days = _bounds(first[0]) if first is not None else None
    if first is None or first_days is None:
        return None
    start, end = first_days[0], last_days[1]
    days = first[0].precision == last[0].precision == "day"
    if days and start > end and pub is not None and pub <= start <= pub + AHEAD_WINDOW and \
            not re.search(r"\b\d{4}\b", m.group("b")):
        # "from July 10 to July 16" told on July 8: a span starting in the coming days ends
        # in the same weeks, not a year before it starts
        end = _next_year(end)
    if days and pub is not None and not re.search(r"\b\d{4}\b", text) and end < pub and \
            pub <= _next_year(start) <= pub + AHEAD_WINDOW:
        start, end = _next_year(start), _next_year(end)  # "from 10 to 16 July" told on 8 July
    if start > end and not re.search(r"\b\d{4}\b", a):
        # "from November to February" written in July: the November before that February.
        start = start.replace(year=start.year - 1)
    if start > end:
        return None
    precision = max(first[0].precision, last[0].precision,
                    key=lambda p: _PRECISIONS.index(p) if p in _PRECISIONS else len(_PRECISIONS))
    return _span(start, end, precision, text), f"range:{first[1]}..{last[1]}"


def _next_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day + dt.timedelta(days=365)


def _range_start(a: str, end_span: DateSpan, end_day: dt.date,
                 pub: dt.date | None) -> tuple[DateSpan, str] | None:
    """The first end of a range; in "from 2 to 5 March" it borrows the month and year of the
    second."""
    if not (a.isdigit() and end_span.precision == "day"):
        return _resolve_one(a, pub)
    try:
        first_day = end_day.replace(day=int(a))
    except ValueError:
        return None
    return _span(first_day, first_day, "day", a), "explicit:day"


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
