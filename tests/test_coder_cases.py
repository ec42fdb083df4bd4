"""Data-driven trigger tests: every row of data/coder/cases.tsv runs through the coder, and
every row of data/coder/triggers.tsv must be exercised by at least one passing case."""

from __future__ import annotations

import functools
import re

import pytest

from newsevents import lexicon
from newsevents.coder.engine import code_article
from newsevents.coder.tables import load_tables
from newsevents.records import Event
from test_coder_support import article, mentions_from_spec, nlp


def _cases() -> list[tuple[int, list[str]]]:
    """(line, cells) of every case; the lexicon checks the header and the six cells."""
    return [(row.line, list(row.fields)) for row in lexicon.rows("cases.tsv")]


CASES = _cases()


@functools.cache
def _run(sentence: str, spec: str) -> tuple[Event, ...]:
    art = article(sentence)
    return tuple(code_article(nlp()(sentence), art, mentions_from_spec(sentence, spec), {}))


def _countries(actors: object) -> set[str]:
    return {a.country for a in actors if a.country}  # type: ignore[attr-defined]


def _extra_ok(e: Event, key: str, value: str) -> bool:
    if key == "mode":
        return e.mode == value
    if key == "acled":
        return e.acled is not None and e.acled.sub_event_type == value
    if key == "modality":
        return e.modality == value
    if key == "stance":
        return e.attribution.stance == value
    if key == "source":
        return (e.attribution.source or "") == value
    if key == "place":
        return e.location is not None and value in f"{e.location.name} {e.location.admin1}"
    if key == "rule":
        return value in e.evidence.rule
    if key in ("killed", "injured"):
        return e.fatalities is not None and str(getattr(e.fatalities, key)) == value
    if key == "date":  # the first day of the event's date
        return (e.date.start or "-") == value
    if key == "sector":  # a sector among the actors
        return value in {a.sector for a in e.actor}
    if key == "rsector":  # a sector among the recipients
        return value in {a.sector for a in e.recipient}
    if key == "contexts":  # a context among the event's
        return value in e.contexts
    raise AssertionError(f"unknown check {key!r}")


def matching(events: tuple[Event, ...], type_: str, actor: str, recipient: str,
             extra: str) -> list[Event]:
    out = []
    for e in events:
        if e.type != type_:
            continue
        if (actor == "0" and e.actor) or (recipient == "0" and e.recipient):
            continue
        if actor not in ("-", "0") and not set(actor.split(",")) <= _countries(e.actor):
            continue
        if recipient not in ("-", "0") and not set(recipient.split(",")) <= _countries(e.recipient):
            continue
        checks = [kv.split("=", 1) for kv in extra.split(";") if kv and kv != "-"]
        if all(_extra_ok(e, k, v) for k, v in checks):
            out.append(e)
    return out


@pytest.mark.parametrize("number,cells", CASES, ids=[f"cases.tsv:{n}" for n, _ in CASES])
def test_case(number: int, cells: list[str]) -> None:
    sentence, spec, type_, actor, recipient, extra = cells
    events = _run(sentence, spec)
    if type_ == "NONE":
        assert events == (), f"expected no event, got {[(e.type, e.evidence.trigger) for e in events]}"
        return
    found = matching(events, type_, actor, recipient, extra)
    assert found, "got " + "; ".join(
        f"{e.type}/{e.mode}/{e.acled and e.acled.sub_event_type} A={_countries(e.actor)} "
        f"R={_countries(e.recipient)} {e.modality} {e.attribution.stance} "
        f"trig={e.evidence.trigger} {e.evidence.rule}" for e in events)


def test_every_trigger_row_has_a_passing_case() -> None:
    fired: set[str] = set()
    for _number, (sentence, spec, type_, actor, recipient, extra) in CASES:
        if type_ == "NONE":
            continue
        for e in matching(_run(sentence, spec), type_, actor, recipient, extra):
            fired.update(re.findall(r"triggers\.tsv:\d+", e.evidence.rule))
    rows = {r.rule for rows in load_tables().triggers.values() for r in rows}
    missing = sorted(rows - fired, key=lambda r: int(r.split(":")[1]))
    assert not missing, f"trigger rows without a passing case: {missing}"


def test_no_duplicate_trigger_rows() -> None:
    seen: set[tuple[str, str, tuple[str, ...]]] = set()
    for rows in load_tables().triggers.values():
        for r in rows:
            key = (r.lemma, r.pos, r.when)
            assert key not in seen, f"duplicate row {r.rule}"
            seen.add(key)
