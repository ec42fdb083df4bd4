"""Database connections behind one small interface: SQLite (default) and PostgreSQL.

SQL in the store is written once with ``?`` placeholders and portable syntax (``ON CONFLICT DO
NOTHING``, ``substr``, ``COALESCE``); the PostgreSQL backend turns ``?`` into ``%s``. Full-text
search differs per backend and is asked of the backend (``fts_*``). Every driver error becomes a
``StoreError`` here, so callers see one exception type.
"""

from __future__ import annotations

import contextlib
import sqlite3
import weakref
from collections.abc import Generator, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import StoreError

Row = tuple[Any, ...]

# Rows fetched per round trip when streaming: bounds memory for exports of any size.
STREAM_CHUNK = 200
# Key of the advisory lock that makes PostgreSQL writers take turns (one writer, like SQLite).
_PG_WRITER_LOCK = 0x6E657773  # "news"


class Backend:
    dialect: str = ""
    read_only: bool = False

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        raise NotImplementedError

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        raise NotImplementedError

    def fetchone(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        rows = self.fetchall(sql, params)
        return rows[0] if rows else None

    def stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Row]:
        """Rows of ``sql`` in chunks. A stream left unfinished (a reader that stopped early) is
        closed with the backend, while its connection is still open."""
        live = self.__dict__.setdefault("_live_streams", weakref.WeakSet())
        rows = self._stream_rows(sql, params)
        live.add(rows)
        return rows

    def _stream_rows(self, sql: str, params: Sequence[Any]) -> Generator[Row, None, None]:
        raise NotImplementedError

    def _close_streams(self) -> None:
        for rows in list(self.__dict__.get("_live_streams", ())):
            rows.close()

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        raise NotImplementedError

    def savepoint(self) -> contextlib.AbstractContextManager[None]:
        """Inside a transaction: when the block raises, undo what it wrote and nothing else."""
        raise NotImplementedError

    def table_exists(self, name: str) -> bool:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    # full-text search: a WHERE fragment over events ``e`` / articles ``a`` and its parameters
    def fts_condition(self, text: str) -> tuple[str, list[Any]]:
        raise NotImplementedError

    def fts_index_article(self, article_id: str, headline: str | None, body: str) -> None:
        raise NotImplementedError

    def fts_index_event(self, event_id: str, sentence: str) -> None:
        raise NotImplementedError


def _fts5_query(text: str) -> str:
    """User words as quoted FTS5 terms (all must match), so punctuation such as ``Kyiv's`` or a
    stray ``-`` is not read as query syntax."""
    terms = [t.replace('"', '""') for t in text.split()]
    return " ".join(f'"{t}"' for t in terms if t)


def _connect_read_only(path: str) -> sqlite3.Connection:
    """A connection that cannot write. ``mode=ro`` first; a WAL database in a folder the reader
    cannot write (read-only media, another user's files) cannot even be read that way, since
    readers need its shared-memory file, so then ``immutable=1``: SQLite reads the file as it is,
    without locks, trusting that nobody writes it meanwhile (on read-only media nobody can)."""
    uri = Path(path).resolve().as_uri()
    error: sqlite3.OperationalError | None = None
    for mode in ("mode=ro", "immutable=1"):
        conn = sqlite3.connect(f"{uri}?{mode}", uri=True, isolation_level=None, timeout=30.0)
        try:
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as exc:  # cannot open or cannot read the WAL: try the next
            conn.close()
            error = exc
            continue
        return conn
    assert error is not None
    raise error


