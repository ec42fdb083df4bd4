"""The real-news gold sets we tune on (examples/gold/realnews-dev and realnews-fresh) are well
formed: every event gives every field, with PLOVER's types and modes, ACLED's pairs and the gold
format's places, days and tolls; tempting sentences name a known cause; and no page is coded in
two splits (the test split is only read for its ids and page paths)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from newsevents.coder.tables import load_tables

GOLD = Path(__file__).resolve().parents[1] / "examples" / "gold"
TUNED = ("realnews-dev.gold.jsonl", "realnews-fresh.gold.jsonl")
SPLITS = (*TUNED, "realnews-test.gold.jsonl")
FIELDS = ("type", "mode", "acled", "actor", "recipient", "location", "date", "fatalities",
          "attribution", "modality", "evidence", "mentions", "lead", "optional")
CAUSES = {"background", "generic", "wish", "clutter", "misread", "not_event", "opinion"}
MODALITIES = {"factual", "historical", "future", "hypothetical", "negated"}
STANCES = {"reported", "claimed", "denied", "disputed", "unconfirmed"}
PRECISIONS = {"point", "city", "admin2", "admin1", "country"}
DATE_PRECISIONS = {"day", "week", "month", "year", "unknown"}
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def _lines(name: str) -> list[dict]:
    path = GOLD / name
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


DOCS = [(f"{name}:{doc['id']}", doc) for name in TUNED for doc in _lines(name)]


def test_no_page_is_coded_in_two_splits() -> None:
    ids: list[str] = []
    sources: list[str] = []
    for name in SPLITS:
        for doc in _lines(name):
            ids.append(doc["id"])
            sources.append(doc["source"])
            assert doc["source"].startswith("../../../shared/evaldata/extraction/")
    assert len(set(ids)) == len(ids)
    assert len(set(sources)) == len(sources)


def test_the_fresh_split_is_a_set_of_its_own() -> None:
    fresh = _lines("realnews-fresh.gold.jsonl")
    assert len(fresh) >= 25
    assert len({doc["annotator"] for doc in fresh}) >= 4
    assert sum(not e["optional"] for doc in fresh for e in doc["events"]) >= 100


def _check_event(e: dict, pairs: set[tuple[str, str]]) -> None:
    assert set(FIELDS) <= set(e)
    assert e["type"] in PLOVER
    assert e["mode"] is None or (e["mode"].islower() and " " not in e["mode"])
    if e["acled"] is not None:
        assert (e["acled"]["event_type"], e["acled"]["sub_event_type"]) in pairs
    for party in (*e["actor"], *e["recipient"]):
        assert party["country"] is None or len(party["country"]) == 3
    loc = e["location"]
    if loc is not None:
        assert loc["precision"] in PRECISIONS and len(loc["country"]) == 3
    date = e["date"]
    assert date["precision"] in DATE_PRECISIONS
    if date["start"] is not None:
        assert dt.date.fromisoformat(date["start"]) <= dt.date.fromisoformat(date["end"])
    for value in (e["fatalities"] or {}).values():
        assert value is None or (isinstance(value, int) and value >= 0)
    assert e["attribution"]["stance"] in STANCES
    assert e["modality"] in MODALITIES
    assert e["evidence"]["sentence"] and all(isinstance(m, str) and m for m in e["mentions"])


@pytest.mark.parametrize("where,doc", DOCS, ids=[w for w, _ in DOCS])
def test_document(where: str, doc: dict) -> None:
    pairs = set(load_tables().acled.values())
    assert doc["label"] in {sub for _, sub in pairs} | {"none"}
    dt.datetime.fromisoformat(doc["published"])
    for e in doc["events"]:
        _check_event(e, pairs)
    for n in doc["non_events"]:
        assert n["sentence"] and n["cause"] in CAUSES
