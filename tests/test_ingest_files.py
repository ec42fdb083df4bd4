"""Files and folders: every plain kind, every file-level reject reason, a mixed batch folder,
deterministic order and ids, lazy streaming."""

from __future__ import annotations

import gzip
import io
import itertools
import os
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from newsevents.ingest import files as ingest_files
from newsevents.ingest import read_paths
from newsevents.options import Options
from newsevents.records import RawDocument, Rejected

# Written for these tests.
EN = (
    "Flood waters receded on Tuesday in the river valley, and the regional governor said "
    "emergency crews had reopened two bridges and the main road to the coast."
)
RU = (
    "В среду в порту начали разгружать суда с гуманитарной помощью, сообщил представитель "
    "городской администрации, добавив, что работа продлится до конца недели."
)
FR = (
    "Les syndicats ont appelé à une grève générale mardi prochain, après l'échec des négociations "
    "sur les salaires avec la direction de la compagnie ferroviaire."
)
DE = (
    "Die Regierung kündigte am Montag neue Hilfen für die vom Hochwasser betroffenen Gemeinden an; "
    "die ersten Zahlungen sollen noch vor Monatsende fließen."
)
PAGE = f"<!DOCTYPE html><html><head><title>Flood</title></head><body><article><p>{EN}</p></article></body></html>"



def _png() -> bytes:
    ihdr = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("index.html", PAGE)
    return buf.getvalue()


