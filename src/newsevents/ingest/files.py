"""Files and folders: which reader handles which file, deterministic folder walks, plain and
gzipped text/HTML files."""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import DocumentRejected, internal_error
from ..options import Options
from ..records import RawDocument, Rejected
from .documents import document_from_bytes, reject, rejected, too_large
from .feeds import count_feed, read_feed
from .jsonl import count_jsonl, read_jsonl
from .warc import count_warc, read_warc


@dataclass(frozen=True)
class Kind:
    suffix: str  # the full suffix it was recognised by, e.g. ".html.gz"
    reader: str  # text | html | jsonl | warc | feed
    gzipped: bool  # whether ingest must gunzip it (warcio gunzips WARC files itself)


# Matched against the end of the file name, case-insensitively.
KINDS: tuple[Kind, ...] = (
    Kind(".html.gz", "html", True),
    Kind(".htm.gz", "html", True),
    Kind(".txt.gz", "text", True),
    Kind(".jsonl.gz", "jsonl", True),
    Kind(".warc.gz", "warc", False),
    Kind(".html", "html", False),
    Kind(".htm", "html", False),
    Kind(".txt", "text", False),
    Kind(".jsonl", "jsonl", False),
    Kind(".warc", "warc", False),
    Kind(".rss", "feed", False),
    Kind(".atom", "feed", False),
    Kind(".xml", "feed", False),
)


def kind_of(name: str) -> Kind | None:
    lowered = name.lower()
    return next((k for k in KINDS if lowered.endswith(k.suffix)), None)


def doc_id_for(relative: str) -> str:
    """A file's document id: its path relative to the folder it was found in (or its name, when
    given directly), without the kind suffix; "2024/story.html.gz" -> "2024/story"."""
    kind = kind_of(relative)
    return relative[: -len(kind.suffix)] if kind else relative


def read_capped_gzip(path: Path, limit: int) -> bytes:
    """Gunzip ``path`` but stop one byte past ``limit``: a small .gz can hold gigabytes."""
    try:
        with gzip.open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except EOFError as exc:
        raise reject("truncated", f"compressed data ends early ({exc})") from exc
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise reject("bad_gzip", f"not readable as gzip: {exc}") from exc
    if len(data) > limit:
        raise reject(
            "too_large",
            f"more than {limit} bytes once decompressed, over the limit (option max_bytes)",
        )
    return data


def _read_document_file(path: Path, kind: Kind, doc_id: str, opts: Options) -> RawDocument:
    data = read_capped_gzip(path, opts.max_bytes) if kind.gzipped else path.read_bytes()
    return document_from_bytes(data, doc_id=doc_id, source_uri=str(path), content_type=kind.reader)


def read_file(path: Path, doc_id: str, opts: Options) -> Iterator[RawDocument | Rejected]:
    """Every document in one file; a file that fails as a whole becomes one Rejected row."""
    source_uri = str(path)
    try:
        size = path.stat().st_size
        kind = kind_of(path.name)
        if kind is None:
            raise reject("unsupported_type", f"no reader for files named like {path.name!r}")
        if not path.is_file():
            raise reject("unreadable", "not a regular file")
        if kind.reader in ("html", "text"):
            # Checked from the size on disk before reading, so a huge file is never loaded.
            if size > opts.max_bytes:
                raise too_large(size, opts.max_bytes)
            yield _read_document_file(path, kind, doc_id, opts)
        elif kind.reader == "jsonl":
            yield from read_jsonl(path, kind.gzipped, doc_id, opts)
        elif kind.reader == "warc":
            yield from read_warc(path, doc_id, opts)
        else:
            if size > opts.max_bytes:
                raise too_large(size, opts.max_bytes)
            yield from read_feed(path, doc_id, opts)
    except DocumentRejected as exc:
        yield rejected(doc_id, source_uri, exc)
    except OSError as exc:
        yield rejected(doc_id, source_uri, reject("unreadable", f"{type(exc).__name__}: {exc.strerror or exc}"))
    except Exception as exc:
        # A generator that raised cannot go on: the rest of this file is lost, not the batch.
        yield rejected(doc_id, source_uri, internal_error("ingest", exc, source_uri))


def _walk(folder: Path, seen: set[str]) -> Iterator[Path | Rejected]:
    """Files under ``folder`` in sorted order, depth first; dotfiles and dot-folders skipped
    (version-control and editor files are not input); symlink loops visited once."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield rejected(str(folder), str(folder), reject("unreadable", f"cannot list folder: {exc.strerror or exc}"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        if entry.is_dir():
            real = os.path.realpath(path)
            if real in seen:
                continue
            seen.add(real)
            yield from _walk(path, seen)
        else:
            yield path


def read_paths(paths: Iterable[str | Path], opts: Options) -> Iterator[RawDocument | Rejected]:
    """Documents from files and folders, lazily, one item per document: paths in the order
    given, folder contents recursively in sorted order, so two runs give the same sequence."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for found in _walk(path, {os.path.realpath(path)}):
                if isinstance(found, Rejected):
                    yield found
                    continue
                relative = found.relative_to(path).as_posix()
                yield from read_file(found, doc_id_for(relative), opts)
        else:
            yield from read_file(path, doc_id_for(path.name), opts)


def count_documents(paths: Iterable[str | Path], opts: Options) -> int:
    """How many items ``read_paths(paths, opts)`` yields, counted without decoding, extracting or
    parsing anything: one per text or HTML file, per non-blank JSONL line, per WARC page record,
    per feed item (and one for each file that is rejected whole). Reading a file twice costs far
    less than coding it, and lets a progress bar show a total and the time left."""
    count = 0
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for found in _walk(path, {os.path.realpath(path)}):
                count += 1 if isinstance(found, Rejected) else _count_file(found, opts)
        else:
            count += _count_file(path, opts)
    return count


def _count_file(path: Path, opts: Options) -> int:
    kind = kind_of(path.name)
    if kind is None or not path.is_file():
        return 1  # unsupported_type or unreadable
    if kind.reader == "jsonl":
        return count_jsonl(path, kind.gzipped, opts)
    if kind.reader == "warc":
        return count_warc(path)
    if kind.reader == "feed":
        try:
            too_big = path.stat().st_size > opts.max_bytes
        except OSError:
            return 1
        return 1 if too_big else count_feed(path)
    return 1
