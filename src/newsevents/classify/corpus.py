"""The training corpus: labelled sentences and short reports written for this project.

``corpus/train/*.jsonl`` trains the model; ``corpus/heldout/*.jsonl`` was written by writers who
never saw the others and is only ever scored (``corpus_heldout_*`` in ``make quality``). One JSON
object a line:

``{"id", "text", "event": bool, "plover": TYPE | null, "mode": str | null, "acled": sub-event
type | null, "temporal": current | background | future | hypothetical | negated | generic,
"style", "region": ISO3 | null, "hard": bool, "kind": sentence | report | article-PART, "writer",
"source": written | reviewed | silver, "article": id}``

``article`` is set on the sentences of whole labelled articles (every sentence of a made-up news
article, headline and clutter included, in reading order; ``kind`` says which part:
``article-headline``, ``article-lead``, ``article-quote``, ...).

Reviewed sentences exported from the web app (``newsevents export --format training``) have the
same shape and can be dropped into ``corpus/train/``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..coder.tables import load_tables
from ..errors import GoldFileError
from ..records import PLOVER_TYPES

TEMPORAL = ("current", "background", "future", "hypothetical", "negated", "generic")


def acled_subtypes() -> tuple[str, ...]:
    """ACLED's 25 sub-event types, in the order of the coder's table (data/coder/acled.tsv)."""
    return tuple(sub for _type, sub in load_tables().acled.values())


@dataclass(frozen=True)
class Example:
    id: str
    text: str
    event: bool
    plover: str | None
    mode: str | None
    acled: str | None
    temporal: str
    writer: str
    hard: bool = False
    kind: str = "sentence"
    style: str = ""
    region: str | None = None
    source: str = "written"
    article: str | None = None  # the article a sentence of a whole labelled article belongs to

    @property
    def from_article(self) -> bool:
        return self.article is not None


def _check(rec: dict[str, object], where: str) -> Example:
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise GoldFileError(f"{where}: 'text' must be a non-empty string")
    event = rec.get("event")
    if not isinstance(event, bool):
        raise GoldFileError(f"{where}: 'event' must be true or false")
    temporal = _checked_labels(rec, event, where)
    # The checks leave an event's plover and acled as strings (or acled as None).
    return Example(id=str(rec.get("id") or where), text=text, event=event,
                   plover=_text_or_none(rec.get("plover")) if event else None,
                   mode=_text_or_none(rec.get("mode")),
                   acled=_text_or_none(rec.get("acled")) if event else None,
                   temporal=temporal,
                   writer=str(rec.get("writer") or ""), hard=bool(rec.get("hard")),
                   kind=str(rec.get("kind") or "sentence"), style=str(rec.get("style") or ""),
                   region=_text_or_none(rec.get("region")),
                   source=str(rec.get("source") or "written"),
                   article=_text_or_none(rec.get("article")))


def _checked_labels(rec: dict[str, object], event: bool, where: str) -> str:
    """Checks the PLOVER, ACLED and temporal labels; returns the temporal one."""
    plover, acled, temporal = rec.get("plover"), rec.get("acled"), rec.get("temporal")
    if event and plover not in PLOVER_TYPES:
        raise GoldFileError(f"{where}: an event needs a PLOVER type, got {plover!r}")
    if acled is not None and acled not in acled_subtypes():
        raise GoldFileError(f"{where}: unknown ACLED sub-event type {acled!r}")
    if not isinstance(temporal, str) or temporal not in TEMPORAL:
        raise GoldFileError(f"{where}: 'temporal' must be one of {', '.join(TEMPORAL)}")
    return temporal


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def read_examples(path: Path) -> Iterator[Example]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise GoldFileError(f"{path}:{number}: not valid JSON: {exc}") from exc
                yield _check(rec, f"{path}:{number}")


def read_split(root: Path, split: str) -> list[Example]:
    """Every example of ``root/split/*.jsonl``, in file then line order."""
    return [ex for path in sorted((root / split).glob("*.jsonl")) for ex in read_examples(path)]


__all__ = ["TEMPORAL", "Example", "acled_subtypes", "read_examples", "read_split"]
