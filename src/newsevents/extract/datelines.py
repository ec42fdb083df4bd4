"""Dates as news pages write them: datelines ("Friday 01 November 2024 06:04 EDT"), ISO stamps in
metadata, dates in URLs. Everything returns ISO 8601, with the UTC offset when the text gives a
zone (abbreviations resolved through ``data/extract/timezones.tsv``). Also where a story's place
dateline ends ("BAMAKO, Mali — "), which the extractor and the coder both read."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from .tables import site_zones, timezones

MIN_YEAR, MAX_YEAR = 1900, 2100
MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?P<{g}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?\.?,?\s+)"
_TIME = (r"(?P<{g}h>\d{{1,2}})(?:[:.](?P<{g}m>\d{{2}})(?::(?P<{g}s>\d{{2}}))?)?\s*"
         r"(?P<{g}ap>[ap]\.?\s?m\.?(?![a-z]))?")
# A zone: an abbreviation (checked against the table after matching) or an explicit offset.
_ZONE = r"(?P<{g}z>(?:UTC|GMT)\s?[+-−]\s?\d{{1,2}}(?::?\d{{2}})?|[+-]\d{{2}}:?\d{{2}}|[A-Z]{{1,5}})"


def _time(g: str) -> str:
    return _TIME.format(g=g)


def _zone(g: str) -> str:
    return _ZONE.format(g=g)


_SEP = r"(?:\s*[,|•·-]?\s*(?:at\s+)?)"
_DAY_FIRST = (rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH.format(g='m1')}\s*,?\s+(?P<y1>\d{{4}})"
              rf"(?:{_SEP}{_time('t1')}(?:\s*\(?{_zone('t1')}\)?)?)?")
_MONTH_FIRST = (rf"{_MONTH.format(g='m2')}\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(?P<y2>\d{{4}})"
                rf"(?:{_SEP}{_time('t2')}(?:\s*\(?{_zone('t2')}\)?)?)?")
_TIME_FIRST = (rf"{_time('t3')}\s*\(?{_zone('t3')}\)?\s*[,|]?\s*(?:on\s+)?{_WEEKDAY}?"
               rf"(?:(?P<d3>\d{{1,2}})\s+{_MONTH.format(g='m3')}|{_MONTH.format(g='m4')}\s+(?P<d4>\d{{1,2}}))"
               rf"(?:st|nd|rd|th)?\s*,?\s+(?P<y3>\d{{4}})")
_ISO = (r"(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})"
        r"(?:[T ](?P<ih>\d{2}):(?P<imin>\d{2})(?::(?P<isec>\d{1,2}))?"
        r"(?:\.\d+)?\s*(?P<iz>Z|[+-]\d{2}:?\d{2})?)?")

DATE_RE = re.compile(
    rf"(?<![\w])(?:{_WEEKDAY})?(?:{_TIME_FIRST}|{_DAY_FIRST}|{_MONTH_FIRST}|{_ISO})(?![\w])",
    re.IGNORECASE,
)
_PREFIX_WORDS = re.compile(
    r"\b(?:updated|published|posted|first published|last updated|last modified|modified|created|"
    r"on|at|date|dateline|released|issued|edt|est|[ap]m)\b|[|•·:,()\-–—]",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    iso: str


def _offset(zone: str | None, when: datetime) -> timezone | None:
    """The UTC offset a zone token means at ``when``; None when the token is not a known zone."""
    if not zone:
        return None
    token = zone.strip().replace("−", "-")
    explicit = re.fullmatch(r"(?:UTC|GMT)?\s?([+-])\s?(\d{1,2}):?(\d{2})?", token, re.IGNORECASE)
    if explicit:
        sign = -1 if explicit.group(1) == "-" else 1
        delta = timedelta(hours=int(explicit.group(2)), minutes=int(explicit.group(3) or 0))
        return timezone(sign * delta)
    value = timezones().get(token.upper())
    if value is None:
        return None
    if value[0] in "+-":
        sign = -1 if value[0] == "-" else 1
        hours, minutes = value[1:].split(":")
        return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))
    local = when.replace(tzinfo=ZoneInfo(value))
    offset = local.utcoffset()
    return timezone(offset) if offset is not None else None


def _hour(h: str, ap: str | None) -> int:
    hour = int(h)
    if ap:
        pm = ap.lower().startswith("p")
        hour = hour % 12 + (12 if pm else 0)
    return hour


def _build(y: str, mo: int, d: str, h: str | None, mi: str | None, s: str | None,
           ap: str | None, zone: str | None, time_needs_marker: bool) -> str | None:
    # Outside this range a "date" is a placeholder (0001-01-01, 9999-12-31) or a misread number.
    if not MIN_YEAR <= int(y) <= MAX_YEAR:
        return None
    try:
        day = date(int(y), mo, int(d))
    except ValueError:
        return None
    # A bare number after the date ("1 November 2024 10") is not a time; a time needs minutes or am/pm.
    if h is None or (mi is None and not ap) or (time_needs_marker and mi is None and not ap):
        return day.isoformat()
    hour = _hour(h, ap)
    if hour > 23 or int(mi or 0) > 59:
        return day.isoformat()
    when = datetime(day.year, day.month, day.day, hour, int(mi or 0), int(s or 0))
    tz = _offset(zone, when)
    return when.replace(tzinfo=tz).isoformat() if tz else when.isoformat()


def _from_match(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    if g.get("iy"):
        y, mo, d = g["iy"], int(g["im"]), g["id"]
        if not 1 <= mo <= 12:
            return None
        zone = g["iz"]
        if zone == "Z":
            zone = "+00:00"
        return _build(y, mo, d, g["ih"], g["imin"], g["isec"], None, zone, False)
    if g.get("y3"):
        month = g["m3"] or g["m4"]
        return _build(g["y3"], MONTHS[month.lower()[:3]], g["d3"] or g["d4"], g["t3h"], g["t3m"],
                      g["t3s"], g["t3ap"], g["t3z"], True)
    if g.get("y1"):
        return _build(g["y1"], MONTHS[g["m1"].lower()[:3]], g["d1"], g["t1h"], g["t1m"], g["t1s"],
                      g["t1ap"], g["t1z"], True)
    if g.get("y2"):
        return _build(g["y2"], MONTHS[g["m2"].lower()[:3]], g["d2"], g["t2h"], g["t2m"], g["t2s"],
                      g["t2ap"], g["t2z"], True)
    return None


def find_date(text: str) -> FoundDate | None:
    """The first date (with time and zone when written) in ``text``."""
    for m in DATE_RE.finditer(text):
        iso = _from_match(m)
        if iso:
            return FoundDate(m.start(), m.end(), iso)
    return None


def parse_dateline(line: str) -> str | None:
    """ISO date-time when ``line`` is a dateline: a date plus at most a few label words
    ("Updated", "Published:", a place name) and nothing that reads like a sentence."""
    if len(line) > 120:
        return None
    found = find_date(line)
    if found is None:
        return None
    rest = line[: found.start] + " " + line[found.end:]
    rest = DATE_RE.sub(" ", rest)
    rest = _PREFIX_WORDS.sub(" ", rest)
    return found.iso if len(rest.split()) <= 3 else None


_URL_DATE = re.compile(r"/(20\d{2}|19\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[-_]|$)")
_URL_DATE_COMPACT = re.compile(r"[/_-](20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)")


def date_from_url(url: str | None) -> str | None:
    """A day written into a URL path (/2020/06/07/ or -20200607-)."""
    if not url:
        return None
    for pattern in (_URL_DATE, _URL_DATE_COMPACT):
        m = pattern.search(url)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            except ValueError:
                continue
    return None


def site_zone(url: str | None) -> str | None:
    """IANA zone a site most likely dates its pages in, from its host name (site_zones.tsv)."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    for suffix, zone in site_zones():
        if host.endswith(suffix):
            return zone
    return None


