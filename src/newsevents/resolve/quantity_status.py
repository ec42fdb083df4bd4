"""What happened to counted things: the status of a count ("launched", "intercepted", "killed")
read from the word that governs the counted noun, through ``quantity_verbs.tsv``.

"One missile and 31 drones were intercepted" gives both counts the status of "intercepted"; "left
34 people dead" that of "dead"; "two women were among the dead" that of "dead" through "among".
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from ..lexicon import count_words
from .tables import read_table

Status = tuple[str, str]  # (status, rule)

# The relations by which a result word (count_words.tsv's list result: "left 34 people dead")
# hangs on the counted noun or its verb.
_RESULT_DEPS = ("oprd", "acomp", "xcomp", "ccomp", "advmod", "amod", "dep")
# Relations through which the counted noun's governor is found further up.
_PASS_THROUGH = ("conj", "appos", "compound", "nummod", "amod")


@functools.lru_cache(maxsize=1)
def _verbs() -> dict[str, list[tuple[str, str, str]]]:
    """Verb lemma -> (preposition it needs or "", status, table row)."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for row in read_table("quantity_verbs.tsv"):
        out.setdefault(row.get(0), []).append((row.get(1), row.get(2), row.ref))
    return out


def _lemma_candidates(tok: Token) -> list[str]:
    """spaCy's small model tags some participles as adjectives ("were jammed" -> ADJ "jammed");
    try the lemma, then the word with its -ed ending removed."""
    low = tok.lower_
    out = [tok.lemma_.lower(), low]
    if low.endswith("ed"):
        out += [low[:-2], low[:-1], low[:-3]]
    return out


def _to_death(tok: Token) -> bool:
    """"burned them to death", "beaten to death": whatever the verb, the victims died."""
    return any(c.dep_ == "prep" and c.lower_ == "to" and
               any(g.lemma_.lower() == "death" for g in c.children) for c in tok.children)


def _died(tok: Token) -> Status | None:
    if tok.pos_ in ("VERB", "AUX") and _to_death(tok):
        return "killed", f"to-death:{tok.lemma_.lower()}"
    return None


def _shoot_phrase(lemma: str, particles: set[str]) -> str | None:
    """"shot down" and "shot dead" are verbs of their own in quantity_verbs.tsv."""
    if lemma != "shoot":
        return None
    if "down" in particles:
        return "shoot_down"
    return "shoot_dead" if "dead" in particles else None


def status_word(tok: Token) -> Status | None:
    """The status one word says ("intercepted", "dead", "shot down"), from its lemma alone."""
    found = _died(tok)
    if found is not None:
        return found
    verbs = _verbs()
    particles = {c.lower_ for c in tok.children} | (
        {tok.nbor(1).lower_} if tok.i + 1 < len(tok.doc) else set())
    lemmas = _lemma_candidates(tok)
    phrase = _shoot_phrase(lemmas[0], particles)
    if phrase is not None:
        lemmas.insert(0, phrase)
    for cand in lemmas:
        for prep_needed, status, ref in verbs.get(cand, []):
            if not prep_needed:
                return status, f"{ref}:{cand}"
    return None


@dataclass(frozen=True)
class _Governed:
    """A counted noun, the verb (or adjective) that governs it, and the relation by which the
    noun, or the word it climbed to, hangs from that verb."""

    item: Token
    verb: Token
    relation: str


def status_for(item: Token) -> Status | None:
    """Status from the verb governing the counted noun, walking up conjunctions and prepositions:
    "One missile and 31 drones were intercepted", "a total of 83 drones" under "destroyed"."""
    found = _participle_status(item)
    if found is not None:
        return found
    governed = _governing(item)
    if governed is None:
        return None
    for rule in _STATUS_RULES:
        found = rule(governed)
        if found is not None:
            return found
    return None


def _participle_status(item: Token) -> Status | None:
    """"30 drones launched by Russia", "drones that were shot down": a participle or passive
    clause on the noun itself is the most specific; an active clause ("38 worshippers who had
    gathered for a vigil") tells what they did before, not what happened to them."""
    for child in item.children:
        active = child.dep_ == "relcl" and any(c.dep_ == "nsubj" for c in child.children)
        if child.dep_ in ("acl", "relcl") and child.i > item.i and not active:
            found = status_word(child)
            if found is not None:
                return found[0], found[1] + ":participle"
    return None


def _governing(item: Token) -> _Governed | None:
    """The verb the counted noun depends on; None when the count is said to be part of another
    ("18 of 20 missiles": what happened is said of the 18) or the noun says where ("over four
    regions")."""
    climbed = _climb(item)
    if climbed is None:
        return None
    verb, relation = climbed
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX", "ADJ") or verb.head.i == verb.i:
            break
        verb = verb.head
    return _Governed(item, verb, relation)


