"""The coder's domain tables (``newsevents/data/coder/*.tsv``), parsed once per process.

The lexicon (``newsevents.lexicon``) reads and checks the files, overlay rows included; this
module shapes them for the coder. Every row keeps its file name and line number so an event can
say which row fired ("triggers.tsv:57"), and every trigger row carries its conditions parsed.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass

from .. import lexicon
from ..lexicon import Condition, TableError, parse_when

__all__ = ["TableError", "Tables", "TriggerRow", "load_tables"]


@dataclass(frozen=True)
class TriggerRow:
    lemma: str
    pos: str  # VERB, NOUN, or AUX (a modal: "must" -> REQUEST)
    type: str
    mode: str  # "-", a mode, "*" or "*default"
    acled: str  # "-", "*", "*territory" or an acled.tsv code
    contexts: tuple[str, ...]
    when: tuple[str, ...]  # conditions, all must hold (as written)
    actor: tuple[str, ...]
    recipient: tuple[str, ...]
    rule: str  # "triggers.tsv:57"
    # ``when`` parsed: each condition a tuple of alternatives (one must hold)
    conditions: tuple[tuple[Condition, ...], ...] = ()


@dataclass(frozen=True)
class Tables:
    triggers: dict[tuple[str, str], tuple[TriggerRow, ...]]
    acled: dict[str, tuple[str, str]]
    classes: dict[str, dict[str, str]]  # class -> lemma -> value
    cues: dict[str, dict[str, str]]  # kind -> lemma -> value

    def in_class(self, cls: str, lemma: str) -> bool:
        return lemma in self.classes.get(cls, {})

    @functools.cached_property
    def attack_nouns(self) -> frozenset[str]:
        """The nouns an attack row reads ("attack", "shelling", "bombing"); read once per
        tables, not once per document."""
        return frozenset(lemma for (lemma, pos), rows in self.triggers.items()
                         if pos == "NOUN" and any(r.type == "ASSAULT" for r in rows))

    def casualty(self, lemma: str) -> bool:
        """A verb of a toll ("killed", "wounded": cues.tsv's killed and injured)."""
        return lemma in self.cues.get("killed", {}) or lemma in self.cues.get("injured", {})


def _roles(cell: str) -> tuple[str, ...]:
    return () if cell == "-" else tuple(r.strip() for r in cell.split(",") if r.strip())


def _by_first_column(name: str) -> dict[str, dict[str, str]]:
    """"class\tlemma\tvalue" rows -> class -> lemma -> value."""
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for row in lexicon.rows(name):
        first, second, third = row.fields
        out[first][second] = third
    return dict(out)


def trigger_row(row: lexicon.Row) -> TriggerRow:
    lemma, pos, type_, mode, acled_code, contexts, when, actor, recipient = row.fields
    return TriggerRow(
        lemma=lemma, pos=pos, type=type_, mode=mode, acled=acled_code,
        contexts=() if contexts == "-" else tuple(contexts.split(",")),
        when=() if when == "-" else tuple(when.split(";")),
        actor=_roles(actor), recipient=_roles(recipient), rule=row.ref,
        conditions=parse_when(when),
    )


@functools.lru_cache(maxsize=1)
def load_tables() -> Tables:
    acled = {row.fields[0]: (row.fields[1], row.fields[2]) for row in lexicon.rows("acled.tsv")}
    triggers: dict[tuple[str, str], list[TriggerRow]] = defaultdict(list)
    for row in lexicon.rows("triggers.tsv"):
        trigger = trigger_row(row)
        triggers[(trigger.lemma, trigger.pos)].append(trigger)
    return Tables(
        triggers={k: tuple(v) for k, v in triggers.items()},
        acled=acled, classes=_by_first_column("classes.tsv"), cues=_by_first_column("cues.tsv"),
    )
