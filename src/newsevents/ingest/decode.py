"""Bytes to text: byte-order mark, then valid UTF-8 (or nearly valid: a few bad bytes are
replaced, with a warning), then the declared charset, then detection.

Order matters. A BOM is the strongest signal there is. Next comes UTF-8 validity: non-ASCII text
in any legacy encoding practically never forms valid UTF-8 by accident, while pages that declare
ISO-8859-1 but were re-saved as UTF-8 are common (5 of the 200 pages of the htmldate MediaCloud
set; trusting their meta tag turns every accent into mojibake). A declaration (HTTP header, XML
declaration, HTML meta) decides for bytes that are not UTF-8, but only when it decodes strictly:
a wrong label is set aside, not trusted. Last comes the statistical detector, which is slower and
can mistake short Cyrillic or Latin-1 texts for one another.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

from ..errors import DocumentRejected
from ..records import DocumentWarning

# utf-32 first: its little-endian BOM begins with the utf-16 little-endian one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Declarations live at the top of a document; 4 KB covers long <head> preambles in practice.
_SNIFF_BYTES = 4096
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)

# Browsers read pages labelled Latin-1 or ASCII as windows-1252 (the WHATWG encoding standard),
# and authors rely on it: curly quotes in such pages are cp1252 bytes 0x91-0x94.
_READ_AS_CP1252 = {"latin_1", "iso8859-1", "ascii"}

# A text where more than this share of characters are control characters is not text (a
# detector will "decode" any byte soup); 1% leaves room for stray form feeds and the like.
_MAX_CONTROL_SHARE = 0.01
# C0 and C1 control characters except tab, newline, vertical tab, form feed and carriage return.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[DocumentWarning, ...] = ()


def _reject(reason: str, message: str) -> DocumentRejected:
    return DocumentRejected("ingest", reason, message)


def charset_from_content_type(value: str | None) -> str | None:
    """The charset parameter of an HTTP Content-Type header value, if any."""
    if not value:
        return None
    match = _HEADER_CHARSET.search(value)
    return match.group(1) if match else None


def declared_charset(data: bytes) -> str | None:
    """The charset a document declares about itself (XML declaration or HTML meta), if any."""
    head = data[:_SNIFF_BYTES]
    match = _XML_DECL.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def _codec_name(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # A utf-16/32 label on bytes without a BOM is a copy-paste error (the label itself was
    # readable as ASCII, so the document is not utf-16); the HTML standard reads it as utf-8.
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return name


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _utf8_allowing_cut_tail(data: bytes) -> str | None:
    """Strict UTF-8, except that a multi-byte character cut off by the end of the data (a
    truncated download) is dropped rather than failing the whole document."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(data) and len(data) - exc.start < 4:
            return data[: exc.start].decode("utf-8")
        return None


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with its bad bytes replaced by U+FFFD, when it has at least as many valid multi-byte
    characters as bad bytes. A UTF-8 page spoiled by a pasted cp1252 quote or a stray byte keeps many valid
    sequences (every curly quote, dash and accent), while text in a legacy encoding has almost
    none: there an accented letter is one byte followed by ASCII, which is never valid UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first = exc.start
    else:
        return None
    text = data.decode("utf-8", "replace")
    # U+FFFD the document itself holds (valid UTF-8 EF BF BD) are not replacements.
    made = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    # Each replacement stands for one or more bad bytes; what the valid characters do not take
    # of the data is the bad bytes.
    bad = len(data) - (len(text.encode("utf-8")) - 3 * made)
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - made
    if multibyte < bad:
        return None
    warning = DocumentWarning("ingest", "replaced_bytes", f"{bad} byte{'s' if bad > 1 else ''} that are not UTF-8 "
                              f"replaced with U+FFFD (the first at byte {first})")
    return Decoded(text, "utf-8", (warning,))


def _check_not_binary(data: bytes) -> None:
    nul = data.find(b"\x00")
    if nul >= 0:
        raise _reject("binary", f"NUL byte at offset {nul}: binary data, not text")


def _check_text_like(text: str) -> None:
    sample = text[:100_000]
    controls = len(_CONTROL.findall(sample))
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        share = 100.0 * controls / len(sample)
        raise _reject("binary", f"{share:.1f}% of the decoded characters are control characters")


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data``; ``declared`` is an outside declaration (e.g. an HTTP header charset),
    which goes before the document's own. Raises DocumentRejected(empty | binary)."""
    if not data:
        raise _reject("empty", "0 bytes")
    decoded = _decode(data, declared)
    if not decoded.text.strip():
        raise _reject("empty", f"only whitespace ({len(data)} bytes)")
    _check_text_like(decoded.text)
    return decoded


def _decode(data: bytes, declared: str | None) -> Decoded:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _try(data, codec)
            if text is None:
                raise _reject("binary", f"starts with a {codec} byte-order mark but does not decode as {codec}")
            return Decoded(text.lstrip("\ufeff"), codec.removesuffix("-sig"))
    _check_not_binary(data)
    labels = [_codec_name(label) for label in (declared, declared_charset(data))]
    utf8 = _utf8_allowing_cut_tail(data)
    # Pure ASCII decodes the same under any declared label; record the label then.
    if utf8 is not None and not (data.isascii() and any(labels)):
        return Decoded(utf8, "utf-8")
    if utf8 is None and (mostly := _mostly_utf8(data)) is not None:
        return mostly
    for label in labels:
        found = _decode_labelled(data, label) if label is not None else None
        if found is not None:
            return found
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise _reject("binary", "no text encoding decodes these bytes")
    return Decoded(str(best), _codec_name(best.encoding) or best.encoding)


def _decode_labelled(data: bytes, codec: str) -> Decoded | None:
    """``data`` in the codec a label declares, or None when it does not decode so."""
    if codec in _READ_AS_CP1252:
        text = _try(data, "cp1252")
        if text is not None:
            return Decoded(text, "cp1252")
        codec = "iso8859-1"
    text = _try(data, codec)
    return Decoded(text, codec) if text is not None else None
