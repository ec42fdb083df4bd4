"""Loaders for the extraction data tables in ``newsevents/data/extract`` (cached, read-only)."""

from __future__ import annotations

import re
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


@lru_cache(maxsize=1)
def call_to_action() -> tuple[CtaPattern, ...]:
    return tuple(
        CtaPattern(cat, strength == "strong", re.compile(pat, re.IGNORECASE))
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


@lru_cache(maxsize=1)
def agency_pattern() -> re.Pattern[str]:
    names = sorted(agencies(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


@lru_cache(maxsize=1)
def publishers() -> dict[str, str]:
    """Publisher name -> web domain."""
    return {name: domain for name, domain in _rows("publishers.tsv")}


@lru_cache(maxsize=1)
def publisher_pattern() -> re.Pattern[str]:
    names = sorted(publishers(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


@lru_cache(maxsize=1)
def site_zones() -> tuple[tuple[str, str], ...]:
    """(host suffix, IANA zone), longest suffix first."""
    return tuple(sorted(((s, z) for s, z in _rows("site_zones.tsv")), key=lambda r: -len(r[0])))
