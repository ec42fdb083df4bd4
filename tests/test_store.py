"""The store on every backend: writing, idempotency, queries, stats, runs, migrations."""

from __future__ import annotations

import dataclasses
import itertools
import sqlite3
from pathlib import Path

import pytest

from newsevents.errors import InputError, StoreError
from newsevents.options import load_options
from newsevents.records import Rejected, Result
from newsevents.store import SCHEMA_VERSION, EventFilter, open_store
from newsevents.store.backend import SqliteBackend
from newsevents.store.schema import migrate
from test_store_data import (  # noqa: F401  (store_url is a fixture)
    STRIKE_STORY,
    make_article,
    store_url,
    strike_result,
    talks_result,
)


def _ids(store, **kw):
    return [(e.event_id, e.cluster_id) for e in store.query_events(EventFilter(include_duplicates=True, **kw))]


def test_write_and_read_back(store_url: str) -> None:
    strike, talks = strike_result(), talks_result()
    with open_store(store_url) as store:
        assert store.schema_version() == SCHEMA_VERSION
        run = store.start_run(load_options(), ["a.txt", "b.txt"])
        out = store.write_batch([strike, talks], run)
        assert (out.new_articles, out.duplicate_articles, out.new_events, out.rejected) == (2, 0, 5, 0)
        assert strike.article is not None
        assert store.get_article(strike.article.id) == strike.article
        assert store.get_article(strike.article.id[:6]) == strike.article
        assert store.get_article("0" * 16) is None
        assert store.get_article("not-hex") is None
        got = store.article_events(strike.article.id)
        assert [dataclasses.replace(e, cluster_id=None) for e in got] == list(strike.events)
        assert all(e.cluster_id for e in got)
        assert store.dropped(talks.article.id) == [("boilerplate:newsletter", "", "Subscribe to our newsletter")]
        counts = store.counts()
        assert counts["articles"] == 2 and counts["events"] == 5
        # actors: strike 2+1(+source)+2(+source) = 7, talks 1
        assert counts["event_actors"] == 8
        assert counts["event_quantities"] == 1


def test_rerun_adds_nothing_and_keeps_ids(store_url: str) -> None:
    batch = [strike_result(), talks_result()]
    with open_store(store_url) as store:
        store.write_batch(batch, store.start_run(load_options(), ["x"]))
        before, counts = _ids(store), store.counts()
        again = store.write_batch(batch, store.start_run(load_options(), ["x"]))
        assert (again.new_articles, again.duplicate_articles, again.new_events) == (0, 2, 0)
        after = store.counts()
        assert _ids(store) == before
        assert {k: v for k, v in after.items() if k != "runs"} == {k: v for k, v in counts.items() if k != "runs"}
    with open_store(store_url) as store:  # reopening migrates nothing and keeps everything
        assert _ids(store) == before


def test_exact_copy_from_another_input_is_remembered_not_stored_twice(store_url: str) -> None:
    first = strike_result(doc_id="site-a")
    second = strike_result(doc_id="site-b")  # same body, so same article id
    with open_store(store_url) as store:
        out = store.write_batch([first, second], "r1")
        assert (out.new_articles, out.duplicate_articles, out.new_events) == (1, 1, 3)
        assert first.article is not None
        links = store.article_links(first.article.id)
        assert links["inputs"] == ["file:site-a.txt#site-a", "file:site-b.txt#site-b"]


def test_rejections_are_rows_and_bad_text_is_rejected(store_url: str) -> None:
    nul = make_article("A bridge was damaged\x00 by shelling near the river crossing today.", "nul")
    wrong = strike_result(doc_id="wrong")
    other = talks_result()
    assert other.article is not None
    stray = Result(article=wrong.article, events=other.events)
    batch = [
        Result(rejected=Rejected("d1", "file:d1.html", "extract", "too_short", "12 words")),
        Result(article=nul),
        stray,
    ]
    with open_store(store_url) as store:
        out = store.write_batch(batch, "r1")
        assert (out.rejected, out.new_articles) == (3, 0)
        store.write_batch(batch, "r2")
        got = store.rejected()
        assert sorted((r.doc_id, r.stage, r.reason) for r in got) == [
            ("d1", "extract", "too_short"), ("nul", "store", "nul_character"),
            ("wrong", "store", "event_article_mismatch")]


