"""The coder's domain tables (``newsevents/data/coder/*.tsv``), parsed once per process.

Every row keeps its file name and line number so an event can say which row fired
("triggers.tsv:57").
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources

from ..records import PLOVER_TYPES

_PACKAGE = "newsevents.data.coder"


class TableError(ValueError):
    """A coder table row is malformed (raised at load time, with file and line)."""


@dataclass(frozen=True)
class TriggerRow:
    lemma: str
    pos: str  # VERB, NOUN, or AUX (a modal: "must" -> REQUEST)
    type: str
    mode: str  # "-", a mode, "*" or "*default"
    acled: str  # "-", "*", "*territory" or an acled.tsv code
    contexts: tuple[str, ...]
    when: tuple[str, ...]  # conditions, all must hold
    actor: tuple[str, ...]
    recipient: tuple[str, ...]
    rule: str  # "triggers.tsv:57"


@dataclass(frozen=True)
class Tables:
    triggers: dict[tuple[str, str], tuple[TriggerRow, ...]]
    acled: dict[str, tuple[str, str]]
    classes: dict[str, dict[str, str]]  # class -> lemma -> value
    cues: dict[str, dict[str, str]]  # kind -> lemma -> value

    def in_class(self, cls: str, lemma: str) -> bool:
        return lemma in self.classes.get(cls, {})


def _rows(name: str) -> list[tuple[int, list[str]]]:
    text = resources.files(_PACKAGE).joinpath(name).read_text("utf-8")
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        out.append((number, line.split("\t")))
    return out


def _roles(cell: str) -> tuple[str, ...]:
    return () if cell == "-" else tuple(r.strip() for r in cell.split(",") if r.strip())


@functools.lru_cache(maxsize=1)
def load_tables() -> Tables:
    acled: dict[str, tuple[str, str]] = {}
    for number, cells in _rows("acled.tsv"):
        if len(cells) != 3:
            raise TableError(f"acled.tsv:{number}: expected 3 columns, got {len(cells)}")
        acled[cells[0]] = (cells[1], cells[2])
    classes: dict[str, dict[str, str]] = defaultdict(dict)
    for number, cells in _rows("classes.tsv"):
        if len(cells) != 3:
            raise TableError(f"classes.tsv:{number}: expected 3 columns, got {len(cells)}")
        classes[cells[0]][cells[1]] = cells[2]
    cues: dict[str, dict[str, str]] = defaultdict(dict)
    for number, cells in _rows("cues.tsv"):
        if len(cells) != 3:
            raise TableError(f"cues.tsv:{number}: expected 3 columns, got {len(cells)}")
        cues[cells[0]][cells[1]] = cells[2]
    triggers: dict[tuple[str, str], list[TriggerRow]] = defaultdict(list)
    for number, cells in _rows("triggers.tsv"):
        if len(cells) != 9:
            raise TableError(f"triggers.tsv:{number}: expected 9 columns, got {len(cells)}")
        lemma, pos, type_, mode, acled_code, contexts, when, actor, recipient = cells
        if type_ not in PLOVER_TYPES:
            raise TableError(f"triggers.tsv:{number}: unknown PLOVER type {type_!r}")
        if pos not in ("VERB", "NOUN", "AUX"):
            raise TableError(f"triggers.tsv:{number}: pos must be VERB, NOUN or AUX, got {pos!r}")
        code = acled_code.lstrip("*")
        if acled_code != "-" and code and code != "territory" and code not in acled:
            raise TableError(f"triggers.tsv:{number}: unknown ACLED code {acled_code!r}")
        triggers[(lemma, pos)].append(TriggerRow(
            lemma=lemma, pos=pos, type=type_, mode=mode, acled=acled_code,
            contexts=() if contexts == "-" else tuple(contexts.split(",")),
            when=() if when == "-" else tuple(when.split(";")),
            actor=_roles(actor), recipient=_roles(recipient), rule=f"triggers.tsv:{number}",
        ))
    return Tables(
        triggers={k: tuple(v) for k, v in triggers.items()},
        acled=acled, classes=dict(classes), cues=dict(cues),
    )
