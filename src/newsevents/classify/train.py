"""``make train``: rebuild the sentence model from ``corpus/train`` (fixed seeds, same result on
the same corpus), then score it on ``corpus/heldout``.

    python -m newsevents.classify.train [--corpus corpus] [--out src/newsevents/data/model]

Training needs scikit-learn and scipy (the ``train`` extra); inference does not.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .corpus import Example, read_split
from .encoder import SentenceEncoder
from .features import terms
from .model import HEADS, MODEL_FILE, VOCAB_FILE, SentenceModel, load_model, prose

PROJECT = Path(__file__).resolve().parents[3]
SEED = 13
MAX_TERMS = 20000  # the most frequent words and pairs; rarer ones add size, not accuracy
MIN_DF = 2
# Sentence vectors are unit length and dense, TF-IDF rows are unit length and sparse; scaling the
# vector block up lets one regularisation strength suit both.
VECTOR_WEIGHT = 2.0
C = {"event": 4.0, "temporal": 4.0, "plover": 4.0, "acled": 4.0}
FOLDS = 3
ARTICLE_WEIGHT = 0.5


def labels(examples: list[Example], head: str) -> list[str]:
    if head == "event":
        return ["yes" if ex.event else "no" for ex in examples]
    if head == "temporal":
        return [ex.temporal for ex in examples]
    if head == "plover":
        return [ex.plover or "" for ex in examples]
    return [ex.acled or "none" for ex in examples]


def head_rows(examples: list[Example], head: str) -> list[int]:
    """PLOVER and ACLED heads learn from event sentences only (read them given an event), and
    not from the sentences of whole articles: those teach the event and temporal heads what
    the prose around an event looks like (quotes, context, clutter), while the typing heads,
    trained on them too, scored lower on the held-out writer (PLOVER 0.893 -> 0.888, ACLED macro
    F1 0.872 -> 0.866; without them 0.895 and 0.880)."""
    if head in ("plover", "acled"):
        return [i for i, ex in enumerate(examples) if ex.event and not ex.from_article]
    return list(range(len(examples)))


def example_weights(examples: list[Example]) -> np.ndarray:
    """Each sentence of a whole article counts ``ARTICLE_WEIGHT`` of a written sentence."""
    return np.array([ARTICLE_WEIGHT if ex.from_article else 1.0 for ex in examples])


def build_vocabulary(texts: list[str]) -> tuple[list[str], np.ndarray]:
    df: Counter[str] = Counter()
    for text in texts:
        df.update(set(terms(text)))
    kept = sorted((t for t, n in df.items() if n >= MIN_DF), key=lambda t: (-df[t], t))[:MAX_TERMS]
    vocab = sorted(kept)
    n = len(texts)
    idf = np.array([np.log((1 + n) / (1 + df[t])) + 1.0 for t in vocab], dtype=np.float64)
    return vocab, idf


def feature_matrix(vectors: np.ndarray, texts: list[str], vocab: list[str], idf: np.ndarray
                   ) -> Any:
    from scipy import sparse

    from .features import tfidf_rows

    index = {t: i for i, t in enumerate(vocab)}
    rows = tfidf_rows(texts, index, idf)
    data, cols, ptr = [], [], [0]
    for c, w in rows:
        cols.extend(c.tolist())
        data.extend(w.tolist())
        ptr.append(len(cols))
    words = sparse.csr_matrix((data, cols, ptr), shape=(len(texts), len(vocab)))
    return sparse.hstack([sparse.csr_matrix(vectors * VECTOR_WEIGHT), words]).tocsr()


def _fit(x: Any, y: list[str], c: float, weights: np.ndarray | None = None) -> Any:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=3000, random_state=SEED)
    model.fit(x, y, sample_weight=weights)
    return model


def fit_temperature(logits: np.ndarray, gold: np.ndarray) -> float:
    """The scalar that makes softmax(logits / T) fit held-back labels best (least log loss)."""
    from scipy.optimize import minimize_scalar

    def loss(t: float) -> float:
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return float(-logp[np.arange(len(gold)), gold].mean())

    return float(minimize_scalar(loss, bounds=(0.05, 20.0), method="bounded").x)


def train_head(x: Any, y: list[str], c: float, weights: np.ndarray | None = None
               ) -> dict[str, np.ndarray]:
    from sklearn.model_selection import StratifiedKFold

    classes = sorted(set(y))
    if len(classes) == 1:  # nothing to learn: a head that always answers its one class
        return {"classes": np.array(classes), "coef": np.zeros((1, x.shape[1]), np.float16),
                "intercept": np.zeros(1, np.float32), "temperature": np.array(1.0)}
    index = {k: i for i, k in enumerate(classes)}
    gold = np.array([index[v] for v in y])
    held = np.zeros((len(y), len(classes)))
    smallest = min(Counter(y).values())
    folds = StratifiedKFold(n_splits=max(2, min(FOLDS, smallest)), shuffle=True, random_state=SEED)
    for train_idx, test_idx in folds.split(np.zeros(len(y)), gold):
        fold_model = _fit(x[train_idx], [y[i] for i in train_idx], c,
                          None if weights is None else weights[train_idx])
        cols = [index[k] for k in fold_model.classes_]
        held[np.ix_(test_idx, cols)] = fold_model.decision_function(x[test_idx]).reshape(
            len(test_idx), -1) if len(classes) > 2 else _binary_logits(fold_model, x[test_idx])
    model = _fit(x, y, c, weights)
    coef, intercept = model.coef_, model.intercept_
    if len(classes) == 2:  # sklearn keeps one row for two classes: spell out both
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        intercept = np.array([-intercept[0] / 2, intercept[0] / 2])
    # float16 halves the file; the logits move by under 1e-3, far below any threshold
    return {"classes": np.array(classes), "coef": coef.astype(np.float16),
            "intercept": intercept.astype(np.float32),
            "temperature": np.array(fit_temperature(held, gold))}


def _binary_logits(model: Any, x: Any) -> np.ndarray:
    d = model.decision_function(x)
    return np.stack([-d / 2, d / 2], axis=1)


def encode_cached(encoder: SentenceEncoder, texts: list[str], cache: Path) -> np.ndarray:
    """Sentence vectors, reusing those of texts seen in an earlier run (build/, not committed)."""
    import hashlib

    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    known: dict[str, np.ndarray] = {}
    if cache.exists():
        with np.load(cache) as npz:
            known = dict(zip(npz["keys"].tolist(), npz["vectors"]))
    missing = [i for i, k in enumerate(keys) if k not in known]
    if missing:
        fresh = encoder.encode([texts[i] for i in missing])
        for i, vec in zip(missing, fresh):
            known[keys[i]] = vec
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cache, keys=np.array(list(known)), vectors=np.stack(list(known.values())))
    return np.stack([known[k] for k in keys])


def train(corpus: Path, out: Path, cache: Path) -> SentenceModel:
    examples = read_split(corpus, "train")
    if not examples:
        raise SystemExit(f"no training examples under {corpus / 'train'}")
    texts = [prose(ex.text) for ex in examples]
    encoder = SentenceEncoder(threads=2)
    vectors = encode_cached(encoder, texts, cache)
    vocab, idf = build_vocabulary(texts)
    x = feature_matrix(vectors, texts, vocab, idf)
    arrays: dict[str, np.ndarray] = {"idf": idf.astype(np.float32),
                                     "vector_weight": np.array(VECTOR_WEIGHT)}
    for head in HEADS:
        rows = head_rows(examples, head)
        names = labels(examples, head)
        fitted = train_head(x[rows], [names[i] for i in rows], C[head],
                            example_weights([examples[i] for i in rows]))
        arrays.update({f"{head}_{k}": v for k, v in fitted.items()})
        print(f"{head}: {len(rows)} examples, {len(fitted['classes'])} classes, "
              f"temperature {float(fitted['temperature']):.2f}", file=sys.stderr)
    out.mkdir(parents=True, exist_ok=True)
    # allow_pickle is named (numpy's default) so that the arrays are not read as its value
    np.savez_compressed(out / MODEL_FILE, allow_pickle=True, **arrays)
    (out / VOCAB_FILE).write_bytes(gzip.compress(
        json.dumps(vocab, ensure_ascii=False).encode("utf-8"), mtime=0))
    return load_model(encoder, out)


# --------------------------------------------------------------------------- scoring


def _macro_f1(pairs: list[tuple[str, str]]) -> float:
    classes = {g for _, g in pairs} | {p for p, _ in pairs}
    f1s = []
    for c in classes:
        tp = sum(1 for p, g in pairs if p == c and g == c)
        n_pred = sum(1 for p, _ in pairs if p == c)
        n_gold = sum(1 for _, g in pairs if g == c)
        if not n_gold:
            continue  # a class only predicted counts in precision elsewhere, not in the mean
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f1s) / len(f1s) if f1s else 0.0


def _accuracy(pairs: Sequence[tuple[object, object]]) -> float:
    """Share of (predicted, gold) pairs that agree; 0.0 without pairs."""
    return round(sum(p == g for p, g in pairs) / max(1, len(pairs)), 4)


def _calibration_error(probs: np.ndarray, truth: np.ndarray) -> float:
    """Expected calibration error of P(event) over ten equal-width bins."""
    ece = 0.0
    for lo, hi in itertools.pairwise(np.linspace(0, 1, 11)):
        inside = (probs >= lo) & (probs < hi if hi < 1 else probs <= hi)
        if inside.any():
            ece += inside.mean() * abs(probs[inside].mean() - truth[inside].mean())
    return ece


def _auc(scores: Sequence[float], truth: Sequence[bool]) -> float:
    """Area under the ROC curve of P(event): the chance that an event sentence scores above a
    non-event one (ties count half); 0.5 when one side is empty."""
    pos = np.array([s for s, t in zip(scores, truth) if t])
    neg = np.array([s for s, t in zip(scores, truth) if not t])
    if not len(pos) or not len(neg):
        return 0.5
    above = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(above / (len(pos) * len(neg)))


def score_examples(model: SentenceModel, examples: list[Example]) -> dict[str, float]:
    """Event accuracy and AUC, PLOVER accuracy (events), ACLED macro F1 (every line: the sub-type
    when the model says event, else none), temporal accuracy, and the calibration error of
    P(event)."""
    if not examples:
        return {}
    scores = model.predict([ex.text for ex in examples])
    ev_pairs = [(s.event >= 0.5, ex.event) for s, ex in zip(scores, examples)]
    acled = [((s.top("acled")[0] if s.event >= 0.5 else "none"), ex.acled or "none")
             for s, ex in zip(scores, examples)]
    plover = [(s.top("plover")[0], ex.plover) for s, ex in zip(scores, examples) if ex.event]
    temporal = [(s.top("temporal")[0], ex.temporal) for s, ex in zip(scores, examples)]
    ece = _calibration_error(np.array([s.event for s in scores]),
                             np.array([ex.event for ex in examples], dtype=float))
    return {
        "n": len(examples),
        "event_accuracy": _accuracy(ev_pairs),
        "event_auc": round(_auc([s.event for s in scores], [ex.event for ex in examples]), 4),
        "plover_accuracy": _accuracy(plover),
        "acled_macro_f1": round(_macro_f1(acled), 4),
        "acled_accuracy": _accuracy(acled),
        "temporal_accuracy": _accuracy(temporal),
        "event_calibration_error": round(float(ece), 4),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=PROJECT / "corpus")
    parser.add_argument("--out", type=Path, default=PROJECT / "src" / "newsevents" / "data" / "model")
    parser.add_argument("--cache", type=Path, default=PROJECT / "build" / "corpus-vectors.npz")
    args = parser.parse_args(argv)
    model = train(args.corpus, args.out, args.cache)
    report = {"model": model.hash,
              "train": len(read_split(args.corpus, "train")),
              "heldout": score_examples(model, read_split(args.corpus, "heldout")),
              "heldout-articles": score_examples(model, read_split(args.corpus, "heldout-articles"))}
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["score_examples", "train"]
