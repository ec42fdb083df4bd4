"""Agreement between two annotators who coded the same articles: the ceiling for the coder.

The second annotator's events are scored as if they were predictions against the first's gold,
with the matching of ``eval`` (:mod:`.scoring`): event F1, then, on events paired by evidence
alone, how often the two agree on the PLOVER type and the ACLED sub-event type.

    python -m newsevents.evaluation.agreement FIRST.gold.jsonl SECOND.gold.jsonl [...]

Several first files may be given (the second annotator's articles can be spread over them).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from ..errors import DocumentRejected
from ..extract import extract
from ..options import load_options
from ..records import RawDocument
from .gold import GoldDoc, read_gold
from .realnews import loose_pairs
from .scoring import _fold, locate, match_document, prf


def _as_prediction(event: dict[str, Any], body: str) -> dict[str, Any]:
    sentence = (event.get("evidence") or {}).get("sentence") or ""
    span = locate(sentence, body)
    evidence = {"sentence": sentence}
    if span:
        evidence.update(start=span[0], end=span[1])
    return {**event, "evidence": evidence}


def _body(doc: GoldDoc) -> str:
    if not isinstance(doc.raw, RawDocument):
        return ""
    try:
        return extract(doc.raw, load_options(), None).body
    except DocumentRejected:
        return ""


def agreement(first: list[GoldDoc], second: list[GoldDoc]) -> dict[str, Any]:
    by_id = {d.id: d for d in first}
    shared = [d for d in second if d.id in by_id]
    n: Counter[str] = Counter()
    for doc in shared:
        _compare(by_id[doc.id], doc, n)
    return {
        "documents": len(shared),
        "events_first": n["gold"],
        "events_second": n["predicted"],
        "event": prf(n["matched"], n["predicted"], n["gold"]),
        "type_agreement": round(n["same_type"] / n["loose"], 4) if n["loose"] else 0.0,
        "acled_agreement": (round(n["same_acled"] / n["acled_judged"], 4)
                            if n["acled_judged"] else 0.0),
        "paired_by_evidence": n["loose"],
    }


def _compare(reference: GoldDoc, doc: GoldDoc, n: Counter[str]) -> None:
    """Counts of one document coded twice: the first coder's events are the gold."""
    body = _body(reference)
    golds = [g for g in reference.events if not g.get("optional")]
    preds = [_as_prediction(e, body) for e in doc.events if not e.get("optional")]
    score = match_document(preds, golds, body)
    n["matched"] += len(score.pairs)
    n["predicted"] += len(preds)
    n["gold"] += len(golds)
    for pi, gi in loose_pairs(preds, golds, body):
        n["loose"] += 1
        n["same_type"] += _fold(preds[pi].get("type")) == _fold(golds[gi].get("type"))
        gold_sub = (golds[gi].get("acled") or {}).get("sub_event_type")
        pred_sub = (preds[pi].get("acled") or {}).get("sub_event_type")
        if gold_sub or pred_sub:
            n["acled_judged"] += 1
            n["same_acled"] += _fold(gold_sub) == _fold(pred_sub)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("first", type=Path, nargs="+")
    parser.add_argument("second", type=Path)
    args = parser.parse_args(argv)
    first = [d for path in args.first for d in read_gold(path)]
    print(json.dumps(agreement(first, list(read_gold(args.second))), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["agreement"]
