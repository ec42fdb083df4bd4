"""JSON Lines files: one record ``{id, text | html, url, published}`` a line, read line by line
so a file of any length streams; a bad line is one Rejected row and reading goes on."""

from __future__ import annotations

import dataclasses
import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from ..options import Options
from ..records import RawDocument, Rejected
from .documents import document_from_record, reject, rejected, too_large

_DRAIN_CHUNK = 1 << 20


class _LineReader(Protocol):
    """A binary file, plain or gzip-compressed, read a line at a time."""

    def readline(self, size: int = -1, /) -> bytes: ...


def _skip_rest_of_line(fh: _LineReader) -> int:
    skipped = 0
    while chunk := fh.readline(_DRAIN_CHUNK):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def _lines(fh: _LineReader, limit: int) -> Iterator[tuple[int, bytes | int]]:
    """(line number, content) pairs; content is the byte size instead when it is over
    ``limit``, so an oversized line is never held in memory."""
    lineno = 0
    while line := fh.readline(limit + 1):
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            yield lineno, len(line) + _skip_rest_of_line(fh)
            continue
        content = line.rstrip(b"\r\n")
        yield lineno, (len(content) if len(content) > limit else content)


def _record(lineno: int, content: bytes, file_id: str, source_uri: str) -> RawDocument | Rejected:
    doc_id = f"{file_id}#{lineno}"
    line_uri = f"{source_uri}#{lineno}"
    if lineno == 1:
        content = content.removeprefix(b"\xef\xbb\xbf")
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        return rejected(doc_id, line_uri, reject("bad_json", f"line {lineno} is not UTF-8 (byte {exc.start})"))
    try:
        rec = json.loads(text)
    except json.JSONDecodeError as exc:
        return rejected(doc_id, line_uri, reject("bad_json", f"line {lineno}: {exc.msg} at column {exc.colno}"))
    if not isinstance(rec, dict):
        return rejected(doc_id, line_uri, reject("bad_json", f"line {lineno} is a JSON {type(rec).__name__}, not an object"))
    item = document_from_record(rec, line_uri)
    if isinstance(item, Rejected) and rec.get("id") in (None, ""):
        return dataclasses.replace(item, doc_id=doc_id)
    if isinstance(item, RawDocument):
        return dataclasses.replace(item, encoding="utf-8", size_bytes=len(content))
    return item


def read_jsonl(path: Path, gzipped: bool, file_id: str, opts: Options) -> Iterator[RawDocument | Rejected]:
    source_uri = str(path)
    opener = gzip.open if gzipped else open
    records = 0
    with opener(path, "rb") as fh:
        try:
            for lineno, content in _lines(fh, opts.max_bytes):
                if isinstance(content, int):
                    records += 1
                    yield rejected(f"{file_id}#{lineno}", f"{source_uri}#{lineno}", too_large(content, opts.max_bytes))
                elif content.strip():
                    records += 1
                    yield _record(lineno, content, file_id, source_uri)
        except EOFError as exc:
            raise reject("truncated", f"compressed data ends early ({exc})") from exc
        except (gzip.BadGzipFile, zlib.error) as exc:
            raise reject("bad_gzip", f"not readable as gzip: {exc}") from exc
    if records == 0:
        raise reject("empty", "no records: the file has no non-blank lines")


def count_jsonl(path: Path, gzipped: bool, opts: Options) -> int:
    """How many items ``read_jsonl`` yields (one per non-blank line), counted without decoding
    the records; a file that cannot be read on counts as the lines so far and its rejection."""
    records = 0
    opener = gzip.open if gzipped else open
    try:
        with opener(path, "rb") as fh:
            for _lineno, content in _lines(fh, opts.max_bytes):
                records += isinstance(content, int) or bool(content.strip())
    except (OSError, EOFError, zlib.error):
        return records + 1
    return max(records, 1)  # a file without records is one "empty" rejection
