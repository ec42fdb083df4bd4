"""Document-level assembly through the whole pipeline: every row of tests/cases/assembly.tsv
(a text holding "<h1>" is a page: its headline and standfirst are coded too)."""

from __future__ import annotations

import pytest

import newsevents
from case_tables import case_rows

ROWS = case_rows("assembly.tsv")


def _check(events: list, key: str, value: str) -> None:
    if key == "count":
        assert len(events) == int(value), [e.evidence.sentence for e in events]
        return
    assert len(events) == 1, [e.evidence.sentence for e in events]
    e = events[0]
    got = {"date": e.date.start, "modality": e.modality, "mentions": str(len(e.mentions)),
           "part": e.evidence.part, "parts": "+".join(m.part for m in e.mentions),
           "place": e.location.name if e.location else "",
           "recipient": ",".join(a.country or "" for a in e.recipient)}[key]
    assert got == value, f"{key}: {got} != {value} ({e.evidence.rule})"


@pytest.mark.parametrize("number,cells", ROWS, ids=[f"assembly.tsv:{n}" for n, _ in ROWS])
def test_assembly(number: int, cells: list[str]) -> None:
    text, published, type_, checks = cells
    events = [e for e in newsevents.process(text.replace("\\n", "\n"), published=published)
              if e.type == type_]
    for item in checks.split(";"):
        key, _, value = item.partition("=")
        _check(events, key, value)
