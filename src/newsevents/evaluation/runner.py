"""Run the pipeline over gold documents and score the result (the `newsevents eval` command)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..ingest.published import read_published
from ..options import Options
from ..pipeline import process_documents
from ..records import RawDocument, Rejected
from .gold import GoldDoc
from .outcome import DocOutcome
from .realnews import realnews_report
from .scoring import FIELDS, check_article, match_document, score_fields, score_labels


def _with_published(doc: GoldDoc) -> RawDocument | Rejected:
    """The gold's publication time is the base for relative dates when the input gives none."""
    raw = doc.raw
    if isinstance(raw, RawDocument) and doc.published and not raw.published:
        # read as the input's own date would be: a date the stages cannot use stays out
        date = read_published(doc.published)
        if date.iso is not None:
            return dataclasses.replace(raw, published=date.iso)
    return raw


def run_gold(docs: Iterable[GoldDoc], opts: Options,
             progress: Callable[[int], None] | None = None) -> list[DocOutcome]:
    from ..coder import document_label

    docs = list(docs)
    outcomes: list[DocOutcome] = []
    results = process_documents((_with_published(d) for d in docs), opts)
    for doc, result in zip(docs, results, strict=True):
        preds = [e.to_dict() for e in result.events]
        body = result.article.body if result.article else ""
        score = match_document(preds, doc.events, body)
        outcomes.append(DocOutcome(doc, result, document_label(list(result.events)), preds,
                                   score.pairs))
        if progress:
            progress(1)
    return outcomes


def summarise(outcomes: list[DocOutcome]) -> dict[str, Any]:
    """The report: event detection, per-field scores, labels and extraction checks."""
    report: dict[str, Any] = {
        "documents": len(outcomes),
        "rejected": _rejected(outcomes),
        "events": _event_scores(outcomes),
        **_field_scores(outcomes),
    }
    labels = [(out.label, out.gold.label) for out in outcomes if out.gold.label is not None]
    if labels:
        report["labels"] = score_labels(labels)
    if any(o.gold.non_events or any("lead" in g for g in o.gold.events) for o in outcomes):
        report["realnews"] = realnews_report(outcomes)
    checks = _article_checks(outcomes)
    if checks["checks"]:
        report["article"] = checks
    return report


def _rejected(outcomes: list[DocOutcome]) -> dict[str, int]:
    """Rejected documents by reason, in the order the reasons first occur."""
    rejected: dict[str, int] = {}
    for out in outcomes:
        if out.result.rejected:
            reason = out.result.rejected.reason
            rejected[reason] = rejected.get(reason, 0) + 1
    return rejected


def _event_scores(outcomes: list[DocOutcome]) -> dict[str, Any]:
    """Event detection. Precision counts predictions matched to optional gold as correct; recall
    counts required gold only."""
    gold_required = gold_optional = predicted = matched_required = matched_predicted = 0
    for out in outcomes:
        golds = out.gold.events
        gold_required += sum(1 for g in golds if not g.get("optional"))
        gold_optional += sum(1 for g in golds if g.get("optional"))
        predicted += len(out.predictions)
        matched_predicted += len(out.pairs)
        matched_required += sum(1 for _, gi in out.pairs if not golds[gi].get("optional"))
    p = matched_predicted / predicted if predicted else 0.0
    r = matched_required / gold_required if gold_required else 0.0
    return {
        "gold": gold_required, "gold_optional": gold_optional, "predicted": predicted,
        "matched": matched_predicted, "precision": round(p, 4), "recall": round(r, 4),
        "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
    }


def _field_scores(outcomes: list[DocOutcome]) -> dict[str, Any]:
    """Per-field scores over the matched pairs, and the credit share over all fields."""
    tallies = score_fields([(out.predictions[pi], out.gold.events[gi])
                            for out in outcomes for pi, gi in out.pairs])
    credit = sum(t.credit for t in tallies.values())
    judged = sum(t.judged for t in tallies.values())
    return {"fields": {name: tallies[name].as_dict() for name in FIELDS if tallies[name].judged},
            "field_accuracy": round(credit / judged, 4) if judged else 0.0}


def fields_per_gold(outcomes: Sequence[DocOutcome], names: Sequence[str]) -> dict[str, float]:
    """Each field's credit on the matched pairs over every required gold event that judges it,
    matched or not: the share of the gold coded with that field right. Unlike the per-pair
    scores it does not fall when a match is added whose field is wrong (a per-pair rate does:
    its denominator grows), and it rises with every match whose field is right."""
    tallies = score_fields([(o.predictions[pi], o.gold.events[gi]) for o in outcomes
                            for pi, gi in o.pairs if not o.gold.events[gi].get("optional")])
    out: dict[str, float] = {}
    for name in names:
        judged = sum(1 for o in outcomes for g in o.gold.events
                     if name in g and not g.get("optional"))
        out[name] = round(tallies[name].credit / judged, 4) if judged else 0.0
    return out


def _article_checks(outcomes: list[DocOutcome]) -> dict[str, Any]:
    """The extraction checks of the gold files that give an article."""
    total = passed = 0
    failed: list[str] = []
    for out in outcomes:
        if not out.gold.article:
            continue
        article = out.result.article.to_dict() if out.result.article else None
        for name, ok in check_article(article, out.gold.article).items():
            total += 1
            passed += ok
            if not ok:
                failed.append(f"{out.gold.id}: {name}")
    return {"checks": total, "passed": passed,
            "accuracy": round(passed / total, 4) if total else 0.0, "failed": failed}


__all__ = ["DocOutcome", "fields_per_gold", "run_gold", "summarise"]
