"""Workers give the same store as one process: a process pool (`--workers 2`), a local Dask cluster
of two workers on loopback, and either of them with a worker killed in the middle of the run. So do
Parquet partitions (`process --parquet-dir`, in one process or on the Dask cluster) once imported.

The inputs hold a publisher's prose paragraph repeated in every article, so publisher memory
(which grows with every stored batch) drops it from the later ones: the order-dependent part of
the pipeline is exercised. Small batches make several chunks out of a few documents. No test
looks at wall-clock time."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsevents.cli import cli
from newsevents.ingest import read_paths
from newsevents.options import Options
from newsevents.parallel import process_in_workers
from newsevents.partitions import PartitionWriter, import_partitions
from newsevents.pipeline import process_documents
from newsevents.runner import process_into_store, run
from newsevents.store import open_store
from newsevents.workers import ProcessPool

PROJECT = Path(__file__).resolve().parents[1]
EXAMPLE = PROJECT / "examples" / "articles" / "daily-meridian-2025-02-10-kherson-shelling.txt"
HOUSE = ("Our reporters work across the whole region to bring readers the stories that matter most, "
         "and we thank every reader who supports independent journalism.")
LAST = "Kherson has been shelled almost daily"  # the house paragraph goes before the last one
NUMBERS = ["three", "four", "five", "six", "seven", "eight", "nine"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    text = EXAMPLE.read_text(encoding="utf-8")
    for i, n in enumerate(NUMBERS):
        own = f"Officials said {n} buses and a market hall were damaged in the attack on the city."
        variant = text.replace("kills three", f"kills {n}").replace(LAST, f"{own}\n\n{HOUSE}\n\n{LAST}")
        (folder / f"meridian-{i}.txt").write_text(variant, encoding="utf-8")
    for path in sorted((PROJECT / "examples" / "articles").glob("*.txt"))[:3]:
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def small(opts: Options) -> Options:
    return opts.replace(batch_size=2)


def _run(corpus: Path, db: Path, opts: Options, workers=None) -> None:
    with open_store(str(db)) as store:
        run_id = store.start_run(opts, [str(corpus)])
        process_into_store(read_paths([corpus], opts), opts, store, run_id, workers=workers)
        store.finish_run(run_id, {})


def _content(db: Path) -> dict[str, object]:
    """What a run stored, without run ids and times."""
    with open_store(str(db), read_only=True) as store:
        conn = store.db
        return {
            "articles": sorted(conn.fetchall("SELECT id, seq, body FROM articles")),
            "events": sorted(r[0] for r in conn.fetchall("SELECT event_id FROM events")),
            "inputs": sorted(conn.fetchall("SELECT article_id, source_uri, content_hash FROM article_docs")),
            "dropped": sorted(conn.fetchall("SELECT article_id, reason, text FROM dropped_parts")),
            "rejected": sorted(conn.fetchall("SELECT source_uri, stage, reason FROM rejected")),
            "memory": sorted(conn.fetchall("SELECT publisher, paragraph_hash, article_key FROM boilerplate_memory")),
        }


@pytest.fixture(scope="module")
def one_process(corpus: Path, small: Options, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    db = tmp_path_factory.mktemp("one") / "one.db"
    _run(corpus, db, small)
    content = _content(db)
    assert content["events"], "the corpus must give events"
    # The order-dependent part ran: the house paragraph was dropped by publisher memory.
    assert any(reason == "publisher_memory" for _, reason, _ in content["dropped"])
    return content


def test_a_process_pool_of_two_stores_what_one_process_stores(corpus, small, one_process, tmp_path):
    pool = ProcessPool(2)
    try:
        _run(corpus, tmp_path / "pool.db", small, pool)
    finally:
        pool.close()
    assert _content(tmp_path / "pool.db") == one_process


def test_workers_option_gives_the_same_events_as_one_process(corpus, tmp_path):
    config = tmp_path / "small.toml"
    config.write_text("batch_size = 2\n", encoding="utf-8")
    for name, extra in (("one", []), ("two", ["--workers", "2"])):
        result = CliRunner().invoke(cli, ["process", str(corpus), "--db", str(tmp_path / f"{name}.db"),
                                          "--quiet", "--config", str(config), *extra])
        assert result.exit_code == 0, result.output
    assert _content(tmp_path / "two.db") == _content(tmp_path / "one.db")


def test_a_pool_worker_killed_mid_run_loses_no_document(corpus, small, opts, tmp_path):
    """The first chunk comes back, one worker is killed, the run goes on: the pool starts new
    processes and runs the dead one's tasks again."""
    pool = ProcessPool(2)
    try:
        results = process_in_workers(read_paths([corpus], small), small, None, None, pool)
        first = [next(results) for _ in range(small.batch_size)]
        os.kill(pool.pids()[0], signal.SIGKILL)
        rest = list(results)
    finally:
        pool.close()
    reference = list(process_documents(read_paths([corpus], small), small))
    assert [_key(r) for r in first + rest] == [_key(r) for r in reference]
    assert not any(r.rejected for r in first + rest)


