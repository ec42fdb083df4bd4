"""Word features for the sentence classifier: TF-IDF over words and word pairs.

The same function splits text at training and at run time, so the model file only needs the
vocabulary and the IDF weights (no pickled vectoriser, whose format changes between
scikit-learn releases). Weighting is scikit-learn's ``TfidfVectorizer(sublinear_tf=True)``:
``(1 + log tf) * idf``, then the row is L2-normalised.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+")


def _shape(token: str) -> str:
    # Numbers count as their shape: "killed 12" and "killed 40" are the same evidence.
    return "<num>" if token.isdigit() else token


def terms(text: str) -> list[str]:
    """Lower-cased words (numbers as ``<num>``) and adjacent word pairs."""
    words = [_shape(w) for w in _WORD.findall(text.lower().replace("’", "'"))]
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def tfidf_rows(texts: Sequence[str], vocabulary: Mapping[str, int], idf: np.ndarray
               ) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per text, the (column indices, weights) of its non-zero TF-IDF features."""
    rows = []
    for text in texts:
        counts = Counter(t for t in terms(text) if t in vocabulary)
        if not counts:
            rows.append((np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)))
            continue
        cols = np.fromiter((vocabulary[t] for t in counts), dtype=np.int64, count=len(counts))
        tf = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=np.float64,
                         count=len(counts))
        weights = tf * idf[cols]
        weights /= max(float(np.linalg.norm(weights)), 1e-12)
        rows.append((cols, weights.astype(np.float32)))
    return rows


__all__ = ["terms", "tfidf_rows"]
