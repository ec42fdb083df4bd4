"""The sentence encoder's speed-ups change no vector: batching without padding, and the cache of
recent sentences. Sentences are our own."""

from __future__ import annotations

import numpy as np
import pytest

from newsevents.classify.encoder import SentenceEncoder, equal_length_batches

SENTENCES = [
    "Troops shelled the village at dawn.",
    "Police fired tear gas at several hundred protesters who had gathered outside the ministry "
    "of labour on Monday to demand unpaid wages.",
    "Two soldiers died.",
    "The foreign minister met her counterpart in the capital to discuss the ceasefire talks.",
    "Troops shelled the village at dawn.",
    "Gunmen abducted 12 farmers near the border, local officials said.",
]


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    return SentenceEncoder(cache_size=0)


def test_batches_group_equal_lengths_shortest_first_capped() -> None:
    assert equal_length_batches([5, 3, 5, 3, 5, 9], 2) == [[1, 3], [0, 2], [4], [5]]
    assert equal_length_batches([], 16) == []


def test_a_vector_does_not_depend_on_its_batch_or_padding(encoder: SentenceEncoder) -> None:
    """What lets the encoder batch as it likes: each text alone, and all of them padded to the
    longest in one batch (the old way), give the same vectors bit for bit."""
    together = encoder.encode(SENTENCES)
    alone = np.vstack([encoder.encode([s]) for s in SENTENCES])
    assert np.array_equal(together, alone)
    encodings = encoder.tokenizer.encode_batch(SENTENCES)
    width = max(len(e.ids) for e in encodings)
    ids = np.zeros((len(SENTENCES), width), dtype=np.int64)
    mask = np.zeros_like(ids)
    for row, e in enumerate(encodings):
        ids[row, :len(e.ids)] = e.ids
        mask[row, :len(e.ids)] = 1
    hidden = encoder.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                        "token_type_ids": np.zeros_like(ids)})[0]
    weights = mask[:, :, None].astype(np.float32)
    pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
    padded = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
    assert np.array_equal(together, padded)


def test_the_cache_returns_the_same_vectors_and_stays_bounded(encoder: SentenceEncoder) -> None:
    cached = SentenceEncoder(cache_size=3)
    first = cached.encode(SENTENCES)
    assert len(cached._cache) == 3
    again = cached.encode(list(reversed(SENTENCES)))
    assert np.array_equal(again, first[::-1])
    assert np.array_equal(first, encoder.encode(SENTENCES))
    assert cached.encode([]).shape == (0, 384)
