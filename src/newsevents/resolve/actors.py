"""Actor resolution for one noun phrase: "the South's spy agency" -> KOR SPY.

A pronoun is the person or state the context gives; any other phrase is read against the tables
(``actor_phrase``: the names, bodies and sector nouns in its words) and then decided by the
rules of ``actor_rules``, in order. What the phrase does not say (which country "the North" is,
who "she" is) comes from an ``ActorContext``.
"""

from __future__ import annotations

from dataclasses import replace

from ..lexicon import actor_words
from ..records import Actor
from .actor_phrase import (
    ActorContext,
    Resolution,
    body_names,
    case_sensitive_forms,
    read_phrase,
)
from .actor_rules import apply_rules
from .state_words import is_pair_phrase
from .tables import norm
from .words import raw_words, singular

__all__ = ["ActorContext", "Resolution", "actor_for_text", "actors_for_text",
           "body_names", "case_sensitive_forms", "gender_of", "resolve_actor", "singular"]



def gender_of(pronoun: str) -> str | None:
    """"m" for he, him, his; "f" for she, her, hers (the lists of actor_words.tsv); None for
    any other word."""
    if pronoun in actor_words("male-pronoun"):
        return "m"
    return "f" if pronoun in actor_words("female-pronoun") else None


def resolve_actor(text: str, context: ActorContext | None = None) -> Resolution | None:
    """Like ``actor_for_text`` but also returns the rules that fired."""
    stripped = _strip_determiner(text)
    raw = raw_words(stripped)
    words = [w.casefold() for w in raw]
    if not words:
        return None
    pron = _pronoun(words, context)
    if pron is not None:
        return pron
    phrase = read_phrase(text, stripped, raw, words, context)
    return apply_rules(phrase) if phrase is not None else None


def actors_for_text(text: str, context: ActorContext | None = None) -> tuple[Actor, ...]:
    """Like ``actor_for_text`` but a phrase may stand for several actors: "the two nations" is
    the context's ``state_pair``. Empty when the phrase names no actor."""
    if context is not None and context.state_pair and is_pair_phrase(text):
        return tuple(replace(a, text=text) for a in context.state_pair)
    actor = actor_for_text(text, context)
    return (actor,) if actor is not None else ()


def actor_for_text(text: str, context: ActorContext | None = None) -> Actor | None:
    """Resolve a noun phrase to an Actor (country, sector, kind, name), or None when the phrase
    names no actor the tables know ("the agenda")."""
    res = resolve_actor(text, context)
    return res.actor if res else None


def _strip_determiner(text: str) -> str:
    stripped = text.strip()
    lowered = norm(stripped)
    for det in sorted(actor_words("determiner")):
        if lowered.startswith(det + " "):
            return stripped[len(det) + 1:]
    return stripped


def _pronoun(words: list[str], context: ActorContext | None) -> Resolution | None:
    """"it"/"its" after a state subject is that state (pronoun:it>subject-state); "he", "she"
    the most recent person of that gender (pronoun:he)."""
    if context is None or len(words) != 1:
        return None
    word = words[0]
    if word in ("it", "its") and context.subject_state is not None:
        return Resolution(replace(context.subject_state, text=word),
                          (f"pronoun:{word}>subject-state",))
    gender = gender_of(word)
    if gender is None:
        return None
    for actor, known in context.recent_persons:
        if known in ("", gender):
            return Resolution(replace(actor, text=word), (f"pronoun:{word}",))
    return None
