"""The vocabularies the rules read, by name: the words of a word list (``actor_words.tsv``,
``coder_words.tsv``, ``count_words.tsv``, ``place_words.tsv``, ``date_words.tsv``), the count of
each number word of ``date_numbers.tsv``, the ordered qualifiers of ``count_qualifiers.tsv``, the
singulars of ``irregular_plurals.tsv``, and the codes that have a property (``sector_codes.tsv``,
``plover_types.tsv``, ``pair_nouns.tsv``, ``acled_types.tsv``), the ACLED weights of
``acled_types.tsv`` and the modes of ``modes.tsv``, overlay rows included.

Each set is built once per process from the active tables (``Lexicon.memo``), so a rule may ask
for it at every word: ``token.lower_ in actor_words("honorific")``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TypeVar

from .catalog import SCHEMAS, WORD_LISTS
from .tables import active

_V = TypeVar("_V")


# The rules ask for a vocabulary at every word: the name (or column) asked for is checked when
# the set is built (the catalog does not change), so a later call is only the memo's look-up.
def _words(table: str, name: str) -> frozenset[str]:
    lexicon = active()

    def build() -> frozenset[str]:
        if name not in WORD_LISTS[table]:
            raise KeyError(f"{name!r} is no word list of {table}; lists: {', '.join(WORD_LISTS[table])}")
        return frozenset(row.get(1) for row in lexicon.rows(table) if row.get(0) == name)
    return lexicon.memo(("words", table, name), build)


def _having(table: str, prop: str, key: int = 0) -> frozenset[str]:
    """The values in column ``key`` (the code) of ``table``'s rows whose yes/no column ``prop``
    says yes."""
    lexicon = active()

    def build() -> frozenset[str]:
        schema = SCHEMAS[table]
        if prop not in schema.header[key + 1:]:
            raise KeyError(f"{prop!r} is no column of {table}; columns: {', '.join(schema.header)}")
        index = schema.index(prop)
        return frozenset(row.get(key) for row in lexicon.rows(table) if row.get(index) == "yes")
    return lexicon.memo(("having", table, prop, key), build)


def _mapping(table: str, key: int, value: int, convert: Callable[[str], _V]) -> Mapping[str, _V]:
    """Column ``key`` -> column ``value`` (made by ``convert``) of every row of ``table``."""
    lexicon = active()

    def build() -> Mapping[str, _V]:
        return MappingProxyType({row.get(key): convert(row.get(value))
                                 for row in lexicon.rows(table)})
    return lexicon.memo(("mapping", table, key, value), build)


def actor_words(name: str) -> frozenset[str]:
    """The words of the list ``name`` of actor_words.tsv (the actor resolver's)."""
    return _words("actor_words.tsv", name)


def coder_words(name: str) -> frozenset[str]:
    """The words of the list ``name`` of coder_words.tsv (the event coder's)."""
    return _words("coder_words.tsv", name)


def count_words(name: str) -> frozenset[str]:
    """The words of the list ``name`` of count_words.tsv (the count rules')."""
    return _words("count_words.tsv", name)


def place_words(name: str) -> frozenset[str]:
    """The words of the list ``name`` of place_words.tsv (the place rules')."""
    return _words("place_words.tsv", name)


def date_words(name: str) -> frozenset[str]:
    """The words of the list ``name`` of date_words.tsv (the date scan's)."""
    return _words("date_words.tsv", name)


def date_numbers() -> Mapping[str, int]:
    """Number word -> the count it gives a relative date (date_numbers.tsv: "a few" -> 3)."""
    return _mapping("date_numbers.tsv", 0, 1, int)


def count_qualifiers() -> tuple[tuple[tuple[str, ...], str | None], ...]:
    """(words, qualifier) of count_qualifiers.tsv in the table's order, which is the order they
    are tried in (the first that matches wins); qualifier None: '-', the words qualify nothing."""
    lexicon = active()

    def build() -> tuple[tuple[tuple[str, ...], str | None], ...]:
        return tuple((tuple(row.get(0).split()), None if row.get(1) == "-" else row.get(1))
                     for row in lexicon.rows("count_qualifiers.tsv"))
    return lexicon.memo(("count_qualifiers",), build)


def irregular_plurals() -> Mapping[str, str]:
    """Plural -> singular of irregular_plurals.tsv ("men" -> "man")."""
    return _mapping("irregular_plurals.tsv", 0, 1, str)


def sector_codes(prop: str) -> frozenset[str]:
    """The codes of sector_codes.tsv that have the property ``prop`` ("armed")."""
    return _having("sector_codes.tsv", prop)


def plover_types(prop: str) -> frozenset[str]:
    """The PLOVER types of plover_types.tsv that have the property ``prop`` ("verbal")."""
    return _having("plover_types.tsv", prop)


def pair_nouns(prop: str) -> frozenset[str]:
    """The nouns of pair_nouns.tsv read as a pair of states by ``prop`` ("as_phrase")."""
    return _having("pair_nouns.tsv", prop)


def acled_sub_types(prop: str) -> frozenset[str]:
    """The ACLED sub-event types of acled_types.tsv that have the property ``prop`` ("riot")."""
    return _having("acled_types.tsv", prop, key=1)


def acled_weights() -> Mapping[str, float]:
    """ACLED sub-event type -> what a factual event of it adds to its salience (acled_types.tsv's
    weight column)."""
    return _mapping("acled_types.tsv", 1, 2, float)


def weapon_modes() -> tuple[str, ...]:
    """The modes of modes.tsv that weapon words give, by rank: the most specific first."""
    lexicon = active()

    def build() -> tuple[str, ...]:
        ranked = [(int(row.get(1)), row.get(0)) for row in lexicon.rows("modes.tsv") if row.get(1)]
        return tuple(mode for _rank, mode in sorted(ranked))
    return lexicon.memo(("weapon_modes",), build)


def mode_acled() -> Mapping[str, str]:
    """Mode -> the acled.tsv code an ASSAULT of that mode gets (modes.tsv's acled column)."""
    lexicon = active()

    def build() -> Mapping[str, str]:
        return MappingProxyType({row.get(0): row.get(2) for row in lexicon.rows("modes.tsv")
                                 if row.get(2)})
    return lexicon.memo(("mode_acled",), build)
