"""Date mentions in running text: the expressions of ``dates.DATE_PATTERN`` and spaCy's DATE
entities, each resolved against the publication time."""

from __future__ import annotations

from spacy.tokens import Doc

from ..records import DateMention
from .dates import DATE_PATTERN, resolve_date_rule


def scan_dates(doc: Doc, published: str | None) -> list[DateMention]:
    text = doc.text
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for m in DATE_PATTERN.finditer(text):
        found = m.group(0)
        # "may" the verb is not May the month: months are written with a capital.
        if "may" in found.split() and "May" not in found:
            continue
        resolved = resolve_date_rule(found, published)
        if resolved is None:
            continue
        span, rule = resolved
        out.append(DateMention(m.start(), m.end(), span, rule))
        taken.append((m.start(), m.end()))
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        if any(s < ent.end_char and ent.start_char < e for s, e in taken):
            continue
        resolved = resolve_date_rule(ent.text, published)
        if resolved is None:
            continue
        span, rule = resolved
        out.append(DateMention(ent.start_char, ent.end_char, span, f"DATE:{rule}"))
    out.sort(key=lambda d: d.start)
    return out
