"""Document-level scores for gold files coded from real news (``examples/gold/realnews-*``).

The plain report (:func:`.runner.summarise`) matches events strictly (same type, intersecting
actor countries, overlapping evidence). Real-news gold says more, and these scores read it:

- ``non_events``: sentences a coder is tempted by, with a cause. A prediction on one of them is a
  false positive of that cause; a prediction marked ``historical`` on a ``background`` sentence is
  set aside (the coder got it right: background is kept out of counts by default).
- ``mentions``: every other sentence that tells the same happening. An unmatched prediction on a
  matched happening's evidence or mentions is a duplicate.
- ``lead``: the happening is told in the headline, standfirst or first paragraph.
- Type and ACLED accuracy are read on a loose matching (evidence overlap alone), so that a wrong
  type still pairs with its gold event.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from .outcome import DocOutcome
from .scoring import _CREDIT, _evidence_overlap, _fold, location_agrees

# A prediction "is on" a sentence when it covers this much of it (or shares 60 % of its words
# where the sentence is not in the body, e.g. a headline).
ON_SENTENCE = 0.5
ALL_FIELDS = ("type", "actor", "recipient", "location", "date")


def _on(pred: dict[str, Any], sentence: str | None, body: str) -> bool:
    if not sentence:
        return False
    return _evidence_overlap(pred, {"evidence": {"sentence": sentence}}, body) >= ON_SENTENCE


def _gold_sentences(gold: dict[str, Any]) -> list[str]:
    first = (gold.get("evidence") or {}).get("sentence")
    return [s for s in (first, *(gold.get("mentions") or ())) if s]


def _historical(pred: dict[str, Any]) -> bool:
    return pred.get("modality") == "historical"


def loose_pairs(preds: Sequence[dict[str, Any]], golds: Sequence[dict[str, Any]],
                body: str) -> list[tuple[int, int]]:
    """One-to-one pairs by evidence overlap alone (any type), best overlap first."""
    cands = []
    for pi, pred in enumerate(preds):
        for gi, gold in enumerate(golds):
            best = max((_evidence_overlap(pred, {"evidence": {"sentence": s}}, body)
                        for s in _gold_sentences(gold)), default=0.0)
            if best >= ON_SENTENCE:
                same = _fold(pred.get("type")) == _fold(gold.get("type"))
                cands.append((-round(best, 3), not same, pi, gi))
    cands.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _o, _s, pi, gi in cands:
        if pi not in used_p and gi not in used_g:
            used_p.add(pi)
            used_g.add(gi)
            pairs.append((pi, gi))
    return pairs


class _Tally:
    """Sums by name: counts, and credit that can be a fraction."""

    def __init__(self) -> None:
        self._sums: dict[str, float] = {}

    def add(self, key: str, value: float = 1.0) -> None:
        self._sums[key] = self._sums.get(key, 0) + value

    def __getitem__(self, key: str) -> float:
        return self._sums.get(key, 0)

    def ratio(self, num: str, den: str) -> float:
        return round(self[num] / self[den], 4) if self[den] else 0.0


def realnews_report(outcomes: Sequence[DocOutcome]) -> dict[str, Any]:
    t = _Tally()
    causes: Counter[str] = Counter()
    for out in outcomes:
        body = out.result.article.body if out.result.article else ""
        _score_document(out, body, t, causes)
    counted = t["predicted"] - t["set_aside"]
    precision = round(t["matched_pred"] / counted, 4) if counted else 0.0
    recall = t.ratio("matched_req", "gold_req")
    return {
        "documents": len(outcomes),
        "gold_events": int(t["gold_req"]),
        "predicted": int(t["predicted"]),
        "predicted_background_marked": int(t["set_aside"]),
        "event_precision": precision,
        "event_recall": recall,
        "event_f1": round(2 * precision * recall / (precision + recall), 4)
        if precision + recall else 0.0,
        "type_accuracy": t.ratio("type_ok", "loose"),
        "acled_accuracy": t.ratio("acled_ok", "loose_acled"),
        "duplicate_share": round(t["duplicate"] / counted, 4) if counted else 0.0,
        "background_share": round(t["background_current"] / counted, 4) if counted else 0.0,
        # the same errors per article: a share rises when other false positives go (its
        # denominator shrinks), these only when duplicates or background coded as news are added
        "duplicates_per_article": round(t["duplicate"] / len(outcomes), 4) if outcomes else 0.0,
        "background_per_article": round(t["background_current"] / len(outcomes), 4)
        if outcomes else 0.0,
        "location_accuracy": t.ratio("location", "pairs"),
        "date_accuracy": t.ratio("date", "pairs"),
        "actor_country_accuracy": t.ratio("actor", "pairs"),
        "recipient_country_accuracy": t.ratio("recipient", "pairs"),
        "all_fields_accuracy": t.ratio("all_fields", "pairs"),
        # the same over every required gold event: a match added with a wrong field lowers
        # the rate above, not this share
        "all_fields_per_gold": t.ratio("all_fields_req", "gold_req"),
        "lead_recall": t.ratio("lead_found", "lead"),
        "false_positives_by_cause": dict(sorted(causes.items())),
    }


def _score_document(out: DocOutcome, body: str, t: _Tally, causes: Counter[str]) -> None:
    _count_events(out, t)
    _count_leads(out, t)
    _score_pairs(out, t)
    _score_loose_pairs(out, body, t)
    _score_unmatched(out, body, t, causes)


def _count_events(out: DocOutcome, t: _Tally) -> None:
    golds = out.gold.events
    t.add("predicted", len(out.predictions))
    t.add("gold_req", sum(1 for g in golds if not g.get("optional")))
    t.add("matched_req", sum(1 for _, gi in out.pairs if not golds[gi].get("optional")))


def _count_leads(out: DocOutcome, t: _Tally) -> None:
    matched_g = {gi for _, gi in out.pairs}
    for gi, gold in enumerate(out.gold.events):
        if gold.get("lead") and not gold.get("optional"):
            t.add("lead")
            t.add("lead_found", gi in matched_g)


def _score_pairs(out: DocOutcome, t: _Tally) -> None:
    """Field credit on the strict pairs."""
    for pi, gi in out.pairs:
        pred, gold = out.predictions[pi], out.gold.events[gi]
        t.add("pairs")
        ok = True
        for name in ("actor", "recipient", "date"):
            credit = _CREDIT[name](pred.get(name), gold.get(name))
            t.add(name, credit)
            ok = ok and credit == 1.0
        place_ok = location_agrees(pred.get("location"), gold.get("location"))
        t.add("location", place_ok)
        t.add("all_fields", ok and place_ok)
        t.add("all_fields_req", ok and place_ok and not gold.get("optional"))


def _score_loose_pairs(out: DocOutcome, body: str, t: _Tally) -> None:
    """Type and ACLED sub-event type on the pairs by evidence overlap alone."""
    preds, golds = out.predictions, out.gold.events
    for pi, gi in loose_pairs(preds, golds, body):
        pred, gold = preds[pi], golds[gi]
        t.add("loose")
        t.add("type_ok", _fold(pred.get("type")) == _fold(gold.get("type")))
        gold_sub = (gold.get("acled") or {}).get("sub_event_type")
        if gold_sub:
            t.add("loose_acled")
            t.add("acled_ok", _fold((pred.get("acled") or {}).get("sub_event_type"))
                  == _fold(gold_sub))


def _score_unmatched(out: DocOutcome, body: str, t: _Tally, causes: Counter[str]) -> None:
    """Each prediction without a gold event: set aside, a duplicate, or a false positive of the
    cause of the non-event it is on."""
    matched_p = {pi for pi, _ in out.pairs}
    for pi, pred in enumerate(out.predictions):
        if pi in matched_p:
            continue
        on_cause = next((n.get("cause") or "other" for n in out.gold.non_events
                         if _on(pred, n["sentence"], body)), None)
        if on_cause == "background" and _historical(pred):
            t.add("set_aside")
        elif _is_duplicate(out, pred, body):
            t.add("duplicate")
        elif on_cause is not None:
            causes[on_cause] += 1
            if on_cause == "background":
                t.add("background_current")
    t.add("matched_pred", len(matched_p))


def _is_duplicate(out: DocOutcome, pred: dict[str, Any], body: str) -> bool:
    """The prediction is on a sentence that tells a matched gold event of its type."""
    golds = out.gold.events
    matched_g = {gi for _, gi in out.pairs}
    return any(gi in matched_g and _fold(pred.get("type")) == _fold(golds[gi].get("type"))
               and any(_on(pred, s, body) for s in _gold_sentences(golds[gi]))
               for gi in range(len(golds)))


__all__ = ["loose_pairs", "realnews_report"]
