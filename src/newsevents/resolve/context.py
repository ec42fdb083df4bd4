"""The ActorContext at a point of a document, for callers (the coder) that resolve argument
phrases with ``actor_for_text`` after ``resolve`` has run."""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import Actor, Mentions
from .actor_scan import country_mentions, main_countries
from .actors import PRONOUNS, ActorContext
from .states import pronoun_takes_state, state_pair_before, subject_state_before


def context_at(doc: Doc, mentions: Mentions, position: int, *,
               year: int | None = None) -> ActorContext:
    """Persons met before character ``position`` (most recent first), the article's main
    countries, the countries named in the sentence around ``position`` (nearest first), the
    state that was the subject just before (for "it") and the two states last named together
    (for "the two nations"); ``year`` is the article's, for the persons table."""
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
        # the phrase at ``position`` is not its own context: "Tripoli" is not a Libyan place
        # because "Tripoli" is also Libya's capital
        hits = sorted((abs(off - position), iso) for off, iso in country_mentions(doc)
                      if s.start_char <= off < s.end_char and off != position)
        for _, iso in hits:
            if iso not in nearby:
                nearby.append(iso)
    named = country_mentions(doc)
    return ActorContext(persons=persons, recent_persons=tuple(recent),
                        main_countries=main_countries(doc), nearby_countries=tuple(nearby),
                        year=year,
                        subject_state=_subject_state(doc, mentions, position),
                        state_pair=state_pair_before(doc, position, named) or ())


def _subject_state(doc: Doc, mentions: Mentions, position: int) -> Actor | None:
    """The state or organisation "it" or "its" at ``position`` would stand for ("the Ukrainian
    army's headquarters said it ...", "Russia's Defence Ministry said its forces ..."); None when
    the word there is an "it" whose verb is not one states do ("it hit a school": a thing)."""
    at = doc.char_span(position, position + 2, alignment_mode="expand")
    if at is not None and len(at) == 1 and at[0].lower_ == "it" and not pronoun_takes_state(at[0]):
        return None
    return subject_state_before(doc, mentions.actors, position, organisations=True)