def _one(path: Path, opts: Options) -> RawDocument | Rejected:
    items = list(read_paths([path], opts))
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize(
    ("name", "data", "content_type", "text", "doc_id"),
    [
        ("story.txt", EN.encode(), "text", EN, "story"),
        ("page.html", PAGE.encode(), "html", PAGE, "page"),
        ("page.htm", PAGE.encode(), "html", PAGE, "page"),
        ("PAGE.HTML", PAGE.encode(), "html", PAGE, "PAGE"),
        ("page.html.gz", gzip.compress(PAGE.encode()), "html", PAGE, "page"),
        ("page.htm.gz", gzip.compress(PAGE.encode()), "html", PAGE, "page"),
        ("story.txt.gz", gzip.compress(EN.encode()), "text", EN, "story"),
        ("dotted.name.v2.txt", EN.encode(), "text", EN, "dotted.name.v2"),
        # A .txt file is text even when it holds markup: the user named it so.
        ("markup.txt", PAGE.encode(), "text", PAGE, "markup"),
    ],
)
def test_reads_each_plain_kind(tmp_path: Path, opts: Options, name: str, data: bytes, content_type: str,
                               text: str, doc_id: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    doc = _one(path, opts)
    assert isinstance(doc, RawDocument)
    assert (doc.id, doc.content_type, doc.text, doc.encoding) == (doc_id, content_type, text, "utf-8")
    assert doc.source_uri == str(path)
    assert doc.size_bytes == len(text.encode())


def _truncated_gzip() -> bytes:
    whole = gzip.compress((PAGE * 50).encode())
    return whole[: len(whole) // 2]


@pytest.mark.parametrize(
    ("name", "data", "max_bytes", "reason", "in_message"),
    [
        ("empty.html", b"", None, "empty", "0 bytes"),
        ("blank.txt", b"\n   \n\t\n", None, "empty", "whitespace"),
        ("image.html", _png(), None, "binary", "NUL"),
        ("archive.html", _zip(), None, "binary", "NUL"),
        ("nul.txt", EN.encode() + b"\x00" + EN.encode(), None, "binary", f"offset {len(EN)}"),
        ("big.txt", EN.encode() * 10, 1000, "too_large", f"{len(EN) * 10} bytes, over the limit of 1000"),
        # A gzip bomb: small on disk, over the limit once decompressed.
        ("bomb.txt.gz", gzip.compress(b"a" * 50_000), 10_000, "too_large", "decompressed"),
        ("cut.html.gz", _truncated_gzip(), None, "truncated", "ends early"),
        ("notgzip.html.gz", PAGE.encode(), None, "bad_gzip", "gzip"),
        ("empty.html.gz", gzip.compress(b""), None, "empty", "0 bytes"),
        ("report.pdf", b"%PDF-1.4\n", None, "unsupported_type", "report.pdf"),
        ("noextension", EN.encode(), None, "unsupported_type", "noextension"),
    ],
)
def test_file_rejects(tmp_path: Path, opts: Options, name: str, data: bytes, max_bytes: int | None,
                      reason: str, in_message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    run_opts = opts.replace(max_bytes=max_bytes) if max_bytes else opts
    item = _one(path, run_opts)
    assert isinstance(item, Rejected)
    assert (item.stage, item.reason, item.source_uri) == ("ingest", reason, str(path))
    assert in_message in item.message


def test_missing_file_is_unreadable(tmp_path: Path, opts: Options) -> None:
    item = _one(tmp_path / "gone.html", opts)
    assert isinstance(item, Rejected)
    assert (item.reason, item.doc_id) == ("unreadable", "gone")
    assert "FileNotFoundError" in item.message


def test_default_limit_is_five_million_and_checked_before_reading(
    tmp_path: Path, opts: Options, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert opts.max_bytes == 5_000_000
    over = tmp_path / "over.html"
    with open(over, "wb") as fh:
        fh.write(b"<p>" + b"x" * (opts.max_bytes - 2))  # one byte over the limit
    at_limit = tmp_path / "at_limit.html"
    with open(at_limit, "wb") as fh:
        fh.write(b"<p>" + b"x" * (opts.max_bytes - 3))

    def refuse(self: Path) -> bytes:
        raise AssertionError(f"{self} was read although its size is over the limit")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    item = _one(over, opts)
    assert isinstance(item, Rejected) and item.reason == "too_large"
    assert item.message.startswith("5000001 bytes, over the limit of 5000000 bytes")
    monkeypatch.undo()
    doc = _one(at_limit, opts)
    assert isinstance(doc, RawDocument) and doc.size_bytes == opts.max_bytes


def _mixed_folder(root: Path, max_bytes: int) -> dict[str, str | None]:
    """Builds the batch folder; returns id -> expected reject reason (None: a document)."""
    (root / "world").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[core]\n")
    (root / ".DS_Store").write_bytes(b"\x00\x01")
    (root / "a-empty.txt").write_bytes(b"")
    (root / "b-binary.html").write_bytes(_png())
    (root / "c-russian.txt").write_bytes(RU.encode("cp1251"))
    (root / "d-french.txt").write_bytes(FR.encode("latin-1"))
    (root / "e-huge.html").write_bytes(b"<p>" + b"y" * (max_bytes - 2))
    (root / "f-truncated.html").write_bytes(PAGE.encode()[: len(PAGE) // 2])
    (root / "g-notes.csv").write_text("a,b\n")
    (root / "world" / "german.html.gz").write_bytes(gzip.compress(f"<html><body><p>{DE}</p></body></html>".encode()))
    (root / "world" / "english.txt").write_text(EN, encoding="utf-8")
    return {
        "a-empty": "empty",
        "b-binary": "binary",
        "c-russian": None,
        "d-french": None,
        "e-huge": "too_large",
        "f-truncated": None,
        "g-notes.csv": "unsupported_type",
        "world/english": None,
        "world/german": None,
    }


def test_mixed_batch_folder(tmp_path: Path, opts: Options) -> None:
    expected = _mixed_folder(tmp_path / "batch", opts.max_bytes)
    first = list(read_paths([tmp_path / "batch"], opts))
    got = {item.id if isinstance(item, RawDocument) else item.doc_id: item for item in first}
    assert list(got) == sorted(expected)  # sorted, depth first, dotfiles skipped
    for doc_id, reason in expected.items():
        item = got[doc_id]
        if reason is None:
            assert isinstance(item, RawDocument), item
        else:
            assert isinstance(item, Rejected) and item.reason == reason, item
    assert got["c-russian"].text == RU
    assert got["d-french"].text == FR
    assert got["world/german"].text.count("Hochwasser") == 1  # ingested as is; language is extract's call
    truncated = got["f-truncated"]
    assert truncated.content_type == "html" and truncated.text == PAGE[: len(PAGE) // 2]
    second = list(read_paths([tmp_path / "batch"], opts))
    assert second == first


def test_paths_keep_the_given_order(tmp_path: Path, opts: Options) -> None:
    for name in ("b.txt", "a.txt", "c.txt"):
        (tmp_path / name).write_text(f"{name}: {EN}")
    order = [tmp_path / "c.txt", tmp_path / "a.txt", str(tmp_path / "b.txt")]
    assert [d.id for d in read_paths(order, opts)] == ["c", "a", "b"]


def test_folder_ids_are_relative_to_the_given_folder(tmp_path: Path, opts: Options) -> None:
    (tmp_path / "2024" / "11").mkdir(parents=True)
    (tmp_path / "2024" / "11" / "story.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (tmp_path / "2024" / "story.html").write_text(PAGE)
    ids = [d.id for d in read_paths([tmp_path], opts)]
    assert ids == ["2024/11/story", "2024/story"]
    ids_below = [d.id for d in read_paths([tmp_path / "2024"], opts)]
    assert ids_below == ["11/story", "story"]


def test_symlink_loop_is_walked_once(tmp_path: Path, opts: Options) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "one.txt").write_text(EN)
    os.symlink(tmp_path / "news", tmp_path / "news" / "again")
    items = list(read_paths([tmp_path / "news"], opts))
    assert [i.id for i in items] == ["one"]


def test_ten_thousand_files_stream(tmp_path: Path, opts: Options, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(10_000):
        (folder / f"{n:05d}.txt").write_text(f"Report number {n}. {EN}")
    reads: list[str] = []
    real = ingest_files.document_from_bytes

    def counting(data: bytes, **kwargs: object) -> RawDocument:
        reads.append(str(kwargs["doc_id"]))
        return real(data, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ingest_files, "document_from_bytes", counting)
    stream = read_paths([folder], opts)
    first = list(itertools.islice(stream, 3))
    assert [d.id for d in first] == ["00000", "00001", "00002"]
    assert reads == ["00000", "00001", "00002"]  # nothing read ahead
    rest = sum(1 for _ in stream)
    assert rest == 9_997