class SqliteBackend(Backend):
    dialect = "sqlite"

    def __init__(self, path: str, *, create: bool = True, read_only: bool = False) -> None:
        if path != ":memory:":
            p = Path(path)
            if (read_only or not create) and not p.exists():
                raise StoreError(f"database file not found: {path}")
            if not p.parent.exists():
                raise StoreError(f"directory of database {path} does not exist")
            if read_only and p.is_file() and p.stat().st_size == 0:
                # SQLite would take it for a new, empty database and a writer would fill it.
                raise StoreError(f"{path} is an empty file, not a newsevents database "
                                 "(`newsevents process --db FILE` creates one)")
        self.path = path
        self.read_only = read_only
        try:
            if read_only:
                self.conn = _connect_read_only(path)
                return
            # Autocommit mode: transactions are explicit (BEGIN IMMEDIATE) so a batch is one unit.
            self.conn = sqlite3.connect(path, isolation_level=None, timeout=30.0)
            # WAL: readers (datasette, the web app) never block the single writer. NORMAL sync
            # keeps every commit across a killed process (the WAL is in the OS cache); only a
            # power cut can lose the last commits, never consistency.
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open SQLite database {path}: {exc}") from exc

    def _run(self, fn: Any, *args: Any) -> Any:
        try:
            return fn(*args)
        except sqlite3.Error as exc:
            raise StoreError(f"SQLite error on {self.path}: {exc}") from exc

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._run(self.conn.execute, sql, tuple(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self._run(self.conn.executemany, sql, [tuple(r) for r in rows])

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        found: list[Row] = self._run(lambda: self.conn.execute(sql, tuple(params)).fetchall())
        return found

    def _stream_rows(self, sql: str, params: Sequence[Any]) -> Generator[Row, None, None]:
        cursor = self._run(self.conn.execute, sql, tuple(params))
        try:
            while rows := self._run(cursor.fetchmany, STREAM_CHUNK):
                yield from rows
        finally:
            cursor.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        if self.conn.in_transaction:  # nested use joins the running transaction
            yield
            return
        # IMMEDIATE takes the write lock at once: one writer at a time, others wait (timeout).
        self.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.rollback()
            raise
        self._run(self.conn.commit)

    @contextlib.contextmanager
    def savepoint(self) -> Iterator[None]:
        self.execute("SAVEPOINT one_record")
        try:
            yield
        except BaseException:
            self.execute("ROLLBACK TO one_record")
            self.execute("RELEASE one_record")
            raise
        self.execute("RELEASE one_record")

    def table_exists(self, name: str) -> bool:
        row = self.fetchone(
            "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?", (name,)
        )
        return row is not None

    def close(self) -> None:
        self._close_streams()
        self.conn.close()

    def fts_condition(self, text: str) -> tuple[str, list[Any]]:
        query = _fts5_query(text)
        sql = (
            "(e.event_id IN (SELECT event_id FROM events_fts WHERE events_fts MATCH ?)"
            " OR e.article_id IN (SELECT article_id FROM articles_fts WHERE articles_fts MATCH ?))"
        )
        return sql, [query, query]

    def fts_index_article(self, article_id: str, headline: str | None, body: str) -> None:
        # The FTS row shares the article's rowid so tools that join on rowid (Datasette's search
        # box) find the article.
        self.execute(
            "INSERT INTO articles_fts (rowid, article_id, headline, body)"
            " SELECT rowid, ?, ?, ? FROM articles WHERE id = ?",
            (article_id, headline or "", body, article_id),
        )

    def fts_index_event(self, event_id: str, sentence: str) -> None:
        self.execute(
            "INSERT INTO events_fts (rowid, event_id, sentence) SELECT rowid, ?, ? FROM events WHERE event_id = ?",
            (event_id, sentence, event_id),
        )


class PostgresBackend(Backend):
    dialect = "postgresql"

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        self.read_only = read_only
        try:
            import psycopg
        except ImportError as exc:  # optional dependency: say how to get it
            raise StoreError(
                "PostgreSQL needs psycopg 3: pip install 'newsevents[postgres]'"
            ) from exc
        self._psycopg = psycopg
        try:
            self.conn = psycopg.connect(url, autocommit=True)
            if read_only:
                self.conn.execute("SET default_transaction_read_only = on")
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL: {exc}") from exc
        self._cursor_no = 0

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("?", "%s")

    def _run(self, fn: Any, *args: Any) -> Any:
        try:
            return fn(*args)
        except self._psycopg.Error as exc:
            raise StoreError(f"PostgreSQL error: {exc}") from exc

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._run(self.conn.execute, self._sql(sql), tuple(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self.conn.cursor() as cur:
                self._run(cur.executemany, self._sql(sql), [tuple(r) for r in rows])

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        found: list[Row] = self._run(lambda: self.conn.execute(self._sql(sql), tuple(params)).fetchall())
        return found

    def _stream_rows(self, sql: str, params: Sequence[Any]) -> Generator[Row, None, None]:
        # A named (server-side) cursor sends rows in chunks; it lives inside a transaction.
        self._cursor_no += 1
        try:
            with self.conn.transaction(), self.conn.cursor(name=f"stream{self._cursor_no}") as cur:
                cur.itersize = STREAM_CHUNK
                cur.execute(self._sql(sql), tuple(params))
                while rows := cur.fetchmany(STREAM_CHUNK):
                    yield from rows
        except self._psycopg.Error as exc:
            raise StoreError(f"PostgreSQL error: {exc}") from exc

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            with self.conn.transaction():
                # Writers take turns, as SQLite's single writer does; the lock ends with the
                # transaction, also when the client dies.
                self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (_PG_WRITER_LOCK,))
                yield
        except self._psycopg.Error as exc:
            raise StoreError(f"PostgreSQL error: {exc}") from exc

    @contextlib.contextmanager
    def savepoint(self) -> Iterator[None]:
        try:
            with self.conn.transaction():  # nested in the batch's transaction: a savepoint
                yield
        except self._psycopg.Error as exc:
            raise StoreError(f"PostgreSQL error: {exc}") from exc

    def table_exists(self, name: str) -> bool:
        row = self.fetchone("SELECT to_regclass(?) IS NOT NULL", (name,))
        return bool(row and row[0])

    def close(self) -> None:
        self._close_streams()
        self.conn.close()

    def fts_condition(self, text: str) -> tuple[str, list[Any]]:
        sql = (
            "(e.fts @@ plainto_tsquery('english', ?)"
            " OR a.fts @@ plainto_tsquery('english', ?))"
        )
        return sql, [text, text]

    def fts_index_article(self, article_id: str, headline: str | None, body: str) -> None:
        """Nothing to do: ``articles.fts`` is a generated column."""

    def fts_index_event(self, event_id: str, sentence: str) -> None:
        """Nothing to do: ``events.fts`` is a generated column."""
