"""Parquet partitions (`process --parquet-dir`, `newsevents import`) on hand-made Results: a run
written to partitions and imported stores what the same batches written straight into a store
store; importing again adds nothing; a broken partition is a rejection and the rest goes in.

The pipeline itself runs in tests/test_scale.py (one process and a Dask cluster, imported, give
the same store as one process)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsevents.cli import cli
from newsevents.errors import InputError
from newsevents.options import Options
from newsevents.partitions import PartitionWriter, import_partitions, partition_files, read_manifest
from newsevents.records import Rejected, Result, Stored
from newsevents.runner import _write
from newsevents.store import Store, open_store
from test_store_data import strike_result, syndicated_copy, talks_result

pytest.importorskip("pyarrow")


def _batches() -> list[list[Result]]:
    """Three batches: articles with events, a rejection, a document the store refuses (a NUL
    character), an exact copy of a stored article, and an input already stored."""
    strike, talks = strike_result(), talks_result()
    assert strike.article is not None and talks.article is not None
    bad_article = dataclasses.replace(talks.article, doc_id="nul-1", source_uri="file:nul-1.txt",
                                      headline="Ministers\x00meet")
    copy = dataclasses.replace(strike.article, doc_id="strike-again", source_uri="file:strike-again.txt",
                               input_hash="hash-strike-again")
    return [
        [strike, Result(rejected=Rejected("empty-1", "file:empty.txt", "ingest", "empty", "no text"))],
        [Result(article=bad_article, events=()), talks,
         syndicated_copy("copy-1", "Paper B", "Share this story with your friends.")],
        [Result(article=copy, events=strike.events),
         Result(stored=Stored(talks.article.id, "talks-again", "file:talks-again.txt", "hash-talks"))],
    ]


def _content(store: Store) -> dict[str, object]:
    conn = store.db
    return {
        "articles": sorted(conn.fetchall("SELECT id, seq, doc_id, body, record_json, duplicate_of FROM articles")),
        "events": sorted(conn.fetchall("SELECT event_id, record_json, cluster_id, duplicate FROM events")),
        "inputs": sorted(conn.fetchall("SELECT article_id, source_uri, doc_id, content_hash FROM article_docs")),
        "dropped": sorted(conn.fetchall("SELECT article_id, reason, text FROM dropped_parts")),
        "rejected": sorted(conn.fetchall("SELECT source_uri, doc_id, stage, reason, message FROM rejected")),
        "memory": sorted(conn.fetchall("SELECT publisher, paragraph_hash, article_key FROM boilerplate_memory")),
    }


def _direct(tmp_path: Path, opts: Options) -> dict[str, object]:
    with open_store(str(tmp_path / "direct.db")) as store:
        run_id = store.start_run(opts, ["batches"])
        for batch in _batches():
            _write(store, batch, run_id, None)
        return _content(store)


@pytest.fixture
def parts(tmp_path: Path, opts: Options) -> Path:
    folder = tmp_path / "parts"
    writer = PartitionWriter(folder)
    run_id = writer.start_run(opts, ["batches"])
    outcomes = []
    for batch in _batches():
        _write(writer, batch, run_id, lambda _batch, outcome: outcomes.append(outcome))
    writer.finish_run(run_id, {"documents": 7})
    # What the writer counts is what the store will count.
    assert [(o.new_articles, o.duplicate_articles, o.new_events, o.rejected) for o in outcomes] == [
        (1, 0, 3, 1), (2, 0, 5, 1), (0, 2, 0, 0)]
    assert [r.reason for o in outcomes for r in o.rejections] == ["nul_character"]
    return folder


def test_imported_partitions_store_what_a_direct_run_stores(parts: Path, opts: Options, tmp_path: Path) -> None:
    assert sorted(p.relative_to(parts).as_posix() for p in partition_files(parts)) == sorted(
        f"{table}/part-00000{n}.parquet" for table in ("articles", "events", "rejected", "stored")
        for n in range(3))
    manifest = read_manifest(parts)
    assert manifest["summary"] == {"documents": 7} and manifest["finished"]
    with open_store(str(tmp_path / "imported.db")) as store:
        done = import_partitions(parts, store)
        assert (done.partitions, done.imported, done.broken) == (3, 3, [])
        assert (done.run.documents, done.run.new_articles, done.run.known_articles) == (7, 3, 2)
        assert dict(done.run.rejected) == {"ingest/empty": 1, "store/nul_character": 1}
        assert _content(store) == _direct(tmp_path, opts)
        assert [r["run_id"] for r in store.runs()] == [manifest["run_id"]]
        assert store.runs()[0]["summary"] == {"documents": 7}


def test_importing_twice_adds_nothing(parts: Path, tmp_path: Path) -> None:
    with open_store(str(tmp_path / "twice.db")) as store:
        import_partitions(parts, store)
        before = (_content(store), store.counts())
        again = import_partitions(parts, store)
        assert (again.run.new_articles, again.run.new_events, again.run.known_articles) == (0, 0, 5)
        assert (_content(store), store.counts()) == before


@pytest.mark.parametrize(("breaking", "reason"), [
    ("truncate", "unreadable_parquet"), ("delete", "missing_file"), ("bad_record", "bad_record"),
    ("drop_column", "bad_columns")])
def test_a_broken_partition_is_rejected_and_the_rest_imported(parts: Path, tmp_path: Path, breaking: str,
                                                             reason: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    target = parts / "articles" / "part-000001.parquet"
    if breaking == "truncate":
        target.write_bytes(target.read_bytes()[:40])
    elif breaking == "delete":
        target.unlink()
    else:
        table = pq.read_table(target)
        if breaking == "bad_record":
            table = table.set_column(table.column_names.index("record_json"), "record_json",
                                     pa.array(['{"id": "no body"}'] * table.num_rows))
        else:
            table = table.drop_columns(["position"])
        pq.write_table(table, target)
    db = str(tmp_path / "broken.db")
    result = CliRunner().invoke(cli, ["import", str(parts), "--db", db])
    assert result.exit_code == 1, result.output
    assert result.output.startswith("3 partitions of run-")
    assert f"2 imported, 1 broken\n  {target}  import/{reason}: " in result.output
    with open_store(db, read_only=True) as store:
        rejected = sorted((r.doc_id, r.source_uri, r.reason) for r in store.rejected() if r.stage == "import")
        # The input of the last partition whose article was in the broken one is rejected too.
        assert rejected == [("part-000001", str(target), reason),
                            ("talks-again", "file:talks-again.txt", "missing_article")]
        # The first and last partitions are in: the strike story and its exact copy.
        assert store.counts()["articles"] == 1
        assert sorted(d for (d,) in store.db.fetchall("SELECT doc_id FROM article_docs")) == [
            "strike-1", "strike-again"]
    again = CliRunner().invoke(cli, ["import", str(parts), "--db", db])
    assert again.exit_code == 1 and "0 new events" in again.output


def test_a_folder_without_a_run_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(cli, ["import", str(tmp_path / "empty"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "holds no run.json" in result.output
    with pytest.raises(InputError):
        read_manifest(tmp_path / "nothing-here")


def test_partitions_go_to_a_new_folder_only(parts: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="already holds a run's partitions"):
        PartitionWriter(parts)
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    usage = CliRunner().invoke(cli, ["process", str(tmp_path / "a.txt"), "--parquet-dir", str(tmp_path / "p"),
                                     "--db", str(tmp_path / "x.db")])
    assert usage.exit_code == 2 and "not both" in usage.output
    taken = CliRunner().invoke(cli, ["process", str(tmp_path / "a.txt"), "--parquet-dir", str(parts), "--quiet"])
    assert taken.exit_code == 2 and "already holds" in taken.output


def test_the_manifest_records_the_run(parts: Path, opts: Options) -> None:
    manifest = json.loads((parts / "run.json").read_text("utf-8"))
    assert manifest["options"]["batch_size"] == opts.batch_size
    assert manifest["config_hash"] == opts.config_hash and manifest["inputs"] == ["batches"]
