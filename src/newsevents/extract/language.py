"""Language identification with py3langid, only on enough text to be trusted."""

from __future__ import annotations

from collections.abc import Collection
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


# An English note full of Nigerian or Philippine names can come out as Nigerian Pidgin or Bikol,
# with English close behind; a text in another language leaves English next to nothing.
# Measured on our corpus: 75 of 17,967 English texts were read as another language, English
# keeping 0.009 of the probability or more; on news sentences written in ten other languages
# English kept under 0.00001. A text whose accepted languages keep less than this is foreign.
FOREIGN_UNDER = 0.001


def detect(text: str, accepted: Collection[str] = ()) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability) or None when the text is too short to judge. When the
    identifier's best language is not ``accepted`` but an accepted one keeps at least
    ``FOREIGN_UNDER`` of the probability, that one is the text's language (``accepted``
    empty: the best language, whatever it is)."""
    if len(text.split()) < MIN_WORDS:
        return None
    ranked = [(str(code), float(prob)) for code, prob in _identifier().rank(text[:SAMPLE_CHARS])]
    best = ranked[0]
    if not accepted or best[0] in accepted:
        return best
    kept = next(((code, prob) for code, prob in ranked if code in accepted), None)
    return kept if kept is not None and kept[1] >= FOREIGN_UNDER else best


def language_name(code: str) -> str:
    lang = pycountry.languages.get(alpha_2=code)
    return lang.name if lang is not None else code
