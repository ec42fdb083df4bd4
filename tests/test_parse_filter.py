"""The parse filter (``parse_filter`` setting): only the sentences that can hold an event get the
full spaCy pipeline; every sentence keeps its entities. Texts are our own."""

from __future__ import annotations

import pytest

from newsevents import parse_filter
from newsevents.analyse import load_model, parse
from newsevents.options import load_options

BODY = (
    "The new library has three floors. It stands beside the river.\n\n"
    "The building is made of brick. Readers like the light. Its cafe serves soup. "
    "The garden has old trees.\n\n"
    "Later that day, gunmen attacked a police post near Mosul, killing two officers. "
    "The library stays quiet. Parking costs little on Sundays. Children read upstairs."
)


@pytest.fixture(scope="module")
def model() -> str:
    return load_options().spacy_model


def test_sentences_start_after_end_punctuation_and_line_breaks() -> None:
    text = 'He left. "She stayed." Then\nthey met?  Yes'
    starts = parse_filter.sentence_starts(text)
    assert [text[s:s + 4] for s in starts] == ["He l", '"She', "Then", "they", "Yes"]


def test_candidates_their_neighbours_and_the_lead_are_parsed_in_full() -> None:
    forms = frozenset({"attacked"})
    sentences = ["a", "b", "c", "d", "e", "x attacked y", "g", "h"]
    assert parse_filter.full_sentences(sentences, forms) == [
        True, True, True, False, True, True, True, False]


def test_regions_join_back_into_the_text(model: str) -> None:
    forms = parse_filter.trigger_forms(load_model(model), model)
    parts = parse_filter.regions(BODY, forms)
    assert "".join(text for text, _, _ in parts) == BODY
    assert [full for _, full, _ in parts] == [True, False, True, False]


def test_trigger_forms_hold_regular_and_irregular_forms(model: str) -> None:
    forms = parse_filter.trigger_forms(load_model(model), model)
    assert {"attacked", "attacks", "killing", "fought", "protesters"} & forms >= {
        "attacked", "attacks", "killing", "fought"}
    assert "library" not in forms


def test_the_filtered_parse_keeps_text_tokens_entities_and_the_candidate_parse(model: str) -> None:
    [full] = parse([BODY], model)
    [filtered] = parse([BODY], model, candidates_only=True)
    assert filtered.text == BODY
    assert [t.text for t in filtered] == [t.text for t in full]
    assert {(e.text, e.label_) for e in filtered.ents} >= {("Mosul", "GPE")}
    attack = next(s for s in filtered.sents if "gunmen" in s.text)
    same = next(s for s in full.sents if "gunmen" in s.text)
    assert [(t.lemma_, t.dep_, t.head.i) for t in attack] == [
        (t.lemma_, t.dep_, t.head.i) for t in same]
    quiet = next(s for s in filtered.sents if s.text.startswith("Readers"))
    assert quiet.root.dep_ == "ROOT" and all(t.pos_ == "" for t in quiet)
