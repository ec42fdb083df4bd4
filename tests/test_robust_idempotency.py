"""Re-running an input never adds an article, even after the publisher memory learned to drop
one of its paragraphs (which changes the body and so the article id), and a re-run skips the
stored inputs before extraction and parsing (by the hash of their content)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import newsevents.analyse
import newsevents.extract
from newsevents.cli import cli
from newsevents.store import SCHEMA_VERSION, open_store

TAGLINE = ("The Harbour Herald has covered the coast and its people since the old fish market "
           "opened, and it will go on doing so for as long as there are readers.")
TOWNS = ("Portwell", "Saltmere", "Gullhaven", "Dunmarsh")


def _page(town: str) -> str:
    story = [
        f"The harbour authority in {town} closed the northern pier on Tuesday after inspectors found "
        "deep cracks in two of the concrete supports that hold up the walkway.",
        f"Engineers in {town} said the damage had probably been caused by a winter of unusually strong "
        "storms, and that repairs would take at least three months to complete.",
        "Fishing crews who moor at the pier will be moved to the southern basin in the meantime, a "
        "spokesperson for the authority told reporters at a brief news conference.",
        TAGLINE,
    ]
    body = "".join(f"<p>{p}</p>" for p in story)
    return ("<html lang='en'><head><title>Pier closed | Harbour Herald</title>"
            "<meta property='og:site_name' content='Harbour Herald'></head><body>"
            f"<article><h1>Pier closed in {town}</h1>{body}</article></body></html>")


def _run(db: str, *paths: Path) -> str:
    result = CliRunner().invoke(cli, ["process", *map(str, paths), "--db", db, "--quiet"])
    assert result.exit_code == 0, result.output
    return result.output.splitlines()[0]


def _counts(db: str) -> tuple[int, int]:
    with open_store(db, create=False) as store:
        counts = store.counts()
    return counts["articles"], counts["article_docs"]


@pytest.fixture
def pages(tmp_path: Path) -> list[Path]:
    out = []
    for town in TOWNS:
        folder = tmp_path / town.lower()
        folder.mkdir()
        (folder / "pier.html").write_text(_page(town), encoding="utf-8")
        out.append(folder)
    return out


def test_rerun_after_publisher_memory_grew_adds_no_article(tmp_path: Path, pages: list[Path]) -> None:
    db = str(tmp_path / "ev.db")
    first, *others = pages
    _run(db, first)
    for folder in others:  # three more articles of the publisher print the tagline
        _run(db, folder)
    assert _counts(db) == (4, 4)
    assert _run(db, first).startswith("1 documents: 1 articles (0 new, 1 already stored), 0 rejected; 0 new events")
    assert _counts(db) == (4, 4)
    # The tagline is now the publisher's boilerplate: a new page of it drops the paragraph.
    fifth = tmp_path / "fifth"
    fifth.mkdir()
    (fifth / "pier.html").write_text(_page("Eastcliff"), encoding="utf-8")
    _run(db, fifth)
    with open_store(db, create=False) as store:
        newest = store.get_article(store.db.fetchone("SELECT id FROM articles ORDER BY seq DESC LIMIT 1")[0])
    assert TAGLINE not in newest.paragraphs
    assert [d.reason for d in newest.dropped if d.text == TAGLINE] == ["publisher_memory"]


def test_rerun_skips_stored_inputs_before_extracting_and_parsing(tmp_path: Path, pages: list[Path],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "ev.db")
    _run(db, *pages)

    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("a stored input was extracted or parsed again")

    monkeypatch.setattr(newsevents.analyse, "parse", must_not_run)
    monkeypatch.setattr(newsevents.extract, "extract_parts", must_not_run)
    assert _run(db, *pages).startswith("4 documents: 4 articles (0 new, 4 already stored), 0 rejected")
    # A copy of a stored page under another name is skipped too, and remembered as an input.
    copy = tmp_path / "copy.html"
    copy.write_text(_page(TOWNS[0]), encoding="utf-8")
    assert _run(db, copy).startswith("1 documents: 1 articles (0 new, 1 already stored)")
    assert _counts(db) == (4, 5)


def test_inputs_stored_before_the_hash_migration_get_their_hash_on_the_next_run(tmp_path: Path) -> None:
    import dataclasses

    from newsevents.store.backend import SqliteBackend
    from newsevents.store.schema import migrate
    from test_store_data import strike_result

    path = str(tmp_path / "v2.db")
    db = SqliteBackend(path)
    migrate(db, target=2)
    old = strike_result()
    a = old.article
    from newsevents.store import rows

    with db.transaction():
        db.execute("INSERT INTO articles (id, seq, doc_id, source_uri, body, record_json, created)"
                   " VALUES (?, 1, ?, ?, ?, ?, 'x')", (a.id, a.doc_id, a.source_uri, a.body, rows.article_json(a)))
        db.execute("INSERT INTO article_docs (article_id, source_uri, doc_id) VALUES (?, ?, ?)",
                   (a.id, a.source_uri, a.doc_id))
    db.close()
    with open_store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.stored_inputs(["h1"]) == {}
        again = dataclasses.replace(old, article=dataclasses.replace(a, input_hash="h1"))
        outcome = store.write_batch([again], "r2")
        assert (outcome.new_articles, outcome.duplicate_articles) == (0, 1)
        assert store.stored_inputs(["h1", "h2"]) == {"h1": a.id}
        assert store.counts()["article_docs"] == 1
