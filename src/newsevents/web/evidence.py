"""Evidence in context: the article body cut into segments that carry highlight marks.

The server cuts, the browser only renders each segment as text inside an element (never as
HTML), so overlapping marks (an event's sentence, the words of its fields, other events'
sentences) need no markup nesting and untrusted text cannot become markup.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # evidence | current | field
    label: str  # event type, or the field name for field marks
    event_id: str | None = None


def segments(body: str, marks: list[Mark]) -> list[dict[str, Any]]:
    """Consecutive pieces of ``body``; each lists the marks covering all of it. Pieces with the
    same marks are merged, so an unmarked paragraph is one segment."""
    spans = [m for m in marks if 0 <= m.start < m.end <= len(body)]
    cuts = sorted({0, len(body), *(m.start for m in spans), *(m.end for m in spans)})
    out: list[dict[str, Any]] = []
    for a, b in itertools.pairwise(cuts):
        covering = [m for m in spans if m.start <= a and m.end >= b]
        tags = [{"kind": m.kind, "label": m.label, "event_id": m.event_id} for m in covering]
        if out and out[-1]["marks"] == tags:
            out[-1]["text"] += body[a:b]
            continue
        out.append({"start": a, "text": body[a:b], "marks": tags})
    return out


def _find(sentence: str, words: str, near: int | None = None) -> tuple[int, int] | None:
    """Where ``words`` stand in the sentence: whole-word matches first (the one nearest ``near``,
    the trigger, when the words occur more than once: "KYIV, Ukraine — Russia attacked Ukraine"),
    then any case-folded match."""
    words = words.strip()
    if not words:
        return None
    found = list(re.finditer(rf"(?<!\w){re.escape(words)}(?!\w)", sentence))
    if not found:
        found = list(re.finditer(re.escape(words), sentence, flags=re.IGNORECASE))
    if not found:
        return None
    best = min(found, key=lambda m: abs(m.start() - near)) if near is not None else found[0]
    return best.start(), best.end()


# The words behind each field, in the order they are listed: (field, words) pairs from the event.
def _trigger_words(event: dict[str, Any]) -> list[tuple[str, str]]:
    return [("trigger", (event.get("evidence") or {}).get("trigger") or "")]


def _role_words(role: str) -> Callable[[dict[str, Any]], list[tuple[str, str]]]:
    def words(event: dict[str, Any]) -> list[tuple[str, str]]:
        return [(f"{role}[{i}]" if i else role, actor.get("text") or "")
                for i, actor in enumerate(event.get(role) or [])]
    return words


def _location_words(event: dict[str, Any]) -> list[tuple[str, str]]:
    return [("location", (event.get("location") or {}).get("text") or "")]


def _date_words(event: dict[str, Any]) -> list[tuple[str, str]]:
    return [("date", (event.get("date") or {}).get("text") or "")]


def _quantity_words(event: dict[str, Any]) -> list[tuple[str, str]]:
    return [(f"quantities[{i}]", q.get("text") or "") for i, q in enumerate(event.get("quantities") or [])]


def _attribution_words(event: dict[str, Any]) -> list[tuple[str, str]]:
    attribution = event.get("attribution") or {}
    return [("attribution", attribution.get("source") or attribution.get("text") or "")]


_FIELD_WORDS: tuple[Callable[[dict[str, Any]], list[tuple[str, str]]], ...] = (
    _trigger_words, _role_words("actor"), _role_words("recipient"), _location_words, _date_words,
    _quantity_words, _attribution_words)


def field_words(event: dict[str, Any]) -> list[dict[str, Any]]:
    """The words behind each coded field, found in the evidence sentence: (field, words, start,
    end) with offsets into the article body; ``start`` is None where the words are not in the
    sentence (an actor inherited from an earlier sentence, a date from the dateline) or the
    sentence is not in the body (an event told in the headline or standfirst only)."""
    evidence = event.get("evidence") or {}
    sentence = evidence.get("sentence") or ""
    base = int(evidence.get("start") or 0)
    wanted = [pair for read in _FIELD_WORDS for pair in read(event)]
    in_body = (evidence.get("part") or "body") == "body"  # else no body offsets
    trigger = _find(sentence, wanted[0][1])
    out = []
    for field, words in wanted:
        if not words:
            continue
        found = trigger if field == "trigger" else _find(sentence, words, trigger[0] if trigger else None)
        at = found if in_body else None
        out.append({"field": field, "words": words,
                    "start": base + at[0] if at else None,
                    "end": base + at[1] if at else None})
    return out


def article_marks(events: list[dict[str, Any]], current: str | None = None,
                  fields: list[dict[str, Any]] | None = None) -> list[Mark]:
    """Marks for every event's evidence, the current event's sentence, and its field words."""
    marks = [Mark(e["start"], e["end"], "current" if e["event_id"] == current else "evidence",
                  e["type"], e["event_id"]) for e in events]
    for f in fields or []:
        if f["start"] is not None:
            marks.append(Mark(f["start"], f["end"], "field", f["field"].split("[")[0], current))
    return marks
