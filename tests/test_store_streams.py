"""A reader that stops early (a closed pipe, `head`) must not leave a cursor on a closed store."""

from __future__ import annotations

import gc
import sys

from newsevents.store import open_store


def test_unfinished_stream_is_closed_with_the_store(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    store.db.execute("CREATE TABLE t (n INTEGER)")
    store.db.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(5000)])
    rows = store.db.stream("SELECT n FROM t ORDER BY n")
    assert next(rows)[0] == 0
    errors: list[str] = []
    hook = sys.unraisablehook
    sys.unraisablehook = lambda info: errors.append(repr(info.exc_value))
    try:
        store.close()
        del rows
        gc.collect()
    finally:
        sys.unraisablehook = hook
    assert errors == []
