"""The words of ``state_reference.tsv``: nouns that "the two ..." makes a pair of states ("the two
nations", "both countries") and verbs whose subject "it" can be a state ("it has so far denied").

Both ``actors`` (a phrase for the pair of states) and ``states`` (the pronoun and the pair in a
parsed document) read them; this module needs neither.
"""

from __future__ import annotations

import functools

from .tables import norm, read_table
from .words import singular

PAIR_WORDS = frozenset({"two", "both"})


@functools.lru_cache(maxsize=1)
def reference_words() -> tuple[frozenset[str], frozenset[str]]:
    """(pair nouns, verbs states do) of state_reference.tsv."""
    pair: set[str] = set()
    verbs: set[str] = set()
    for row in read_table("state_reference.tsv"):
        (pair if row.get(0) == "pair-noun" else verbs).add(row.get(1))
    return frozenset(pair), frozenset(verbs)


def is_pair_phrase(text: str) -> bool:
    """"the two nations", "both countries", "the two Koreas' governments" -> True."""
    words = [w for w in norm(text).replace("'s", "").split() if w not in ("the", "these", "those")]
    pair_nouns = reference_words()[0]
    return len(words) == 2 and words[0] in PAIR_WORDS and singular(words[1]) in pair_nouns
