"""Words that point back to states: "it" after a state subject, "the two nations".

"North Korea has sent troops to Russia. It has so far denied it": the "It" of the second sentence
is the state that was the subject just before; "Seoul and Washington ... the two allies" are the
two states last named together. Both are looked up in the parsed document before a position, so
the actor scan (and the coder, through ``context_at``) can resolve them; which words count is in
``actor_words.tsv`` (state-pronoun-verb, pair-determiner) and ``pair_nouns.tsv``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from ..lexicon import actor_words, sector_codes
from ..records import Actor, ActorMention
from .tables import country_name

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# The first of two consecutive state names is joined to the second: "Russia and", "Seoul,"
_JOINED = re.compile(r"^\S+(?:\s+[A-Z]\S*){0,3}(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)$")


def is_state_actor(actor: Actor) -> bool:
    """A state or its government ("Russia", "Moscow", "the Kremlin", "North Korea's foreign
    ministry"), not its people, soldiers or a body of several states."""
    return actor.country is not None and actor.country not in sector_codes("non_state_actor") \
        and actor.kind in ("state", "organisation") and actor.sector in (None, "GOV")


def pronoun_takes_state(token: Token) -> bool:
    """"It" as the subject of a verb that states do ("it has so far resisted calls")."""
    if token.lower_ != "it" or token.dep_ not in SUBJECT_DEPS:
        return False
    return token.head.lemma_.lower() in actor_words("state-pronoun-verb")


def _sentence_index(doc: Doc) -> list[int]:
    return [s.start_char for s in doc.sents]


def _sentence_of(starts: Sequence[int], offset: int) -> int:
    lo, hi = 0, len(starts)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid
    return lo


def is_organisation_actor(actor: Actor) -> bool:
    """A state, its government or a body with a country ("the Ukrainian army", "Russia's
    Defence Ministry", NATO): what "it" and "its" can stand for."""
    return actor.country is not None and actor.kind in ("state", "organisation")


def _counted_plural(noun: Token) -> bool:
    """"the two sides", "both armies": a subject "it" or "its" cannot stand for."""
    return noun.tag_ == "NNS" and any(
        c.dep_ == "nummod" or (c.dep_ in ("det", "predet") and c.lower_ in ("both", "all"))
        for c in noun.children)


def subject_state_before(doc: Doc, mentions: Sequence[ActorMention], position: int, *,
                         organisations: bool = False) -> Actor | None:
    """The state that was the subject of a clause earlier in this sentence or in the previous
    one, the nearest first; None when the nearest subject before is not a state. With
    ``organisations`` a body with a country counts too ("the Ukrainian army's headquarters said
    it ...": the army), and the owner of a subject stands for it."""
    accept = is_organisation_actor if organisations else is_state_actor
    starts = _sentence_index(doc)
    here = _sentence_of(starts, position)
    for m in sorted((m for m in mentions if m.end <= position), key=lambda m: -m.start):
        if _sentence_of(starts, m.start) < here - 1:
            break
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if organisations and root.dep_ == "poss" and root.head.dep_ in SUBJECT_DEPS:
            root = root.head  # "the army's headquarters said": the army speaks
        if root.dep_ not in SUBJECT_DEPS:
            continue
        if root.lower_ in ("it", "he", "she", "they"):
            continue  # a pronoun already resolved: its antecedent came earlier in the list
        if _counted_plural(root):
            continue  # "said the two sides had returned ..., and it accused": "it" is one
        if not accept(m.actor) and root.head.lemma_.lower() in actor_words("reporting-verb"):
            continue  # "..., officials in Seoul said": the report's source, not its subject
        return m.actor if accept(m.actor) else None
    return None


def state_pair_before(doc: Doc, position: int,
                      countries: Sequence[tuple[int, str]]) -> tuple[Actor, Actor] | None:
    """The two states last named together (in one sentence) before ``position``: the last
    pair joined by "and" or a comma ("Russia and Ukraine each released 150 prisoners"), else
    the first two of the last sentence that names two (a sentence that names two states in
    passing, "flown to Moscow after crossing into Belarus", does not outrank a pair joined
    before it)."""
    starts = _sentence_index(doc)
    by_sentence: dict[int, list[tuple[int, str]]] = {}
    for off, iso in countries:
        if off < position and iso not in sector_codes("non_state_actor"):
            by_sentence.setdefault(_sentence_of(starts, off), []).append((off, iso))
    fallback: tuple[str, str] | None = None
    for index in sorted(by_sentence, reverse=True):
        hits = sorted(by_sentence[index])
        distinct = list(dict.fromkeys(iso for _, iso in hits))
        if len(distinct) < 2:
            continue
        fallback = fallback or (distinct[0], distinct[1])
        for (off1, iso1), (off2, iso2) in itertools.pairwise(hits):
            if iso1 != iso2 and _JOINED.search(doc.text[off1:off2]):
                return _state(iso1), _state(iso2)
    return (_state(fallback[0]), _state(fallback[1])) if fallback else None


def _state(iso: str) -> Actor:
    return Actor(text=country_name(iso) or iso, name=country_name(iso), country=iso, kind="state")
