"""The condition language of the ``when`` column of triggers.tsv, parsed when the table loads.

A cell is ";"-joined conditions that must all hold; each condition is "|"-joined alternatives of
which one must hold; "!" negates an alternative. An alternative is a flag ("light", "noobj") or a
key with values ("obj~@weapon|attack": the object is a weapon word or "attack";
"p~with:@weapon": a "with" phrase holds a weapon word). The coder evaluates the parsed form
(``newsevents.coder.match``); a typo fails here, at load time, naming the row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Flags hold or not by themselves; keyed conditions test words (see triggers.tsv's header).
FLAGS = ("light", "poss", "noobj", "foreign", "xcomp", "ccomp", "saidby", "modifier", "passive",
         "question", "result", "viewclause", "inforce")
KEYS = ("obj", "sub", "clause", "sent", "mod", "conj", "prt", "prep", "pobj", "p", "subsector")
_KEYED = re.compile(r"^(!?)(" + "|".join(KEYS) + r")(~|=)(.*)$")


class ConditionError(ValueError):
    """A ``when`` cell that is not in the condition language."""


@dataclass(frozen=True)
class Condition:
    negated: bool
    key: str
    values: tuple[str, ...] = ()
    prep: str = ""  # for "p~as:W"

    @property
    def classes(self) -> tuple[str, ...]:
        """The word classes (classes.tsv) the values name: "@weapon" -> "weapon"."""
        if self.key == "subsector":
            return ()
        return tuple(v[1:] for v in self.values if v.startswith("@"))


def _alternatives(text: str) -> list[list[str]]:
    """"light|prep=with|between" -> [["light"], ["prep=with", "between"]]: a bare word after a
    keyed alternative is a further value of it."""
    alts: list[list[str]] = []
    for part in text.split("|"):
        bare = part.lstrip("!")
        if alts and bare not in FLAGS and not _KEYED.match(part):
            alts[-1].append(part)
        else:
            alts.append([part])
    return alts


def _condition(alt: list[str], text: str) -> Condition:
    head = alt[0]
    negated = head.startswith("!")
    head = head.lstrip("!")
    m = _KEYED.match(head)
    if m is None:
        if head not in FLAGS:
            raise ConditionError(f"unknown trigger condition {text!r}")
        return Condition(negated, head)
    key, rest = m.group(2), m.group(4)
    prep = ""
    if key == "p":
        prep, _, rest = rest.partition(":")
    return Condition(negated, key, tuple([rest, *alt[1:]]), prep)


def parse_condition(text: str) -> list[Condition]:
    """One "when" cell item -> alternatives (OR). "light|prep=with|between" is light OR prep."""
    return [_condition(alt, text) for alt in _alternatives(text)]


def when_items(cell: str) -> tuple[str, ...]:
    """The ";"-joined conditions of a ``when`` cell ("-": none, the row always fires)."""
    return () if cell == "-" else tuple(cell.split(";"))


def parse_when(cell: str) -> tuple[tuple[Condition, ...], ...]:
    """A whole ``when`` cell: conditions that must all hold, each a tuple of alternatives."""
    return tuple(tuple(parse_condition(item)) for item in when_items(cell))
