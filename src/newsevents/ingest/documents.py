"""Building RawDocument records from text, from JSON records and from raw bytes."""

from __future__ import annotations

import re
from typing import Any

from ..errors import DocumentRejected
from ..records import RawDocument, Rejected, stable_hash
from .decode import decode_bytes
from .published import read_published

STAGE = "ingest"

# Tags that only occur in markup; one of them near the top means the text is an HTML page or
# fragment. Plain prose rarely contains "<p>" or "<div" while markup nearly always does.
_HTML_HINT = re.compile(
    r"<(?:!doctype\s+html|html|head|body|p|div|article|section|br|span|a\s|h[1-6]|table|meta)\b",
    re.I,
)
_HTML_SNIFF_CHARS = 4000


def looks_html(text: str) -> bool:
    return _HTML_HINT.search(text[:_HTML_SNIFF_CHARS]) is not None


def rejected(doc_id: str, source_uri: str, exc: DocumentRejected) -> Rejected:
    return Rejected(doc_id, source_uri, exc.stage, exc.reason, exc.message)


def reject(reason: str, message: str) -> DocumentRejected:
    return DocumentRejected(STAGE, reason, message)


def too_large(size: int, limit: int) -> DocumentRejected:
    return reject("too_large", f"{size} bytes, over the limit of {limit} bytes (option max_bytes)")


def utf8_size(text: str) -> int:
    """Bytes of ``text`` in UTF-8; a lone surrogate (which the pipeline rejects as
    ``unencodable_text``) counts as the three bytes it takes when passed through."""
    return len(text.encode("utf-8", "surrogatepass"))


def document_from_text(
    text: str,
    published: str | None = None,
    id: str | None = None,
    url: str | None = None,
    source_uri: str = "<text>",
) -> RawDocument:
    """A document from text already in memory; HTML when it looks like markup, else plain text.
    The id defaults to a hash of the text, so the same text always gets the same id.
    ``published`` is read as :func:`.published.read_published` reads it."""
    date = read_published(published)
    return RawDocument(
        id=id or stable_hash(text),
        source_uri=source_uri,
        content_type="html" if looks_html(text) else "text",
        text=text,
        url=url,
        published=date.iso,
        size_bytes=utf8_size(text),
        warnings=(date.warning,) if date.warning else (),
    )


def _optional_str(rec: dict[str, Any], key: str) -> str | None:
    value = rec.get(key)
    if value is None or isinstance(value, str):
        return value
    raise reject("bad_json", f"field {key!r} must be a string or null, got {type(value).__name__}")


def document_from_record(rec: dict[str, Any], source_uri: str) -> RawDocument | Rejected:
    """A document from a JSON record ``{id, text | html, url, published}``. ``html`` wins when
    both are given (it is the page as fetched). A record without either is Rejected(empty)."""
    raw_id = rec.get("id") if isinstance(rec, dict) else None
    if raw_id == "":
        raw_id = None
    doc_id = str(raw_id) if raw_id is not None else source_uri
    if not isinstance(rec, dict):
        return rejected(doc_id, source_uri, reject("bad_json", f"expected a JSON object, got {type(rec).__name__}"))
    try:
        html = _optional_str(rec, "html")
        text = _optional_str(rec, "text")
        url = _optional_str(rec, "url")
        published = _optional_str(rec, "published")
        if raw_id is not None and not isinstance(raw_id, (str, int)):
            raise reject("bad_json", f"field 'id' must be a string or integer, got {type(raw_id).__name__}")
        if html and html.strip():
            content, content_type = html, "html"
        elif text and text.strip():
            content, content_type = text, "html" if looks_html(text) else "text"
        else:
            raise reject("empty", "record has no non-blank 'text' or 'html' field")
    except DocumentRejected as exc:
        return rejected(doc_id, source_uri, exc)
    date = read_published(published)
    return RawDocument(
        id=str(raw_id) if raw_id is not None else stable_hash(content),
        source_uri=source_uri,
        content_type=content_type,
        text=content,
        url=url,
        published=date.iso,
        size_bytes=utf8_size(content),
        warnings=(date.warning,) if date.warning else (),
    )


def unencodable(raw: RawDocument) -> DocumentRejected | None:
    """The rejection of a document holding a lone surrogate (JSON allows ``"\\ud800"``; Python
    strings hold it), which no UTF-8 file, SQLite or PostgreSQL text can store."""
    for name in ("text", "id", "url", "published", "source_uri"):
        value = getattr(raw, name)
        if value is None:
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            char = ord(value[exc.start])
            return reject("unencodable_text", f"{name} holds an unpaired surrogate U+{char:04X} at "
                                              f"character {exc.start}: not valid Unicode text")
    return None


def document_from_bytes(
    data: bytes,
    *,
    doc_id: str,
    source_uri: str,
    content_type: str | None,
    declared_charset: str | None = None,
    url: str | None = None,
    published: str | None = None,
    fetched: str | None = None,
) -> RawDocument:
    """Decode ``data`` into a document; ``content_type`` None means decide by looking.
    Raises DocumentRejected(empty | binary)."""
    decoded = decode_bytes(data, declared_charset)
    kind = content_type or ("html" if looks_html(decoded.text) else "text")
    return RawDocument(
        id=doc_id,
        source_uri=source_uri,
        content_type=kind,
        text=decoded.text,
        encoding=decoded.encoding,
        url=url,
        published=published,
        fetched=fetched,
        size_bytes=len(data),
        warnings=decoded.warnings,
    )
