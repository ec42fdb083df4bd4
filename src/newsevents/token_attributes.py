"""The attribute ruler and the lemmatizer, read from a memo: both give a token its coarse part of
speech, morphology and lemma from the token itself (its text, fine tag and dependency label), so
what they gave a token once they give it again. spaCy runs them over every token of every text:
about a sixth of the small pipeline's time, for nothing new after the first few thousand words.

A few rules of the English pipelines read a neighbour too ("there is": a verb after an
expletive; "gonna", "let's", "y'all"): a token such a rule could touch carries that neighbour in
its key. Tokens the memo has not seen are run through the pipeline's own two components, in a
small text of their own (with the neighbour their rules read), so the memo only ever holds what
those components give.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy
from spacy.attrs import LEMMA, MORPH, POS
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

NAME = "newsevents_token_attributes"
REPLACES = ("attribute_ruler", "lemmatizer")
# The memo is emptied when it holds this many readings: its memory stays bounded however many
# texts a worker codes (about 10 MB; a news text adds a few dozen readings once warm).
MEMO_MAX = 50_000
# (orth, tag, dep, neighbours) -> (pos, lemma, morph); neighbours 0 when no rule reads them
Key = tuple[int, int, int, int]
Reading = tuple[int, int, int]  # pos, lemma, morph (as spaCy's arrays hold them)
_READ = [POS, LEMMA, MORPH]
Component = Callable[[Doc], Doc]


def _lowers(spec: dict[str, Any]) -> list[str] | None:
    """The lower-case words a token pattern names outright ("LOWER": "gon", or an "IN" list);
    None when it names none (a regular expression, a tag, a dependency)."""
    value = spec.get("LOWER")
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and isinstance(value.get("IN"), list):
        return [str(v) for v in value["IN"]]
    return None


def pair_words(patterns: list[dict[str, Any]]) -> tuple[frozenset[str], frozenset[str]] | None:
    """From the attribute ruler's patterns: the words that begin a two-token rule (it reads the
    token after them) and those that end one (it reads the token before); None when a rule spans
    more tokens, or names neither of its words, so that no memo can stand in for it."""
    first: set[str] = set()
    second: set[str] = set()
    for p in patterns:
        for tokens in p["patterns"]:
            if len(tokens) == 1:
                continue
            if len(tokens) > 2:
                return None
            a, b = _lowers(tokens[0]), _lowers(tokens[1])
            if a is None and b is None:
                return None
            first.update(a or ())
            second.update(b or ())
    return frozenset(first), frozenset(second)


class TokenAttributes:
    """In place of ``attribute_ruler`` and ``lemmatizer``, with the same output."""

    def __init__(self, ruler: Component, lemmatizer: Component,
                 pairs: tuple[frozenset[str], frozenset[str]]) -> None:
        self.ruler = ruler
        self.lemmatizer = lemmatizer
        self.first, self.second = pairs
        self.memo: dict[Key, Reading] = {}
        self._paired: frozenset[int] | None = None  # the hashes of the pair words

    def _keys(self, doc: Doc) -> list[Key]:
        """Each token's key: its text, tag and dependency, and for a token beside a word of a
        two-token rule (or one itself), both its neighbours' words and dependencies."""
        if self._paired is None:
            self._paired = frozenset(doc.vocab.strings.add(w) for w in self.first | self.second)
        paired = self._paired
        tokens = list(doc)
        lowers = [t.lower for t in tokens]
        near = [lw in paired for lw in lowers]
        keys = []
        for i, t in enumerate(tokens):
            context = 0
            if near[i] or (i > 0 and near[i - 1]) or (i + 1 < len(tokens) and near[i + 1]):
                before = (lowers[i - 1], tokens[i - 1].dep) if i > 0 else None
                after = (lowers[i + 1], tokens[i + 1].dep) if i + 1 < len(tokens) else None
                context = hash((before, after))
            keys.append((t.orth, t.tag, t.dep, context))
        return keys

    def __call__(self, doc: Doc) -> Doc:
        keys = self._keys(doc)
        memo = self.memo
        unseen = {k: t for k, t in zip(keys, doc, strict=True) if k not in memo}
        if unseen:
            if len(memo) + len(unseen) > MEMO_MAX:
                memo.clear()
                unseen = dict(zip(keys, doc, strict=True))
            self._learn(doc.vocab, unseen)
        if keys:
            readings = numpy.array([memo[k] for k in keys], dtype="uint64")
            doc.from_array(_READ, readings)  # type: ignore[arg-type]  # thinc's Ints2d is an ndarray
        return doc

    def _learn(self, vocab: Vocab, unseen: dict[Key, Token]) -> None:
        """The two components' reading of each unseen token, all in one small text: the token
        (with its neighbours, when a two-token rule may read them), then a full stop before the
        next."""
        texts: list[str] = []
        tags: list[str] = []
        deps: list[str] = []
        targets: list[tuple[Key, int]] = []
        for key, t in unseen.items():
            doc = t.doc
            unit = [doc[i] for i in (t.i - 1, t.i, t.i + 1) if 0 <= i < len(doc)] if key[3] else [t]
            for w in unit:
                if w.i == t.i:
                    targets.append((key, len(texts)))
                texts.append(w.text)
                tags.append(w.tag_)
                deps.append(w.dep_)
            texts.append(".")
            tags.append(".")
            deps.append("punct")
        small = Doc(vocab, words=texts, spaces=[True] * len(texts), tags=tags)
        for tok, dep in zip(small, deps, strict=True):
            tok.dep_ = dep
        read = self.lemmatizer(self.ruler(small)).to_array(_READ)
        for key, i in targets:
            self.memo[key] = (int(read[i][0]), int(read[i][1]), int(read[i][2]))


@Language.factory(NAME)
def _make(nlp: Language, name: str) -> TokenAttributes:
    del name
    ruler = nlp.get_pipe("attribute_ruler")
    pairs = pair_words(ruler.patterns)  # type: ignore[attr-defined]
    if pairs is None:
        raise ValueError("the attribute ruler has rules a memo cannot stand in for")
    return TokenAttributes(ruler, nlp.get_pipe("lemmatizer"), pairs)


def add_to(nlp: Language) -> None:
    """Put the memo in place of the pipeline's attribute ruler and rule lemmatizer, when it has
    both and its rules read no more than one neighbour (the components stay, disabled: the memo
    runs them on what it has not seen); else leave the pipeline as it is."""
    if not all(name in nlp.pipe_names for name in REPLACES) or \
            getattr(nlp.get_pipe("lemmatizer"), "mode", None) != "rule" or \
            pair_words(nlp.get_pipe("attribute_ruler").patterns) is None:  # type: ignore[attr-defined]
        return
    nlp.add_pipe(NAME, after="lemmatizer")
    for name in REPLACES:
        nlp.disable_pipe(name)
