"""Parse only what can hold an event (issue 15; the ``parse_filter`` setting, off by default).

spaCy's cost per body (en_core_web_sm, measured in docs/scale.md) is the shared tok2vec with the
tagger, parser, attribute ruler and lemmatizer that read it (about 60 %), and the entity
recogniser, which has a tok2vec of its own (about 40 %). Resolution reads the entities of the
whole document (an actor or place named in one sentence is the context of another), so the
entity recogniser runs on every sentence. The rest runs only on the regions that can hold an
event:

- a sentence is a candidate when one of its words is a form of a trigger lemma (the coder's
  ``triggers.tsv``: the lemma, its regular inflections, and the irregular forms of spaCy's own
  lemmatizer tables);
- candidates, their ``NEIGHBOURS`` on each side and the first ``LEAD_SENTENCES`` of the body are
  parsed in full, as runs of consecutive sentences (so the parser sees whole sentences and cuts
  them itself);
- every other run gets the entities and a flat tree per sentence (its first token the root), so
  that the coder walks the same sentences; its words have no tag or lemma, so it holds no trigger.

Sentences are found by punctuation before the parse (``sentence_starts``), and the text is cut
only after a run of whitespace, so every region tokenises as it would inside the whole body.
The Docs of the regions are joined into one (token offsets are offsets into the whole text).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from .errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

LEAD_SENTENCES = 3
NEIGHBOURS = 1
# What the light regions skip: everything but the entity recogniser.
LIGHT_DISABLED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter",
                  "newsevents_token_attributes")

# A sentence ends after . ! or ? (and closing quotes or brackets) followed by whitespace and a
# capital, a digit or an opening quote, or at a line break; the next one starts after that
# whitespace. A cut here is final (the parser cannot join the pieces again), so a period after an
# abbreviation ("U.S.", "p.m.", "Aug.", "Mr.") or an initial ("John F. Kennedy") is no end.
_BREAK = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[A-Z0-9\"'“‘(])|\n\s*")
_LAST_WORD = re.compile(r"(\S+?)[.!?][\"'”’)\]]*$")
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "cpl", "rev", "st",
    "sen", "rep", "gov", "pres", "jr", "sr", "inc", "ltd", "co", "corp", "no", "vs", "etc",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft",
})
_WORD = re.compile(r"[a-z]+")


def _ends_sentence(before: str) -> bool:
    """Whether the text ``before`` a break ends a sentence (not an abbreviation or initial)."""
    last = _LAST_WORD.search(before[-40:])
    if last is None:
        return True
    word = last.group(1).lstrip("\"'“‘(")
    return len(word) > 1 and "." not in word and word.lower() not in ABBREVIATIONS


def sentence_starts(text: str) -> list[int]:
    """Character offsets where the sentences of ``text`` start (0 first), by punctuation."""
    starts = [0]
    for m in _BREAK.finditer(text):
        if starts[-1] < m.end() < len(text) and (
                "\n" in m.group() or _ends_sentence(text[starts[-1]:m.start()])):
            starts.append(m.end())
    return starts


def _inflections(lemma: str) -> set[str]:
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}  # "clashed", "shelled"
    return forms


@functools.lru_cache(maxsize=4)
def trigger_forms(nlp: Language, model: str) -> frozenset[str]:
    """Every lower-case word that may be a form of a trigger lemma (``nlp`` is the loaded
    pipeline ``model``: analyse loads it and calls this module, never the other way round)."""
    from spacy.pipeline import Lemmatizer

    from .coder.tables import load_tables

    tables = load_tables()
    # a hyphenated trigger ("sit-in") is found by its first word, which the tokenizer splits off
    lemmas = {lemma.split("-")[0] for lemma, _pos in tables.triggers}
    forms = {f for lemma in lemmas for f in _inflections(lemma)}
    # irregular forms ("fought", "struck", "fled") from the lemmatizer's exceptions, and the
    # coder's own corrections of the lemmatizer (classes.tsv "form" rows)
    lemmatizer = nlp.get_pipe("lemmatizer")
    if not isinstance(lemmatizer, Lemmatizer):
        raise ConfigError(f"spaCy pipeline {model!r} has no rule lemmatizer for the parse filter")
    exceptions = lemmatizer.lookups.get_table("lemma_exc")
    for table in exceptions.values():
        forms |= {form for form, bases in table.items() if lemmas.intersection(bases)}
    forms |= {form for form, lemma in tables.classes.get("form", {}).items() if lemma in lemmas}
    return frozenset(forms)


def full_sentences(sentences: Sequence[str], forms: frozenset[str]) -> list[bool]:
    """Per sentence, whether it is parsed in full: a candidate, a candidate's neighbour, or the lead."""
    candidate = [bool(forms.intersection(_WORD.findall(s.lower()))) for s in sentences]
    return [i < LEAD_SENTENCES or any(candidate[max(0, i - NEIGHBOURS):i + NEIGHBOURS + 1])
            for i in range(len(sentences))]


