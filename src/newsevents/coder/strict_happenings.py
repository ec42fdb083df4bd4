"""Readings the ``strict_happenings`` setting drops (off by default).

Each is rarely an event on the real pages we read, and kept by default only because the quality
gate's share ceilings move with their denominator (README, "How good is it"):

- ``habitual-present``: a verb in the simple present outside the titles tells what a party does
  as a rule, sells or is like ("Docker provides binaries", "Coinbase offers a mobile app",
  "people who refuse to self-isolate"), not a happening the story reports: news tells its
  happenings in the past, the present perfect or the progressive. A headline and a subheading
  tell them in the present ("Police arrest 3"); a party's denial is told in the present as it
  stands ("Assange denies the allegations"), so is a statement someone is said to make ("The
  Palestinians reject the changes, Erakat said") and a caption's protest ("Farmers protest in
  Bathinda").
- ``forceless-warning``: a warning is a threat (THREATEN) only when it is forceful, as PLOVER
  defines it: of what will be done ("warned that it would retaliate"), of what befalls a party
  that does not comply ("warned people to move south or risk being targeted"), to a party against
  a course ("warned Russia against an invasion") or of retaliation ("warned of consequences");
  "warned that thousands face famine" and "warned against a one-size-fits-all approach" tell no
  threat.
- ``recognised-fact``: to recognise that something is so acknowledges a fact ("the coach
  recognizes that his team's hopes are slim"); PLOVER's SUPPORT is the recognition of a party
  or of its act ("recognized the new government").
- ``done-by-a-thing``: an act of will (``willed`` in plover_types.tsv: agreeing, supporting,
  conceding, cooperating, giving aid, rejecting) whose subject is a common noun no dictionary
  knows as a party is what a thing does or holds ("Ambient lighting offers 30 colours", "the
  findings provide insights", "the law allows"). A common noun names a party when it names a
  body ("the group": actor_words.tsv organisation), people or a body of no sector ("the allies",
  "the city": party-noun) or a doer by its ending ("donors", "the operator", "residents").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from ..lexicon import actor_words, plover_types
from ..resolve.words import singular
from . import syntax
from .draft import Draft
from .match import said_by
from .tables import TriggerRow, load_tables

_PRESENT = frozenset({"VBZ", "VBP"})
# Lemmas told in the present as they stand: a denial is news when it is said.
_STANDING = frozenset({"deny"})


def _simple_present(t: Token) -> bool:
    """"provides", "do not offer": the simple present, with "do" or without an auxiliary."""
    aux = [c for c in t.children if c.dep_ in ("aux", "auxpass")]
    if t.tag_ in _PRESENT:
        return not aux
    return t.tag_ == "VB" and len(aux) == 1 and aux[0].lemma_ == "do" and aux[0].tag_ in _PRESENT


def habitual_present(t: Token, row: TriggerRow) -> bool:
    if t.pos_ != "VERB" or row.type == "PROTEST" or t.lemma_.lower() in _STANDING:
        return False
    if not _simple_present(t) or syntax.in_title(t):
        return False
    return not (row.type in plover_types("verbal") and said_by(t, load_tables()))


_WILL = frozenset({"will", "would", "shall", "'ll"})
# What a forceful warning is of ("warned of retaliation").
_FORCE_NOUNS = frozenset({"retaliation", "reprisal", "response", "consequence", "action",
                          "punishment", "sanction", "force", "war", "attack", "strike"})


def _forceful(t: Token) -> bool:
    for c in t.children:
        if c.dep_ in ("ccomp", "xcomp") and any(
                a.dep_ == "aux" and a.lower_ in _WILL for a in c.children):
            return True
        if c.dep_ == "xcomp" and any(x.dep_ == "cc" and x.lower_ == "or" for x in c.subtree):
            return True  # "to move south or risk being targeted": or else
        if c.dep_ == "prep" and c.lower_ == "against" and syntax.child(t, "dobj") is not None:
            return True
        if c.dep_ == "prep" and c.lower_ == "of" and any(
                p.dep_ == "pobj" and p.lemma_.lower() in _FORCE_NOUNS for p in c.children):
            return True
    return False


def forceless_warning(t: Token, row: TriggerRow) -> bool:
    return row.type == "THREATEN" and t.lemma_.lower() == "warn" and not _forceful(t)


_RECOGNISE = frozenset({"recognize", "recognise"})


def recognised_fact(t: Token, row: TriggerRow) -> bool:
    return row.type == "SUPPORT" and t.lemma_.lower() in _RECOGNISE and \
        syntax.child(t, "ccomp") is not None


def _phrase_head(tokens: tuple[Token, ...]) -> Token | None:
    inside = set(tokens)
    return next((x for x in tokens if x.head not in inside or x.head is x), None)


# Endings of nouns that name a doer ("donor", "operator", "resident", "scientist"); "-ment"
# names a thing ("settlement").
_DOER_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "ee")


def _party_noun(lemma: str) -> bool:
    return lemma in actor_words("organisation") or lemma in actor_words("party-noun") or (
        lemma.endswith(_DOER_ENDINGS) and not lemma.endswith("ment"))


def done_by_a_thing(d: Draft) -> bool:
    if d.type not in plover_types("willed") or "actor=subj:unresolved" not in d.rules:
        return False
    head = _phrase_head(d.actor_tokens)
    return head is not None and head.pos_ == "NOUN" and not head.ent_type_ and \
        not _party_noun(singular(head.lemma_.lower()))


# Trigger words the setting builds no draft for, as ``no_happening.NOT_HAPPENINGS``.
NOT_HAPPENINGS: tuple[Callable[[Token, TriggerRow], bool], ...] = (
    habitual_present, forceless_warning, recognised_fact)
# Drafts the setting drops once their roles are read.
NOT_EVENTS: tuple[Callable[[Draft], bool], ...] = (done_by_a_thing,)

__all__ = ["NOT_EVENTS", "NOT_HAPPENINGS", "done_by_a_thing", "forceless_warning",
           "habitual_present", "recognised_fact"]
