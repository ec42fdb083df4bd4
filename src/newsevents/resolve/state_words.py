"""Phrases that stand for the two states last named together ("the two nations", "both
countries"): a pair determiner of actor_words.tsv before a noun of pair_nouns.tsv.

Both ``actors`` (a phrase for the pair of states) and ``states`` (the pair in a parsed document)
read it; this module needs neither.
"""

from __future__ import annotations

from ..lexicon import actor_words, pair_nouns
from .tables import norm
from .words import singular


def is_pair_phrase(text: str) -> bool:
    """"the two nations", "both countries", "the two Koreas' governments" -> True."""
    words = [w for w in norm(text).replace("'s", "").split() if w not in ("the", "these", "those")]
    return len(words) == 2 and words[0] in actor_words("pair-determiner") \
        and singular(words[1]) in pair_nouns("as_phrase")
