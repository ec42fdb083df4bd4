"""Scoring predicted events against gold events, as shared/spec/EVENTS.md ("Scoring") defines it.

Pure functions over plain dicts (the JSON shape of records), so any predictions file can be scored.

Field credit is a number in [0, 1] for each matched pair and each field the gold gives; a field's
precision is its credit over the pairs where the prediction gives a value, its recall the credit
over the pairs where the gold gives one. ``field_accuracy`` is the credit over all judged fields.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..geo import haversine_km

FIELDS: tuple[str, ...] = (
    "type", "mode", "contexts", "acled", "actor", "recipient", "location", "date",
    "quantities", "fatalities", "attribution", "modality",
)
NEAR_KM = 25.0  # places of city/point precision match within this distance (EVENTS.md)


# --------------------------------------------------------------------------- text helpers

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-",
                         "\u2013": "-"})


def _norm_char(ch: str) -> str:
    return ch.translate(_QUOTES).casefold()


def _normalised(text: str) -> tuple[str, list[int]]:
    """Casefolded text with quotes unified and whitespace runs collapsed, plus a map from each
    normalised character back to its offset in ``text``."""
    out: list[str] = []
    where: list[int] = []
    space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not space and out:
                out.append(" ")
                where.append(i)
            space = True
            continue
        space = False
        for c in _norm_char(ch):
            out.append(c)
            where.append(i)
    return "".join(out), where


def locate(snippet: str, body: str) -> tuple[int, int] | None:
    """Character span of ``snippet`` in ``body``, tolerant of quote style, case and spacing."""
    if not snippet.strip():
        return None
    start = body.find(snippet)
    if start >= 0:
        return start, start + len(snippet)
    norm_body, where = _normalised(body)
    norm_snip, _ = _normalised(snippet.strip())
    at = norm_body.find(norm_snip) if norm_snip else -1
    if at < 0:
        return None
    return where[at], where[at + len(norm_snip) - 1] + 1


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", _normalised(text)[0]))


def _fold(value: Any) -> Any:
    return value.casefold().strip() if isinstance(value, str) else value


# --------------------------------------------------------------------------- field credit


def countries_of(actors: Sequence[dict[str, Any]] | None) -> set[str]:
    return {a["country"].upper() for a in actors or () if a.get("country")}


def set_f1(pred: set[Any], gold: set[Any]) -> float:
    if not pred and not gold:
        return 1.0
    if not pred or not gold:
        return 0.0
    hit = len(pred & gold)
    return 2 * hit / (len(pred) + len(gold))


def _actors_credit(pred: Any, gold: Any) -> float:
    gold_c, pred_c = countries_of(gold), countries_of(pred)
    if gold_c:
        return set_f1(pred_c, gold_c)
    if not gold:
        return 1.0 if not pred else 0.0
    # Gold actors without a country ("Western leaders"): judge the sectors instead.
    gold_s = {_fold(a.get("sector")) for a in gold if a.get("sector")}
    pred_s = {_fold(a.get("sector")) for a in pred or () if a.get("sector")}
    return set_f1(pred_s, gold_s) if gold_s else 1.0


def _admin_key(name: str | None) -> str:
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"\b(oblast|krai|kray|region|province|governorate|state|district|republic of|"
                  r"city|prefecture|county|department|of)\b", " ", text)
    return re.sub(r"[^a-z]+", "", text)


def location_agrees(pred: dict[str, Any] | None, gold: dict[str, Any] | None) -> bool:
    if not gold:
        return not pred
    if not pred:
        return False
    if gold.get("country") and _fold(gold["country"]) != _fold(pred.get("country")):
        return False
    precision = gold.get("precision")
    if gold.get("admin1") and _admin_key(gold["admin1"]) != _admin_key(pred.get("admin1")):
        return False
    if precision in ("city", "point") and gold.get("lat") is not None:
        if pred.get("lat") is None or pred.get("lon") is None:
            return False
        return haversine_km(gold["lat"], gold["lon"], pred["lat"], pred["lon"]) <= NEAR_KM
    if precision == "country":
        return pred.get("precision") == "country"
    if precision == "admin1":
        return pred.get("precision") == "admin1"
    return True


def _date_credit(pred: Any, gold: Any) -> float:
    if not gold or not gold.get("start"):
        return 1.0 if not pred or not pred.get("start") else 0.0
    if not pred:
        return 0.0
    ok = pred.get("start") == gold["start"]
    if gold.get("end"):
        ok = ok and pred.get("end") == gold["end"]
    return 1.0 if ok else 0.0


def _quantity_key(q: dict[str, Any]) -> tuple[Any, ...]:
    return (_fold(q.get("item")), _fold(q.get("status")), q.get("count"))


def _quantities_credit(pred: Any, gold: Any) -> float:
    return set_f1({_quantity_key(q) for q in pred or ()}, {_quantity_key(q) for q in gold or ()})


def _fatalities_credit(pred: Any, gold: Any) -> float:
    if not gold:
        return 1.0 if not pred else 0.0
    if not pred:
        return 0.0
    keys = [k for k in ("killed", "injured") if k in gold]
    return sum(pred.get(k) == gold[k] for k in keys) / len(keys) if keys else 1.0


def _attribution_credit(pred: Any, gold: Any) -> float:
    pred = pred or {}
    parts = [_fold(pred.get("stance") or "reported") == _fold(gold.get("stance") or "reported")]
    gold_country = (gold.get("source_actor") or {}).get("country")
    if gold_country:
        parts.append(_fold((pred.get("source_actor") or {}).get("country")) == _fold(gold_country))
    return sum(parts) / len(parts)


def _acled_credit(pred: Any, gold: Any) -> float:
    if not gold:
        return 1.0 if not pred else 0.0
    if not pred:
        return 0.0
    return 1.0 if _fold(pred.get("sub_event_type")) == _fold(gold.get("sub_event_type")) else 0.0


def _equal_credit(pred: Any, gold: Any) -> float:
    return 1.0 if _fold(pred) == _fold(gold) else 0.0


_CREDIT: dict[str, Callable[[Any, Any], float]] = {
    "type": _equal_credit,
    "mode": _equal_credit,
    "modality": _equal_credit,
    "contexts": lambda p, g: set_f1({_fold(x) for x in p or ()}, {_fold(x) for x in g or ()}),
    "acled": _acled_credit,
    "actor": _actors_credit,
    "recipient": _actors_credit,
    "location": lambda p, g: 1.0 if location_agrees(p, g) else 0.0,
    "date": _date_credit,
    "quantities": _quantities_credit,
    "fatalities": _fatalities_credit,
    "attribution": _attribution_credit,
}


def _given(value: Any) -> bool:
    return value not in (None, "", [], {}, ())


# --------------------------------------------------------------------------- matching


@dataclass
class DocScore:
    """Matching of one document's predictions to its gold events."""

    pairs: list[tuple[int, int]] = field(default_factory=list)  # (pred index, gold index)
    gold_required: int = 0
    gold_optional: int = 0
    predicted: int = 0
    matched_required: int = 0
    matched_predicted: int = 0


