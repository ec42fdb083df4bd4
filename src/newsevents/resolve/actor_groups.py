"""Readings of actor phrases that depend on what else the article names.

A people named by a demonym may be a minority of another state ("ethnic Albanians" in a story on
Serbia); a capital's name may be a town of the state the article is about ("Tripoli" in a story
on Lebanon); a short word or an acronym may be only a code the gazetteer lists for some town
("Air", "FLA"), which is no evidence of a place. ``actors.resolve_actor`` asks these questions.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from ..lexicon import actor_words
from .places import code_collision, get_gazetteer
from .tables import country_lexicon

# code_collision lives beside the gazetteer whose codes it tells apart; actors asks it from here.
__all__ = ["CAPITAL_NAMESAKE_MIN_POPULATION", "capital_elsewhere", "capital_namesake",
           "code_collision", "is_acronym", "is_minority", "lives_in", "speaking_countries"]

# A town named like a foreign capital stands for itself only when it is a city of this size.
CAPITAL_NAMESAKE_MIN_POPULATION = 100000


def is_acronym(word: str) -> bool:
    """"FLA", "M23", "U.N.": a name written in capitals (two to six letters)."""
    letters = word.replace(".", "").replace("-", "")
    return 2 <= len(letters) <= 6 and letters.isupper() and letters.isalnum()


def capital_elsewhere(name: str, iso: str, main: Sequence[str],
                      nearby: Sequence[str]) -> tuple[str, str] | None:
    """A capital's name that is also a town of a country the article is about ("Tripoli" in a
    story on Lebanon): that town's (ISO3, rule), when the capital's own state ``iso`` is neither
    among the article's ``main`` countries nor named in the sentence (``nearby``), and the town is
    a city in its own right (Paris, Texas, does not make "Paris" in a story on America Texan)."""
    order = tuple(dict.fromkeys(tuple(main) + tuple(nearby)))
    if not order or iso in order:
        return None
    return capital_namesake(name, order)


@functools.lru_cache(maxsize=256)
def capital_namesake(name: str, countries: tuple[str, ...]) -> tuple[str, str] | None:
    """(ISO3, rule) of the first of ``countries`` with a city of some size named ``name``."""
    if not countries:
        return None
    gazetteer = get_gazetteer()  # built (or read from the cache) on the first call only
    for candidate in countries:
        found = gazetteer.lookup_rule(name, countries=(candidate,))
        if found is not None and found[0].country == candidate and found[0].precision == "city" \
                and gazetteer.population_of(found[0]) >= CAPITAL_NAMESAKE_MIN_POPULATION:
            return candidate, f"capital-elsewhere:{found[1]}"
    return None


def speaking_countries(words: Sequence[str]) -> list[tuple[int, str, str, str]]:
    """"russian-speaking residents": (position, ISO3, "adjective", rule) of the language's people,
    for a phrase whose words (lower-cased) name no state otherwise."""
    adjectives = country_lexicon().adjectives
    for i, w in enumerate(words):
        stem = w.removesuffix("-speaking")
        if stem != w and stem in adjectives:
            iso, rule = adjectives[stem]
            return [(i, iso, "adjective", rule)]
    return []


def is_minority(words: Sequence[str], pos: int, length: int) -> bool:
    """"ethnic Albanians", "the Albanian minority", "Serb community", "Russian-speaking": the
    demonym at ``pos`` (``length`` words) names a people living among another (the words after
    it: actor_words.tsv's list minority)."""
    after = pos + length
    return (pos > 0 and words[pos - 1] == "ethnic") or words[pos].endswith("-speaking") or \
        any(w in actor_words("minority") for w in words[after:after + 2])


def lives_in(demonym_country: str, phrase_countries: Sequence[tuple[str, str]],
             nearby: Sequence[str], main: Sequence[str]) -> tuple[str, str] | None:
    """(ISO3, rule) of the country a minority lives in: the one the phrase names after its head
    ("in south Serbia", given as (ISO3, rule) pairs), else the sentence's, else the article's main
    country (PLOVER codes "ethnic Albanians" in a story on Macedonia as Macedonian civilians);
    None when nothing but the demonym's own country is given."""
    for iso, rule in phrase_countries:
        if iso != demonym_country:
            return iso, "lives-in:" + rule
    for source, countries in (("sentence", nearby), ("article", main)):
        for iso in countries:
            if iso != demonym_country:
                return iso, f"lives-in:context:{source}-country"
    return None
