"""The ActorContext at a point of a document, for callers (the coder) that resolve argument
phrases with ``actor_for_text`` after ``resolve`` has run, and the coreference such a caller
needs: ``referent`` (the earlier actor a pronoun stands for) and ``MentionIndex`` (the nearest
earlier actor, the two parties last named before "the two nations")."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Doc, Token

from .. import lexicon
from ..lexicon import actor_words
from ..records import Actor, ActorMention, Mentions
from .actor_scan import country_mentions, main_countries
from .actors import ActorContext, gender_of
from .states import pronoun_takes_state, state_pair_before, subject_state_before


def context_at(doc: Doc, mentions: Mentions, position: int, *,
               year: int | None = None) -> ActorContext:
    """Persons met before character ``position`` (most recent first), the article's main
    countries, the countries named in the sentence around ``position`` (nearest first), the
    state that was the subject just before (for "it") and the two states last named together
    (for "the two nations"); ``year`` is the article's, for the persons table."""
    persons, recent = _persons_before(doc, mentions, position)
    named = country_mentions(doc)
    return ActorContext(persons=persons, recent_persons=recent,
                        main_countries=main_countries(doc),
                        nearby_countries=_nearby_countries(doc, position),
                        year=year,
                        subject_state=_subject_state(doc, mentions, position),
                        state_pair=state_pair_before(doc, position, named) or ())


def _persons_before(doc: Doc, mentions: Mentions, position: int
                    ) -> tuple[dict[str, Actor], tuple[tuple[Actor, str], ...]]:
    """The persons met before ``position`` by name and surname, and the same persons most
    recent first with the gender their pronouns gave ("f", "m" or "")."""
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
        gender = gender_of(pron)
        if gender is not None:
            genders[actor.name] = gender
        for key in {actor.name.lower(), *(p.lower() for p in actor.name.split() if len(p) > 2)}:
            persons.setdefault(key, actor)
        recent = [(a, g) for a, g in recent if a.name != actor.name]
        recent.insert(0, (actor, ""))
    return persons, tuple((a, genders.get(a.name or "", g)) for a, g in recent)


def _nearby_countries(doc: Doc, position: int) -> tuple[str, ...]:
    """The countries named in the sentence around ``position``, nearest first."""
    sent = doc.char_span(position, position + 1, alignment_mode="expand")
    if sent is None or not len(sent):
        return ()
    s = sent[0].sent
    # the phrase at ``position`` is not its own context: "Tripoli" is not a Libyan place
    # because "Tripoli" is also Libya's capital
    hits = sorted((abs(off - position), iso) for off, iso in country_mentions(doc)
                  if s.start_char <= off < s.end_char and off != position)
    return tuple(dict.fromkeys(iso for _, iso in hits))


def _subject_state(doc: Doc, mentions: Mentions, position: int) -> Actor | None:
    """The state or organisation "it" or "its" at ``position`` would stand for ("the Ukrainian
    army's headquarters said it ...", "Russia's Defence Ministry said its forces ..."); None when
    the word there is an "it" whose verb is not one states do ("it hit a school": a thing)."""
    at = doc.char_span(position, position + 2, alignment_mode="expand")
    if at is not None and len(at) == 1 and at[0].lower_ == "it" and not pronoun_takes_state(at[0]):
        return None
    return subject_state_before(doc, mentions.actors, position, organisations=True)


# Coreference for a caller that reads argument phrases itself (the coder): which pronouns point
# back, and the earlier actor each stands for.
def person_pronouns() -> frozenset[str]:
    """He, she and their forms (the male and female pronouns of actor_words.tsv)."""
    return lexicon.active().memo("person pronouns", lambda: actor_words("male-pronoun")
                                 | actor_words("female-pronoun"))


def referring_pronouns() -> frozenset[str]:
    """The pronouns that point back to an earlier actor: a person's or a thing's."""
    return lexicon.active().memo("referring pronouns",
                                 lambda: person_pronouns() | actor_words("thing-pronoun"))


_SUBJECTS = ("nsubj", "nsubjpass")
# How far back (characters) an earlier mention may stand for a pronoun, and for "the two nations"
NEAREST_REACH = 600
PAIR_REACH = 800


