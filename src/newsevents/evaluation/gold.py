"""Reading gold files (shared/spec/EVENTS.md, "Gold files").

Extensions of ours:

- a line may give ``"source": "relative/path.txt"`` (or ``"relative/batch.jsonl#record-id"``)
  instead of inline ``text``/``html``, so the bundled examples are stored once, as the files a user
  would have, and scored from there. Any file kind ingest reads works (``.html.gz`` pages in their
  own encoding too), so a gold file can point at pages it may not copy (``../shared``);
- ``non_events``: sentences a coder is tempted to code but should not, each with a ``cause``
  (background, generic, wish, clutter, misread, not_event, opinion), so precision can be read per
  cause (:mod:`.realnews`);
- in a gold event, ``mentions`` (the other sentences that tell the same happening) and ``lead``
  (told in the headline, standfirst or first paragraph).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import GoldFileError
from ..records import RawDocument, Rejected


@dataclass(frozen=True)
class GoldDoc:
    id: str
    raw: RawDocument | Rejected  # the input as a user has it, ready for the pipeline
    published: str | None = None
    label: str | None = None
    article: dict[str, Any] = field(default_factory=dict)
    events: tuple[dict[str, Any], ...] = ()
    line: int = 0
    non_events: tuple[dict[str, Any], ...] = ()


def read_gold(path: str | Path) -> Iterator[GoldDoc]:
    """Yield the documents of a gold JSONL file; a malformed line raises GoldFileError naming it."""
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise GoldFileError(f"cannot read gold file {path}: {exc}") from exc
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldFileError(f"{path}:{number}: not valid JSON: {exc}") from exc
            yield gold_doc_from_dict(data, base=path.parent, where=f"{path}:{number}", line=number)


def gold_doc_from_dict(data: Any, *, base: Path, where: str, line: int = 0) -> GoldDoc:
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        raise GoldFileError(f"{where}: a gold line must be an object with a string 'id'")
    events = data.get("events") or []
    if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
        raise GoldFileError(f"{where}: 'events' must be a list of objects")
    non_events = data.get("non_events") or []
    if not isinstance(non_events, list) or not all(
            isinstance(n, dict) and isinstance(n.get("sentence"), str) for n in non_events):
        raise GoldFileError(f"{where}: 'non_events' must be a list of objects with a 'sentence'")
    return GoldDoc(
        id=data["id"],
        raw=_raw_document(data, base, where),
        published=data.get("published"),
        label=data.get("label"),
        article=data.get("article") or {},
        events=tuple(events),
        line=line,
        non_events=tuple(non_events),
    )


def _raw_document(data: dict[str, Any], base: Path, where: str) -> RawDocument | Rejected:
    from ..ingest import document_from_text
    from ..ingest.files import read_file
    from ..options import load_options

    published = data.get("published")
    content = data.get("html") or data.get("text")
    if content:
        return document_from_text(content, published=published, id=data["id"], url=data.get("url"),
                                  source_uri=where)
    source = data.get("source")
    if not isinstance(source, str):
        raise GoldFileError(f"{where}: give 'text', 'html' or 'source'")
    file_part, _, record_id = source.partition("#")
    path = (base / file_part).resolve()
    if record_id:
        return _record_from_jsonl(path, record_id, published, where)
    if not path.is_file():
        raise GoldFileError(f"{where}: cannot read source {path}: no such file")
    # read as `process` reads a file: gzip, the page's own encoding, size limits
    first = next(read_file(path, data["id"], load_options()))
    if isinstance(first, RawDocument):
        first = dataclasses.replace(first, published=published or first.published,
                                    url=data.get("url") or first.url)
    return first


def _record_from_jsonl(path: Path, record_id: str, published: str | None, where: str
                       ) -> RawDocument | Rejected:
    from ..ingest import document_from_record

    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as exc:
        raise GoldFileError(f"{where}: cannot read source {path}: {exc}") from exc
    for text in lines:
        if not text.strip():
            continue
        record = json.loads(text)
        if record.get("id") == record_id:
            if published and not record.get("published"):
                record = {**record, "published": published}
            return document_from_record(record, source_uri=f"{path}#{record_id}")
    raise GoldFileError(f"{where}: record {record_id!r} not found in {path}")
