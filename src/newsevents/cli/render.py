"""Events as text, for every command that prints them: one renderer of an event's fields with the
words that support them (`newsevents code` and `show`), and the one-line rows of `events`.

Plain text, stable to test; nothing here reads the store or runs the pipeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..records import Actor, Event, Place

# Field names are padded to this width in event_lines.
_LABEL = 11


def actor_words(a: Actor) -> str:
    """An actor as the words of the text, the name it resolved to and its codes."""
    coded = " ".join(x for x in (a.country, a.sector, a.kind) if x) or "uncoded"
    name = f" = {a.name}" if a.name and a.name != a.text else ""
    return f'"{a.text}"{name} [{coded}]'


def actors_short(actors: Sequence[Actor]) -> str:
    """Actors in a listing cell: name (country sector)."""
    return "; ".join(f"{a.name or a.text} ({a.country or '?'}{' ' + a.sector if a.sector else ''})" for a in actors)


def place_name(loc: Place | None) -> str:
    """name, region, country; the region left out when it is the name."""
    if loc is None:
        return ""
    parts = [loc.name or loc.text]
    if loc.admin1 and loc.admin1 != parts[0]:
        parts.append(loc.admin1)
    if loc.country:
        parts.append(loc.country)
    return ", ".join(parts)


def render_scores(scores: dict[str, Any] | None) -> str:
    """The classifier's probabilities in one line: event, then each head's most likely class."""
    if not scores:
        return "- (the sentence model did not run)"
    parts = [f"event {scores['event']:.2f}"]
    for head in ("plover", "acled", "temporal"):
        probs = scores.get(head) or {}
        if isinstance(probs, dict) and probs:
            best = max(probs, key=probs.__getitem__)
            parts.append(f"{head} {best} {probs[best]:.2f}")
    return "; ".join(parts)


def _head(number: int, e: Event) -> str:
    acled = f"{e.acled.event_type} / {e.acled.sub_event_type}" if e.acled else "- (outside ACLED scope)"
    return f"[{number}] {e.type}{'/' + e.mode if e.mode else ''}  ACLED: {acled}"


def _location(e: Event) -> str:
    loc = e.location
    if loc is None:
        return "-"
    return f'"{loc.text}" = {place_name(loc)} ({loc.precision})'


def _date(e: Event) -> str:
    d = e.date
    if not d.start:
        return "unknown"
    span = d.start if d.end in (None, d.start) else f"{d.start}..{d.end}"
    return f"{span} ({d.precision})" + (f' "{d.text}"' if d.text else " (publication day: no date words)")


def _quantities(e: Event) -> str:
    return "; ".join(
        " ".join(x for x in (q.qualifier, f"{q.count}{'-' + str(q.count_high) if q.count_high else ''}",
                             q.item, q.status, f'"{q.text}"' if q.text else None) if x)
        for q in e.quantities) or "-"


def _fatalities(e: Event) -> str:
    f = e.fatalities
    if f is None:
        return "-"
    return ", ".join(f"{name} {n}" for name, n in (("killed", f.killed), ("injured", f.injured))
                     if n is not None) or "-"


def _attribution(e: Event) -> str:
    att = e.attribution
    text = att.stance + (f' by "{att.source}"' if att.source else "")
    if att.source_actor is not None:
        codes = " ".join(x for x in (att.source_actor.country, att.source_actor.sector) if x)
        text += f" [{codes}]" if codes else ""
    return text


def _evidence(e: Event) -> str:
    ev = e.evidence
    sentence = " ".join(ev.sentence.split())
    marked = sentence.replace(ev.trigger, f"[{ev.trigger}]", 1) if ev.trigger else sentence
    where = f"{ev.part} " if ev.part != "body" else ""
    return f"{marked} [{where}{ev.start}:{ev.end}]"


def event_lines(number: int, e: Event, cluster: str | None = None) -> list[str]:
    """One event as labelled lines: each field's value and the words of the text behind it
    ("-" where the coder found nothing); ``cluster`` describes the event's cluster across
    stored articles (`show`)."""
    fields = [
        ("trigger", f'"{e.evidence.trigger}" (rule {e.evidence.rule or "-"})'),
        ("actor", "; ".join(actor_words(a) for a in e.actor) or "-"),
        ("recipient", "; ".join(actor_words(a) for a in e.recipient) or "-"),
        ("location", _location(e)),
        ("date", _date(e)),
        ("quantities", _quantities(e)),
        ("fatalities", _fatalities(e)),
        ("attribution", _attribution(e)),
        ("modality", e.modality),
        ("contexts", ", ".join(e.contexts) or "-"),
        ("confidence", f"{e.confidence:.2f}   salience {e.salience:.2f}"),
        ("model", render_scores(e.scores)),
        ("evidence", _evidence(e)),
    ]
    if cluster is not None:
        fields.append(("cluster", cluster))
    fields.append(("event id", e.event_id))
    return [_head(number, e)] + [f"    {name:<{_LABEL}} {value}" for name, value in fields]


def render_event(number: int, e: Event, cluster: str | None = None) -> str:
    return "\n".join(event_lines(number, e, cluster))


LIST_COLUMNS = ("date", "type", "mode", "actor", "recipient", "location", "acled sub-type", "stance",
                "trigger", "article")


def list_row(e: Event) -> list[str]:
    """An event as one row of `newsevents events` (table and CSV)."""
    stance = e.attribution.stance + (f" ({e.attribution.source})" if e.attribution.source else "")
    return [
        (e.date.start or "")[:10], e.type, e.mode or "", actors_short(e.actor), actors_short(e.recipient),
        place_name(e.location), e.acled.sub_event_type if e.acled else "", stance, e.evidence.trigger,
        e.article_id[:8],
    ]


def mark_evidence(body: str, evs: Sequence[Event]) -> str:
    """The body with each event's evidence span wrapped as ``[[n: ...]]`` (numbers follow the
    event list); spans shared by several events carry all their numbers."""
    spans: dict[tuple[int, int], list[int]] = {}
    for number, e in enumerate(evs, start=1):
        if e.evidence.part != "body":
            continue  # told in the headline or standfirst only
        start, end = max(0, e.evidence.start), min(len(body), e.evidence.end)
        if start < end:
            spans.setdefault((start, end), []).append(number)
    inserts: list[tuple[int, int, str]] = []
    for (start, end), numbers in spans.items():
        label = ",".join(str(n) for n in numbers)
        # Closings sort before openings at the same offset so adjacent spans do not interleave.
        inserts.append((start, 1, f"[[{label}: "))
        inserts.append((end, 0, "]]"))
    out, last = [], 0
    for pos, _order, text in sorted(inserts):
        out.append(body[last:pos])
        out.append(text)
        last = pos
    out.append(body[last:])
    return "".join(out)
