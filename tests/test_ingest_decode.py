"""Encoding: BOMs, declarations, UTF-8, detection; and what is not text at all."""

from __future__ import annotations

import codecs
import io
import struct
import zipfile
import zlib

import pytest

from newsevents.errors import DocumentRejected
from newsevents.ingest.decode import charset_from_content_type, declared_charset, decode_bytes

# Test sentences written for these tests.
RU = (
    "Министр иностранных дел заявил в среду, что переговоры о поставках зерна продолжатся "
    "в следующем месяце, хотя стороны пока не договорились о ценах и сроках."
)
FR = (
    "Le maire a annoncé jeudi que la fête régionale serait reportée à cause des pluies "
    "torrentielles, au grand regret des commerçants et des élèves du collège."
)
EN_LATIN1 = (
    "The café owner said the crème brûlée contest drew more visitors than last year's edition, "
    "although the façade of the hall was still covered in scaffolding."
)


def _html(body: str, meta: str = "") -> str:
    return f"<html><head>{meta}<title>t</title></head><body><p>{body}</p></body></html>"


def _png() -> bytes:
    header = b"\x89PNG\r\n\x1a\n"
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return header + chunk


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("story.txt", FR)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "declared", "text", "encoding"),
    [
        pytest.param(FR.encode("utf-8"), None, FR, "utf-8", id="utf8"),
        pytest.param(codecs.BOM_UTF8 + RU.encode("utf-8"), None, RU, "utf-8", id="utf8-bom"),
        pytest.param(codecs.BOM_UTF16_LE + RU.encode("utf-16-le"), None, RU, "utf-16", id="utf16le-bom"),
        pytest.param(codecs.BOM_UTF16_BE + FR.encode("utf-16-be"), None, FR, "utf-16", id="utf16be-bom"),
        pytest.param(codecs.BOM_UTF32_LE + RU.encode("utf-32-le"), None, RU, "utf-32", id="utf32le-bom"),
        pytest.param(RU.encode("cp1251"), "windows-1251", RU, "cp1251", id="cp1251-header"),
        pytest.param(RU.encode("koi8-r"), "koi8-r", RU, "koi8-r", id="koi8r-header"),
        pytest.param(
            _html(RU, '<meta charset="windows-1251">').encode("cp1251"), None, _html(RU, '<meta charset="windows-1251">'),
            "cp1251", id="cp1251-meta",
        ),
        pytest.param(
            _html(RU, '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">').encode("koi8-r"), None,
            _html(RU, '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'), "koi8-r",
            id="koi8r-http-equiv",
        ),
        pytest.param(
            f'<?xml version="1.0" encoding="windows-1251"?><rss><t>{RU}</t></rss>'.encode("cp1251"), None,
            f'<?xml version="1.0" encoding="windows-1251"?><rss><t>{RU}</t></rss>', "cp1251", id="xml-declaration",
        ),
        # Browsers read a Latin-1 label as windows-1252, where 0x93/0x94 are curly quotes.
        pytest.param(
            _html("\u201cNo comment,\u201d she said.", '<meta charset="iso-8859-1">').encode("cp1252"), None,
            _html("\u201cNo comment,\u201d she said.", '<meta charset="iso-8859-1">'), "cp1252", id="latin1-label-cp1252",
        ),
        # A page re-saved as UTF-8 that still declares Latin-1: UTF-8 validity wins.
        pytest.param(
            _html(FR, '<meta charset="iso-8859-1">').encode("utf-8"), None, _html(FR, '<meta charset="iso-8859-1">'),
            "utf-8", id="utf8-mislabelled-latin1",
        ),
        # Declared UTF-8 that is not UTF-8: the label is set aside, detection finds cp1251.
        pytest.param(
            _html(RU, '<meta charset="utf-8">').encode("cp1251"), None, _html(RU, '<meta charset="utf-8">'), "cp1251",
            id="wrong-utf8-label",
        ),
        # An outside declaration (HTTP header) goes before the page's own meta tag.
        pytest.param(
            _html(RU, '<meta charset="koi8-r">').encode("cp1251"), "windows-1251", _html(RU, '<meta charset="koi8-r">'),
            "cp1251", id="header-beats-meta",
        ),
        # ASCII bytes decode the same under any label; the label is what gets recorded.
        pytest.param(b"Plain words only.", "iso-8859-1", "Plain words only.", "cp1252", id="ascii-labelled"),
        pytest.param(b"Plain words only.", None, "Plain words only.", "utf-8", id="ascii"),
        # A download cut in the middle of a two-byte character keeps everything before it.
        pytest.param(RU.encode("utf-8")[:-1], None, RU[:-1], "utf-8", id="utf8-cut-tail"),
        # A utf-16 label on ASCII-readable bytes is a copy-paste error: read as UTF-8.
        pytest.param(
            _html(FR, '<meta charset="utf-16">').encode("utf-8"), None, _html(FR, '<meta charset="utf-16">'), "utf-8",
            id="utf16-label-without-bom",
        ),
        pytest.param(_html(FR, '<meta charset="no-such-codec">').encode("utf-8"), None,
                     _html(FR, '<meta charset="no-such-codec">'), "utf-8", id="unknown-label"),
    ],
)
def test_decodes(data: bytes, declared: str | None, text: str, encoding: str) -> None:
    decoded = decode_bytes(data, declared)
    assert decoded.text == text
    assert decoded.encoding == encoding


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        pytest.param(RU, "cp1251", id="russian-cp1251"),
        pytest.param(FR, "latin-1", id="french-latin1"),
        pytest.param(EN_LATIN1, "latin-1", id="english-latin1"),
        pytest.param(" ".join([RU] * 3), "cp1251", id="russian-cp1251-longer"),
    ],
)
def test_detects_undeclared_legacy_encodings(text: str, codec: str) -> None:
    decoded = decode_bytes(text.encode(codec))
    assert decoded.text == text
    assert decoded.encoding not in ("utf-8", None)


