"""The progress bar has a total: the inputs are counted first (files, JSONL lines, WARC records,
feed items), and the count matches what ingest then yields."""

from __future__ import annotations

import gzip
import json
import logging
from pathlib import Path

from newsevents.ingest import count_documents, read_paths
from newsevents.options import Options
from test_ingest_formats import ATOM, PAGE, RSS, _crawl, _warc


def _mixed_folder(root: Path) -> Path:
    folder = root / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Some text of a story.", encoding="utf-8")
    (folder / "sub" / "b.html").write_text(PAGE, encoding="utf-8")
    lines = [json.dumps({"id": f"r{i}", "text": "words"}) for i in range(3)] + ["", "not json", "   "]
    (folder / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "records.jsonl.gz").write_bytes(gzip.compress(("\n".join(lines[:2]) + "\n").encode()))
    (folder / "empty.jsonl").write_text("\n\n", encoding="utf-8")
    _warc(folder / "crawl.warc.gz", _crawl(), gz=True)
    _warc(folder / "crawl.warc", _crawl()[:2], gz=False)
    (folder / "junk.warc").write_bytes(b"not an archive\n")
    (folder / "feed.rss").write_text(RSS, encoding="utf-8")
    (folder / "feed.atom").write_text(ATOM, encoding="utf-8")
    (folder / "broken.rss").write_text("<rss><channel><item>", encoding="utf-8")
    (folder / "report.pdf").write_bytes(b"%PDF-1.4")
    (folder / ".hidden.txt").write_text("skipped", encoding="utf-8")
    return folder


def test_count_matches_what_ingest_yields(tmp_path: Path, opts: Options) -> None:
    folder = _mixed_folder(tmp_path)
    expected = len(list(read_paths([folder], opts)))
    assert expected > 15
    assert count_documents([folder], opts) == expected
    direct = [folder / "records.jsonl", folder / "crawl.warc.gz", folder / "a.txt"]
    assert count_documents(direct, opts) == len(list(read_paths(direct, opts)))
    assert count_documents([tmp_path / "missing.txt"], opts) == len(list(read_paths([tmp_path / "missing.txt"], opts)))


def test_internal_error_traceback_reaches_standard_error(monkeypatch, tmp_path: Path) -> None:
    from click.testing import CliRunner

    import newsevents.extract
    from newsevents.cli import cli
    from test_cli_process import ARTICLE_A

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("extraction bug")

    monkeypatch.setattr(newsevents.extract, "extract_parts", broken)
    (tmp_path / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    logging.getLogger("newsevents").propagate = False  # what a user sees, without pytest's capture
    try:
        result = CliRunner().invoke(cli, ["process", str(tmp_path / "a.txt"), "--db", str(tmp_path / "e.db"),
                                          "--quiet"])
    finally:
        logging.getLogger("newsevents").propagate = True
    assert result.exit_code == 1
    assert "extract/internal_error: RuntimeError: extraction bug (traceback in the log)" in result.stdout
    assert "Traceback (most recent call last)" in result.stderr and "RuntimeError: extraction bug" in result.stderr