def test_filters(store_url: str) -> None:
    with open_store(store_url) as store:
        store.write_batch([strike_result(), talks_result()], "r1")

        def types(**kw: object) -> list[str]:
            return [e.type for e in store.query_events(EventFilter(**kw))]  # type: ignore[arg-type]

        assert types() == ["CONSULT", "ASSAULT", "COERCE", "ASSAULT", "AGREE"]
        assert types(type="assault") == ["ASSAULT", "ASSAULT"]
        assert types(acled_event_type="strategic developments") == ["COERCE", "AGREE"]
        assert types(acled_sub_event_type="Air/drone strike") == ["ASSAULT"]
        assert types(country="UKR", since="2024-11-01", until="2024-11-01") == ["ASSAULT", "COERCE", "ASSAULT"]
        assert types(actor_country="UKR") == ["COERCE"]
        assert types(recipient_country="UKR") == ["ASSAULT", "ASSAULT"]
        assert types(sector="CVL") == ["ASSAULT", "ASSAULT"]
        assert types(sector="GOV") == ["CONSULT"]
        assert types(place="kyiv") == ["ASSAULT", "COERCE", "ASSAULT"]
        assert types(admin1="Odesa") == ["CONSULT", "AGREE"]
        assert types(stance="denied") == ["ASSAULT"]
        assert types(modality="future") == ["AGREE"]
        assert types(min_confidence=0.75) == ["CONSULT", "ASSAULT"]
        # evidence or body: every event of a matching article
        assert types(search="apartment blocks") == ["ASSAULT", "COERCE", "ASSAULT"]
        assert types(search="insurance") == ["CONSULT", "AGREE"]  # only in the body
        assert types(search="Kyiv's ) \"odd") == []  # punctuation is not query syntax
        assert types(limit=2) == ["CONSULT", "ASSAULT"]


def test_stats(store_url: str) -> None:
    with open_store(store_url) as store:
        store.write_batch([strike_result(), talks_result()], "r1")
        assert store.stats("type") == [("ASSAULT", 2), ("AGREE", 1), ("COERCE", 1), ("CONSULT", 1)]
        assert store.stats("day") == [("2024-10-15", 1), ("2024-11-01", 3), ("2024-11-15", 1)]
        assert store.stats("country") == [("UKR", 5)]
        assert store.stats("type", EventFilter(country="UKR", stance="claimed")) == [("COERCE", 1)]
        with pytest.raises(InputError):
            store.stats("week")  # type: ignore[arg-type]


def test_runs_keep_configuration(store_url: str) -> None:
    opts = load_options()
    with open_store(store_url) as store:
        run = store.start_run(opts, ["in/a.warc"])
        store.finish_run(run, {"articles": 3, "rejected": {"too_short": 1}})
        (got,) = store.runs()
        assert got["run_id"] == run and got["config_hash"] == opts.config_hash
        assert got["spacy_model"] == opts.spacy_model and got["pipeline_version"]
        assert got["inputs"] == ["in/a.warc"] and got["summary"]["rejected"] == {"too_short": 1}
        assert got["options"]["min_words"] == opts.min_words and got["finished"]
        with pytest.raises(StoreError):
            store.finish_run("run-missing", {})


def test_boilerplate_memory_counts_distinct_articles(store_url: str) -> None:
    with open_store(store_url) as store:
        store.record_paragraphs("Daily Courier", ["h-donate", "h-story1"])
        store.record_paragraphs("Daily Courier", ["h-donate", "h-story1"])  # same article again
        store.record_paragraphs("Daily Courier", ["h-donate", "h-story2"])
        store.record_paragraphs("Daily Courier", ["h-donate"], article_id="art-3")
        store.record_paragraphs("Harbour Times", ["h-donate"])
        assert store.boilerplate_seen("Daily Courier", "h-donate") == 3
        assert store.boilerplate_seen("Daily Courier", "h-story1") == 1
        assert store.boilerplate_seen("Harbour Times", "h-donate") == 1
        assert store.boilerplate_seen("Nobody", "h-donate") == 0


def test_ambiguous_prefix_is_an_input_error(store_url: str) -> None:
    with open_store(store_url) as store:
        results = [strike_result(STRIKE_STORY + f"\n\nUpdate number {i} follows.", f"d{i}") for i in range(40)]
        store.write_batch(results, "r1")
        ids = sorted(r.article.id for r in results if r.article)
        shared = next(a[0] for a, b in itertools.pairwise(ids) if a[0] == b[0])
        with pytest.raises(InputError, match="ambiguous"):
            store.get_article(shared)


# ---------------------------------------------------------------- SQLite specifics and migrations


