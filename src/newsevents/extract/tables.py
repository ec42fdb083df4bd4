"""Loaders for the extraction data tables in ``newsevents/data/extract`` (cached, read-only), read
through the lexicon; the word list ``stopwords.txt`` is no table and is read here."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .. import lexicon
from .required_literals import LiteralFinder, required_literals


def _rows(name: str) -> list[list[str]]:
    """Rows of a table (``newsevents.lexicon``: header checked, overlay merged), cells stripped."""
    return [[cell.strip() for cell in row.fields] for row in lexicon.rows(name)]


@dataclass(frozen=True)
class CtaPattern:
    category: str
    strong: bool
    pattern: re.Pattern[str]
    # Lower-cased literals one of which every match contains (see required_literals); None when
    # the pattern has none and is always searched.
    literals: frozenset[str] | None = None


class CtaIndex:
    """The call-to-action patterns indexed by their required literals: ``candidates`` gives, in
    table order, the patterns that can match a paragraph, found in one pass over its lower-cased
    text."""

    def __init__(self, entries: tuple[CtaPattern, ...]) -> None:
        self.entries = entries
        self.always = frozenset(i for i, entry in enumerate(entries) if entry.literals is None)
        keyed: dict[str, list[int]] = {}
        for i, entry in enumerate(entries):
            for literal in entry.literals or ():
                keyed.setdefault(literal, []).append(i)
        self.finder = LiteralFinder({p: tuple(ids) for p, ids in keyed.items()})

    def candidates(self, lowered: str) -> list[CtaPattern]:
        hit = self.finder.keys_in(lowered) | self.always
        return [self.entries[i] for i in sorted(hit)]


@lru_cache(maxsize=1)
def call_to_action() -> tuple[CtaPattern, ...]:
    return tuple(
        CtaPattern(cat, strength == "strong", re.compile(pat, re.IGNORECASE), required_literals(pat))
        for cat, strength, pat in _rows("call_to_action.tsv")
    )


@lru_cache(maxsize=1)
def call_to_action_index() -> CtaIndex:
    return CtaIndex(call_to_action())


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
