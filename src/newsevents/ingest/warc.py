"""WARC files (.warc, .warc.gz) through warcio: each HTML (or plain-text) response or resource
record is one article. Other records (requests, metadata, images, scripts, revisits) are not
articles and are passed over; an error response (status 4xx/5xx) is recorded as ``http_<status>``
so a user sees which pages the crawl failed on."""

from __future__ import annotations

import dataclasses
import gzip
import zlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeadersParserException

from ..errors import DocumentRejected
from ..options import Options
from ..records import RawDocument, Rejected, stable_hash
from .decode import charset_from_content_type
from .documents import document_from_bytes, reject, rejected, too_large

_CONTENT_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}


def _iso(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).isoformat()
    except ValueError:
        return None


def _record_id(record: ArcWarcRecord, url: str | None) -> str:
    rec_id = record.rec_headers.get_header("WARC-Record-ID")
    if rec_id:
        return rec_id.strip("<>").removeprefix("urn:uuid:")
    return stable_hash(url or "")


def _read_body(record: ArcWarcRecord, limit: int) -> bytes:
    """The decoded payload, at most ``limit`` bytes. warcio hands back a short body without
    complaint when the file ends inside a record, so the record's own length is checked."""
    stream = record.content_stream()
    parts: list[bytes] = []
    size = 0
    try:
        while size <= limit and (chunk := stream.read(limit + 1 - size)):
            parts.append(chunk)
            size += len(chunk)
    except (zlib.error, ValueError) as exc:
        raise reject("bad_warc", f"record body cannot be decoded: {exc}") from exc
    if size > limit:
        raise too_large(size, limit)
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        raise reject("truncated", f"the file ends {missing} bytes before the end of this record")
    return b"".join(parts)


def _check_is_warc(path: Path) -> None:
    # warcio also reads the older ARC format and will "parse" any text file as ARC records, so
    # the version line is checked first.
    with open(path, "rb") as fh:
        gzipped = fh.read(2) == b"\x1f\x8b"
    try:
        with (gzip.open(path, "rb") if gzipped else open(path, "rb")) as fh:
            start = fh.read(5)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise reject("bad_warc", f"not a readable WARC file: {exc}") from exc
    if start != b"WARC/":
        raise reject("bad_warc", f"does not start with a WARC/ version line (starts with {start!r})")


def _page_media(record: ArcWarcRecord) -> tuple[bool, str | None, str | None]:
    """(whether the record is a page read_warc yields, as an article or a rejection; its
    Content-Type header; its media type). Requests, metadata, images, scripts and non-HTTP
    responses such as dns: lookups are not pages."""
    if record.rec_type not in ("response", "resource"):
        return False, None, None
    http = record.http_headers if record.rec_type == "response" else None
    if record.rec_type == "response" and http is None:
        return False, None, None
    header = (http or record.rec_headers).get_header("Content-Type")
    media = header.split(";")[0].strip().lower() if header else None
    return media is None or media in _CONTENT_TYPES, header, media


def _document(record: ArcWarcRecord, doc_id: str, url: str | None, uri: str, opts: Options) -> RawDocument | None:
    page, header, media = _page_media(record)
    if not page:
        return None
    http = record.http_headers if record.rec_type == "response" else None
    if http is not None:
        status = http.get_statuscode() or ""
        if not (len(status) == 3 and status.isdigit()):
            raise reject("bad_warc", f"response record for {url} has no HTTP status line ({http.statusline!r})")
        if not status.startswith("2"):
            raise reject(f"http_{status}", f"the crawl recorded HTTP status {status} for {url}")
    length_header = record.rec_headers.get_header("Content-Length") or "0"
    if not length_header.strip().isdigit():
        raise reject("bad_warc", f"record Content-Length is not a number: {length_header!r}")
    length = int(length_header)
    if length > opts.max_bytes:
        raise too_large(length, opts.max_bytes)
    data = _read_body(record, opts.max_bytes)
    return document_from_bytes(
        data,
        doc_id=doc_id,
        source_uri=uri,
        content_type=_CONTENT_TYPES.get(media) if media else None,
        declared_charset=charset_from_content_type(header),
        url=url,
        fetched=_iso(record.rec_headers.get_header("WARC-Date")),
    )


def read_warc(path: Path, file_id: str, opts: Options) -> Iterator[RawDocument | Rejected]:
    _check_is_warc(path)
    articles = 0
    with open(path, "rb") as fh:
        records = ArchiveIterator(fh)
        try:
            for record in records:
                if record.rec_type not in ("response", "resource"):
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                doc_id = _record_id(record, url)
                item: RawDocument | Rejected | None
                try:
                    item = _document(record, doc_id, url, str(path), opts)
                except DocumentRejected as exc:
                    item = rejected(doc_id, str(path), exc)
                if item is not None:
                    articles += 1
                    # Asking for the offset makes warcio read the record to its end, so only
                    # now, after the body was read.
                    yield dataclasses.replace(item, source_uri=f"{path}#{records.get_record_offset()}")
        except (ArchiveLoadFailed, StatusAndHeadersParserException) as exc:
            raise reject("bad_warc", f"not a readable WARC file: {exc}") from exc
        except EOFError as exc:
            raise reject("truncated", f"WARC data ends early ({exc})") from exc
        except zlib.error as exc:
            raise reject("bad_warc", f"corrupt compressed WARC data: {exc}") from exc
    if articles == 0:
        raise reject("no_content", "no HTML or plain-text response records in this WARC file")


def count_warc(path: Path) -> int:
    """How many items ``read_warc`` yields, counted from the record headers alone (warcio skips
    the bodies); a file it cannot read on counts as the pages so far and its rejection."""
    pages = 0
    try:
        _check_is_warc(path)
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                pages += _page_media(record)[0]
    except (DocumentRejected, OSError, ArchiveLoadFailed, StatusAndHeadersParserException, EOFError, zlib.error):
        return pages + 1
    return max(pages, 1)  # a WARC file without pages is one no_content rejection
