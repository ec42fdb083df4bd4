"""The trained sentence classifier: is this an event, of which PLOVER type, which ACLED
sub-event type, and is it current news or background?

Four linear heads (multinomial logistic regression) over one feature row per sentence: the
MiniLM sentence vector and the TF-IDF of its words (:mod:`.features`). Each head's logits are
divided by a temperature fitted on held-back folds at training time, so the probabilities are
calibrated. The heads:

- ``event``: ``yes`` / ``no``;
- ``temporal``: current, background, future, hypothetical, negated, generic;
- ``plover``: the 16 PLOVER types (trained on event sentences only: read it given an event);
- ``acled``: the 25 ACLED sub-event types and ``none`` (event sentences only).

The model lives in ``data/model/sentence-model.npz`` with its vocabulary in
``sentence-vocab.json.gz``; ``make train`` rebuilds both from ``corpus/`` (:mod:`.train`).
Inference is numpy only.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError
from .encoder import SentenceEncoder, shared_encoder
from .features import tfidf_rows

HEADS = ("event", "temporal", "plover", "acled")
MODEL_FILE = "sentence-model.npz"
VOCAB_FILE = "sentence-vocab.json.gz"


@dataclass(frozen=True)
class SentenceScores:
    """Calibrated probabilities of one sentence; each head's classes sum to 1."""

    event: float
    temporal: dict[str, float] = field(default_factory=dict)
    plover: dict[str, float] = field(default_factory=dict)
    acled: dict[str, float] = field(default_factory=dict)

    def top(self, head: str) -> tuple[str, float]:
        probs: dict[str, float] = getattr(self, head)
        best = max(probs, key=probs.__getitem__)
        return best, probs[best]

    def summary(self, keep: int = 3) -> dict[str, Any]:
        """The record's ``scores``: event probability and each head's most likely classes."""
        def head(probs: dict[str, float]) -> dict[str, float]:
            ranked = sorted(probs.items(), key=lambda kv: -kv[1])[:keep]
            return {k: round(v, 3) for k, v in ranked}
        return {"event": round(self.event, 3), "temporal": head(self.temporal),
                "plover": head(self.plover), "acled": head(self.acled)}


# A quote mark that closes the paragraph before, left at a sentence's start by the segmenter.
_STRAY_QUOTE = re.compile(r'^["\u201c\u201d\u2019\']\s+')
_SPACE = re.compile(r"\s+")


def prose(text: str) -> str:
    """The sentence as a reader sees it: runs of spaces and line breaks as one space, and no
    stray closing quote before it. The model learned from single-line sentences: a leading
    '"' and two line breaks left by the segmenter took an arrest's event probability from 0.83
    to 0.08."""
    return _STRAY_QUOTE.sub("", _SPACE.sub(" ", text).strip())


def _softmax(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class SentenceModel:
    def __init__(self, arrays: dict[str, np.ndarray], vocabulary: dict[str, int],
                 encoder: SentenceEncoder | None = None) -> None:
        self.arrays = arrays
        self.vocabulary = vocabulary
        self.idf = arrays["idf"].astype(np.float64)
        self.vector_weight = float(arrays["vector_weight"])
        self.classes = {h: [str(c) for c in arrays[f"{h}_classes"]] for h in HEADS}
        # weights are stored in float16 (half the file); widened once here, not per sentence
        self.coef = {h: arrays[f"{h}_coef"].astype(np.float32) for h in HEADS}
        self.intercept = {h: arrays[f"{h}_intercept"].astype(np.float32) for h in HEADS}
        self._encoder = encoder
        digest = hashlib.sha256()
        for name in sorted(arrays):
            digest.update(name.encode())
            digest.update(np.ascontiguousarray(arrays[name]).tobytes())
        self.hash = digest.hexdigest()[:16]

    @property
    def encoder(self) -> SentenceEncoder:
        if self._encoder is None:
            self._encoder = shared_encoder()
        return self._encoder

    def logits(self, head: str, vectors: np.ndarray,
               rows: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
        coef = self.coef[head]
        dims = vectors.shape[1]
        out = (vectors * self.vector_weight) @ coef[:, :dims].T
        words = coef[:, dims:]
        for i, (cols, weights) in enumerate(rows):
            if len(cols):
                out[i] += words[:, cols] @ weights
        out += self.intercept[head]
        return out / float(self.arrays[f"{head}_temperature"])

    def predict(self, texts: Sequence[str]) -> list[SentenceScores]:
        texts = [prose(t) for t in texts]
        if not texts:
            return []
        vectors = self.encoder.encode(texts)
        rows = tfidf_rows(texts, self.vocabulary, self.idf)
        probs = {h: _softmax(self.logits(h, vectors, rows)) for h in HEADS}
        yes = self.classes["event"].index("yes")
        out = []
        for i in range(len(texts)):
            def named(head: str, i: int = i) -> dict[str, float]:
                return {c: float(p) for c, p in zip(self.classes[head], probs[head][i])}
            out.append(SentenceScores(event=float(probs["event"][i, yes]),
                                      temporal=named("temporal"), plover=named("plover"),
                                      acled=named("acled")))
        return out


def load_model(encoder: SentenceEncoder | None = None, directory: Path | None = None
               ) -> SentenceModel:
    """The packaged model, or the one in ``directory`` (what `make train --out` wrote)."""
    base = directory if directory is not None else resources.files("newsevents.data").joinpath(
        "model")
    try:
        with base.joinpath(MODEL_FILE).open("rb") as handle:
            npz = np.load(handle, allow_pickle=False)
            arrays = {name: npz[name] for name in npz.files}
        vocab = json.loads(gzip.decompress(base.joinpath(VOCAB_FILE).read_bytes()))
    except FileNotFoundError as exc:
        raise ConfigError(f"the sentence model is missing ({exc.filename}): run `make train`"
                          ) from exc
    return SentenceModel(arrays, {t: i for i, t in enumerate(vocab)}, encoder)


@lru_cache(maxsize=1)
def shared_model() -> SentenceModel:
    """One model per process (per pool or Dask worker), loaded on first use."""
    return load_model()


__all__ = ["HEADS", "SentenceModel", "SentenceScores", "load_model", "shared_model"]
