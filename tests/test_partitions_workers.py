"""Partitions written by the workers themselves (`process --parquet-dir`, ``partitions.write_run``)
and partition runs that continue where they stopped. Each check imports the folder and compares it
with one process's store (tests/test_scale.py's corpus: publisher memory drops a paragraph from the
later articles, so the order-dependent part of the pipeline is exercised). No test looks at
wall-clock time."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsevents import partitions
from newsevents.cli import cli
from newsevents.errors import InputError
from newsevents.partitions import RECEIPTS, import_partitions, read_manifest, write_run
from newsevents.store import open_store
from test_scale import _content, corpus, dask_workers, one_process, small  # noqa: F401 - fixtures

pytestmark = pytest.mark.slow
pytest.importorskip("pyarrow")


class Stop(Exception):
    """The client stopping (killed) after some partitions."""


def _imported(folder: Path, db: Path) -> dict[str, object]:
    with open_store(str(db)) as store:
        done = import_partitions(folder, store)
    assert done.broken == [] and done.finished
    return _content(db)


def _files(folder: Path, numbers: list[int]) -> dict[str, tuple[int, int]]:
    """The partition files of ``numbers`` with their inode and modification time: unchanged when a
    resumed run kept them."""
    names = {f"part-{n:06d}" for n in numbers}
    return {str(p.relative_to(folder)): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("part-*")) if p.name.split(".")[0] in names}


def test_partitions_written_by_dask_workers_import_to_one_process_events(corpus, small, one_process,
                                                                         dask_workers, tmp_path, monkeypatch):
    def not_here(results, spec):
        raise AssertionError("a partition was written in the client")

    # The workers run their own, unpatched module: only a partition written here would fail.
    monkeypatch.setattr(partitions, "write_partition", not_here)
    told = []
    done = write_run([corpus], tmp_path / "parts", small, workers=dask_workers,
                     on_partition=lambda receipt, skipped: told.append((receipt.number, skipped)))
    documents = len(list(corpus.iterdir()))
    assert done.run.documents == documents and done.skipped == []
    assert done.written == list(range(-(-documents // small.batch_size))) and len(done.written) > 2
    assert told == [(n, False) for n in done.written]
    assert sorted(p.name for p in (tmp_path / "parts" / RECEIPTS).iterdir()) == [
        f"part-{n:06d}.json" for n in done.written]
    assert read_manifest(tmp_path / "parts")["summary"] == done.run.as_dict()
    assert _imported(tmp_path / "parts", tmp_path / "dask.db") == one_process


def test_a_stopped_partition_run_continues_with_the_missing_partitions_only(corpus, small, one_process,
                                                                           dask_workers, tmp_path):
    """The client stops after two partitions; importing what is there says the run has not
    finished; the same run started again keeps those two, writes the rest, and the folder imports
    (into the same database, on top of the first import) to one process's store."""
    folder = tmp_path / "parts"

    def stop_after_two(receipt, skipped) -> None:
        if receipt.number == 1:
            raise Stop

    with pytest.raises(Stop):
        write_run([corpus], folder, small, workers=dask_workers, on_partition=stop_after_two)
    kept = _files(folder, [0, 1])
    assert len(kept) == 5 * 2  # four tables and the receipt of each
    db = tmp_path / "resumed.db"
    early = CliRunner().invoke(cli, ["import", str(folder), "--db", str(db)])
    assert early.exit_code == 1 and "the run has not finished" in early.output
    run_id = read_manifest(folder)["run_id"]

    done = write_run([corpus], folder, small, workers=dask_workers)
    assert done.skipped == [0, 1] and done.written[0] == 2 and len(done.written) > 1
    assert _files(folder, [0, 1]) == kept
    assert done.run.documents == len(list(corpus.iterdir()))
    assert read_manifest(folder)["run_id"] == run_id and len(read_manifest(folder)["resumed"]) == 1
    assert _imported(folder, db) == one_process
    with open_store(str(db), read_only=True) as store:
        assert [r["run_id"] for r in store.runs()] == [run_id]


