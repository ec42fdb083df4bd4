"""Where a role spec of the trigger table points from the trigger: the head tokens of the
parties it names ("subj": the subject, with voice and control handled; "obj": the direct
object; "p:of|on": the objects of those prepositions; "speaker": who says it; ...). The header
of triggers.tsv lists every spec of its ``actor`` and ``recipient`` columns; ``roles`` reads the
parties these heads name.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from ..lexicon import coder_words
from . import syntax


def role_heads(t: Token, spec: str, pos: str) -> list[Token]:
    """The head tokens a role spec points at from trigger ``t``: ``p:of|on`` specs name
    prepositions, the others are looked up in ``ROLE_HEADS``."""
    if spec.startswith("p:"):
        return _prep_heads(t, tuple(spec[2:].split("|")), pos)
    heads = ROLE_HEADS.get(spec)
    if heads is None:
        raise ValueError(f"unknown role spec {spec!r}")
    return heads(t, pos)


def _one(t: Token | None) -> list[Token]:
    return [t] if t is not None else []


def _subj_heads(t: Token, pos: str) -> list[Token]:
    """A verb's subject and its companions ("along with X"); a noun's governing verb's
    subject."""
    if pos == "VERB":
        return _one(syntax.subject(t)) + syntax.preps(t, coder_words("companion-preposition"))
    gov = syntax.governor_verb(t)
    return _one(syntax.subject(gov) if gov is not None else None)


def _obj_heads(t: Token, pos: str) -> list[Token]:
    del pos  # every spec reader takes the trigger's part of speech
    return _one(syntax.direct_object(t))


def _dat_heads(t: Token, pos: str) -> list[Token]:
    """Dative objects: "gave them", and the object of a dative preposition ("gave aid to X")."""
    del pos  # every spec reader takes the trigger's part of speech
    return [c for c in t.children if c.dep_ in ("dative", "iobj") and c.pos_ != "ADP"] + \
        [g for c in t.children if c.dep_ == "dative" and c.pos_ == "ADP"
         for g in c.children if g.dep_ == "pobj"]


def _prep_heads(t: Token, names: tuple[str, ...], pos: str) -> list[Token]:
    found = [g for g in syntax.preps(t, names, via_object=True) if not _fronted(g.head, t)]
    if not found and pos == "NOUN":
        found = syntax.noun_preps(t, names)
    if not found and pos == "NOUN" and "by" in names:
        # "the demonstration staged by students": the doer of a deed told by a participle on it
        found = [g for c in t.children if c.dep_ == "acl" and c.tag_ == "VBN"
                 for a in c.children if a.dep_ == "agent"
                 for g in a.children if g.dep_ == "pobj"]
    return found


def _fronted(prep: Token, verb: Token) -> bool:
    """"With the signing of the accord, the two sides agreed to ...": a phrase put before the
    verb's subject sets the scene; the party a verb acts with or on follows it."""
    subj = syntax.child(verb, "nsubj", "nsubjpass")
    return prep.head.i == verb.i and subj is not None and prep.i < subj.i


def _poss_heads(t: Token, pos: str) -> list[Token]:
    del pos  # every spec reader takes the trigger's part of speech
    return [c for c in t.children if c.dep_ == "poss"]


def _mod_heads(t: Token, pos: str) -> list[Token]:
    """Modifiers of the trigger ("Russian strikes"); not the cause a "pro-" or "anti-" names
    ("a pro-EU rally", "anti-government protests": its marchers are neither)."""
    del pos  # every spec reader takes the trigger's part of speech
    return [c for c in t.children if c.dep_ in ("amod", "compound", "nmod")
            and not _stance_prefixed(c)]


def _stance_prefixed(c: Token) -> bool:
    doc = c.doc
    prefixes = coder_words("stance-prefix")
    if c.lower_ in prefixes or c.lower_.split("-")[0] in prefixes:
        return True
    return c.i >= 2 and doc[c.i - 1].text == "-" and doc[c.i - 2].lower_ in prefixes


def _objmod_heads(t: Token, pos: str) -> list[Token]:
    """Modifiers of the object and of its "of" phrase ("destroyed Russia's tanks")."""
    del pos  # every spec reader takes the trigger's part of speech
    obj = syntax.direct_object(t)
    if obj is None:
        return []
    deps = ("amod", "compound", "nmod", "poss")
    heads = [c for c in obj.children if c.dep_ in deps]
    for of in syntax.preps(obj, ("of",)):
        heads += [c for c in of.children if c.dep_ in deps]
    return heads


def _speaker_heads(t: Token, pos: str) -> list[Token]:
    """"X said Y must ...": X."""
    del pos  # every spec reader takes the trigger's part of speech
    for anc in syntax.ancestors_in_sentence(t):
        if anc.pos_ in ("VERB", "AUX") and anc.i != t.head.i:
            subj = syntax.subject(anc)
            if subj is not None:
                return [subj]
    return []


def _headsubj_heads(t: Token, pos: str) -> list[Token]:
    del pos  # every spec reader takes the trigger's part of speech
    return _one(syntax.subject(t.head))


def _xrecip_heads(t: Token, pos: str) -> list[Token]:
    """The recipients of an open complement ("agreed to provide aid for Romania")."""
    del pos  # every spec reader takes the trigger's part of speech
    out: list[Token] = []
    for c in t.children:
        if c.dep_ == "xcomp":
            out += _one(syntax.direct_object(c))
            out += [x for x in c.children if x.dep_ == "dative"]
            out += syntax.preps(c, ("to", "for", "with", "from", "on", "against"),
                                via_object=True)
    return out


def _clsubj_heads(t: Token, pos: str) -> list[Token]:
    """"concern that Russia may offer ...": the clause's subject."""
    del pos  # every spec reader takes the trigger's part of speech
    return [s for c in t.children if c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX")
            for s in _one(syntax.subject(c))]


def _xobj_heads(t: Token, pos: str) -> list[Token]:
    """The objects of the trigger's complements, and of a clause on its object's preposition."""
    del pos  # every spec reader takes the trigger's part of speech
    comps = [c for c in t.children if c.dep_ in ("xcomp", "ccomp")]
    obj = syntax.direct_object(t)
    if obj is not None:
        comps += [g for p in obj.children if p.dep_ == "prep"
                  for g in p.children if g.dep_ == "pcomp"]
    return [o for c in comps for o in _one(syntax.direct_object(c))]


ROLE_HEADS: dict[str, Callable[[Token, str], list[Token]]] = {
    "subj": _subj_heads, "obj": _obj_heads, "dat": _dat_heads, "poss": _poss_heads,
    "mod": _mod_heads, "objmod": _objmod_heads, "speaker": _speaker_heads,
    "headsubj": _headsubj_heads, "xrecip": _xrecip_heads, "clsubj": _clsubj_heads,
    "xobj": _xobj_heads,
}