def _key(result) -> tuple:
    if result.article is None:
        return ("rejected", result.rejected.doc_id, result.rejected.reason)
    return (result.article.id, tuple(e.event_id for e in result.events))


@pytest.fixture(scope="module")
def dask_workers():
    pytest.importorskip("dask.distributed")
    from newsevents.workers import DaskWorkers

    workers = DaskWorkers(local_workers=2)  # a LocalCluster on loopback, one process per worker
    yield workers
    workers.close()


def test_a_local_dask_cluster_of_two_stores_what_one_process_stores(corpus, small, one_process, dask_workers,
                                                                    tmp_path):
    assert dask_workers.count == 2
    _run(corpus, tmp_path / "dask.db", small, dask_workers)
    assert _content(tmp_path / "dask.db") == one_process


def test_a_dask_worker_killed_mid_run_loses_no_document(corpus, small, one_process, dask_workers, tmp_path):
    client = dask_workers.client
    with open_store(str(tmp_path / "killed.db")) as store:
        run_id = store.start_run(small, [str(corpus)])
        batches = []

        def on_batch(batch, outcome) -> None:
            batches.append(len(batch))
            if len(batches) == 1:  # after the first stored batch: kill a worker holding tasks
                pid = next(iter(client.run(os.getpid).values()))
                os.kill(pid, signal.SIGKILL)

        process_into_store(read_paths([corpus], small), small, store, run_id, workers=dask_workers,
                           on_batch=on_batch)
    assert len(batches) > 2
    assert _content(tmp_path / "killed.db") == one_process


def test_a_run_stopped_between_batches_continues_without_duplicates(corpus, small, one_process, tmp_path):
    """The client dies after two batches; the next start with the same arguments stores the
    rest, and the store holds what one uninterrupted run holds."""
    db = tmp_path / "resumed.db"

    class Stop(Exception):
        pass

    def stop_after_two(batch, outcome, seen=[]) -> None:  # noqa: B006 - counts across calls on purpose
        seen.append(1)
        if len(seen) == 2:
            raise Stop

    with open_store(str(db)) as store, pytest.raises(Stop):
        run_id = store.start_run(small, [str(corpus)])
        process_into_store(read_paths([corpus], small), small, store, run_id, on_batch=stop_after_two)
    _run(corpus, db, small)
    assert _content(db) == one_process


def test_parquet_partitions_imported_store_what_one_process_stores(corpus, one_process, tmp_path):
    """`process --parquet-dir` then `import`: the same store as a direct run, batch for batch
    (publisher memory included); a second import adds nothing."""
    config = tmp_path / "small.toml"
    config.write_text("batch_size = 2\n", encoding="utf-8")
    parts, db = tmp_path / "parts", str(tmp_path / "imported.db")
    written = CliRunner().invoke(cli, ["process", str(corpus), "--parquet-dir", str(parts), "--quiet",
                                       "--config", str(config)])
    assert written.exit_code == 0, written.output
    assert written.output.splitlines()[0].endswith(f"new events in partitions in {parts}")
    assert not (tmp_path / "events.db").exists()
    first = CliRunner().invoke(cli, ["import", str(parts), "--db", db])
    assert first.exit_code == 0, first.output
    # The same counts as the run's own summary line.
    assert first.output.splitlines()[1].split(" in ")[0] == written.output.splitlines()[0].split(" in ")[0]
    assert _content(Path(db)) == one_process
    again = CliRunner().invoke(cli, ["import", str(parts), "--db", db])
    assert again.exit_code == 0, again.output
    assert " 0 new events in " in again.output.splitlines()[1]
    assert _content(Path(db)) == one_process
    with open_store(db, read_only=True) as store:
        assert len(store.runs()) == 1


def test_parquet_partitions_from_a_local_dask_cluster(corpus, small, one_process, dask_workers, tmp_path):
    summary = run([corpus], PartitionWriter(tmp_path / "parts"), small, workers=dask_workers)
    assert summary.documents == len(list(corpus.iterdir()))
    with open_store(str(tmp_path / "dask-parts.db")) as store:
        done = import_partitions(tmp_path / "parts", store)
    assert done.broken == [] and done.imported == done.partitions > 2
    assert _content(tmp_path / "dask-parts.db") == one_process
