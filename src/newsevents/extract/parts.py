"""What one extraction path found, before the checks that turn it into an Article."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..records import DroppedPart
from .memory import MEMORY_MIN_SEEN, BoilerplateMemory, paragraph_hash


@dataclass
class Parts:
    paragraphs: list[str] = field(default_factory=list)
    dropped: list[DroppedPart] = field(default_factory=list)
    headline: str | None = None
    standfirst: str | None = None
    byline: str | None = None
    agency: str | None = None
    publisher: str | None = None
    published: str | None = None
    canonical_url: str | None = None
    lang_hint: str | None = None

    def drop(self, text: str, reason: str, detail: str = "") -> None:
        self.dropped.append(DroppedPart(text=text, reason=reason, detail=detail))


def apply_memory(parts: Parts, memory: BoilerplateMemory | None) -> None:
    """Drop kept paragraphs this publisher has printed in MEMORY_MIN_SEEN or more other articles."""
    if memory is None or not parts.publisher:
        return
    kept: list[str] = []
    for p in parts.paragraphs:
        seen = memory.seen_count(parts.publisher, paragraph_hash(p))
        if seen >= MEMORY_MIN_SEEN:
            parts.drop(p, "publisher_memory", f"seen in {seen} articles of {parts.publisher}")
        else:
            kept.append(p)
    parts.paragraphs = kept


def normalise_paragraph(text: str) -> str:
    """Whitespace runs become one space; every other character stays as written (curly quotes,
    dashes), so evidence quotes match the page."""
    return " ".join(text.split())
