"""Reading a table: the packaged file, then the rows of the user's overlay file of the same name,
every cell checked against the table's schema and the tables it refers to.

File format (every table): UTF-8, one row a line, cells separated by tabs; blank lines and lines
starting with "#" are comments; the first other line is the header, which must name the schema's
columns in order. A row keeps its file and line, so whatever it produces can name it
("triggers.tsv:57").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from ..errors import ConfigError
from .catalog import SCHEMAS
from .schema import Schema

_PACKAGE = "newsevents.data"


class TableError(ConfigError, ValueError):
    """A table file is malformed; the message starts with its file and line."""


@dataclass(frozen=True)
class Row:
    """One data row: the file it came from, its line number and its tab-separated fields."""

    table: str  # "actors.tsv"; an overlay row: "<overlay folder>/actors.tsv"
    line: int
    fields: tuple[str, ...]

    @property
    def ref(self) -> str:
        return f"{self.table}:{self.line}"

    def get(self, index: int) -> str:
        return self.fields[index].strip() if index < len(self.fields) else ""


@dataclass(frozen=True)
class Table:
    schema: Schema
    rows: tuple[Row, ...]

    def cells(self, row: Row) -> dict[str, str]:
        """The row's cells by column name, stripped; absent trailing cells are ""."""
        return {c.name: row.get(i) for i, c in enumerate(self.schema.columns)}

    def column(self, name: str) -> tuple[str, ...]:
        index = self.schema.index(name)
        return tuple(row.get(index) for row in self.rows)


def schema_for(name: str) -> Schema:
    """The schema of ``name`` ("triggers.tsv")."""
    try:
        return SCHEMAS[name]
    except KeyError:
        raise TableError(f"{name}: no such table; tables: {', '.join(sorted(SCHEMAS))}") from None


def packaged_text(schema: Schema) -> str:
    return resources.files(_PACKAGE).joinpath(schema.folder, schema.name).read_text("utf-8")


def _lines(text: str) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            yield number, line


def parse_rows(text: str, schema: Schema, source: str, label: str) -> tuple[Row, ...]:
    """The rows of one file after its header; ``source`` names the file in errors, ``label``
    in row references. Checks the header, the number of cells and each cell's own type; the
    checks against other tables come after the overlay is merged (``check_rows``)."""
    lines = _lines(text)
    first = next(lines, None)
    if first is None:
        raise TableError(f"{source}: no header row (expected {_tabbed(schema.header)!r})")
    number, header = first
    given = tuple(header.split("\t"))
    # a header may end before columns a row may leave out (an overlay written before they were
    # added still reads)
    if given != schema.header[:len(given)] or len(given) < schema.min_cells:
        raise TableError(f"{source}:{number}: header must be {_tabbed(schema.header)!r}, "
                         f"got {header!r}")
    rows = tuple(Row(label, number, tuple(line.split("\t"))) for number, line in lines)
    for row in rows:
        _check_shape(row, schema, source)
    return rows


def _tabbed(cells: tuple[str, ...]) -> str:
    return "\t".join(cells)


def _check_shape(row: Row, schema: Schema, source: str) -> None:
    count = len(row.fields)
    if not schema.min_cells <= count <= len(schema.columns):
        wanted = (str(schema.min_cells) if schema.min_cells == len(schema.columns)
                  else f"{schema.min_cells} to {len(schema.columns)}")
        raise TableError(f"{source}:{row.line}: expected {wanted} tab-separated cells "
                         f"({', '.join(schema.header)}), got {count}")
    for i, column in enumerate(schema.columns):
        if column.required and not row.get(i):
            raise TableError(f"{source}:{row.line}: column {column.name} is empty")


def merge(packaged: tuple[Row, ...], overlay: tuple[Row, ...], schema: Schema) -> tuple[Row, ...]:
    """Overlay rows added to the packaged ones. The overlay rows of a key (``schema.key``) replace
    all packaged rows of that key, where the first of them stood; rows of a new key come last."""
    keys = [schema.index(c) for c in schema.key]

    def key(row: Row) -> tuple[str, ...]:
        return tuple(row.get(i) for i in keys)

    replacing: dict[tuple[str, ...], list[Row]] = {}
    for row in overlay:
        replacing.setdefault(key(row), []).append(row)
    out: list[Row] = []
    for row in packaged:
        k = key(row)
        if k not in replacing:
            out.append(row)
        elif replacing[k]:
            out.extend(replacing[k])
            replacing[k] = []  # later packaged rows of this key are dropped
    out.extend(row for rows in replacing.values() for row in rows)
    return tuple(out)
