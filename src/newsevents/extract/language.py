"""Language identification with py3langid, only on enough text to be trusted."""

from __future__ import annotations

from functools import lru_cache

import pycountry
from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Below this many words the identifier guesses; such texts are left unlabelled (and usually end
# up rejected as too short anyway).
MIN_WORDS = 12
# The sample is capped: the first few thousand characters decide as well as the whole text.
SAMPLE_CHARS = 3000


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability) or None when the text is too short to judge."""
    if len(text.split()) < MIN_WORDS:
        return None
    code, prob = _identifier().classify(text[:SAMPLE_CHARS])
    return str(code), float(prob)


def language_name(code: str) -> str:
    lang = pycountry.languages.get(alpha_2=code)
    return lang.name if lang is not None else code
