"""The article's front: its headline and standfirst are sentences too, coded like the body.

A front part is parsed and resolved on its own (its offsets are offsets into that string), so
its events carry ``evidence.part`` ("headline" or "standfirst"). Each front event that tells a
happening the body also tells merges into the first such body event, as a mention
(``same-happening-front``): the body event keeps its evidence and takes what the front knows
better (a town where the body names none: "Brothel busted in Boston"). A front event the body
does not tell is a mention of the body's lead event, or, when the lead codes no event, an
event of its own. Either way the happening is the story's news and ranks
first in the document label (``ranking.salience``).

Front and body tell one happening when they agree on type, modality reading, parties, place,
day and toll (``happenings.same_happening`` without its anchor: the front tells the story's own
happening, so no shared town or day is needed to tie them). Told in other words, the front is
a mention of the body's lead event; a front event is an event of its own only when the body's
lead codes none.

A standfirst's dateline ("HANOI, Vietnam (AP) - ...") is the story's dateline when the body
opens without one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from ..records import Article, Evidence, Mentions
from . import happenings
from .draft import Draft
from .syntax import PART_KEY

PARTS = ("headline", "standfirst")


@dataclass(frozen=True)
class FrontPart:
    """One parsed and resolved front part of an article."""

    name: str  # headline | standfirst
    doc: Doc
    mentions: Mentions


# A front sentence is a copy of the body when a stretch of this many letters and digits of it
# (from its start, or from its middle: sites cut a description short and add a section name in
# front) is found in the body. Shorter sentences (most headlines) are compared whole.
COPY_CHARS = 40


def _letters(text: str) -> str:
    return re.sub(r"[^\w]+", "", text.casefold()).replace("_", "")


def copies_body(sentence: str, body: str) -> bool:
    """The front sentence repeats the body (a standfirst that is the lead cut short)."""
    s, b = _letters(sentence), _letters(body)
    if len(s) <= COPY_CHARS:
        return bool(s) and s in b
    middle = len(s) // 2 - COPY_CHARS // 2
    return any(s[at:at + COPY_CHARS] in b for at in (0, middle))


def front_texts(article: Article) -> list[tuple[str, str]]:
    """(part, text) of the headline and standfirst worth coding: a part the body repeats is
    told by the body already."""
    out = []
    for name in PARTS:
        text = (getattr(article, name) or "").strip()
        if text and not copies_body(text, article.body):
            out.append((name, text))
    return out


def part_article(article: Article, text: str) -> Article:
    """The article as seen from one front part: the part is its whole body."""
    return replace(article, body=text, paragraphs=(text,))


def part_of(t: Token) -> str:
    return str(t.doc.user_data.get(PART_KEY, "body"))


def evidence_of(t: Token, body: str) -> Evidence:
    """The sentence of ``t`` with offsets into its own part (the body, headline or standfirst)."""
    s = t.sent
    part = part_of(t)
    text = body if part == "body" else t.doc.text
    return Evidence(sentence=text[s.start_char:s.end_char], start=s.start_char, end=s.end_char,
                    trigger=t.text, part=part)


def told_in_front(d: Draft) -> bool:
    """The happening is told in the headline or standfirst (the draft itself or a mention)."""
    return any(part_of(t) != "body" for t in [d.token, *d.told])


# The body's lead: its first paragraphs (a caption or a section line may come first).
LEAD_PARAGRAPHS = 3


def _tied(b: Draft, f: Draft, body: list[Draft]) -> bool:
    """Something ties a body telling to the front's: it is in the body's lead, or the body's
    only event of that type, or it names a party's country or the town the front names."""
    if b.paragraph < LEAD_PARAGRAPHS or sum(1 for o in body if o.type == f.type) == 1:
        return True
    shared = (happenings.countries(b.actor) | happenings.countries(b.recipient)) & (
        happenings.countries(f.actor) | happenings.countries(f.recipient))
    return bool(shared) or happenings.anchored(b, f)


def _lead(body: list[Draft]) -> Draft | None:
    """The body's lead event: its first event in the lead paragraphs."""
    return next((b for b in body if b.paragraph < LEAD_PARAGRAPHS), None)


def merge_front(front: list[Draft], body: list[Draft]) -> list[Draft]:
    """Fold each front draft into the first body draft telling its happening. A front draft
    the body tells in other words ("Japan and China agree to revive talks" over "Iwaya met
    Wang in Beijing ...": another type, or parties read otherwise without the body's context)
    is a mention of the body's lead event (``front-tells-lead``); only when the body's lead
    codes no event at all is it an event of its own, first in the list (the story's news)."""
    alone: list[Draft] = []
    lead = _lead(body)
    for f in front:
        mate = next((b for b in body if happenings.same_happening(b, f, need_anchor=False)
                     and _tied(b, f, body)), None)
        if mate is None:
            mate = next((a for a in alone if happenings.same_happening(a, f, need_anchor=False)),
                        None)
        if mate is not None:
            happenings.absorb(mate, f, rule="same-happening-front")
        elif lead is not None:
            happenings.tell(lead, f, rule="front-tells-lead")
        else:
            alone.append(f)
    return alone + body


__all__ = [
    "PART_KEY",
    "FrontPart",
    "evidence_of",
    "front_texts",
    "merge_front",
    "part_article",
    "part_of",
    "told_in_front",
]
