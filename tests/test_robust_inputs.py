"""Ordinary inputs that used to stop a run or be counted wrongly: each is processed or becomes one
rejected row, the other documents are stored, and the summary and exit code say so."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result
from test_cli_process import ARTICLE_A, ARTICLE_B

from newsevents.cli import cli
from newsevents.store import open_store


def _jsonl(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _process(tmp_path: Path, *inputs: Path) -> tuple[Result, str]:
    db = str(tmp_path / "ev.db")
    result = CliRunner().invoke(cli, ["process", *map(str, inputs), "--db", db, "--quiet"])
    return result, db


def _stored_doc_ids(db: str) -> list[str]:
    with open_store(db, create=False) as store:
        return sorted(r[0] for r in store.db.fetchall("SELECT doc_id FROM article_docs"))


def _rejections(db: str) -> dict[str, tuple[str, str]]:
    with open_store(db, create=False) as store:
        return {r.doc_id: (r.stage, r.reason) for r in store.rejected()}


def test_nul_character_is_counted_as_rejected(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", {"id": "good", "text": ARTICLE_A},
                    {"id": "nul", "text": ARTICLE_B.replace("Sunday", "Sun\x00day")})
    result, db = _process(tmp_path, source)
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("2 documents: 1 articles (1 new, 0 already stored), 1 rejected;")
    assert "store/nul_character" in result.output
    assert f"  {source}#2  store/nul_character: text cannot be stored (NUL byte or unpaired surrogate)" in lines
    assert _stored_doc_ids(db) == ["good"]
    assert _rejections(db) == {"nul": ("store", "nul_character")}
