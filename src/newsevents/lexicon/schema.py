"""How a table is declared: its columns (name, type, whether a row may leave it empty or out),
its key (what an overlay row replaces) and the checks of each cell, some against other tables.

A check is a function of the cell text and a ``Refs`` (the values of other tables' columns); it
returns an error message, or None when the cell is good.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol


class Refs(Protocol):
    """The values of a column of another table (overlay rows included)."""

    def values(self, table: str, column: str) -> frozenset[str]: ...


Check = Callable[[str, Refs], "str | None"]


@dataclass(frozen=True)
class Column:
    name: str
    help: str
    check: Check | None = None
    required: bool = True  # the cell may not be empty
    # the row may end before this column (and every column after it must be optional too)
    may_be_absent: bool = False


@dataclass(frozen=True)
class Schema:
    """One table: ``folder/name`` under ``newsevents/data``."""

    folder: str
    name: str
    help: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # the columns an overlay row is matched on
    # a check of the whole row (cells by column name), for rules across cells
    row_check: Callable[[dict[str, str], Refs], str | None] | None = None

    @property
    def path(self) -> str:
        return f"{self.folder}/{self.name}"

    @property
    def header(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def min_cells(self) -> int:
        return sum(1 for c in self.columns if not c.may_be_absent)

    def index(self, column: str) -> int:
        return self.header.index(column)


# --------------------------------------------------------------------------- cell checks


def one_of(*choices: str) -> Check:
    allowed = frozenset(choices)

    def check(value: str, _refs: Refs) -> str | None:
        return None if value in allowed else f"{value!r} is not one of {', '.join(sorted(allowed))}"
    return check


def matches(pattern: str, what: str) -> Check:
    compiled = re.compile(pattern)

    def check(value: str, _refs: Refs) -> str | None:
        return None if compiled.fullmatch(value) else f"{value!r} is not {what}"
    return check


def integer(value: str, _refs: Refs) -> str | None:
    return None if re.fullmatch(r"-?\d+", value) else f"{value!r} is not a whole number"


def number(value: str, _refs: Refs) -> str | None:
    try:
        float(value)
    except ValueError:
        return f"{value!r} is not a number"
    return None


def regex(value: str, _refs: Refs) -> str | None:
    try:
        re.compile(value)
    except re.error as exc:
        return f"bad regular expression {value!r}: {exc}"
    return None


def each(check: Check, sep: str) -> Check:
    """``check`` on every non-empty item of a ``sep``-separated cell."""

    def check_items(value: str, refs: Refs) -> str | None:
        for item in value.split(sep):
            if item.strip():
                problem = check(item.strip(), refs)
                if problem:
                    return problem
        return None
    return check_items


def refers(table: str, column: str, also: Iterable[str] = (), strip: str = "") -> Check:
    """The cell (less the characters in ``strip`` at its ends) is a value of ``table``'s
    ``column``, or one of ``also``."""
    extra = frozenset(also)

    def check(value: str, refs: Refs) -> str | None:
        bare = value.strip(strip) if strip else value
        if bare in extra or bare in refs.values(table, column):
            return None
        return f"{value!r} is not a {column} of {table}"
    return check
