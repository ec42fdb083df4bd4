"""The ``drop_one_sided`` setting: in an article, an event whose actor or recipient the coder
cannot name is dropped.

A hand coder records who did what to whom. On the development gold files (articles and notes),
of about 90 events the rules read with one side only, 7 were events a coder recorded; the rest
talk around the news ("must", "should", "opposes") or tell an act whose sides the sentence
leaves to the story. On the 496 ungolded pages of the extraction benchmark the drop takes 414
of 1,033 events, nearly all of them no event at all (a product "offers" colours, a reviewer
"meets people").

Kept:

- parties that act together ("Colombia and the ELN agreed"): they are both sides;
- events in ACLED's scope: ACLED codes an attack whose doer is unknown, and its conventions fill
  the sides the text leaves out (``finish``);
- background (``historical``): already kept out of counts;
- the news itself: an event told in the headline, the standfirst or the body's first sentence
  with an event (the document label reads it);
- acts done by a party to no one (``one_sided`` in plover_types.tsv: troops deployed, a truce
  declared), an inquiry ("police are investigating the theft" addresses no one) and a denial
  (``denial`` in coder_words.tsv: it answers a claim whose maker the sentence often leaves
  unnamed).
"""

from __future__ import annotations

from spacy.tokens import Doc

from ..lexicon import coder_words, plover_types
from ..records import Event
from .match import lemma_of


def drop_one_sided(events: list[Event], doc: Doc) -> list[Event]:
    """``events`` without those that name one side only (module doc); ``doc`` is the parsed
    body the events' evidence offsets point into."""
    body = [e.evidence.start for e in events if e.evidence.part == "body"]
    lead = min(body) if body else -1
    return [e for e in events if e.evidence.part != "body" or e.evidence.start == lead
            or not one_sided(e, doc)]


def one_sided(e: Event, doc: Doc) -> bool:
    if e.acled is not None or e.modality == "historical" or len(e.actor) > 1:
        return False
    if e.actor and (e.type in plover_types("one_sided") or e.mode == "investigate"
                    or _trigger_lemma(e, doc) in coder_words("denial")):
        return False
    return not (e.actor and e.recipient)


def _trigger_lemma(e: Event, doc: Doc) -> str:
    """The lemma of the event's trigger word in its evidence sentence of the body, as trigger
    rows read it (``match.lemma_of``)."""
    span = doc.char_span(e.evidence.start, e.evidence.end, alignment_mode="expand")
    words = e.evidence.trigger.split()
    if span is None or not words:
        return ""
    return next((lemma_of(t) for t in span if t.text == words[0]), "")
