"""PLACEHOLDER (being replaced by the ingest helper): minimal ingest so the pipeline runs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .options import Options
from .records import RawDocument, Rejected, stable_hash


def _looks_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<body" in head or "<p>" in head or "<div" in head


def document_from_text(text: str, published: str | None = None, id: str | None = None,
                       url: str | None = None, source_uri: str = "<text>") -> RawDocument:
    return RawDocument(id=id or stable_hash(text), source_uri=source_uri,
                       content_type="html" if _looks_html(text) else "text", text=text,
                       url=url, published=published, size_bytes=len(text.encode("utf-8")))


def document_from_record(rec: dict, source_uri: str) -> RawDocument | Rejected:
    text = rec.get("html") or rec.get("text") or ""
    return document_from_text(text, rec.get("published"), rec.get("id"), rec.get("url"), source_uri)


def read_paths(paths: Iterable[str | Path], opts: Options) -> Iterator[RawDocument | Rejected]:
    for p in paths:
        path = Path(p)
        yield document_from_text(path.read_text("utf-8"), id=path.stem, source_uri=str(path))
