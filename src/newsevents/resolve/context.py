"""The ActorContext at a point of a document, for callers (the coder) that resolve argument
phrases with ``actor_for_text`` after ``resolve`` has run."""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import Actor, Mentions
from .actor_scan import country_mentions, main_countries
from .actors import PRONOUNS, ActorContext


def context_at(doc: Doc, mentions: Mentions, position: int) -> ActorContext:
    """Persons met before character ``position`` (most recent first), the article's main
    countries and the countries named in the sentence around ``position`` (nearest first)."""
    persons: dict[str, Actor] = {}
    recent: list[tuple[Actor, str]] = []
    genders: dict[str, str] = {}
    for m in mentions.actors:
        if m.start >= position:
            break
        actor = m.actor
        if actor.kind != "person" or not actor.name:
            continue
        pron = doc.text[m.start:m.end].lower()
        if pron in PRONOUNS:
            genders[actor.name] = PRONOUNS[pron]
        for key in {actor.name.lower(), *(p.lower() for p in actor.name.split() if len(p) > 2)}:
            persons.setdefault(key, actor)
        recent = [(a, g) for a, g in recent if a.name != actor.name]
        recent.insert(0, (actor, ""))
    recent = [(a, genders.get(a.name or "", g)) for a, g in recent]
    sent = doc.char_span(position, position + 1, alignment_mode="expand")
    nearby: list[str] = []
    if sent is not None and len(sent):
        s = sent[0].sent
        hits = sorted((abs(off - position), iso) for off, iso in country_mentions(doc)
                      if s.start_char <= off < s.end_char)
        for _, iso in hits:
            if iso not in nearby:
                nearby.append(iso)
    return ActorContext(persons=persons, recent_persons=tuple(recent),
                        main_countries=main_countries(doc), nearby_countries=tuple(nearby))