def _climb(item: Token) -> tuple[Token, str] | None:
    """Up from the noun through conjunctions, appositions and "a total of": the word the count
    hangs from, with the relation of the last step."""
    tok = item
    relation = item.dep_
    for _ in range(6):
        relation = tok.dep_
        if relation in _PASS_THROUGH and tok.head.i != tok.i:
            tok = tok.head
            continue
        if relation == "pobj" and tok.head.dep_ == "prep":
            whole = _whole_of(tok.head)
            if whole is None:
                return None
            tok = whole
            continue
        return tok.head, relation
    return tok, relation


def _whole_of(prep: Token) -> Token | None:
    """"a total of 83 drones" climbs to "total"; any other preposition ("over four regions",
    "18 of 20 missiles") ends the climb."""
    if prep.lower_ == "of" and prep.head.pos_ in ("NOUN", "PRON", "ADJ"):
        return prep.head
    return None


def _result_status(g: _Governed) -> Status | None:
    """"left 34 people dead", "shot dead 8 villagers": the result word says what happened."""
    results = count_words("result")
    words = [c for c in list(g.verb.children) + list(g.item.children)
             if c.lower_ in results and c.i != g.item.i and c.dep_ in _RESULT_DEPS]
    for word in words:
        found = status_word(word)
        if found is not None:
            return found[0], found[1] + ":result"
    return None


def _among_status(g: _Governed) -> Status | None:
    """"two women were among the dead": the group they are among says what happened."""
    if g.verb.lemma_ != "be":
        return None
    for prep in g.verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "among":
            continue
        for obj in prep.children:
            found = status_word(obj) if obj.dep_ == "pobj" else None
            if found is not None:
                return found[0], found[1] + ":among"
    return None


def _verb_status(g: _Governed) -> Status | None:
    """What the governing verb says, or the verb it is coordinated with."""
    for verb in _status_verbs(g):
        found = _died(verb) or _verb_row(verb)
        if found is not None:
            return found
    return None


def _status_verbs(g: _Governed) -> list[Token]:
    """The words to read, in order. "14 drones were jammed" parsed as be + adjective complement
    reads the complement first. "intercepted and destroyed 83 drones": the first verb of a
    coordination reads first, unless it has an object of its own ("fired tear gas and detained
    14"); only for a shared object: "8 were shot down and two drones were jammed" has its own
    verb."""
    verb = g.verb
    candidates = [verb]
    if verb.lemma_ == "be":
        candidates = [c for c in verb.children if c.dep_ in ("acomp", "attr")] + candidates
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB" and g.relation in ("dobj", "obj", "pobj") \
            and not any(c.dep_ in ("dobj", "obj") for c in verb.head.children):
        candidates.insert(0, verb.head)
    return candidates


def _verb_row(verb: Token) -> Status | None:
    """The quantity_verbs.tsv row of a verb, with the preposition the row needs when it needs
    one ("fired at", "rained down on")."""
    verbs = _verbs()
    lemma = next((c for c in _lemma_candidates(verb) if c in verbs), verb.lemma_.lower())
    lemma = _shoot_phrase(lemma, {c.lower_ for c in verb.children}) or lemma
    for prep_needed, status, ref in verbs.get(lemma, []):
        if not prep_needed:
            return status, f"{ref}:{lemma}"
        preps = {c.lower_ for c in verb.children if c.dep_ in ("prep", "advmod", "prt")}
        if prep_needed in preps:
            return status, f"{ref}:{lemma} {prep_needed}"
    return None


# "hospitalised with burns", "suffering from wounds", "treated for injuries"
_INJURY_PREPOSITIONS = ("with", "from", "for")


def _injury_status(g: _Governed) -> Status | None:
    """"12 people sustained injuries", "four were treated for gunshot wounds": whatever the verb,
    those who have injuries (count_words.tsv's list injury-noun) are injured, as are those taken
    to or kept in a place of care (list care-place: "six soldiers were taken to hospital")."""
    injuries = count_words("injury-noun")
    if g.verb.pos_ != "VERB":
        return None
    for child in g.verb.children:
        if child.dep_ == "prep" and child.lower_ in ("to", "in") and any(
                o.dep_ == "pobj" and o.lemma_.lower() in count_words("care-place")
                for o in child.children):
            return "injured", f"care-place:{g.verb.lemma_.lower()}"  # ("taken to hospital")
        objects = [child] if child.dep_ in ("dobj", "obj") else (
            [o for o in child.children if o.dep_ == "pobj"]
            if child.dep_ == "prep" and child.lower_ in _INJURY_PREPOSITIONS else [])
        for obj in objects:
            if obj.lemma_.lower() in injuries:
                return "injured", f"injury-noun:{g.verb.lemma_.lower()}+{obj.lemma_.lower()}"
    return None


# After the participle, the rules that read a count's status from its governing verb, in order.
_STATUS_RULES: tuple[Callable[[_Governed], Status | None], ...] = (
    _result_status, _among_status, _verb_status, _injury_status)
