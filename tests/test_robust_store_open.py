"""Reading commands open the database read-only: a database on read-only media can be read, and
a file that is not a newsevents database (empty, or another program's) is never turned into one."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsevents.cli import cli
from newsevents.errors import StoreError
from newsevents.store import SCHEMA_VERSION, open_store
from test_store_data import store_url, strike_result, talks_result  # noqa: F401  (store_url is a fixture)

NOBODY = 65534


def _filled(path: Path | str) -> str:
    with open_store(str(path)) as store:
        store.write_batch([strike_result(), talks_result()], "r1")
    return str(path)


@pytest.fixture
def read_only_folder() -> Iterator[Path]:
    """A folder nobody but root may write, holding a filled database; outside pytest's private
    temporary folder so another user can reach it."""
    folder = Path(tempfile.mkdtemp(prefix="newsevents-ro-"))
    _filled(folder / "events.db")
    (folder / "events.db").chmod(0o444)
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)
    shutil.rmtree(folder)


def _as_reader(args: list[str]) -> subprocess.CompletedProcess[str]:
    """Run the command line as a user who cannot write the folder. Root writes anywhere, so a
    root test run drops to user nobody (setpriv) for the command."""
    command = [sys.executable, "-m", "newsevents", *args]
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: cannot make the folder read-only")
        command = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd="/")


def test_database_on_read_only_media_can_be_read(read_only_folder: Path) -> None:
    db = str(read_only_folder / "events.db")
    stats = _as_reader(["stats", "--db", db])
    assert stats.returncode == 0, stats.stderr
    assert stats.stdout.splitlines() == ["type     events", "-------  ------", "ASSAULT       2",
                                         "AGREE         1", "COERCE        1", "CONSULT       1", "total 5"]
    events = _as_reader(["events", "--db", db, "--format", "csv"])
    assert events.returncode == 0, events.stderr
    assert len(events.stdout.splitlines()) == 6  # header and 5 events
    assert sorted(p.name for p in read_only_folder.iterdir()) == ["events.db"]


def test_read_only_store_refuses_writes(store_url: str, opts) -> None:
    _filled(store_url)
    with open_store(store_url, read_only=True) as store:
        assert store.counts()["articles"] == 2
        with pytest.raises(StoreError, match=r"read.?only"):
            store.start_run(opts, [])


def test_empty_file_is_not_turned_into_a_database(tmp_path: Path) -> None:
    empty = tmp_path / "events.db"
    empty.write_bytes(b"")
    for command in (["events"], ["stats"], ["show", "abc"], ["export", "--format", "csv"]):
        result = CliRunner().invoke(cli, [*command, "--db", str(empty)])
        assert result.exit_code == 2, result.output
        assert f"error: {empty} is an empty file, not a newsevents database" in result.output
    assert empty.stat().st_size == 0


def test_other_sqlite_file_is_not_changed(tmp_path: Path) -> None:
    other = tmp_path / "notes.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    result = CliRunner().invoke(cli, ["events", "--db", str(other)])
    assert result.exit_code == 2
    assert "is not a newsevents database" in result.output
    with sqlite3.connect(other) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["notes"]


def test_old_writable_database_is_still_upgraded_when_read(tmp_path: Path) -> None:
    from newsevents.store.backend import SqliteBackend
    from newsevents.store.schema import migrate

    path = str(tmp_path / "v1.db")
    db = SqliteBackend(path)
    migrate(db, target=1)
    db.close()
    result = CliRunner().invoke(cli, ["stats", "--db", path])
    assert result.exit_code == 0, result.output
    with open_store(path, read_only=True) as store:
        assert store.schema_version() == SCHEMA_VERSION
