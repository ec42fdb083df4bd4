"""The short-report gold sets (examples/gold/notes-*.gold.jsonl) are well formed: every line
parses, evidence is an exact substring of its text, labels and ACLED pairs are ACLED's, the first
event carries the document label, and places, days and tolls have the gold format's shape."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from newsevents.coder.tables import load_tables

GOLD = Path(__file__).resolve().parents[1] / "examples" / "gold"
FILES = sorted(GOLD.glob("notes-*.gold.jsonl"))
PRECISIONS = {"point", "city", "admin2", "admin1", "country"}


def _docs() -> list[tuple[str, dict]]:
    return [(f"{path.name}:{n}", json.loads(line)) for path in FILES
            for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if line.strip()]


DOCS = _docs()


def test_three_sets_of_reports() -> None:
    assert {p.name for p in FILES} == {"notes-monitor.gold.jsonl", "notes-agency.gold.jsonl",
                                      "notes-heldout.gold.jsonl"}
    assert len(DOCS) >= 120
    for path in FILES:  # ids are unique within a file (the eval report refers to them)
        ids = [w for w, _ in DOCS if w.startswith(path.name)]
        assert len({d["id"] for w, d in DOCS if w in ids}) == len(ids)


@pytest.mark.parametrize("where,doc", DOCS, ids=[w for w, _ in DOCS])
def test_document(where: str, doc: dict) -> None:
    pairs = set(load_tables().acled.values())
    subtypes = {sub for _, sub in pairs}
    assert doc["label"] in subtypes | {"none"}
    dt.date.fromisoformat(doc["published"])
    events = [e for e in doc["events"]]
    if doc["label"] == "none":
        assert not [e for e in events if not e.get("optional")]
    else:
        assert events[0]["acled"]["sub_event_type"] == doc["label"]
    for e in events:
        assert (e["acled"]["event_type"], e["acled"]["sub_event_type"]) in pairs
        assert e["evidence"]["sentence"] in doc["text"]
        loc = e.get("location")
        if loc:
            assert loc["precision"] in PRECISIONS and len(loc["country"]) == 3
            if loc["precision"] in ("city", "point"):
                assert -90 <= loc["lat"] <= 90 and -180 <= loc["lon"] <= 180
        if e.get("date"):
            dt.date.fromisoformat(e["date"]["start"])
        for key, value in (e.get("fatalities") or {}).items():
            assert key in ("killed", "injured") and isinstance(value, int) and value >= 0