class PhraseReader(Protocol):
    """What coreference needs from the caller's reading of the parse: the subject of a verb
    (with voice and control handled) and the actors a noun phrase names, without following
    its prepositional phrases."""

    def subject_of(self, verb: Token) -> Token | None: ...

    def actors_of(self, head: Token) -> tuple[Actor, ...]: ...


@dataclass(frozen=True)
class MentionIndex:
    """The article's actor mentions in text order, for look-ups before a position."""

    mentions: tuple[ActorMention, ...]
    starts: tuple[int, ...]

    @classmethod
    def of(cls, mentions: Mentions) -> MentionIndex:
        ordered = tuple(sorted(mentions.actors, key=lambda m: m.start))
        return cls(ordered, tuple(m.start for m in ordered))

    def _back_from(self, before: int, reach: int) -> Iterator[Actor]:
        """Actors mentioned before offset ``before`` and within ``reach`` of it, nearest first."""
        i = bisect.bisect_left(self.starts, before) - 1
        while i >= 0 and before - self.mentions[i].start < reach:
            yield self.mentions[i].actor
            i -= 1

    def actor_before(self, before: int, person: bool) -> Actor | None:
        """Nearest actor mentioned before offset ``before``, a person or not as asked (light
        coreference for pronouns)."""
        for a in self._back_from(before, NEAREST_REACH):
            if a.text.lower() not in referring_pronouns() and (a.kind == "person") == person:
                return a
        return None

    def pair_before(self, before: int) -> tuple[Actor, ...]:
        """The last two parties of different countries named before ``before`` ("the two
        nations"); empty when there are not two."""
        out: list[Actor] = []
        for a in self._back_from(before, PAIR_REACH):
            if len(out) == 2:
                break
            if a.country and a.kind != "person" and all(b.country != a.country for b in out):
                out.append(a)
        return tuple(out) if len(out) == 2 else ()


def referent(pronoun: Token, index: MentionIndex, reader: PhraseReader) -> Actor | None:
    """The actor a pronoun stands for (light coreference): the first of ``REFERENT_RULES`` that
    finds one."""
    for rule in REFERENT_RULES:
        found = rule(pronoun, index, reader)
        if found is not None:
            return found
    return None


def _teller(pronoun: Token, index: MentionIndex, reader: PhraseReader) -> Actor | None:
    """The subject of the clause the pronoun's clause hangs on: "The union announced that it has
    called off the strike" (the announcer), and for "he"/"she" as the subject of an adverbial
    clause, "A police inspector sought treatment after she was assaulted" (the inspector)."""
    del index  # the rules share one signature
    anchor = pronoun.head if pronoun.dep_ == "poss" else pronoun  # "their forces had ..."
    person = pronoun.lower_ in person_pronouns()
    if anchor.dep_ not in _SUBJECTS or not (
            anchor.head.dep_ == "ccomp" or
            (anchor.head.dep_ == "advcl" and anchor is pronoun and person)):
        return None
    teller = reader.subject_of(anchor.head.head)
    if teller is None or teller.pos_ == "PRON":
        return None
    told = reader.actors_of(teller)
    if told and (told[0].kind == "person") == person:
        return told[0]
    return None


def _previous_subject(pronoun: Token, index: MentionIndex, reader: PhraseReader) -> Actor | None:
    """"It"/"they" as a subject most often continues the previous sentence's subject (a party
    with a country, not a person)."""
    del index  # the rules share one signature
    if pronoun.lower_ not in actor_words("thing-pronoun") or pronoun.dep_ not in _SUBJECTS:
        return None
    sent = pronoun.sent
    if sent.start == 0:
        return None
    root = pronoun.doc[sent.start - 1].sent.root
    subj = next((c for c in root.children if c.dep_ in _SUBJECTS), None)
    if subj is None or subj.pos_ == "PRON":
        return None
    states = [a for a in reader.actors_of(subj) if a.kind != "person" and a.country]
    return states[0] if states else None


def _nearest(pronoun: Token, index: MentionIndex, reader: PhraseReader) -> Actor | None:
    """The nearest earlier actor of the pronoun's kind (a person for "he", "she")."""
    del reader  # the rules share one signature
    return index.actor_before(pronoun.idx, pronoun.lower_ in person_pronouns())


REFERENT_RULES: tuple[Callable[[Token, MentionIndex, PhraseReader], Actor | None], ...] = (
    _teller, _previous_subject, _nearest)
