"""Publication times given with an input (a JSONL field, a feed item date, ``--published``) read
into ISO 8601, the form every later stage expects.

Tried in order: ISO 8601 (kept exactly as written), RFC 2822 as in e-mail and RSS ("Tue, 11 Feb
2025 08:00:00 GMT"), then dateparser for written dates ("11 February 2025", "Feb 11, 2025 8:00 AM
EST") and relative ones ("yesterday", "3 hours ago"), which are read against the time the page was
fetched, else the time of the run. A value that is a date but names no day ("2025", "February
2025") or is no date at all ("2025-02-30") is left out: published becomes None and the document
carries a warning saying why. Relative dates are kept with a warning too, since they depend on
when they were read.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass

from ..records import DocumentWarning

# A relative phrase in hours or minutes places the time of day too; "yesterday" only the day.
_TIME_OF_DAY = re.compile(r"\b(?:hours?|hrs?|minutes?|mins?|seconds?|secs?|now)\b", re.I)
# A written date that gives a time of day: "8:00", "8 am", "8pm".
_CLOCK_TIME = re.compile(r"\d:\d\d|\b\d{1,2}\s*[ap]\.?m\b", re.I)
# Two reference times one day and one hour apart: a phrase read the same against both is absolute.
_SHIFT = dt.timedelta(days=1, hours=1)


@dataclass(frozen=True)
class Published:
    iso: str | None
    warning: DocumentWarning | None = None


def _warning(reason: str, message: str) -> DocumentWarning:
    return DocumentWarning("ingest", reason, message)


def _iso(value: str) -> str | None:
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return value


def _rfc2822(value: str) -> str | None:
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.isoformat() if parsed is not None else None


def _reference(fetched: str | None) -> tuple[dt.datetime, str]:
    """The time relative phrases are read against, and how a warning names it."""
    if fetched:
        try:
            stamp = dt.datetime.fromisoformat(fetched)
        except ValueError:
            stamp = None
        if stamp is not None:
            return (stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)), f"the fetch time {fetched}"
    now = dt.datetime.now(dt.UTC)
    return now, f"the time of this run ({now:%Y-%m-%d %H:%M} UTC)"


def _dateparser(value: str, base: dt.datetime, strict: bool) -> dt.datetime | None:
    import dateparser  # imported on first use: most inputs give ISO dates

    settings = {"RELATIVE_BASE": base.replace(tzinfo=None), "STRICT_PARSING": strict,
                "PREFER_DATES_FROM": "past"}
    return dateparser.parse(value, languages=["en"], settings=settings)


def read_published(value: str | None, fetched: str | None = None) -> Published:
    """``value`` as ISO 8601, or None with the warning that says why it was left out.
    ``fetched`` (ISO) is what relative phrases are read against; the current time when None."""
    text = " ".join((value or "").split())
    if not text:
        return Published(None)
    found = _iso(text) or _rfc2822(text)
    if found:
        return Published(found)
    base, against = _reference(fetched)
    parsed = _dateparser(text, base, strict=True)
    if parsed is None:
        if _dateparser(text, base, strict=False) is not None:
            return Published(None, _warning(
                "partial_date", f"published {value!r} names no day (day, month and year are needed "
                                "to date events); left empty"))
        return Published(None, _warning("bad_date", f"published {value!r} is not a date; left empty"))
    if _dateparser(text, base - _SHIFT, strict=True) == parsed:
        # "11 February 2025" is a day, not its midnight
        return Published(parsed.isoformat() if _CLOCK_TIME.search(text) else parsed.date().isoformat())
    # Relative: the phrase moved with the reference time.
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=base.tzinfo)
    iso = parsed.isoformat(timespec="seconds") if _TIME_OF_DAY.search(text) else parsed.date().isoformat()
    return Published(iso, _warning("relative_date", f"published {value!r} read as {iso}, relative to {against}"))
