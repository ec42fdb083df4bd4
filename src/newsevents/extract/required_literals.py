"""Literal strings a regular expression needs, for a cheap prefilter before searching with it.

Most call-to-action patterns contain a few alternative words that every match must include
("^(?:read|see) more", "\\bsubscribe to ...", "... (?:contribution|donation|gift)s? ..."). When
none of them occurs in a paragraph, the pattern cannot match it. Searching every paragraph with
every pattern was the costliest part of our HTML layer; now one pass over the paragraph (a trie
of all the patterns' literals, ``LiteralFinder``) tells which few patterns are worth searching.

The literals come from the pattern's parse tree (``re._parser``, the standard library's own
parser; a private module, but stable across 3.11-3.13, and the tests check every table row's
literals against its full pattern). Only items of the pattern's top-level sequence are used: each
of those is part of every match. A pattern without a usable literal (all its parts are classes,
digits or optional) is always searched.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# typeshed declares no stubs for re's private modules, so mypy does not see them
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

# Literals shorter than MIN_LEN select too little to be worth testing; past MAX_LEN characters a
# literal selects no better. A position with more than MAX_ALTERNATIVES literals is not used.
MIN_LEN = 3
MAX_LEN = 5
MAX_ALTERNATIVES = 64
# Zero-width items (anchors, \b, look-arounds) consume nothing: the literal after them is next.
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
# A class of at most this many single characters ("[’']") is expanded into alternatives.
_SMALL_CLASS = 4


# Reading one item of a pattern either goes on to the next item (_NEXT) or stops there: with all of
# the items read (True: what follows the items may extend the strings) or not (False).
_NEXT = None
_Step = tuple[set[str], bool | None]


def _literal(starts: set[str], av: Any, rest: list[Any]) -> _Step:
    return {s + chr(av).lower() for s in starts}, _NEXT


def _char_class(starts: set[str], av: Any, rest: list[Any]) -> _Step:
    if len(av) <= _SMALL_CLASS and all(o is sre.LITERAL for o, _ in av):
        return {s + chr(c).lower() for s in starts for _, c in av}, _NEXT
    return starts, False


def _group(starts: set[str], av: Any, rest: list[Any]) -> _Step:
    _number, _add_flags, del_flags, sub = av
    if del_flags & re.IGNORECASE:
        # A case-sensitive part cannot be tested on lower-cased text.
        return starts, False
    starts, complete = _expand(starts, list(sub))
    return starts, _NEXT if complete else False


def _branch(starts: set[str], av: Any, rest: list[Any]) -> _Step:
    out: set[str] = set()
    complete = True
    for alternative in av[1]:
        got, whole = _expand(starts, list(alternative))
        out |= got
        complete = complete and whole
    return out, _NEXT if complete else False


def _repeat(starts: set[str], av: Any, rest: list[Any]) -> _Step:
    low, high, item = av
    if low == 0 and high == 1:
        # "x?": the text goes on either with x or without it.
        skipped, whole_a = _expand(starts, rest)
        taken, whole_b = _expand(starts, [*item, *rest])
        return skipped | taken, whole_a and whole_b
    if low == 0:
        return starts, False
    # The first repetition is certain; how many follow is not.
    return _expand(starts, list(item))[0], False


# How each kind of item extends the strings; any other kind ends them.
_READERS: dict[Any, Callable[[set[str], Any, list[Any]], _Step]] = {
    sre.LITERAL: _literal, sre.IN: _char_class, sre.SUBPATTERN: _group, sre.BRANCH: _branch,
    sre.MAX_REPEAT: _repeat, sre.MIN_REPEAT: _repeat,
}


def _expand(starts: set[str], items: list[Any]) -> tuple[set[str], bool]:
    """``starts`` extended by the literal text ``items`` begin with; True when all of ``items``
    was read (so what follows may extend the strings further)."""
    for k, (op, av) in enumerate(items):
        if op in _ZERO_WIDTH:
            continue
        if all(len(s) >= MAX_LEN for s in starts) or len(starts) > MAX_ALTERNATIVES:
            return starts, False
        reader = _READERS.get(op)
        if reader is None:
            return starts, False
        starts, done = reader(starts, av, items[k + 1:])
        if done is not _NEXT:
            return starts, done
    return starts, True


def _minimal(strings: set[str]) -> set[str]:
    """Without the strings that contain another one ("tags" goes when "tag" is there)."""
    return {s for s in strings if not any(t != s and t in s for t in strings)}


def _usable(strings: set[str]) -> bool:
    return 0 < len(strings) <= MAX_ALTERNATIVES and all(len(s) >= MIN_LEN for s in strings)


def required_literals(pattern: str) -> frozenset[str] | None:
    """Lower-cased strings one of which every match of ``pattern`` (compiled case-insensitively)
    contains, or None when there are none to be had (the pattern must always be searched).

    Every item of the top-level sequence is a candidate position; the one whose literals are
    longest (then fewest) wins."""
    items = list(sre_parse.parse(pattern, re.IGNORECASE))
    best: set[str] | None = None
    best_key = (0, 0)
    for k, (op, _av) in enumerate(items):
        if op in _ZERO_WIDTH:
            continue
        strings = _minimal({s[:MAX_LEN] for s in _expand({""}, items[k:])[0]})
        if not _usable(strings):
            continue
        key = (min(len(s) for s in strings), -len(strings))
        if key > best_key:
            best, best_key = strings, key
    return frozenset(best) if best is not None else None


def _trie_pattern(words: list[str]) -> str:
    """One regular expression for all ``words``, shaped as a trie (shared beginnings written once):
    at each position the engine follows one branch instead of trying every word in turn. Longer
    words are preferred, so at each position the longest word starting there is the match."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = "(?:" + "|".join(branches) + ")" if len(branches) > 1 else branches[0]
        return f"(?:{body})?" if "" in node else body

    return build(trie)


class LiteralFinder:
    """Which of a set of keyed strings occur in a text, in one regex pass.

    The pass is a zero-width look-ahead at every position, so occurrences may overlap; at each
    position it reports the longest string found there, and every shorter string that one begins
    with is credited too (the shorter ones occur at that position as well).
    """

    def __init__(self, keyed: dict[str, tuple[int, ...]]) -> None:
        words = sorted(keyed)
        self._finder = re.compile("(?=(" + _trie_pattern(words) + "))") if words else None
        self._keys: dict[str, frozenset[int]] = {
            w: frozenset(k for shorter in words if w.startswith(shorter) for k in keyed[shorter])
            for w in words
        }

    def keys_in(self, text: str) -> set[int]:
        found: set[int] = set()
        if self._finder is None:
            return found
        for match in self._finder.finditer(text):
            found |= self._keys[match.group(1)]
        return found
