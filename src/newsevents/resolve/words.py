"""Word helpers for actor phrases: English singulars and the words of a phrase as written."""

from __future__ import annotations

import functools
import re

from ..lexicon import irregular_plurals
from .tables import read_table


def singular(word: str) -> str:
    """The singular of an English noun, for lookups ("militias" -> "militia", "troops" -> "troop");
    the nouns the rule below gets wrong are in irregular_plurals.tsv."""
    w = word.lower()
    irregular = irregular_plurals()
    if w in irregular:
        return irregular[w]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


@functools.lru_cache(maxsize=1)
def _number_words() -> frozenset[str]:
    return frozenset(row.get(0) for row in read_table("numbers.tsv"))


def is_number_word(word: str) -> bool:
    """"Twelve", "Dozens" (numbers.tsv): a count, capitalised only because a sentence starts
    with it, never a name."""
    return word.lower() in _number_words()


_QUOTE_FIX = str.maketrans({"\u2019": "'", "\u2018": "'"})


def raw_words(text: str) -> list[str]:
    """Words of a phrase in their written case; a possessive 's is a word of its own and
    parenthesised asides ("Hizbollah (Party of God)") are dropped."""
    cleaned = re.sub(r"\([^)]*\)?", " ", text.translate(_QUOTE_FIX))
    cleaned = " ".join(cleaned.split()).replace("'s ", " 's ")
    if cleaned.endswith("'s"):
        cleaned = cleaned[:-2] + " 's"
    out: list[str] = []
    for tok in cleaned.split():
        if tok == "'s":
            out.append(tok)
            continue
        tok = tok.strip(",;:()\"")
        # Hyphenated compounds: "U.S.-led", "Vietnamese-led", "pro-Iranian"
        if tok.endswith("-led"):
            tok = tok[:-4]
        # "pro-Iranian militia" is not Iranian: "pro-iranian" stays one word that names no state.
        if tok:
            out.append(tok)
    return out
