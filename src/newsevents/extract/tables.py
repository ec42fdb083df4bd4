"""Loaders for the extraction data tables in ``newsevents/data/extract`` (cached, read-only)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def _rows(name: str) -> list[list[str]]:
    """Rows of a packaged TSV file: comments and the header row skipped, cells stripped."""
    text = resources.files("newsevents.data").joinpath("extract", name).read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [[cell.strip() for cell in row] for row in rows[1:]]


@dataclass(frozen=True)
class CtaPattern:
    category: str
    strong: bool
    pattern: re.Pattern[str]
    # A looser pattern searched first in the lower-cased text: no match there, no match at all.
    # Python's regex engine scans fast for a pattern that starts with letters, not for one that
    # starts with a word-boundary assertion, and case-folding slows every comparison; the
    # call-to-action scan is the costliest part of our HTML layer without this.
    quick: re.Pattern[str] | None = None

    def search(self, text: str, lowered: str) -> re.Match[str] | None:
        if self.quick is not None and self.quick.search(lowered) is None:
            return None
        return self.pattern.search(text)


def _quick_pattern(pattern: str) -> re.Pattern[str] | None:
    """The pattern without its leading ``\\b``, for lower-cased text; case-insensitive when it
    spells upper-case letters or switches the flag itself. None when it does not start with ``\\b``."""
    if not pattern.startswith(r"\b"):
        return None
    body = pattern[2:]
    literal = re.sub(r"\\.", "", body)
    needs_case = "(?-i" in body or any("A" <= c <= "Z" for c in literal)
    return re.compile(body, re.IGNORECASE if needs_case else 0)


@lru_cache(maxsize=1)
def call_to_action() -> tuple[CtaPattern, ...]:
    return tuple(
        CtaPattern(cat, strength == "strong", re.compile(pat, re.IGNORECASE), _quick_pattern(pat))
        for cat, strength, pat in _rows("call_to_action.tsv")
    )


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    text = resources.files("newsevents.data").joinpath("extract", "stopwords.txt").read_text("utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


@lru_cache(maxsize=1)
def timezones() -> dict[str, str]:
    """Abbreviation -> "+HH:MM" offset or IANA zone name."""
    return {abbr: zone for abbr, zone in _rows("timezones.tsv")}


@lru_cache(maxsize=1)
def agencies() -> dict[str, str]:
    """Name as written -> canonical agency name."""
    return {written: canonical for written, canonical in _rows("agencies.tsv")}


def _names_pattern(names: Iterable[str]) -> re.Pattern[str]:
    """Any of ``names`` as a whole word, the longest first so "Reuters TV" wins over "Reuters"."""
    ordered = sorted(names, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in ordered) + r")(?![\w-])")


@lru_cache(maxsize=1)
def agency_pattern() -> re.Pattern[str]:
    return _names_pattern(agencies())


@lru_cache(maxsize=1)
def publishers() -> dict[str, str]:
    """Publisher name -> web domain."""
    return {name: domain for name, domain in _rows("publishers.tsv")}


@lru_cache(maxsize=1)
def publisher_pattern() -> re.Pattern[str]:
    return _names_pattern(publishers())


@lru_cache(maxsize=1)
def site_zones() -> tuple[tuple[str, str], ...]:
    """(host suffix, IANA zone), longest suffix first."""
    return tuple(sorted(((s, z) for s, z in _rows("site_zones.tsv")), key=lambda r: -len(r[0])))