def localise_utc(iso: str, url: str | None) -> str:
    """A UTC stamp re-expressed in the site's own zone, so that its day is the day the publisher
    shows; stamps with a real offset, or without time, are returned unchanged."""
    if "T" not in iso or not iso.endswith("+00:00"):
        return iso
    zone = site_zone(url)
    if zone is None:
        return iso
    return datetime.fromisoformat(iso).astimezone(ZoneInfo(zone)).isoformat()


# A dateline's town opens the body (within its first characters) and a comma, a bracket or a
# dash follows it ("HANOI —", "LIMA, Peru (AP) -", "KHARTOUM, Sudan (Agency) -").
DATELINE_START = 3
_AFTER_DATELINE_TOWN = re.compile(r"\s*(?:[,(\u2014\u2013]|-\s)")


def dateline_follows(text: str, end: int) -> bool:
    """What follows a name ending at ``end`` of ``text`` makes it a dateline's town
    (``DATELINE_START``: the name must open the body; callers check that first)."""
    return _AFTER_DATELINE_TOWN.match(text, end) is not None


def place_dateline_end(text: str) -> int:
    """End offset of a place dateline opening ``text`` ("BAMAKO, Mali — ", "TULSA, Okla. (AP)
    — "): a town in capitals, then a dash within the first 80 characters; 0 when none."""
    head = text[:80]
    for dash in (" — ", " – ", " - ", "—"):
        pos = head.find(dash)
        if pos > 0:
            lead = head[:pos]
            letters = [ch for ch in lead.split(",")[0].split("(")[0] if ch.isalpha()]
            if letters and all(ch.isupper() for ch in letters):
                return pos + len(dash)
    return 0
