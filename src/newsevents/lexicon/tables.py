"""The tables of one process: the packaged ones with the user's overlay folder (``tables_dir``)
merged in, every row checked against its schema and the tables it refers to.

The overlay is chosen once per process, before any table is read (``use_tables_dir``): the
stages keep what they build from the tables for the whole process, so a later change could not
reach them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar, cast

from .catalog import SCHEMAS
from .loader import Row, Table, TableError, merge, packaged_text, parse_rows, schema_for
from .schema import Schema

_T = TypeVar("_T")


class Lexicon:
    """Every table, loaded on first use; ``overlay`` is the user's folder of tables (or None)."""

    def __init__(self, overlay: Path | None = None) -> None:
        self.overlay = overlay
        self._tables: dict[str, Table] = {}
        self._loading: set[str] = set()
        self._columns: dict[tuple[str, str], frozenset[str]] = {}
        self._memo: dict[Hashable, object] = {}
        if overlay is not None:
            _check_overlay_folder(overlay)

    @property
    def used(self) -> bool:
        return bool(self._tables)

    def table(self, name: str) -> Table:
        if name not in self._tables:
            if name in self._loading:
                raise TableError(f"{name}: tables refer to each other in a circle")
            self._loading.add(name)
            try:
                self._tables[name] = self._load(schema_for(name))
            finally:
                self._loading.discard(name)
        return self._tables[name]

    def rows(self, name: str) -> tuple[Row, ...]:
        return self.table(name).rows

    def values(self, table: str, column: str) -> frozenset[str]:
        """Every value of ``column`` in ``table`` (for the checks between tables)."""
        if (table, column) not in self._columns:
            self._columns[(table, column)] = frozenset(self.table(table).column(column))
        return self._columns[(table, column)]

    def memo(self, key: Hashable, build: Callable[[], _T]) -> _T:
        """What ``build`` makes of these tables, built once (the word sets the rules test
        words against): a rule asks for it per word, the tables are read once."""
        if key not in self._memo:
            self._memo[key] = build()
        return cast(_T, self._memo[key])

    def check_all(self) -> None:
        """Load and check every table now, so a bad row fails at start."""
        for name in SCHEMAS:
            self.table(name)

    def overlay_files(self) -> list[Path]:
        """The overlay's table files, sorted (they count in the provenance's tables hash)."""
        if self.overlay is None:
            return []
        return sorted(p for p in self.overlay.iterdir() if p.name in SCHEMAS and p.is_file())

    def _load(self, schema: Schema) -> Table:
        rows = parse_rows(packaged_text(schema), schema, f"newsevents/data/{schema.path}", schema.name)
        sources = {schema.name: f"newsevents/data/{schema.path}"}
        path = self.overlay / schema.name if self.overlay is not None else None
        if path is not None and path.is_file():
            label = f"{path.parent.name}/{schema.name}"
            sources[label] = str(path)
            rows = merge(rows, parse_rows(_read(path), schema, str(path), label), schema)
        table = Table(schema, rows)
        self._check_cells(table, sources)
        return table

    def _check_cells(self, table: Table, sources: dict[str, str]) -> None:
        schema = table.schema
        for row in table.rows:
            cells = table.cells(row)
            for column in schema.columns:
                value = cells[column.name]
                problem = column.check(value, self) if column.check and value else None
                if problem:
                    raise TableError(f"{sources[row.table]}:{row.line}: column {column.name}: {problem}")
            problem = schema.row_check(cells, self) if schema.row_check else None
            if problem:
                raise TableError(f"{sources[row.table]}:{row.line}: {problem}")


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TableError(f"{path}: cannot read: {exc}") from exc


def _check_overlay_folder(folder: Path) -> None:
    if not folder.is_dir():
        raise TableError(f"tables_dir {folder}: not a folder")
    unknown = sorted(p.name for p in folder.glob("*.tsv") if p.name not in SCHEMAS)
    if unknown:
        raise TableError(f"tables_dir {folder}: {', '.join(unknown)} is no table of newsevents; "
                         f"tables: {', '.join(sorted(SCHEMAS))}")


_active: Lexicon | None = None


def active() -> Lexicon:
    """The process's tables (without an overlay unless ``use_tables_dir`` chose one)."""
    global _active
    if _active is None:
        _active = Lexicon()
    return _active


def _folder(path: str | Path | None) -> Path | None:
    return Path(path).expanduser().resolve() if path else None


def use_tables_dir(path: str | Path | None) -> Lexicon:
    """Read the tables with the overlay folder ``path`` ("" or None: the packaged tables alone)
    and check them all now. Once a table was read, only the same folder may be asked for again."""
    global _active
    wanted = _folder(path)
    current = active()
    if current.overlay != wanted:
        if current.used:
            raise TableError(f"tables_dir {wanted or '(none)'}: this process already reads its tables "
                             f"with tables_dir {current.overlay or '(none)'}; the folder is chosen "
                             "once per process, before the first document")
        _active = current = Lexicon(wanted)
    current.check_all()
    return current


def overlay_dir() -> Path | None:
    return active().overlay