@pytest.mark.parametrize(
    ("data", "reason", "in_message"),
    [
        pytest.param(b"", "empty", "0 bytes", id="zero-bytes"),
        pytest.param(b"  \n\t\r\n  ", "empty", "whitespace", id="whitespace"),
        pytest.param(codecs.BOM_UTF8 + b"  \n", "empty", "whitespace", id="bom-and-whitespace"),
        pytest.param(_png(), "binary", "NUL", id="png"),
        pytest.param(_zip(), "binary", "NUL", id="zip"),
        pytest.param(bytes(range(1, 32)) * 40, "binary", "control characters", id="control-soup"),
        pytest.param(codecs.BOM_UTF16_LE + b"\x00\xd8", "binary", "utf-16", id="bad-utf16"),
    ],
)
def test_rejects(data: bytes, reason: str, in_message: str) -> None:
    with pytest.raises(DocumentRejected) as info:
        decode_bytes(data)
    assert info.value.stage == "ingest"
    assert info.value.reason == reason
    assert in_message in info.value.message


@pytest.mark.parametrize(
    ("value", "charset"),
    [
        ("text/html; charset=UTF-8", "UTF-8"),
        ('text/html; charset="windows-1251"', "windows-1251"),
        ("text/html", None),
        (None, None),
        ("", None),
    ],
)
def test_charset_from_content_type(value: str | None, charset: str | None) -> None:
    assert charset_from_content_type(value) == charset


@pytest.mark.parametrize(
    ("head", "charset"),
    [
        (b'<?xml version="1.0" encoding="ISO-8859-5"?><a/>', "ISO-8859-5"),
        (b"<html><head><meta charset=utf-8>", "utf-8"),
        (b"<html><head><META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=Shift_JIS'>", "Shift_JIS"),
        (b"<html><head><title>none</title>", None),
    ],
)
def test_declared_charset(head: bytes, charset: str | None) -> None:
    assert declared_charset(head) == charset
