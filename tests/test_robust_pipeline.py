"""Any exception in any stage, for one document, becomes a Rejected(stage, "internal_error") row:
the traceback goes to the log, the other documents are processed and stored, the exit code is 1.
Each test injects a failing stage with monkeypatch."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsevents.analyse
import newsevents.coder
import newsevents.extract
import newsevents.ingest.files
import newsevents.pipeline
import newsevents.resolve
from newsevents.cli import cli
from newsevents.ingest import document_from_text
from newsevents.pipeline import process_documents
from newsevents.store import open_store
from test_cli_process import ARTICLE_A, ARTICLE_B
from test_store_data import store_url, strike_result, talks_result  # noqa: F401  (store_url is a fixture)

ARTICLE_C = """Farmers block roads in protest over grain imports

Hundreds of farmers drove tractors onto the main highways around Warsaw on Thursday, blocking
traffic for several hours in protest against cheap grain imports, police said.

The farmers said the imports had cut their prices by a third this year and called on the
government to close the border to grain trucks until the harvest is sold.
"""
POISON = "Rutshuru"  # a word only ARTICLE_B holds: the injected failure hits that document only


def _docs():
    return [document_from_text(t, id=name) for name, t in (("a", ARTICLE_A), ("b", ARTICLE_B), ("c", ARTICLE_C))]


def _failing(real, marker_of):
    def stage(*args, **kwargs):
        if POISON in marker_of(*args):
            raise RuntimeError("injected failure")
        return real(*args, **kwargs)
    return stage


@pytest.mark.parametrize(("stage", "module", "name", "marker_of"), [
    ("extract", newsevents.extract, "extract_parts", lambda raw, *_: raw.text),
    ("resolve", newsevents.resolve, "resolve", lambda doc, article, *_: article.body),
    ("code", newsevents.coder, "code", lambda doc, article, *_: article.body),
])
def test_a_stage_failing_on_one_document_rejects_only_it(monkeypatch, caplog, opts, stage, module, name,
                                                         marker_of):
    failing = _failing(getattr(module, name), marker_of)
    monkeypatch.setattr(module, name, failing)
    monkeypatch.setattr(newsevents.pipeline, name, failing, raising=False)
    with caplog.at_level(logging.ERROR, logger="newsevents"):
        results = list(process_documents(_docs(), opts))
    assert [r.article.doc_id if r.article else None for r in results] == ["a", None, "c"]
    bad = results[1].rejected
    assert (bad.doc_id, bad.stage, bad.reason) == ("b", stage, "internal_error")
    assert bad.message.startswith("RuntimeError: injected failure")
    assert all(r.events for r in (results[0], results[2]))
    assert "Traceback" in caplog.text and "injected failure" in caplog.text


def test_a_parse_failure_is_isolated_to_its_document(monkeypatch, caplog, opts):
    real = newsevents.analyse.parse

    def parse(texts, model, batch_size=32):
        texts = list(texts)
        if any(POISON in t for t in texts):
            raise ValueError("the parser choked")
        return real(texts, model, batch_size)

    monkeypatch.setattr(newsevents.analyse, "parse", parse)
    monkeypatch.setattr(newsevents.pipeline, "parse", parse, raising=False)
    with caplog.at_level(logging.ERROR, logger="newsevents"):
        results = list(process_documents(_docs(), opts))
    assert [r.rejected.reason if r.rejected else "ok" for r in results] == ["ok", "internal_error", "ok"]
    assert results[1].rejected.stage == "analyse"
    assert "the parser choked" in caplog.text


def test_a_reader_failing_on_one_file_rejects_only_it(monkeypatch, tmp_path, opts):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in (("a", ARTICLE_A), ("b", ARTICLE_B), ("c", ARTICLE_C)):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    monkeypatch.setattr(newsevents.ingest.files, "document_from_bytes",
                        _failing(newsevents.ingest.files.document_from_bytes, lambda data, **_: data.decode()))
    items = list(newsevents.ingest.files.read_paths([folder], opts))
    assert [(getattr(i, "id", None) or i.doc_id, type(i).__name__) for i in items] == [
        ("a", "RawDocument"), ("b", "Rejected"), ("c", "RawDocument")]
    assert (items[1].stage, items[1].reason) == ("ingest", "internal_error")


def test_process_command_stores_the_others_and_exits_1(monkeypatch, tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in (("a", ARTICLE_A), ("b", ARTICLE_B), ("c", ARTICLE_C)):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    failing = _failing(newsevents.resolve.resolve, lambda doc, article, *_: article.body)
    monkeypatch.setattr(newsevents.resolve, "resolve", failing)
    monkeypatch.setattr(newsevents.pipeline, "resolve", failing, raising=False)
    db = str(tmp_path / "ev.db")
    result = CliRunner().invoke(cli, ["process", str(folder), "--db", db, "--quiet"])
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[0].startswith("3 documents: 2 articles (2 new, 0 already stored), 1 rejected")
    assert "resolve/internal_error" in result.output
    with open_store(db, create=False) as store:
        assert sorted(a.doc_id for a in map(store.get_article, _article_ids(store))) == ["a", "c"]
        [row] = store.rejected()
        assert (row.doc_id, row.stage, row.reason) == ("b", "resolve", "internal_error")


def _article_ids(store):
    return [r[0] for r in store.db.fetchall("SELECT id FROM articles")]


def test_a_store_failure_on_one_article_rejects_only_it(monkeypatch, store_url: str, caplog):
    import newsevents.store.core

    real = newsevents.store.core.link_event

    def link_event(db, event, duplicate_of):
        # the talks article's second event: its first event is already written by then
        if event.type == "AGREE":
            raise KeyError("injected store failure")
        return real(db, event, duplicate_of)

    monkeypatch.setattr(newsevents.store.core, "link_event", link_event)
    with open_store(store_url) as store, caplog.at_level(logging.ERROR, logger="newsevents"):
        outcome = store.write_batch([talks_result(), strike_result()], "r1")
        assert (outcome.new_articles, outcome.rejected, outcome.new_events) == (1, 1, 3)
        assert [(r.doc_id, r.stage, r.reason) for r in outcome.rejections] == [("talks-1", "store", "internal_error")]
        assert store.counts()["articles"] == 1
        assert store.get_article(strike_result().article.id) is not None
        [row] = store.rejected()
        assert row.message.startswith("KeyError: 'injected store failure'")
        # nothing of the failed article is left half-written
        assert store.db.fetchone("SELECT COUNT(*) FROM article_docs WHERE doc_id = 'talks-1'") == (0,)
        assert store.counts()["events"] == 3 and store.counts()["dropped_parts"] == 0
    assert "injected store failure" in caplog.text