def test_a_partition_cut_short_is_written_again(corpus, small, one_process, tmp_path):
    """A writer killed between its files and its receipt, or a file changed since: that partition
    is written again (here in this process), the others are kept."""
    folder = tmp_path / "parts"
    write_run([corpus], folder, small)
    (folder / RECEIPTS / "part-000001.json").unlink()
    (folder / "events" / "part-000002.parquet").write_bytes(b"not what the receipt says")
    (folder / "articles" / ".part-000003.parquet.1234abcd.tmp").write_bytes(b"half a file")
    broken = CliRunner().invoke(cli, ["import", str(folder), "--db", str(tmp_path / "broken.db")])
    assert broken.exit_code == 1
    assert "import/incomplete: the run stopped while writing this partition" in broken.output
    assert "import/unreadable_parquet" in broken.output  # the changed file, read first
    kept = _files(folder, [0, 3])
    done = write_run([corpus], folder, small)
    assert done.written == [1, 2] and 0 in done.skipped and 3 in done.skipped
    assert _files(folder, [0, 3]) == kept
    assert _imported(folder, tmp_path / "again.db") == one_process


def test_a_folder_of_other_arguments_is_refused(corpus, small, tmp_path):
    config = tmp_path / "small.toml"
    config.write_text("batch_size = 2\n", encoding="utf-8")
    other = tmp_path / "other.toml"
    other.write_text("batch_size = 3\n", encoding="utf-8")
    folder = tmp_path / "parts"
    one = sorted(corpus.iterdir())[0]
    first = CliRunner().invoke(cli, ["process", str(one), "--parquet-dir", str(folder), "--quiet",
                                     "--config", str(config)])
    assert first.exit_code == 0, first.output
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    refused = CliRunner().invoke(cli, ["process", str(one), "--parquet-dir", str(folder), "--quiet",
                                       "--config", str(other)])
    assert refused.exit_code == 2
    assert f"{folder} already holds the partitions of another run (option batch_size: 2 there, 3 here)" in (
        " ".join(refused.output.split()))
    inputs = CliRunner().invoke(cli, ["process", str(corpus), "--parquet-dir", str(folder), "--quiet",
                                      "--config", str(config)])
    assert inputs.exit_code == 2 and "already holds the partitions of another run (inputs" in inputs.output
    # Refused before anything was written.
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
    again = CliRunner().invoke(cli, ["process", str(one), "--parquet-dir", str(folder), "--quiet",
                                     "--config", str(config)])
    assert again.exit_code == 0 and again.output.startswith(
        f"continued the run in {folder}: 1 partitions were complete, 0 written now")


def test_inputs_changed_under_a_stopped_run_are_refused(small, tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    examples = sorted((Path(__file__).resolve().parents[1] / "examples" / "articles").glob("*.txt"))[:3]
    for path in examples:
        (source / path.name).write_bytes(path.read_bytes())
    write_run([source], tmp_path / "parts", small)
    (source / examples[0].name).write_text("An edited article.\n\nIt is not the one written.", encoding="utf-8")
    with pytest.raises(InputError, match=r"part-000000 .* holds other inputs than those read now"):
        write_run([source], tmp_path / "parts", small)


def test_a_dask_worker_killed_while_partitions_are_written_loses_no_document(corpus, small, one_process,
                                                                             dask_workers, tmp_path):
    client = dask_workers.client

    def kill_one(receipt, skipped) -> None:
        if receipt.number == 0:  # after the first partition: kill a worker that holds tasks
            os.kill(next(iter(client.run(os.getpid).values())), signal.SIGKILL)

    done = write_run([corpus], tmp_path / "parts", small, workers=dask_workers, on_partition=kill_one)
    assert not done.run.rejected and len(done.written) > 2
    assert _imported(tmp_path / "parts", tmp_path / "killed.db") == one_process