def test_sqlite_file_is_wal_and_readable_by_plain_sqlite(tmp_path: Path) -> None:
    path = tmp_path / "events.db"
    with open_store(f"sqlite:///{path}") as store:
        store.write_batch([strike_result(), talks_result()], "r1")
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    rows = conn.execute(
        "SELECT plover_type, sub_event_type, actor1, location, outlet FROM events_flat"
        " WHERE duplicate = 0 ORDER BY event_date, event_id").fetchall()
    assert ("ASSAULT", "Air/drone strike", "Russian armed forces", "Kyiv", "Daily Courier") in rows
    assert conn.execute("SELECT COUNT(*) FROM clusters").fetchone()[0] >= 3
    # FTS rows share the rowid of their row, as Datasette's search box expects (fts_table)
    found = conn.execute("SELECT type FROM events WHERE rowid IN"
                         " (SELECT rowid FROM events_fts WHERE events_fts MATCH 'kremlin')").fetchall()
    assert found == [("ASSAULT",)]
    heads = conn.execute("SELECT headline FROM articles WHERE rowid IN"
                         " (SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'grain')").fetchall()
    assert heads == [("Ministers meet on grain",)]
    conn.close()


def test_datasette_metadata_names_real_tables_and_columns(tmp_path: Path) -> None:
    import json

    meta_path = Path(__file__).resolve().parents[1] / "docs" / "datasette-metadata.json"
    meta = json.loads(meta_path.read_text("utf-8"))
    path = tmp_path / "events.db"
    open_store(str(path)).close()
    conn = sqlite3.connect(path)
    for table, conf in meta["databases"]["events"]["tables"].items():
        columns = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        assert columns, f"{table} is not in the schema"
        for column in conf.get("facets", []) + [conf[k] for k in ("sort", "sort_desc", "label_column") if k in conf]:
            assert column in columns, f"{table}.{column}"
    conn.close()


def test_missing_file_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="not found"):
        open_store(str(tmp_path / "nope.db"), create=False)
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "no-dir" / "x.db"))
    with pytest.raises(StoreError, match="scheme"):
        open_store("mysql://localhost/x")


def test_migration_from_empty_and_from_previous_version(tmp_path: Path) -> None:
    path = str(tmp_path / "old.db")
    db = SqliteBackend(path)
    assert migrate(db, target=1) == 1
    # Fill the version-1 tables as the previous release wrote them (no link columns yet).
    strike, copy = strike_result(), strike_result(
        STRIKE_STORY + "\n\nRead more stories from our partners.", "copy", publisher="Other Paper")
    from newsevents.store import rows

    with db.transaction():
        for seq, r in enumerate([strike, copy], start=1):
            a = r.article
            assert a is not None
            db.execute(
                "INSERT INTO articles (id, seq, doc_id, source_uri, headline, publisher, body,"
                " record_json, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (a.id, seq, a.doc_id, a.source_uri, a.headline, a.publisher, a.body,
                 rows.article_json(a), "2024-11-01T00:00:00"),
            )
            for e in r.events:
                db.execute(
                    "INSERT INTO events (event_id, article_id, type, date_start, ev_start, record_json,"
                    " created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (e.event_id, e.article_id, e.type, e.date.start, e.evidence.start,
                     rows.dumps(e.to_dict()), "2024-11-01T00:00:00"),
                )
    db.close()
    with open_store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert copy.article is not None and strike.article is not None
        # the migration computed the links the old rows lacked
        assert store.article_links(copy.article.id)["duplicate_of"] == strike.article.id
        assert [e.type for e in store.query_events()] == ["ASSAULT", "COERCE", "ASSAULT"]
        assert len(list(store.query_events(EventFilter(include_duplicates=True)))) == 6
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version VALUES (99, 'from the future', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(path)


def test_store_serves_as_extract_boilerplate_memory(store_url: str) -> None:
    memory_mod = pytest.importorskip("newsevents.extract.memory")
    with open_store(store_url) as store:
        memory = store.boilerplate_memory()
        assert isinstance(memory, memory_mod.BoilerplateMemory)
        donate = "Your gift keeps our reporters in the field."
        for i in range(3):
            memory.record("Daily Courier", f"art-{i}", [donate, f"Story paragraph {i}."])
        memory.record("Daily Courier", "art-0", [donate])  # the same article again
        assert memory.seen_count("Daily Courier", memory_mod.paragraph_hash(donate)) == 3
        assert memory.seen_count("Daily Courier", memory_mod.paragraph_hash("  your GIFT keeps our reporters in the field. ")) == 3
        assert memory.seen_count("Daily Courier", memory_mod.paragraph_hash("Story paragraph 1.")) == 1
