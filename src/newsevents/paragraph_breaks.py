"""A paragraph break ends a sentence: spaCy's parser, left alone, runs a sentence on across a blank
line after a line with no closing stop (a subhead, a byline, "Staff Reports", a live blog's
"4:14 p.m.", a police blotter's entries), and an event's evidence, roles and date then mix two
paragraphs. So does the end of a place dateline ("KHARTOUM, March 3 (Agency) - Army troops
entered the town"): parsed as one sentence, the town in capitals becomes the verb's subject.
Imported (and the component registered) when the pipeline is loaded."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .extract.datelines import place_dateline_end

NAME = "newsevents_paragraph_breaks"


@Language.component(NAME)
def paragraph_breaks(doc: Doc) -> Doc:
    """Mark the token after every blank line, and the first after a place dateline opening the
    text, as a sentence start; the parser keeps the marks."""
    for token in doc[1:]:
        before = doc[token.i - 1]
        if before.is_space and "\n\n" in before.text and not token.is_space:
            token.is_sent_start = True
    dateline = place_dateline_end(doc.text)
    after = next((t for t in doc if t.idx >= dateline), None) if dateline else None
    if after is not None and after.i > 0:
        after.is_sent_start = True
    return doc


def add_to(nlp: Language) -> None:
    """Put the component before whatever splits sentences (the parser, or a senter)."""
    splitter = next((n for n in ("parser", "senter") if n in nlp.pipe_names), None)
    if splitter is None:
        raise ValueError(f"the spaCy pipeline has no parser or senter: {nlp.pipe_names}")
    nlp.add_pipe(NAME, before=splitter)