def regions(text: str, forms: frozenset[str]) -> list[tuple[str, bool, list[int]]]:
    """``text`` cut into runs of sentences parsed in full or not: (text, full, sentence starts
    within it); joined, the texts are ``text`` again."""
    starts = sentence_starts(text)
    ends = starts[1:] + [len(text)]
    full = full_sentences([text[a:b] for a, b in zip(starts, ends, strict=True)], forms)
    out: list[tuple[str, bool, list[int]]] = []
    begin = 0
    for i, start in enumerate(starts):
        if i + 1 == len(starts) or full[i + 1] != full[i]:
            out.append((text[begin:ends[i]], full[i],
                        [s - begin for s in starts if begin <= s <= start]))
            begin = ends[i]
    return out


def flat_trees(doc: Doc, starts: Sequence[int]) -> Doc:
    """``doc`` with one flat tree per sentence starting at ``starts`` (character offsets): its
    first token the root, every other token attached to it. The coder then walks these
    sentences and finds no trigger in them (their words have no tag)."""
    import numpy as np
    from spacy.attrs import DEP, HEAD

    offsets = [t.idx for t in doc]
    roots = {bisect.bisect_left(offsets, s) for s in starts}
    root = 0
    heads = np.zeros((len(doc), 2), dtype=np.uint64)
    root_dep, dep = doc.vocab.strings.add("ROOT"), doc.vocab.strings.add("dep")
    for token in doc:
        if token.i in roots:
            root = token.i
        heads[token.i] = ((root - token.i) & 0xFFFFFFFFFFFFFFFF,
                          root_dep if token.i == root else dep)
    doc.from_array([HEAD, DEP], heads)  # type: ignore[arg-type]  # thinc's Ints2d is an ndarray
    return doc


def parse_filtered(nlp: Language, texts: Iterable[str], model: str, batch_size: int
                   ) -> Iterator[Doc]:
    """Each text's Doc, the full pipeline run on its candidate regions only (see the module)."""
    from spacy.tokens import Doc

    forms = trigger_forms(nlp, model)
    cut = [regions(text, forms) for text in texts]
    full = iter(nlp.pipe([r for parts in cut for r, f, _ in parts if f], batch_size=batch_size))
    light_names = [n for n in LIGHT_DISABLED if n in nlp.pipe_names]
    light = iter(nlp.pipe([r for parts in cut for r, f, _ in parts if not f],
                          batch_size=batch_size, disable=light_names))
    for parts in cut:
        docs = [next(full) if f else flat_trees(next(light), starts) for _, f, starts in parts]
        # the light regions have no tok2vec tensor to join (nothing downstream reads it)
        yield docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False,
                                                           exclude=["tensor"])  # type: ignore[call-arg]


__all__ = ["LEAD_SENTENCES", "NEIGHBOURS", "full_sentences", "parse_filtered", "regions",
           "sentence_starts", "trigger_forms"]
