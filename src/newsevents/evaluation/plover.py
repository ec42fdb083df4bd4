"""The PLOVER gold-standard records (shared/evaldata/plover-gsr) as gold documents, and the
sentence-level PLOVER metrics.

The records are read at run time from the shared folder, never copied into the repository. Each
record is one coded wire sentence: one gold event with its type, mode and the countries of its
source and target actors.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import GoldFileError
from .gold import GoldDoc, gold_doc_from_dict
from .outcome import DocOutcome
from .scoring import countries_of, set_f1

# Names of PLOVER 0.5 that later versions renamed or folded into a mode.
OLD_TYPES: dict[str, tuple[str, str | None]] = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", None),
}
# CAMEO country codes in the records that are not ISO 3166-1 alpha-3 (the pipeline codes ISO).
OLD_CODES: dict[str, str] = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}


def _actor(entry: dict[str, Any]) -> dict[str, Any]:
    code = str(entry.get("code") or "")
    country_code, _, sector_code = code.partition("/")
    country = OLD_CODES.get(country_code.upper(), country_code.upper()) or None
    sector: str | None = sector_code or entry.get("sector")
    if sector and (not sector[:3].isalpha() or sector == "***"):
        sector = None
    return {"text": entry.get("actorText"), "country": country,
            "sector": sector[:3].upper() if sector else None}


def record_to_gold(record: dict[str, Any]) -> dict[str, Any]:
    """One PLOVER record -> one gold line of shared/spec/EVENTS.md."""
    type_, mode = OLD_TYPES.get(record["event"], (record["event"], None))
    event: dict[str, Any] = {"type": type_}
    if record.get("mode") or mode:
        event["mode"] = record.get("mode") or mode
    sources = record.get("source") if isinstance(record.get("source"), list) else []
    targets = record.get("target") if isinstance(record.get("target"), list) else []
    if sources:
        event["actor"] = [_actor(a) for a in sources]
    if targets:
        event["recipient"] = [_actor(a) for a in targets]
    return {"id": record["id"], "text": record["text"], "published": None, "events": [event]}


def load_plover(path: str | Path) -> list[GoldDoc]:
    path = Path(path)
    try:
        records = json.loads(path.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GoldFileError(f"cannot read PLOVER records {path}: {exc}") from exc
    docs = []
    for number, record in enumerate(records, start=1):
        if record.get("event") == "DOCUMENT":
            continue
        docs.append(gold_doc_from_dict(record_to_gold(record), base=path.parent,
                                       where=f"{path}#{number}", line=number))
    return docs


def _chosen(out: DocOutcome) -> dict[str, Any] | None:
    """The prediction judged for a sentence: the most salient event of the gold type, else the
    most salient event."""
    if not out.predictions:
        return None
    gold_type = out.gold.events[0]["type"]
    ranked = sorted(out.predictions, key=lambda e: -float(e.get("salience") or 0.0))
    same = [e for e in ranked if e.get("type") == gold_type]
    return (same or ranked)[0]


def plover_metrics(outcomes: list[DocOutcome]) -> dict[str, float]:
    """Type accuracy of the most salient event, and actor / recipient country credit (set F1 of
    the countries) of the event judged, over the sentences whose gold gives countries."""
    type_hits = 0
    actor: list[float] = []
    recipient: list[float] = []
    for out in outcomes:
        gold = out.gold.events[0]
        ranked = sorted(out.predictions, key=lambda e: -float(e.get("salience") or 0.0))
        type_hits += bool(ranked) and ranked[0].get("type") == gold["type"]
        chosen = _chosen(out) or {}
        for role, bucket in (("actor", actor), ("recipient", recipient)):
            gold_c = countries_of(gold.get(role))
            if gold_c:
                bucket.append(set_f1(countries_of(chosen.get(role)), gold_c))
    n = len(outcomes)
    return {
        "plover_type_accuracy": round(type_hits / n, 4) if n else 0.0,
        "plover_event_actor_country_accuracy": round(sum(actor) / len(actor), 4) if actor else 0.0,
        "plover_recipient_country_accuracy":
            round(sum(recipient) / len(recipient), 4) if recipient else 0.0,
    }
