"""The lexicon: every vocabulary table the stages use (``newsevents/data/*/*.tsv``), read by one
loader with declared, typed columns, references between tables checked and trigger conditions
parsed at load time, and the user's overlay folder (option ``tables_dir``) merged in.

``rows("actors.tsv")`` gives a table's rows; ``use_tables_dir(opts.tables_dir)`` chooses the
overlay and checks every table at once (the pipeline calls it before the first document).
The rules read vocabularies by name: ``actor_words("honorific")``, ``coder_words("locative")``,
``count_words("month")``, ``place_words("water")``,
``date_words("weekday")`` (word lists), ``date_numbers()``, ``count_qualifiers()`` (tried in their order),
``irregular_plurals()``, ``sector_codes("armed")``, ``plover_types("verbal")``,
``pair_nouns("as_head")`` (the codes with a yes/no property), ``acled_sub_types("riot")`` and ``acled_weights()``
(acled_types.tsv), ``weapon_modes()`` and ``mode_acled()`` (modes.tsv).
docs/tables.md describes the tables, the checks and the overlays.
"""

from __future__ import annotations

from .catalog import SCHEMAS
from .conditions import Condition, ConditionError, parse_condition, parse_when
from .loader import Row, Table, TableError
from .schema import Column, Schema
from .tables import Lexicon, active, overlay_dir, use_tables_dir
from .vocabulary import (
    acled_sub_types,
    acled_weights,
    actor_words,
    coder_words,
    count_qualifiers,
    count_words,
    date_numbers,
    date_words,
    irregular_plurals,
    mode_acled,
    pair_nouns,
    place_words,
    plover_types,
    sector_codes,
    weapon_modes,
)


def table(name: str) -> Table:
    """The table ``name`` ("triggers.tsv") of this process: packaged rows and overlay rows."""
    return active().table(name)


def rows(name: str) -> tuple[Row, ...]:
    return active().rows(name)


__all__ = [
    "SCHEMAS",
    "Column",
    "Condition",
    "ConditionError",
    "Lexicon",
    "Row",
    "Schema",
    "Table",
    "TableError",
    "acled_sub_types",
    "acled_weights",
    "active",
    "actor_words",
    "coder_words",
    "count_qualifiers",
    "count_words",
    "date_numbers",
    "date_words",
    "irregular_plurals",
    "mode_acled",
    "overlay_dir",
    "pair_nouns",
    "parse_condition",
    "parse_when",
    "place_words",
    "plover_types",
    "rows",
    "sector_codes",
    "table",
    "use_tables_dir",
    "weapon_modes",
]