def _evidence_overlap(pred: dict[str, Any], gold: dict[str, Any], body: str) -> float:
    """How much of the gold evidence the prediction's evidence covers (0 when none, 1 when all);
    1 when the gold gives no evidence."""
    snippet = (gold.get("evidence") or {}).get("sentence")
    if not snippet:
        return 1.0
    ev = pred.get("evidence") or {}
    span = locate(snippet, body) if body else None
    in_body = (ev.get("part") or "body") == "body"  # a headline's offsets are not body offsets
    if span and in_body and ev.get("end") is not None:
        inter = min(span[1], ev["end"]) - max(span[0], ev.get("start", 0))
        return max(0.0, inter / max(1, span[1] - span[0]))
    if span and not in_body:
        return 0.0  # the gold tells it in a body sentence, the prediction in the headline
    gold_words = _words(snippet)
    if not gold_words:
        return 1.0
    share = len(gold_words & _words(ev.get("sentence", ""))) / len(gold_words)
    return share if share >= 0.6 else 0.0


def _compatible(pred: dict[str, Any], gold: dict[str, Any]) -> bool:
    if gold.get("type"):
        if _fold(pred.get("type")) != _fold(gold["type"]):
            return False
    else:
        gold_sub = (gold.get("acled") or {}).get("sub_event_type")
        if _fold((pred.get("acled") or {}).get("sub_event_type")) != _fold(gold_sub):
            return False
    for role in ("actor", "recipient"):
        gold_c = countries_of(gold.get(role))
        if gold_c and not gold_c & countries_of(pred.get(role)):
            return False
    return True


def match_document(preds: Sequence[dict[str, Any]], golds: Sequence[dict[str, Any]],
                   body: str) -> DocScore:
    """One-to-one greedy matching by evidence overlap; equal overlaps go to the pair whose
    location agrees (one sentence can hold one event per place)."""
    candidates: list[tuple[float, bool, int, int]] = []
    for pi, pred in enumerate(preds):
        for gi, gold in enumerate(golds):
            if not _compatible(pred, gold):
                continue
            overlap = _evidence_overlap(pred, gold, body)
            if overlap <= 0:
                continue
            agrees = "location" in gold and location_agrees(pred.get("location"), gold["location"])
            candidates.append((round(overlap, 3), agrees, pi, gi))
    candidates.sort(key=lambda c: (-c[0], not c[1], c[2], c[3]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    score = DocScore(predicted=len(preds))
    for _overlap, _agrees, pi, gi in candidates:
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        score.pairs.append((pi, gi))
    for gold in golds:
        if gold.get("optional"):
            score.gold_optional += 1
        else:
            score.gold_required += 1
    score.matched_predicted = len(score.pairs)
    score.matched_required = sum(1 for _, gi in score.pairs if not golds[gi].get("optional"))
    return score


# --------------------------------------------------------------------------- totals


@dataclass
class FieldTally:
    credit: float = 0.0
    predicted: int = 0  # pairs where the gold judges the field and the prediction gives it
    judged: int = 0  # pairs where the gold gives the field

    def as_dict(self) -> dict[str, float | int]:
        p = self.credit / self.predicted if self.predicted else 0.0
        r = self.credit / self.judged if self.judged else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4), "n": self.judged}


def prf(tp: float, n_pred: float, n_gold: float) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def score_fields(pairs: Sequence[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, FieldTally]:
    tallies = {name: FieldTally() for name in FIELDS}
    for pred, gold in pairs:
        for name in FIELDS:
            if name not in gold:
                continue
            tally = tallies[name]
            tally.judged += 1
            if _given(pred.get(name)) or not _given(gold[name]):
                tally.predicted += 1
            tally.credit += _CREDIT[name](pred.get(name), gold[name])
    return tallies


def score_labels(pairs: Sequence[tuple[str, str]]) -> dict[str, float]:
    """Accuracy, macro F1 and support-weighted F1 of (predicted, gold) document labels."""
    if not pairs:
        return {"n": 0, "accuracy": 0.0, "macro_f1": 0.0, "weighted_f1": 0.0}
    gold_counts = Counter(_fold(g) for _, g in pairs)
    classes = sorted(gold_counts | Counter(_fold(p) for p, _ in pairs))
    f1s: dict[str, float] = {}
    for c in classes:
        tp = sum(1 for p, g in pairs if _fold(p) == c and _fold(g) == c)
        n_pred = sum(1 for p, _ in pairs if _fold(p) == c)
        f1s[c] = prf(tp, n_pred, gold_counts[c])["f1"]
    total = sum(gold_counts.values())
    return {
        "n": len(pairs),
        "accuracy": round(sum(_fold(p) == _fold(g) for p, g in pairs) / len(pairs), 4),
        "macro_f1": round(sum(f1s.values()) / len(f1s), 4),
        "weighted_f1": round(sum(f1s[c] * gold_counts[c] for c in gold_counts) / total, 4),
    }


def check_article(article: dict[str, Any] | None, expected: dict[str, Any]) -> dict[str, bool]:
    """Each expected extraction key -> whether the extracted article satisfies it."""
    art = article or {}
    body = art.get("body") or ""
    checks: dict[str, bool] = {}
    for check in _ARTICLE_CHECKS:
        checks.update(check(art, body, expected))
    return checks


def _check_names(art: dict[str, Any], body: str, expected: dict[str, Any]) -> dict[str, bool]:
    return {key: _fold(art.get(key) or "") == _fold(expected[key] or "")
            for key in ("headline", "byline", "publisher") if key in expected}


def _check_published(art: dict[str, Any], body: str, expected: dict[str, Any]) -> dict[str, bool]:
    """Same time to the second, and the same UTC offset."""
    if "published" not in expected:
        return {}
    return {"published": (art.get("published") or "")[:19] == (expected["published"] or "")[:19]
            and _offset(art.get("published")) == _offset(expected["published"])}


def _check_body_start(art: dict[str, Any], body: str, expected: dict[str, Any]) -> dict[str, bool]:
    if "body_starts_with" not in expected:
        return {}
    return {"body_starts_with": body.startswith(expected["body_starts_with"])
            or _normalised(body)[0].startswith(_normalised(expected["body_starts_with"])[0])}


def _check_body_end(art: dict[str, Any], body: str, expected: dict[str, Any]) -> dict[str, bool]:
    if "body_ends_with" not in expected:
        return {}
    return {"body_ends_with": body.rstrip().endswith(expected["body_ends_with"])
            or _normalised(body)[0].rstrip().endswith(_normalised(expected["body_ends_with"])[0])}


def _check_absent(art: dict[str, Any], body: str, expected: dict[str, Any]) -> dict[str, bool]:
    return {f"absent:{phrase}": locate(phrase, body) is None
            for phrase in expected.get("boilerplate_must_not_appear", ())}


# The checks of an expected article, in the order the report lists them.
_ARTICLE_CHECKS: tuple[Callable[[dict[str, Any], str, dict[str, Any]], dict[str, bool]], ...] = (
    _check_names, _check_published, _check_body_start, _check_body_end, _check_absent)


def _offset(stamp: str | None) -> str:
    match = re.search(r"([+-]\d\d:?\d\d|Z)$", stamp or "")
    return match.group(1).replace(":", "") if match else ""
